import { z } from '@hono/zod-openapi';
import { isoDate, isoDateTime, rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { fenAmount, moneySchema } from '../../shared/money.js';
import { sanbaoRequest, serialInput } from '../units/units.contract.js';
import { paymentMethodSchema } from '../fees/fees.quotes.contract.js';
import { signatureImage } from '../../shared/signature.js';
import { bearers, caseActions, caseStatuses, decisions, fates, responsibilities, wayBackStates } from './returns.rules.js';

const version = rowVersion;
const reason = z.string().trim().min(1).max(500);

export const openCaseRequest = z
  .object({
    orderId: z.string().uuid().openapi({ description: 'the return/exchange work order the case belongs to' }),
    reportedOn: isoDate.optional(),
    lines: z
      .array(
        // The 三包 question for the unit (as POST /units/{id}/sanbao asks it), and what the customer asks for.
        sanbaoRequest.omit({ reportedOn: true, modelFound: true }).extend({
          unitId: z.string().uuid(),
          requested: z.enum(decisions).openapi({ description: 'the remedy the customer asks for; one the 三包 rules do not allow needs `override`' }),
          override: z.object({ reason }).optional().openapi({ description: "a manager's override of the 三包 answer, with the reason (audited)" }),
        }),
      )
      .min(1)
      .max(10),
  })
  .openapi('OpenReturnCase');

export const startAppraisalRequest = z.object({ version }).openapi('StartAppraisal');
export const appraisalRequest = z
  .object({
    version,
    lineId: z.string().uuid(),
    by: z.enum(['technician', 'centre']).openapi({ description: "a technician's or the service centre's inspection" }),
    findings: z.string().trim().min(1).max(4000),
    photoIds: z.array(z.string().uuid()).max(20).default([]).openapi({ description: "photos uploaded to the case's work order" }),
    responsibility: z.enum(responsibilities),
    signature: signatureImage.optional().openapi({ description: "the appraiser's drawn signature (PNG data URL, at most 100 KB)" }),
  })
  .openapi('ReturnAppraisal');
export const signRequest = z
  .object({ version, appraisalId: z.string().uuid(), signature: signatureImage.optional().openapi({ description: "the panel member's drawn signature (PNG data URL, at most 100 KB)" }) })
  .openapi('SignAppraisal');
export const decideRequest = z
  .object({
    version,
    lines: z
      .array(
        z.object({
          lineId: z.string().uuid(),
          decision: z.enum(decisions),
          replacementModelId: z.string().uuid().optional().openapi({ description: 'exchange for another model (default: the same model)' }),
          priceDifference: moneySchema.optional().openapi({ description: 'exchange for another model: new price − old (negative: the customer gets the difference)' }),
        }),
      )
      .min(1)
      .max(10),
  })
  .openapi('DecideReturnCase');
export const approveRequest = z.object({ version, note: z.string().trim().max(500).optional() }).openapi('ApproveReturnCase');
export const executeRequest = z
  .object({
    version,
    onDate: isoDate.optional().openapi({ description: "the exchange date (the replacement's 三包 period starts on it); today by default" }),
    replacements: z.array(z.object({ lineId: z.string().uuid(), serials: z.array(serialInput).min(1).max(4) })).max(10).default([]),
    refundMethod: paymentMethodSchema.optional().openapi({ description: "how refunds are paid back (recorded as negative payments on the case's order); bank transfer when not said" }),
    refundReference: z.string().trim().min(1).max(100).optional().openapi({ description: 'the transfer or slip number of the refund' }),
  })
  .openapi('ExecuteReturnCase');
export const wayBackRequest = z
  .discriminatedUnion('step', [
    z.object({
      step: z.literal('book_pickup'),
      version,
      lineId: z.string().uuid(),
      from: isoDateTime.openapi({ description: "the customer's wish for the pickup visit" }),
      to: isoDateTime,
      addressId: z.string().uuid().optional().openapi({ description: "where to pick the unit up: one of the customer's addresses (default: the default one)" }),
    }),
    z.object({ step: z.literal('receive'), version, lineId: z.string().uuid(), warehouse: z.string().trim().min(1).max(100) }),
    z.object({ step: z.literal('fate'), version, lineId: z.string().uuid(), fate: z.enum(fates) }),
  ])
  .openapi('ReturnWayBack');
export const rejectRequest = z.object({ version, reason }).openapi('RejectReturnCase');
export const closeRequest = z.object({ version }).openapi('CloseReturnCase');
export const policyRequest = z
  .object({ version, panelAboveFen: fenAmount, panelForRefunds: z.boolean(), panelSize: z.number().int().min(2).max(9), managerApprovalAboveFen: fenAmount })
  .openapi('ReturnPolicyChange');
export const caseListQuery = pageQuery.extend({ status: z.enum(caseStatuses).optional(), customerId: z.string().uuid().optional() });
export const statisticsQuery = z.object({ from: isoDate, to: isoDate }).refine((q) => q.from < q.to, { path: ['to'], message: 'must be after from' });

const bilingual = z.object({ zh: z.string(), en: z.string() });
const moneyView = z.object({ amountFen: z.number().int(), currency: z.string() });

export const lineView = z.object({
  id: z.string(),
  unitId: z.string(),
  faultCode: z.string(),
  reportedOn: z.string(),
  sanbao: z.object({ rule: z.string(), options: z.array(z.string()), reason: bilingual }),
  noReasonReturn: z.boolean(),
  unitPrice: moneyView,
  refundable: moneyView.openapi({ description: 'what a refund of this unit pays (the 三包 rules: full, or less depreciation)' }),
  requested: z.enum(decisions),
  override: z.object({ reason: z.string(), by: z.string() }).nullable(),
  decision: z.enum(decisions).nullable(),
  replacementModelId: z.string().nullable(),
  priceDifference: moneyView.nullable(),
  refund: moneyView.nullable(),
  replacementUnitId: z.string().nullable(),
  wayBack: z.enum(wayBackStates),
  pickup: z.object({ from: z.string(), to: z.string() }).nullable(),
  pickupOrderId: z.string().nullable().openapi({ description: 'the pickup visit: a work order of kind `return`, dispatched and booked like any visit' }),
  warehouse: z.string().nullable(),
});
export const appraisalView = z.object({
  id: z.string(),
  lineId: z.string(),
  by: z.enum(['technician', 'centre']),
  findings: z.string(),
  photoIds: z.array(z.string()),
  responsibility: z.enum(responsibilities),
  bearer: z.enum(bearers),
  signaturesNeeded: z.number().int(),
  signatures: z.array(z.object({ signer: z.string(), signedAt: z.string(), image: z.string().nullable().openapi({ description: 'the drawn signature (PNG data URL), when drawn' }) })),
  complete: z.boolean(),
  appraisedBy: z.string(),
  appraisedAt: z.string(),
});
export const historyView = z.object({ id: z.string(), lineId: z.string().nullable(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), details: z.record(z.string(), z.unknown()), actor: z.string(), at: z.string() });
export const caseView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    orderId: z.string(),
    status: z.enum(caseStatuses),
    statusText: bilingual,
    allowedActions: z.array(z.enum(caseActions)),
    policy: z.object({ panelAboveFen: z.number(), panelForRefunds: z.boolean(), panelSize: z.number(), managerApprovalAboveFen: z.number() }),
    refundTotal: moneyView,
    needsManager: z.boolean(),
    rejectedReason: z.string().nullable(),
    version: z.number().int(),
    openedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lines: z.array(lineView),
  })
  .openapi('ReturnCase');
