import { z } from '@hono/zod-openapi';
import { isoDate, rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { reviewStatuses, ruleCodes } from './fraud.rules.js';

const version = rowVersion;
const words = z.object({ zh: z.string(), en: z.string() });

export const decisionRequest = z
  .object({ version, reason: z.string().trim().min(1).max(1000).openapi({ description: 'why; the provider reads it when fraud is confirmed' }) })
  .openapi('FraudDecision');
export const ruleUpdate = z
  .object({
    version,
    enabled: z.boolean(),
    weight: z.number().int().min(0).max(1000),
    params: z.record(z.string(), z.number().finite()).openapi({ description: "the rule's parameters (GET /fraud/rules names them and their bounds)" }),
  })
  .openapi('FraudRuleUpdate');
export const settingsUpdate = z.object({ version, holdScore: z.number().int().min(1).max(10000) }).openapi('FraudSettingsUpdate');
export const codeParam = z.object({ code: z.enum(ruleCodes).openapi({ param: { name: 'code', in: 'path' } }) });
export const queueQuery = pageQuery.extend({ status: z.enum(reviewStatuses).default('held'), providerId: z.string().uuid().optional() });
export const ratesQuery = z.object({ from: isoDate, to: isoDate }).refine((q) => q.from < q.to, { path: ['to'], message: 'must be after from / 须晚于开始日期' });

const signal = z.object({ code: z.enum(ruleCodes), points: z.number().int(), zh: z.string(), en: z.string(), details: z.record(z.string(), z.unknown()) });

export const scoreView = z
  .object({
    orderId: z.string(),
    number: z.string().nullable(),
    providerId: z.string().nullable(),
    providerName: z.string().nullable(),
    providerNameEn: z.string().nullable(),
    score: z.number().int(),
    holdScore: z.number(),
    signals: z.array(signal),
    explanation: words,
    status: z.enum(reviewStatuses),
    statusName: words,
    scoredAt: z.string(),
    scorings: z.number().int(),
    decisionReason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('FraudScore');
export type ScoreView = z.infer<typeof scoreView>;
export const scoreDetailView = scoreView
  .extend({
    history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), score: z.number().int(), signals: z.array(signal), fromStatus: z.string().nullable(), toStatus: z.string(), details: z.record(z.string(), z.unknown()) })),
  })
  .openapi('FraudScoreDetail');

export const rulesView = z
  .object({
    holdScore: z.number(),
    settingsVersion: z.number().int(),
    rules: z.array(
      z.object({
        code: z.enum(ruleCodes),
        name: words,
        enabled: z.boolean(),
        weight: z.number().int(),
        params: z.record(z.string(), z.number()),
        paramInfo: z.array(z.object({ name: z.string(), min: z.number(), max: z.number(), label: words })),
        version: z.number().int(),
        updatedAt: z.string(),
        updatedBy: z.string(),
      }),
    ),
  })
  .openapi('FraudRules');

export const ratesView = z
  .object({
    medians: z.record(z.string(), z.number().nullable()),
    providers: z.array(
      z.object({
        providerId: z.string(),
        name: z.string().nullable(),
        nameEn: z.string().nullable(),
        scored: z.number().int(),
        rules: z.array(z.object({ code: z.enum(ruleCodes), flagged: z.number().int(), share: z.number(), peerMedian: z.number().nullable(), aboveMedian: z.boolean() })),
      }),
    ),
  })
  .openapi('FraudRates');
