import { z } from '@hono/zod-openapi';
import { isoDate, rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { orderKinds } from '../work-orders/work-orders.contract.js';
import { attemptResults, leadKinds, outcomes, satisfactionLevels } from './follow-ups.rules.js';

const version = rowVersion;
const score = z.number().int().min(1).max(5);
const words = z.object({ zh: z.string(), en: z.string() });

export const scriptQuestion = z.object({
  code: z.string().trim().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'letters, digits and _, starting with a small letter'),
  zh: z.string().trim().min(1).max(500),
  en: z.string().trim().min(1).max(500),
  answer: z.enum(['yes_no', 'score', 'satisfaction', 'text']),
  required: z.boolean(),
});
export const scriptRequest = z.object({ orderKind: z.enum(orderKinds), questions: z.array(scriptQuestion).min(1).max(30) }).openapi('FollowUpScriptNew');
export const scriptView = z.object({ id: z.string(), orderKind: z.string(), version: z.number().int(), questions: z.array(scriptQuestion), createdAt: z.string(), createdBy: z.string() }).openapi('FollowUpScript');

export const policyRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    rank: z.number().int().min(0).max(10_000),
    orderKind: z.enum(orderKinds).nullable().default(null),
    customerTier: z.string().trim().min(1).max(40).nullable().default(null),
    providerId: z.string().uuid().nullable().default(null),
    samplePercent: z.number().int().min(0).max(100),
    dueBusinessHours: z.number().int().min(1).max(240),
    maxAttempts: z.number().int().min(1).max(3),
    onUnreachable: z.enum(['close', 'sms_survey']),
  })
  .openapi('FollowUpPolicyNew');
export const policyView = policyRequest.extend({ id: z.string(), active: z.boolean(), createdAt: z.string() }).openapi('FollowUpPolicy');

export const attemptRequest = z
  .object({
    version,
    result: z.enum(attemptResults),
    note: z.string().trim().max(2000).optional(),
    outcome: z.enum(['fixed', 'not_fixed', 'nobody_came']).optional().openapi({ description: 'when reached: what the customer says of the work' }),
    satisfaction: z.enum(satisfactionLevels).optional().openapi({ description: 'when reached and fixed: 满意 / 一般 / 不满意' }),
    attitude: score.optional(),
    skill: score.optional(),
    notFixedAction: z.enum(['redo', 'complaint']).optional().openapi({ description: 'when not fixed: send the order back for a redo, or record a complaint' }),
    answers: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean()])).default({}).openapi({ description: "the script's answers by question code" }),
    lead: z.object({ kind: z.enum(leadKinds), note: z.string().trim().max(1000).optional() }).optional(),
    correction: z
      .object({ faultCode: z.string().trim().min(1).max(40).optional(), part: z.string().trim().min(1).max(200).optional(), note: z.string().trim().min(1).max(1000) })
      .optional()
      .openapi({ description: 'what the customer says was wrongly recorded (fault code, part): kept on the order with history' }),
  })
  .superRefine((b, ctx) => {
    if (b.result !== 'reached') return;
    if (!b.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'required when reached' });
    if (b.outcome === 'fixed' && !b.satisfaction) ctx.addIssue({ code: 'custom', path: ['satisfaction'], message: 'required when fixed' });
    if (b.outcome === 'not_fixed' && !b.notFixedAction) ctx.addIssue({ code: 'custom', path: ['notFixedAction'], message: 'required when not fixed' });
  })
  .openapi('FollowUpAttempt');

export const queueQuery = pageQuery;
export const ratesQuery = z.object({ from: isoDate, to: isoDate }).refine((q) => q.from < q.to, { path: ['to'], message: 'must be after from / 须晚于开始日期' });

export const attemptView = z.object({ at: z.string(), result: z.enum(attemptResults), dayPart: z.string(), actor: z.string(), note: z.string().nullable() });
export const taskView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    orderKind: z.string(),
    customerId: z.string(),
    providerId: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    outcome: z.enum(outcomes).nullable(),
    outcomeName: words.nullable(),
    dueAt: z.string(),
    overdue: z.boolean(),
    timeZone: z.string(),
    dayPartNow: z.string(),
    maxAttempts: z.number().int(),
    attempts: z.array(attemptView),
    script: scriptView.nullable(),
    scriptVersion: z.number().int().nullable(),
    answers: z.record(z.string(), z.unknown()).nullable(),
    lead: z.object({ kind: z.string(), note: z.string().nullable() }).nullable(),
    correction: z.record(z.string(), z.unknown()).nullable(),
    survey: z.object({ channel: z.string(), status: z.string(), sentAt: z.string(), answeredAt: z.string().nullable() }).nullable(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('FollowUpTask');
export const taskDetailView = taskView.extend({ history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), changes: z.record(z.string(), z.unknown()) })) }).openapi('FollowUpTaskDetail');
export type TaskView = z.infer<typeof taskView>;

export const sendSurveyRequest = z.object({ channel: z.enum(['sms', 'portal']) }).openapi('SurveySend');
export const surveySentView = z.object({ surveyId: z.string(), orderId: z.string(), channel: z.string(), sentAt: z.string(), expiresAt: z.string(), token: z.string().optional() }).openapi('SurveySent');

const aspectScores = z.object({ timeliness: score, attitude: score, skill: score, tidiness: score, priceTransparency: score });
export const surveyAnswerRequest = z
  .object({
    satisfaction: z.enum(satisfactionLevels).openapi({ description: '满意 satisfied / 一般 neutral / 不满意 dissatisfied' }),
    aspects: aspectScores,
    nps: z.number().int().min(0).max(10),
    npsReason: z.string().trim().max(1000).optional(),
    fixed: z.boolean().optional(),
    nobodyCame: z.boolean().optional(),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict()
  .openapi('SurveyAnswer');

/** What the customer sees of a survey (link or portal): their order's number and kind, never staff. */
export const customerSurveyView = z
  .strictObject({
    orderNumber: z.string(),
    orderKind: z.string(),
    status: z.enum(['sent', 'answered']),
    expiresAt: z.string(),
    answeredAt: z.string().nullable(),
  })
  .openapi('CustomerSurvey');
export type CustomerSurveyView = z.infer<typeof customerSurveyView>;
export const toCustomerSurvey = (v: CustomerSurveyView): CustomerSurveyView => ({ orderNumber: v.orderNumber, orderKind: v.orderKind, status: v.status, expiresAt: v.expiresAt, answeredAt: v.answeredAt });

export const ratesView = z
  .object({
    from: z.string(),
    to: z.string(),
    channels: z.array(z.object({ channel: z.enum(['phone', 'sms', 'portal']), asked: z.number().int(), answered: z.number().int(), rate: z.number() })),
  })
  .openapi('FollowUpResponseRates');

/**
 * The portal's survey of one of the customer's orders: the open survey (sent, not answered, not
 * expired) with the token of its one-time link, so the portal opens the same survey page; null when
 * none is open. Only the customer asks for it (staff never hold a customer's link).
 */
export const portalSurveyView = z
  .strictObject({
    orderNumber: z.string(),
    survey: z.strictObject({ expiresAt: z.string(), token: z.string() }).nullable(),
  })
  .openapi('PortalSurvey');
export type PortalSurveyView = z.infer<typeof portalSurveyView>;
export const toPortalSurvey = (v: PortalSurveyView): PortalSurveyView => ({ orderNumber: v.orderNumber, survey: v.survey ? { expiresAt: v.survey.expiresAt, token: v.survey.token } : null });
