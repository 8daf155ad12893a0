import { z } from '@hono/zod-openapi';
import { isoDate } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { fenAmount } from '../../shared/money.js';

export const serialInput = z.object({
  role: z.enum(['main', 'indoor', 'outdoor']).default('main'),
  serial: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9-]{3,63}$/, 'letters, digits and -, 4 to 64 long'),
});

export const createUnitRequest = z
  .object({
    modelId: z.string().uuid(),
    ownerId: z.string().uuid(),
    serials: z.array(serialInput).min(1).max(4),
    purchaseDate: isoDate,
    receivedDate: isoDate.nullish(),
    channel: z.enum(['store', 'online']),
    invoiceNumber: z.string().trim().min(1).max(64).nullish(),
    priceFen: fenAmount.max(10_000_000_00),
    installedOn: isoDate.nullish(),
    installedByTechnicianId: z.string().uuid().nullish(),
  })
  .refine((u) => !u.installedOn || u.installedOn >= u.purchaseDate, { path: ['installedOn'], message: 'cannot be before purchaseDate' })
  .refine((u) => !u.receivedDate || u.receivedDate >= u.purchaseDate, { path: ['receivedDate'], message: 'cannot be before purchaseDate' })
  .openapi('CreateUnit');

export const transferRequest = z
  .object({ version: z.number().int().positive(), toCustomerId: z.string().uuid(), onDate: isoDate, reason: z.string().trim().min(1).max(500) })
  .openapi('TransferUnit');

export const replacementRequest = z
  .object({ version: z.number().int().positive(), onDate: isoDate, serials: z.array(serialInput).min(1).max(4), reason: z.string().trim().min(1).max(500) })
  .openapi('ReplaceUnit');

const bilingual = z.object({ zh: z.string(), en: z.string() });
const coverage = z.object({ inWarranty: z.boolean(), startsOn: z.string(), endsOn: z.string(), nominalEndsOn: z.string(), daysNotCounted: z.number(), months: z.number() });
export const warrantyView = z
  .object({ asOf: z.string(), wholeUnit: coverage, mainParts: coverage, periodStart: z.string(), restartedByReplacement: z.boolean(), rule: z.string(), reason: bilingual })
  .openapi('WarrantyStatus');

export const unitView = z
  .object({
    id: z.string(),
    modelId: z.string(),
    modelCode: z.string(),
    modelNameZh: z.string(),
    modelNameEn: z.string(),
    categoryId: z.string(),
    ownerId: z.string(),
    serials: z.array(z.object({ role: z.string(), serial: z.string() })),
    purchaseDate: z.string(),
    receivedDate: z.string().nullable(),
    channel: z.enum(['store', 'online']),
    invoiceNumber: z.string().nullable(),
    priceFen: z.number(),
    currency: z.string(),
    installedOn: z.string().nullable(),
    installedByTechnicianId: z.string().nullable(),
    installationReadings: z.record(z.string(), z.number()).nullable().openapi({ description: "what the installer measured, by reading code (e.g. pipe_length_m)" }),
    replacedOn: z.string().nullable(),
    version: z.number(),
    warranty: warrantyView,
  })
  .openapi('Unit');
export type UnitView = z.infer<typeof unitView>;

