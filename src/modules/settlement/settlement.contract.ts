import { z } from '@hono/zod-openapi';
import { isoDate, rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { disputeReasons, ruleBases, ruleKinds, statementStatuses } from './settlement.rules.js';

const version = rowVersion;
export const period = z
  .string()
  .regex(/^(20[0-9]{2}|21[0-9]{2})-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM / 须为 YYYY-MM 月份')
  .openapi({ description: "a month, in the provider's time zone", example: '2026-06' });

export const generateRequest = z.object({ providerId: z.string().uuid(), period }).openapi('StatementGenerate');
export const generateAllRequest = z.object({ period }).openapi('StatementGenerateAll');
const bilingual = z.object({ zh: z.string(), en: z.string() });
export const generateAllView = z
  .object({
    period: z.string(),
    generated: z.number().int().openapi({ description: 'drafts generated (or regenerated)' }),
    orders: z.number().int().openapi({ description: 'orders settled by them' }),
    held: z.number().int().openapi({ description: 'orders held back (they roll into a later month)' }),
    totalFen: z.number().int(),
    currency: z.string(),
    skipped: z.array(z.object({ providerId: z.string().uuid(), reason: z.enum(['frozen', 'period_not_over']), reasonName: bilingual, status: z.string().nullable() })),
  })
  .openapi('StatementGenerateAllResult');
export type GenerateAllView = z.infer<typeof generateAllView>;
export const stepRequest = z.object({ version }).openapi('StatementStep');
export const payRequest = z.object({ version, reference: z.string().trim().min(1).max(200).openapi({ description: 'the payment reference (bank transfer number)' }) }).openapi('StatementPay');
export const lineDisputeRequest = z
  .object({ reason: z.enum(disputeReasons), note: z.string().trim().min(1).max(2000).openapi({ description: 'why, and the evidence (order photos, receipts) in words' }) })
  .openapi('StatementLineDispute');
export const lineAnswerRequest = z
  .object({
    answer: z.string().trim().min(1).max(2000),
    correctionFen: z.number().int().min(-1_000_000_000).max(1_000_000_000).default(0).openapi({ description: "fen put right in the provider's next statement (0: the line stands)" }),
  })
  .openapi('StatementLineAnswer');
export const listQuery = pageQuery.extend({ status: z.enum(statementStatuses).optional(), period: period.optional(), providerId: z.string().uuid().optional() });
export const lineParams = z.object({
  id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }),
  lineNo: z.coerce.number().int().min(1).max(1_000_000).openapi({ param: { name: 'lineNo', in: 'path' } }),
});
export const exportQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') });

const ruleFields = {
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  kind: z.enum(ruleKinds),
  measure: z.string().trim().min(1).max(60),
  thresholdMin: z.number().finite().nullable().default(null),
  thresholdMax: z.number().finite().nullable().default(null),
  basis: z.enum(ruleBases),
  amountFen: z.number().int().min(0).max(1_000_000_000),
  activeFrom: isoDate,
  activeTo: isoDate.nullable().default(null),
};
export const ruleCreate = z.object({ code: z.string().trim().regex(/^[a-z0-9_]{2,40}$/, 'lower-case letters, digits, _ / 小写字母、数字、下划线'), ...ruleFields }).openapi('SettlementRuleCreate');
export const ruleUpdate = z.object({ version, ...ruleFields }).openapi('SettlementRuleUpdate');
export const pieceRatesRequest = z
  .object({ providerId: z.string().uuid().optional(), rates: z.array(z.object({ jobType: z.string().trim().min(1).max(40), rateFen: z.number().int().min(0).max(100_000_000) })).max(50) })
  .openapi('PieceRates');
export const pieceRatesQuery = z.object({ providerId: z.string().uuid().optional() });

