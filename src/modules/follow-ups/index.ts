import { randomBytes } from 'node:crypto';
import { defineModule } from '../../kernel/module.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as tables from './follow-ups.tables.js';
import { followUpsRoutes } from './follow-ups.routes.js';
import { createFollowUpsService, type FollowUpsDeps } from './follow-ups.service.js';

export { createFollowUpsService, type FollowUpsService } from './follow-ups.service.js';
export { customerSurveyView, toCustomerSurvey, portalSurveyView, toPortalSurvey } from './follow-ups.contract.js';
// For fraud signals: what a follow-up or survey of an order said ("nobody came", "not fixed"), in the caller's transaction.
export { followUpSignals } from './follow-ups.repo.js';
// For audits derived from follow-ups: what customers said, oldest first, each once by its ref.
export { answeredFollowUpsSince } from './follow-ups.repo.js';

/** The module, as the server registers it (src/modules.ts): after work orders, promises and notifications. */
export const followUpsModule = defineModule({
  name: 'follow-ups',
  tables,
  // Survey links are signed with the server's secret (a process-local key when none is set: links then die with the process).
  build: (d: Omit<FollowUpsDeps, 'linkKey' | 'publicUrl' | 'surveyWaitDays'> & { options: { secretKey?: string; publicUrl?: string; surveyWaitDays?: number } }) => ({
    followUps: createFollowUpsService({ ...d, linkKey: `survey-links:${d.options.secretKey ?? randomBytes(32).toString('hex')}`, publicUrl: d.options.publicUrl ?? '', surveyWaitDays: d.options.surveyWaitDays }),
  }),
  // A follow-up task when an order is confirmed.
  followers: ({ followUps }): OrderFollower[] => [followUps.orderFollower],
  routes: (s) => followUpsRoutes(s.followUps),
});
