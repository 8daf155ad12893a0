import { z } from '@hono/zod-openapi';
import { fenAmount } from '../../shared/money.js';
import { orderKinds } from '../work-orders/work-orders.contract.js';
import { isoDate, rowVersion } from '../../http/schemas.js';
import { areaTypes, jobModes, lineKinds, payerNames, payers } from './fees.rules.js';

export { areaTypes, jobModes, lineKinds, payers };

const words = z.string().trim().min(1).max(80);
const km = z.number().finite().min(0).max(2000);
const code = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _');
const unique = <T>(items: T[], key: (t: T) => string) => new Set(items.map(key)).size === items.length;

const contentOf = <K extends z.ZodTypeAny>(kind: K) =>
  z.object({
    currency: z.literal('CNY').default('CNY'),
    labour: z
      .array(z.object({ categoryId: z.string().uuid().nullable().openapi({ description: 'null: any category without its own row' }), kind, mode: z.enum(jobModes), callOutFen: fenAmount, labourFen: fenAmount }))
      .max(500)
      .refine((a) => unique(a, (l) => `${l.categoryId}|${String((l as { kind: unknown }).kind)}|${l.mode}`), 'each category, kind and mode at most once'),
    extras: z
      .array(z.object({ code, nameZh: words, nameEn: words, unit: z.enum(['each', 'metre']), priceFen: fenAmount, customerPays: z.boolean().default(false) }))
      .max(200)
      .refine((a) => unique(a, (x) => x.code), 'each code at most once')
      .default([]),
    distance: z
      .array(z.object({ areaType: z.enum(areaTypes), freeKm: km, ratePerKmFen: fenAmount, maxKm: km.nullable().default(null) }).refine((b) => b.maxKm === null || b.maxKm >= b.freeKm, { path: ['maxKm'], message: 'must not be below freeKm' }))
      .max(3)
      .refine((a) => unique(a, (b) => b.areaType), 'each area type at most once')
      .default([]),
    areas: z.array(z.object({ province: words, city: words.nullable().optional(), district: words.nullable().optional(), areaType: z.enum(areaTypes) })).max(2000).default([]),
    defaultAreaType: z.enum(areaTypes).default('city'),
  });
export const priceListContent = contentOf(z.enum(orderKinds)).openapi('PriceListContent');
/** As stored: a kind named by an older list stays readable. */
const storedContent = contentOf(z.string());

export const createListRequest = z
  .object({
    scope: z.enum(['national', 'provider']),
    providerId: z.string().uuid().nullable().default(null),
    nameZh: words,
    nameEn: words,
    base: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).nullable().default(null).openapi({ description: "the provider's base, where remote fees are measured from" }),
  })
  .openapi('PriceListInput');

export const createVersionRequest = z
  .object({
    effectiveFrom: isoDate,
    content: priceListContent.optional().openapi({ description: 'left out: a copy of the latest version' }),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('PriceListVersionInput');

export const updateVersionRequest = z.object({ version: rowVersion, effectiveFrom: isoDate, content: priceListContent, note: z.string().trim().max(500).optional() }).openapi('PriceListVersionUpdate');
export const publishRequest = z.object({ version: rowVersion });

const reason = z.string().trim().min(1).max(500);
export const repriceRequest = z.object({ jobMode: z.enum(jobModes).optional().openapi({ description: 'left out: as last priced, else from the order kind' }), reason });
export const addLineRequest = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('extra'), code, quantity: z.number().int().min(1).max(1000) }),
    z.object({ kind: z.literal('part'), nameZh: words, nameEn: words, priceFen: fenAmount, quantity: z.number().int().min(1).max(1000) }),
  ])
  .openapi('FeeLineInput');
export const changePayerRequest = z.object({ version: rowVersion, payer: z.enum(payers), reason });
export const removeLineRequest = z.object({ version: rowVersion, reason });
// Optional in the schema so an unknown version answers 404 before a missing order is named (the service requires it).
export const previewQuery = z.object({ orderId: z.string().uuid().optional().openapi({ description: 'the order to price (required)' }) });
export const scheduleQuery = z.object({ categoryId: z.string().uuid(), province: words.optional(), city: words.optional(), district: words.optional() });