const words = z.object({ zh: z.string(), en: z.string() });
export const lineView = z.object({
  lineNo: z.number().int(),
  kind: z.enum(['fee', 'collected', 'rule', 'correction']),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  feeKind: z.string().nullable(),
  payer: z.string().nullable(),
  ruleCode: z.string().nullable(),
  measure: z.string().nullable(),
  measuredValue: z.number().nullable(),
  quantity: z.number().int(),
  orderIds: z.array(z.string()),
  /** The numbers of the orders behind a rule line, in the same order as orderIds. */
  orderNumbers: z.array(z.string()),
  nameZh: z.string(),
  nameEn: z.string(),
  /** Why the line is there, in both languages. */
  explain: words,
  amountFen: z.number().int(),
  currency: z.string(),
  disputeStatus: z.enum(['open', 'answered']).nullable(),
  disputeReason: z.string().nullable(),
  disputeNote: z.string().nullable(),
  answer: z.string().nullable(),
  answerCorrectionFen: z.number().int().nullable(),
});
export const statementView = z
  .object({
    id: z.string(),
    providerId: z.string(),
    providerName: z.string().nullable(),
    providerNameEn: z.string().nullable(),
    period: z.string(),
    periodFrom: z.string(),
    periodTo: z.string(),
    timeZone: z.string(),
    status: z.enum(statementStatuses),
    statusName: words,
    totalFen: z.number().int(),
    currency: z.string(),
    orderCount: z.number().int(),
    heldCount: z.number().int(),
    generation: z.number().int(),
    generatedAt: z.string().nullable(),
    sentAt: z.string().nullable(),
    agreedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    paidAt: z.string().nullable(),
    paymentReference: z.string().nullable(),
    needsSecondRole: z.boolean(),
    version: z.number().int(),
  })
  .openapi('SettlementStatement');
export const statementDetailView = statementView
  .extend({
    lines: z.array(lineView),
    /** The orders held back as at the period's end, why, and the later statement that settled each once it cleared (null while it waits). */
    held: z.array(z.object({ orderId: z.string(), orderNumber: z.string(), reasons: z.array(z.object({ code: z.string(), name: words })), settledIn: z.object({ statementId: z.string(), period: z.string() }).nullable() })),
    /** This statement's orders an earlier statement held back: rolled over once cleared (the latest month that held each, and why). */
    rolledIn: z.array(z.object({ orderId: z.string(), orderNumber: z.string(), heldIn: z.string(), reasons: z.array(z.object({ code: z.string(), name: words })) })),
    history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), details: z.record(z.string(), z.unknown()) })),
  })
  .openapi('SettlementStatementDetail');
export type StatementView = z.infer<typeof statementView>;
export type StatementDetailView = z.infer<typeof statementDetailView>;

export const ruleView = z
  .object({
    id: z.string(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    kind: z.enum(ruleKinds),
    measure: z.string(),
    thresholdMin: z.number().nullable(),
    thresholdMax: z.number().nullable(),
    basis: z.enum(ruleBases),
    amountFen: z.number().int(),
    currency: z.string(),
    activeFrom: z.string(),
    activeTo: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('SettlementRule');
export const rulesView = z.object({ items: z.array(ruleView), measures: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.enum(['share', 'count']) })) }).openapi('SettlementRules');
export const pieceRatesView = z.object({ providerId: z.string(), rates: z.array(z.object({ jobType: z.string(), rateFen: z.number().int(), currency: z.string() })) }).openapi('PieceRatesView');
export const technicianPayView = z
  .object({
    statementId: z.string(),
    period: z.string(),
    technicians: z.array(
      z.object({
        technicianId: z.string().nullable(),
        name: z.string().nullable(),
        nameEn: z.string().nullable(),
        totalFen: z.number().int(),
        lines: z.array(z.object({ jobType: z.string(), orders: z.number().int(), rateFen: z.number().int().nullable(), amountFen: z.number().int() })),
      }),
    ),
  })
  .openapi('TechnicianPay');
