import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../shared/paging.js';
import { currencies, fenAmount } from '../../shared/money.js';
import { actionKinds, categories, compensationKinds, contactChannels, filingSources, levels, rootCauses, severities, sources, statuses } from './complaints.rules.js';
import { collectorEnum, paymentMethodEnum } from '../fees/fees.quotes.contract.js';
import { rowVersion } from '../../http/schemas.js';

const version = rowVersion;
const reason = z.string().trim().min(1).max(1000);

export const fileRequest = z
  .object({
    source: z.enum(filingSources).default('phone'),
    category: z.enum(categories),
    severity: z.enum(severities).default('normal'),
    orderIds: z.array(z.string().uuid()).max(10).default([]).openapi({ description: 'the orders complained about; the units, provider and technician are taken from them' }),
    customerId: z.string().uuid().optional().openapi({ description: 'the complainant, when no order is named' }),
    text: z.string().trim().min(1).max(4000).openapi({ description: "the customer's words" }),
  })
  .openapi('ComplaintFile');
/** The portal's form: one of the customer's orders, the category, their words. */
export const portalFileRequest = z
  .object({ orderId: z.string().uuid(), category: z.enum(categories), text: z.string().trim().min(1).max(4000) })
  .openapi('ComplaintPortalFile');
export const escalateRequest = z.object({ version, cause: z.enum(['customer_request', 'staff']).default('staff'), reason }).openapi('ComplaintEscalate');
export const deescalateRequest = z.object({ version, reason }).openapi('ComplaintDeescalate');
export const severityRequest = z.object({ version, severity: z.enum(severities), reason }).openapi('ComplaintSeverity');
export const actionRequest = z
  .object({
    kind: z.enum(actionKinds),
    text: z.string().trim().min(1).max(2000),
    visit: z
      .object({ unitId: z.string().uuid().optional(), symptom: z.string().trim().min(1).max(2000) })
      .optional()
      .openapi({ description: 'book a technician visit: an ordinary repair order is made (only with kind visit)' }),
  })
  .refine((a) => !a.visit || a.kind === 'visit', { path: ['visit'], message: 'only a visit action books a visit' })
  .openapi('ComplaintAction');
export const contactRequest = z
  .object({ channel: z.enum(contactChannels), direction: z.enum(['in', 'out']), summary: z.string().trim().min(1).max(2000), durationMinutes: z.number().int().min(0).max(600).optional() })
  .openapi('ComplaintContact');
export const compensationRequest = z
  .object({
    kind: z.enum(compensationKinds),
    amount: z.object({ amountFen: fenAmount, currency: z.enum(currencies) }).optional().openapi({ description: 'in fen: a credit or refund needs it, an apology has none' }),
    note: z.string().trim().min(1).max(1000),
    payment: z
      .object({
        orderId: z.string().uuid().optional().openapi({ description: "the complaint's order the money is given back on (by default its first)" }),
        method: paymentMethodEnum,
        reference: z.string().trim().min(1).max(100).optional().openapi({ description: 'the transaction or slip number (required but for cash)' }),
        paidBackBy: collectorEnum.default('maker').openapi({ description: "who gives the money back: the maker (by default), the order's provider or its technician" }),
        idempotencyKey: z.string().trim().min(8).max(100).openapi({ description: 'the same key on a retry never pays twice' }),
      })
      .refine((p) => p.method === 'cash' || !!p.reference, { path: ['reference'], message: 'required unless paid in cash' })
      .optional()
      .openapi({ description: 'a refund is paid back through fees as a negative payment on the order: how' }),
  })
  .refine((c) => c.kind !== 'refund' || !!c.payment, { path: ['payment'], message: 'a refund says how it is paid back / 退款须说明退款方式' })
  .refine((c) => c.kind === 'refund' || !c.payment, { path: ['payment'], message: 'only a refund is paid back / 仅退款需要退款方式' })
  .openapi('ComplaintCompensation');
export const resolveRequest = z.object({ version, rootCause: z.enum(rootCauses), resolution: z.string().trim().min(1).max(2000).openapi({ description: 'what was done; the customer reads it' }) }).openapi('ComplaintResolve');
export const answerRequest = z.object({ version, accepted: z.boolean(), reason: z.string().trim().max(1000).optional() }).openapi('ComplaintAnswer');
export const shareRequest = z.object({ version, text: z.string().trim().min(1).max(2000).openapi({ description: 'what the accused provider and technician may read, instead of the customer\u2019s words' }) }).openapi('ComplaintShare');
export const listQuery = pageQuery.extend({
  status: z.enum(statuses).optional(),
  level: z.enum(levels).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  customerId: z.string().uuid().optional(),
});