const bilingual = { zh: z.string(), en: z.string() };
export const versionView = z
  .object({
    id: z.string(),
    listId: z.string(),
    number: z.number().int(),
    status: z.enum(['draft', 'published']),
    effectiveFrom: z.string(),
    content: storedContent,
    note: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('PriceListVersion');
export const listView = z
  .object({
    id: z.string(),
    scope: z.enum(['national', 'provider']),
    providerId: z.string().nullable(),
    nameZh: z.string(),
    nameEn: z.string(),
    base: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    versions: z.array(versionView),
    createdAt: z.string(),
  })
  .openapi('PriceList');

export const lineView = z
  .object({
    id: z.string(),
    kind: z.enum(lineKinds),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    quantity: z.number().int(),
    unitFen: z.number().int(),
    amountFen: z.number().int(),
    currency: z.string(),
    payer: z.enum(payers),
    rule: z.string(),
    reason: z.object(bilingual),
    source: z.enum(['auto', 'staff']),
    priceVersionId: z.string().nullable(),
    facts: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    createdBy: z.string(),
    version: z.number().int(),
  })
  .openapi('FeeLine');
const totals = z.object({ byPayer: z.array(z.object({ payer: z.enum(payers), amountFen: z.number().int() })), amountFen: z.number().int(), currency: z.string() });
const problem = z.object({ path: z.string(), ...bilingual });
export const orderFeesView = z
  .object({
    orderId: z.string(),
    lines: z.array(lineView),
    totals,
    pricing: z
      .object({ jobMode: z.string(), priceVersionId: z.string().nullable(), workDay: z.string(), faultDay: z.string(), areaType: z.string().nullable(), roadMetres: z.number().nullable(), straightMetres: z.number().nullable(), distanceFlags: z.array(z.string()), problems: z.array(problem), pricedAt: z.string() })
      .nullable(),
    history: z.array(z.object({ lineId: z.string(), at: z.string(), actor: z.string(), action: z.string(), reason: z.string().nullable(), changes: z.record(z.string(), z.unknown()) })),
  })
  .openapi('OrderFees');
export type OrderFeesView = z.infer<typeof orderFeesView>;

export const previewView = z
  .object({ orderId: z.string(), versionId: z.string(), lines: z.array(lineView.pick({ kind: true, code: true, nameZh: true, nameEn: true, quantity: true, unitFen: true, amountFen: true, payer: true, rule: true, reason: true, facts: true })), totals, current: totals, problems: z.array(problem) })
  .openapi('PriceListPreview');

/** The price list a customer sees for their product and region, before they ask for service. */
export const scheduleView = z
  .object({
    versionId: z.string(),
    effectiveFrom: z.string(),
    currency: z.string(),
    areaType: z.enum(areaTypes),
    labour: z.array(z.object({ kind: z.string(), mode: z.enum(jobModes), modeZh: z.string(), modeEn: z.string(), callOutFen: z.number().int(), labourFen: z.number().int() })),
    extras: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), priceFen: z.number().int() })),
    distance: z.object({ freeKm: z.number(), ratePerKmFen: z.number().int(), maxKm: z.number().nullable() }).nullable(),
  })
  .openapi('FeeSchedule');

// What a customer sees of their order's fees: each line in plain words with who pays and why; no staff, no rule codes, no history.
export const customerFeeLine = z.strictObject({ nameZh: z.string(), nameEn: z.string(), quantity: z.number().int(), unitFen: z.number().int(), amountFen: z.number().int(), currency: z.string(), payer: z.enum(payers), payerZh: z.string(), payerEn: z.string(), reason: z.strictObject(bilingual) });
export const customerOrderFeesView = z.strictObject({ orderId: z.string(), lines: z.array(customerFeeLine), totals: z.strictObject({ byPayer: z.array(z.strictObject({ payer: z.enum(payers), amountFen: z.number().int() })), amountFen: z.number().int(), currency: z.string() }) });

export function toCustomerOrderFees(v: OrderFeesView): z.infer<typeof customerOrderFeesView> {
  return {
    orderId: v.orderId,
    lines: v.lines.map((l) => ({ nameZh: l.nameZh, nameEn: l.nameEn, quantity: l.quantity, unitFen: l.unitFen, amountFen: l.amountFen, currency: l.currency, payer: l.payer, payerZh: payerNames[l.payer].zh, payerEn: payerNames[l.payer].en, reason: { zh: l.reason.zh, en: l.reason.en } })),
    totals: { byPayer: v.totals.byPayer.map((t) => ({ payer: t.payer, amountFen: t.amountFen })), amountFen: v.totals.amountFen, currency: v.totals.currency },
  };
}
const customerScheduleLabour = z.strictObject({ kind: z.string(), mode: z.enum(jobModes), modeZh: z.string(), modeEn: z.string(), callOutFen: z.number().int(), labourFen: z.number().int() });
const customerScheduleExtra = z.strictObject({ code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), priceFen: z.number().int() });
export const customerScheduleView = z.strictObject({
  effectiveFrom: z.string(),
  currency: z.string(),
  areaType: z.enum(areaTypes),
  labour: z.array(customerScheduleLabour),
  extras: z.array(customerScheduleExtra),
  distance: z.strictObject({ freeKm: z.number(), ratePerKmFen: z.number().int(), maxKm: z.number().nullable() }).nullable(),
});
/** Prices are public words; the copy only keeps a field added for staff later from reaching a customer. */
export function toCustomerSchedule(v: z.infer<typeof scheduleView>): z.infer<typeof customerScheduleView> {
  return {
    effectiveFrom: v.effectiveFrom,
    currency: v.currency,
    areaType: v.areaType,
    labour: v.labour.map((l) => ({ kind: l.kind, mode: l.mode, modeZh: l.modeZh, modeEn: l.modeEn, callOutFen: l.callOutFen, labourFen: l.labourFen })),
    extras: v.extras.map((x) => ({ code: x.code, nameZh: x.nameZh, nameEn: x.nameEn, unit: x.unit, priceFen: x.priceFen })),
    distance: v.distance && { freeKm: v.distance.freeKm, ratePerKmFen: v.distance.ratePerKmFen, maxKm: v.distance.maxKm },
  };
}
