import { defineModule } from '../../kernel/module.js';
import type { OrderFollower, WorkOrdersService } from '../work-orders/index.js';
import * as tables from './evidence.tables.js';
import { evidenceRoutes } from './evidence.routes.js';
import { createEvidenceService, type EvidenceDeps} from './evidence.service.js';

export { createEvidenceService, type EvidenceService } from './evidence.service.js';
export { flagsOf as orderFlagsOf } from './evidence.repo.js';

/** The module, as the server registers it (src/modules.ts). */
export const evidenceModule = defineModule({
  name: 'evidence',
  tables,
  // Built after work orders: its routes read orders through them; work orders call it as a follower.
  build: (d: Omit<EvidenceDeps, 'checkInToleranceMinutes'> & { workOrders: WorkOrdersService; options: { checkInToleranceMinutes?: number } }) => {
    const evidence = createEvidenceService({ ...d, checkInToleranceMinutes: d.options.checkInToleranceMinutes });
    return { evidence };
  },
  followers: ({ evidence }): OrderFollower[] => [{ name: 'evidence', evidence: evidence.hooks }],
  routes: (s) => evidenceRoutes(s.evidence, s.workOrders),
});
