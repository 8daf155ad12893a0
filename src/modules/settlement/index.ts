import { defineModule } from '../../kernel/module.js';
import * as tables from './settlement.tables.js';
import { settlementRoutes } from './settlement.routes.js';
import { createSettlementService, type SettlementDeps } from './settlement.service.js';
import { defaultHolds, defaultMeasures } from './settlement.sources.js';

export { createSettlementService, statementIdOf, type SettlementService } from './settlement.service.js';
export type { HoldSource, MeasureSource } from './settlement.sources.js';

/**
 * The module, as the server registers it (src/modules.ts): last, after the modules whose records it
 * measures. Parts and fraud will pass their measures and holds here beside the defaults.
 */
export const settlementModule = defineModule({
  name: 'settlement',
  tables,
  build: (d: Pick<SettlementDeps, 'db' | 'clock' | 'audit'> & { options: { settlementApprovalThresholdFen?: number } }) => ({
    settlement: createSettlementService({ db: d.db, clock: d.clock, audit: d.audit, measures: defaultMeasures, holds: defaultHolds, approvalThresholdFen: d.options.settlementApprovalThresholdFen }),
  }),
  routes: (s) => settlementRoutes(s.settlement),
});