export type CaseView = z.infer<typeof caseView>;
export const caseDetailView = caseView.extend({ appraisals: z.array(appraisalView), history: z.array(historyView) }).openapi('ReturnCaseDetail');
export type CaseDetailView = z.infer<typeof caseDetailView>;

export const policyView = z
  .object({ panelAboveFen: z.number(), panelForRefunds: z.boolean(), panelSize: z.number(), managerApprovalAboveFen: z.number(), currency: z.literal('CNY'), version: z.number(), updatedBy: z.string(), updatedAt: z.string() })
  .openapi('ReturnPolicy');

const group = z.object({ key: z.string().nullable(), lines: z.number().int(), refunded: moneyView });
export const statisticsView = z
  .object({
    from: z.string(),
    to: z.string(),
    byStatus: z.array(z.object({ key: z.string(), cases: z.number().int() })),
    byResponsibility: z.array(group),
    byDecision: z.array(group),
    byProvider: z.array(group.extend({ name: z.string().nullable(), nameEn: z.string().nullable() })),
    refunded: z.array(moneyView),
  })
  .openapi('ReturnStatistics');

// The customer's view: their case in plain words — no staff names or ids, no findings, no notes.
export const customerReturnTimelineView = z
  .strictObject({
    caseId: z.string(),
    status: z.enum(caseStatuses),
    statusText: bilingual.strict(),
    lines: z.array(
      z.strictObject({
        unitId: z.string(),
        decision: z.enum(decisions).nullable(),
        refund: moneyView.strict().nullable(),
        priceDifference: moneyView.strict().nullable(),
        replacementUnitId: z.string().nullable(),
      }),
    ),
    entries: z.array(z.strictObject({ at: z.string(), text: bilingual.strict() })),
  })
  .openapi('CustomerReturnTimeline');
export type CustomerReturnTimeline = z.infer<typeof customerReturnTimelineView>;
/** Exactly the customer's fields of the (already customer-safe) timeline answer. */
export function toCustomerReturnTimeline(t: CustomerReturnTimeline): CustomerReturnTimeline {
  return {
    caseId: t.caseId,
    status: t.status,
    statusText: { zh: t.statusText.zh, en: t.statusText.en },
    lines: t.lines.map((l) => ({ unitId: l.unitId, decision: l.decision, refund: l.refund && { amountFen: l.refund.amountFen, currency: l.refund.currency }, priceDifference: l.priceDifference && { amountFen: l.priceDifference.amountFen, currency: l.priceDifference.currency }, replacementUnitId: l.replacementUnitId })),
    entries: t.entries.map((e) => ({ at: e.at, text: { zh: e.text.zh, en: e.text.en } })),
  };
}
export const customerReturnCasesView = z.strictObject({ items: z.array(customerReturnTimelineView) }).openapi('CustomerReturnCases');
