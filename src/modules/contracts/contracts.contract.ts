import { z } from '@hono/zod-openapi';
import { currencies } from '../../shared/money.js';
import { rowVersion, workDay } from '../../http/schemas.js';

export const contractKinds = ['extended_warranty', 'maintenance'] as const;
/** A contract's price: whole fen, at most ¥100,000,000 (keeps the pro-rata products exact). */
const priceFen = z.number().int().min(0).max(10_000_000_000);
const bilingual = z.object({ zh: z.string(), en: z.string() });

export const sellRequest = z
  .object({
    kind: z.enum(contractKinds),
    termMonths: z.number().int().min(1).max(120),
    startsOn: workDay.optional().openapi({ description: 'first covered day; default the day of the sale (an extended warranty usually starts when the maker\u2019s ends)' }),
    price: z.object({ amountFen: priceFen, currency: z.enum(currencies) }),
    coversLabour: z.boolean().default(true),
    coversParts: z.boolean().default(true),
    partCodes: z.array(z.string().trim().min(1).max(40)).max(50).nullish().openapi({ description: 'the parts covered; absent: every part' }),
    visitsIncluded: z.number().int().min(0).max(24).default(0),
    visitEveryMonths: z.number().int().min(0).max(24).default(0).openapi({ description: 'maintenance visits every N months from the start, booked as maintenance orders ahead of time' }),
  })
  .refine((c) => c.kind !== 'maintenance' || (c.visitsIncluded > 0 && c.visitEveryMonths > 0), { path: ['visitsIncluded'], message: 'a maintenance contract includes visits on a schedule' })
  .openapi('ContractSell');

export const cancelRequest = z
  .object({
    version: rowVersion,
    reason: z.string().trim().min(1).max(1000),
    cancellationFeeFen: priceFen.default(0),
  })
  .openapi('ContractCancel');

export const renewRequest = z
  .object({
    version: rowVersion,
    acceptTerms: z.boolean().openapi({ description: 'the customer agrees to the renewal\u2019s terms and price (must be true)' }),
  })
  .openapi('ContractRenew');

/** The renewal the customer may take: the same cover and term at the contract's price, from the day after it ends; `open` from 30 days before the end until the end. */
const renewalOffer = z.object({ open: z.boolean(), priceFen: z.number().int(), currency: z.string(), termMonths: z.number().int(), startsOn: z.string(), endsOn: z.string() });

const visit = z.object({ dueOn: z.string(), status: z.enum(['planned', 'ordered', 'cancelled']), orderId: z.string().nullable() });
const historyEntry = z.object({ action: z.string(), by: z.string(), at: z.string(), reason: z.string().nullable(), data: z.record(z.string(), z.unknown()).nullable() });

export const contractView = z
  .object({
    id: z.string(),
    unitId: z.string(),
    customerId: z.string(),
    kind: z.enum(contractKinds),
    status: z.enum(['active', 'cancelled']),
    startsOn: z.string(),
    endsOn: z.string(),
    termMonths: z.number().int(),
    priceFen: z.number().int(),
    currency: z.string(),
    coversLabour: z.boolean(),
    coversParts: z.boolean(),
    partCodes: z.array(z.string()).nullable(),
    visitsIncluded: z.number().int(),
    visitEveryMonths: z.number().int(),
    soldBy: z.string(),
    soldAt: z.string(),
    cancelledOn: z.string().nullable(),
    refundOwedFen: z.number().int().nullable(),
    refund: z.object({ rule: z.string(), refundFen: z.number().int(), reason: bilingual }).nullable(),
    payment: z.enum(['paid', 'pay_later']),
    renewedFrom: z.string().nullable(),
    /** Null when cancelled or renewed already. */
    renewal: renewalOffer.nullable(),
    visits: z.array(visit),
    history: z.array(historyEntry),
    version: z.number().int(),
  })
  .openapi('Contract');
export type ContractView = z.infer<typeof contractView>;
export const contractList = z.object({ items: z.array(contractView) }).openapi('ContractList');

/** What the customer sees of their contracts: no seller, no history, no internal ids beyond their own unit. */
const customerFields = { id: true, unitId: true, kind: true, status: true, startsOn: true, endsOn: true, priceFen: true, currency: true, coversLabour: true, coversParts: true, partCodes: true, visitsIncluded: true, cancelledOn: true, refundOwedFen: true, payment: true, renewal: true, version: true } as const;
export const customerContractView = contractView
  .pick(customerFields)
  .extend({ renewal: renewalOffer.strict().nullable(), visits: z.array(z.strictObject({ dueOn: z.string(), status: z.enum(['planned', 'ordered', 'cancelled']) })) })
  .strict();
export const customerContractsView = z.strictObject({ items: z.array(customerContractView) });
export function toCustomerContract(c: ContractView): z.infer<typeof customerContractView> {
  const own = Object.fromEntries(Object.keys(customerFields).map((k) => [k, c[k as keyof ContractView]])) as Omit<z.infer<typeof customerContractView>, 'visits'>;
  return { ...own, visits: c.visits.map((v) => ({ dueOn: v.dueOn, status: v.status })) };
}
