import { defineModule } from '../../kernel/module.js';
import type { Database } from '../../db/database.js';
import type { Announcements } from '../../kernel/events.js';
import * as tables from './settlement.tables.js';
import { settlementRoutes } from './settlement.routes.js';
import { createSettlementService, type SettlementDeps } from './settlement.service.js';
import { defaultHolds, defaultMeasures } from './settlement.sources.js';
import { settlementJobs } from './settlement.jobs.js';

export { createSettlementService, statementIdOf, type SettlementService } from './settlement.service.js';
export { settlementJobs, MONTHLY_DRAFTS_JOB } from './settlement.jobs.js';
export type { HoldSource, MeasureSource } from './settlement.sources.js';

/**
 * The module, as the server registers it (src/modules.ts): last, after the modules whose records it
 * measures. Parts and fraud will pass their measures and holds here beside the defaults.
 */
export const settlementModule = defineModule({
  name: 'settlement',
  tables,
  build: (d: Pick<SettlementDeps, 'db' | 'clock' | 'audit'> & { database: Pick<Database, 'engine'>; options: { settlementApprovalThresholdFen?: number }; announcements: Announcements }) => ({
    settlement: createSettlementService({
      db: d.db,
      clock: d.clock,
      audit: d.audit,
      measures: defaultMeasures,
      holds: defaultHolds,
      approvalThresholdFen: d.options.settlementApprovalThresholdFen,
      announce: d.announcements.announce,
      // PGlite has one connection: its transactions would only queue for it, so its month is one chunk after another.
      transactionsAtOnce: d.database.engine === 'pglite' ? 1 : 2,
    }),
  }),
  routes: (s) => settlementRoutes(s.settlement),
  jobs: (s) => settlementJobs(s.settlement),
});