const words = z.object({ zh: z.string(), en: z.string() });
const moneyView = z.object({ amountFen: z.number().int(), currency: z.string() });

export const complaintView = z
  .object({
    id: z.string(),
    number: z.string(),
    customerId: z.string(),
    source: z.enum(sources),
    category: z.enum(categories),
    categoryName: words,
    severity: z.enum(severities),
    text: z.string(),
    orderIds: z.array(z.string()),
    unitIds: z.array(z.string()),
    providerIds: z.array(z.string()),
    technicianIds: z.array(z.string()),
    status: z.enum(statuses),
    level: z.enum(levels),
    levelName: words,
    levelSince: z.string(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    breachedAt: z.string().nullable(),
    repeatOfId: z.string().nullable(),
    /** Filed by a follow-up call whose outcome was "complaint": that follow-up task. */
    followUpTaskId: z.string().nullable(),
    rootCause: z.enum(rootCauses).nullable(),
    resolution: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    customerAnswer: z.enum(['accepted', 'rejected']).nullable(),
    sharedText: z.string().nullable(),
    sharedAt: z.string().nullable(),
    filedBy: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Complaint');
export type ComplaintView = z.infer<typeof complaintView>;

const entryView = z.object({
  id: z.string(),
  type: z.enum(['action', 'contact', 'compensation']),
  kind: z.string(),
  text: z.string(),
  direction: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  amount: moneyView.nullable(),
  orderId: z.string().nullable(),
  /** A refund: the negative payment on the order. */
  paymentId: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
});
const rungView = z.object({ level: z.enum(levels), rank: z.number().int(), nameZh: z.string(), nameEn: z.string(), minSeverity: z.enum(severities).nullable(), targetMinutes: z.record(z.string(), z.number()) });
export const complaintDetailView = complaintView
  .extend({
    ladder: z.array(rungView),
    entries: z.array(entryView),
    history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), fromLevel: z.string().nullable(), toLevel: z.string().nullable(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), details: z.record(z.string(), z.unknown()) })),
  })
  .openapi('ComplaintDetail');
export type ComplaintDetailView = z.infer<typeof complaintDetailView>;

/** What an accused provider or technician reads of a complaint a manager shared: the shared text, never the customer's words. */
export const sharedComplaintView = z
  .object({ id: z.string(), number: z.string(), category: z.enum(categories), categoryName: words, orderIds: z.array(z.string()), status: z.enum(statuses), sharedText: z.string(), sharedAt: z.string(), createdAt: z.string(), shared: z.literal(true) })
  .openapi('SharedComplaint');
export type SharedComplaintView = z.infer<typeof sharedComplaintView>;

// The customer's view: their complaint and its progress in plain words; no staff names, ids beyond their own records, levels' internals or notes.
export const customerComplaintView = z.strictObject({
  id: z.string(),
  number: z.string(),
  orderIds: z.array(z.string()),
  category: z.enum(categories),
  categoryZh: z.string(),
  categoryEn: z.string(),
  text: z.string(),
  status: z.enum(statuses),
  progressZh: z.string(),
  progressEn: z.string(),
  answerBy: z.string().nullable(),
  resolution: z.string().nullable(),
  compensations: z.array(z.strictObject({ kind: z.enum(compensationKinds), kindZh: z.string(), kindEn: z.string(), amount: z.strictObject({ amountFen: z.number().int(), currency: z.string() }).nullable() })),
  canAnswer: z.boolean(),
  filedAt: z.string(),
  version: z.number().int(),
});
export const customerComplaintsView = z.strictObject({ items: z.array(customerComplaintView), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type CustomerComplaintView = z.infer<typeof customerComplaintView>;

/** What a route answers: headquarters the whole record, the accused the shared text, the customer their plain view. */
export const anyComplaintView = z.union([complaintDetailView, sharedComplaintView, customerComplaintView]);
export const anyComplaintListItem = z.union([complaintView, sharedComplaintView, customerComplaintView]);
