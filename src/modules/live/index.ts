import { defineModule } from '../../kernel/module.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as tables from './live.tables.js';
import { liveRoutes } from './live.routes.js';
import { createLiveService, type LiveDeps, type LiveService } from './live.service.js';

export { createLiveService, type LiveService } from './live.service.js';
export { liveKinds, type LiveKind } from './live.rules.js';

/**
 * The module, as the server registers it (src/modules.ts): right after work orders, so promises
 * (built after it) publish their alerts through it; it follows every order's steps.
 */
export const liveModule = defineModule<LiveDeps & { options: { liveHeartbeatMs?: number } }, { live: LiveService }, OrderFollower>({
  name: 'live',
  tables,
  build: (d: LiveDeps & { options: { liveHeartbeatMs?: number } }) => ({ live: createLiveService(d) }),
  followers: ({ live }): OrderFollower[] => [live.orderFollower],
  routes: (s) => liveRoutes(s.live, { heartbeatMs: s.options.liveHeartbeatMs ?? 15_000 }),
});
