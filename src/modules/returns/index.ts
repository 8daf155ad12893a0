import { defineModule } from '../../kernel/module.js';
import * as tables from './returns.tables.js';
import { returnsRoutes } from './returns.routes.js';
import { createReturnsService, type ReturnsDeps } from './returns.service.js';

export { createReturnsService, type ReturnsService } from './returns.service.js';
export { customerReturnCasesView, toCustomerReturnTimeline } from './returns.contract.js';

/** The module, as the server registers it (src/modules.ts): after units and work orders, whose services it reads. */
export const returnsModule = defineModule({
  name: 'returns',
  tables,
  build: (d: ReturnsDeps) => ({ returns: createReturnsService(d) }),
  // A completed pickup visit (kind `return`) moves its line's way back on.
  followers: ({ returns }) => [returns.orderFollower],
  routes: (s) => returnsRoutes(s.returns),
});
