import { defineModule } from '../../kernel/module.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as tables from './audits.tables.js';
import { auditsRoutes } from './audits.routes.js';
import { auditsJobs } from './audits.jobs.js';
import { createAuditsService, type AuditsDeps } from './audits.service.js';

export { createAuditsService, type AuditsService, DERIVE_JOB as AUDITS_DERIVE_JOB, OVERDUE_JOB as AUDITS_OVERDUE_JOB } from './audits.service.js';
// For settlement's measures: an order's audits failed, or all scored at least a mark.
export { auditFailedSql, auditScoreAtLeastSql } from './audits.repo.js';
// For the scorecard: audit scores per provider or technician and month (`auditScores(q, { level, fromMonth, toMonth, key? })`).
export { auditScores, type ScoreRow as AuditScoreRow } from './audits.repo.js';
export { scoreAudit, grade, gbGrading, type TemplateContent, type Grading } from './audits.rules.js';

/**
 * The module, as the server registers it (src/modules.ts): after follow-ups (whose answers it reads)
 * and before settlement (whose measures read its audits). Dispatch, built earlier, asks it for the
 * providers' standing through its follower.
 */
export const auditsModule = defineModule({
  name: 'audits',
  tables,
  build: (d: AuditsDeps) => ({ audits: createAuditsService(d) }),
  followers: ({ audits }): OrderFollower[] => [audits.orderFollower],
  routes: (s) => auditsRoutes(s.audits),
  jobs: (s) => auditsJobs(s.audits),
});
