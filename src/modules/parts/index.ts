import { defineModule } from '../../kernel/module.js';
import * as tables from './parts.tables.js';
import { partsRoutes } from './parts.routes.js';
import { createPartsService, type PartsDeps } from './parts.service.js';

export { createPartsService, type PartsService } from './parts.service.js';

/** The module, as the server registers it (src/modules.ts): after fees, which prices the parts used on an order. */
export const partsModule = defineModule({
  name: 'parts',
  tables,
  build: (d: PartsDeps) => ({ parts: createPartsService(d) }),
  routes: (s) => partsRoutes(s.parts),
});
