import { defineModule } from '../../kernel/module.js';
import type { WorkOrdersService } from '../work-orders/index.js';
import * as tables from './evidence.tables.js';
import { evidenceRoutes } from './evidence.routes.js';
import type { EvidenceService } from './evidence.service.js';

export { createEvidenceService, type EvidenceService } from './evidence.service.js';

/** The module, as the server registers it (src/modules.ts). */
export const evidenceModule = defineModule<{ evidence: EvidenceService; workOrders: WorkOrdersService }>({
  name: 'evidence',
  tables,
  routes: (s) => evidenceRoutes(s.evidence, s.workOrders),
});
