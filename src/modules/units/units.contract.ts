import { z } from '@hono/zod-openapi';
import { isoDate, rowVersion } from '../../http/schemas.js';
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
  .object({ version: rowVersion, toCustomerId: z.string().uuid(), onDate: isoDate, reason: z.string().trim().min(1).max(500) })
  .openapi('TransferUnit');

export const replacementRequest = z
  .object({ version: rowVersion, onDate: isoDate, serials: z.array(serialInput).min(1).max(4), reason: z.string().trim().min(1).max(500) })
  .openapi('ReplaceUnit');

const bilingual = z.object({ zh: z.string(), en: z.string() });
const serialView = z.object({ role: z.string(), serial: z.string() });
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
    serials: z.array(serialView),
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
    replacesUnitId: z.string().nullable().openapi({ description: 'a 三包 exchange: the unit this one replaced' }),
    replacedByUnitId: z.string().nullable().openapi({ description: 'a 三包 exchange: the unit that replaced this one' }),
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
/** The list's filters, every page, as a file. */
export const unitExportQuery = unitListQuery.omit({ limit: true, offset: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
/** The export's columns: the unit as the list shows it (its main serial and the others, its warranty today); the owner's number too, which another Aftercare's import finds. */
export const unitExportColumns = ['id', 'modelCode', 'modelNameZh', 'modelNameEn', 'ownerId', 'ownerNumber', 'mainSerial', 'mainSerialRole', 'otherSerials', 'purchaseDate', 'receivedDate', 'channel', 'invoiceNumber', 'priceFen', 'currency', 'installedOn', 'replacedOn', 'inWarranty', 'warrantyEndsOn'] as const;
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
// no ownership chain (earlier owners are other people). Each customer schema is the staff one cut
// down and made strict; each copy takes exactly those fields.
/** Exactly the listed fields of `o`. */
function only<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}
const keysOf = <T extends object>(shape: T) => Object.keys(shape) as (keyof T)[];

export const customerWarrantyView = warrantyView.extend({ wholeUnit: coverage.strict(), mainParts: coverage.strict(), reason: bilingual.strict() }).strict().openapi('CustomerWarranty');
type Warranty = z.infer<typeof warrantyView>;
export function toCustomerWarranty(w: Warranty): z.infer<typeof customerWarrantyView> {
  const coverageKeys = keysOf(coverage.shape);
  return { ...only(w, ['asOf', 'periodStart', 'restartedByReplacement', 'rule']), wholeUnit: only(w.wholeUnit, coverageKeys), mainParts: only(w.mainParts, coverageKeys), reason: only(w.reason, ['zh', 'en']) };
}

/** A unit's own fields its owner sees (staff see these and more). */
const ownerSees = { id: true, modelId: true, modelCode: true, modelNameZh: true, modelNameEn: true, purchaseDate: true, receivedDate: true, channel: true, invoiceNumber: true, priceFen: true, currency: true, installedOn: true, replacedOn: true, replacesUnitId: true, replacedByUnitId: true } as const;
export const customerUnitView = unitView.pick(ownerSees).extend({ serials: z.array(serialView.strict()), warranty: customerWarrantyView }).strict().openapi('CustomerUnit');
export type CustomerUnitView = z.infer<typeof customerUnitView>;
export function toCustomerUnit(u: UnitView): CustomerUnitView {
  return { ...only(u, keysOf(ownerSees)), serials: u.serials.map((x) => only(x, ['role', 'serial'])), warranty: toCustomerWarranty(u.warranty) };
}

const ownerSeesOfOrders = { orderId: true, number: true, kind: true, status: true, createdAt: true, doneAt: true } as const;
export const customerUnitDetailView = customerUnitView.extend({ orders: z.array(serviceHistoryItem.pick(ownerSeesOfOrders).strict()) }).openapi('CustomerUnitDetail');
export function toCustomerUnitDetail(u: z.infer<typeof unitDetailView>): z.infer<typeof customerUnitDetailView> {
  return { ...toCustomerUnit(u), orders: u.orders.map((o) => only(o, keysOf(ownerSeesOfOrders))) };
}