export const ownershipView = z.object({ customerId: z.string(), fromDate: z.string(), toDate: z.string().nullable(), reason: z.string().nullable(), recordedBy: z.string() });
export const serviceHistoryItem = z.object({
  orderId: z.string(),
  number: z.string(),
  kind: z.string(),
  status: z.string(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  symptomCode: z.string().nullable(),
  remedyCode: z.string().nullable(),
  partsWaitDays: z.number(),
});
export type ServiceHistoryItem = z.infer<typeof serviceHistoryItem>;
export const unitDetailView = unitView.extend({ ownerships: z.array(ownershipView), orders: z.array(serviceHistoryItem) }).openapi('UnitDetail');

export const unitListQuery = pageQuery.extend({ ownerId: z.string().uuid().optional(), serial: z.string().trim().min(1).max(64).optional(), modelId: z.string().uuid().optional() });
export const warrantyQuery = z.object({ asOf: isoDate.optional() });

export const sanbaoRequest = z
  .object({
    reportedOn: isoDate.optional(),
    faultCode: z.string().trim().min(1).max(40),
    kind: z.enum(['performance', 'other']).default('performance'),
    partCode: z.string().trim().min(1).max(40).nullish(),
    modelFound: z.string().trim().min(1).max(40).nullish(),
    misuse: z.boolean().default(false),
    unauthorisedDismantling: z.boolean().default(false),
    forceMajeure: z.boolean().default(false),
    customerRequestsNoReasonReturn: z.boolean().default(false),
    daysInCurrentRepair: z.number().int().min(0).max(3650).default(0),
    partsUnavailableDays: z.number().int().min(0).max(3650).default(0),
  })
  .openapi('SanbaoQuestion');
export const sanbaoView = z
  .object({
    rule: z.string(),
    options: z.array(z.enum(['refund', 'replace', 'repair'])),
    free: z.boolean(),
    refundAmountFen: z.number(),
    reason: bilingual,
    exclusions: z.array(z.string()),
    facts: z.record(z.string(), z.unknown()),
    warranty: warrantyView.omit({ asOf: true }),
  })
  .openapi('SanbaoRemedy');

// A customer's own appliances, as the portal shows them: no internal ids of staff or technicians,
// no ownership chain (earlier owners are other people).
const customerCoverage = z.strictObject({ inWarranty: z.boolean(), startsOn: z.string(), endsOn: z.string(), nominalEndsOn: z.string(), daysNotCounted: z.number(), months: z.number() });
export const customerWarrantyView = z
  .strictObject({ asOf: z.string(), wholeUnit: customerCoverage, mainParts: customerCoverage, periodStart: z.string(), restartedByReplacement: z.boolean(), rule: z.string(), reason: z.strictObject({ zh: z.string(), en: z.string() }) })
  .openapi('CustomerWarranty');
type Warranty = z.infer<typeof warrantyView>;
type Coverage = Warranty['wholeUnit'];
const coverageOf = (c: Coverage): Coverage => ({ inWarranty: c.inWarranty, startsOn: c.startsOn, endsOn: c.endsOn, nominalEndsOn: c.nominalEndsOn, daysNotCounted: c.daysNotCounted, months: c.months });
export function toCustomerWarranty(w: Warranty): z.infer<typeof customerWarrantyView> {
  return { asOf: w.asOf, wholeUnit: coverageOf(w.wholeUnit), mainParts: coverageOf(w.mainParts), periodStart: w.periodStart, restartedByReplacement: w.restartedByReplacement, rule: w.rule, reason: { zh: w.reason.zh, en: w.reason.en } };
}

export const customerUnitView = z
  .strictObject({
    id: z.string(),
    modelId: z.string(),
    modelCode: z.string(),
    modelNameZh: z.string(),
    modelNameEn: z.string(),
    serials: z.array(z.strictObject({ role: z.string(), serial: z.string() })),
    purchaseDate: z.string(),
    receivedDate: z.string().nullable(),
    channel: z.enum(['store', 'online']),
    invoiceNumber: z.string().nullable(),
    priceFen: z.number(),
    currency: z.string(),
    installedOn: z.string().nullable(),
    replacedOn: z.string().nullable(),
    warranty: customerWarrantyView,
  })
  .openapi('CustomerUnit');
export type CustomerUnitView = z.infer<typeof customerUnitView>;
export function toCustomerUnit(u: UnitView): CustomerUnitView {
  return {
    id: u.id,
    modelId: u.modelId,
    modelCode: u.modelCode,
    modelNameZh: u.modelNameZh,
    modelNameEn: u.modelNameEn,
    serials: u.serials.map((s) => ({ role: s.role, serial: s.serial })),
    purchaseDate: u.purchaseDate,
    receivedDate: u.receivedDate,
    channel: u.channel,
    invoiceNumber: u.invoiceNumber,
    priceFen: u.priceFen,
    currency: u.currency,
    installedOn: u.installedOn,
    replacedOn: u.replacedOn,
    warranty: toCustomerWarranty(u.warranty),
  };
}

export const customerUnitDetailView = customerUnitView
  .extend({ orders: z.array(z.strictObject({ orderId: z.string(), number: z.string(), kind: z.string(), status: z.string(), createdAt: z.string(), doneAt: z.string().nullable() })) })
  .openapi('CustomerUnitDetail');
export function toCustomerUnitDetail(u: z.infer<typeof unitDetailView>): z.infer<typeof customerUnitDetailView> {
  return { ...toCustomerUnit(u), orders: u.orders.map((o) => ({ orderId: o.orderId, number: o.number, kind: o.kind, status: o.status, createdAt: o.createdAt, doneAt: o.doneAt })) };
}
