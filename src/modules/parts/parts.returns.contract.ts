import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../shared/paging.js';
import { isoDate, rowVersion } from '../../http/schemas.js';
import { fates, inspectionStates, returnStatuses, shipmentStatuses } from './parts.returns.rules.js';

const version = rowVersion;
const words = z.object({ zh: z.string(), en: z.string() });
const note = z.string().trim().min(1).max(1000);

export const returnsQuery = pageQuery.extend({
  status: z.enum(returnStatuses).optional(),
  providerId: z.string().uuid().optional(),
  orderId: z.string().uuid().optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: 'true: only returns still to pack whose deadline has passed' }),
});

export const returnView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    partId: z.string(),
    partNumber: z.string(),
    partNameZh: z.string(),
    partNameEn: z.string(),
    providerId: z.string().nullable(),
    quantity: z.number().int(),
    oldSerial: z.string().nullable(),
    newSerial: z.string().nullable(),
    dueAt: z.string(),
    overdue: z.boolean(),
    status: z.enum(returnStatuses),
    statusName: words,
    shipmentId: z.string().nullable(),
    shippedAt: z.string().nullable(),
    outcome: z.enum(['on_time', 'late', 'missing', 'open']),
    inspection: z
      .object({
        quantityReceived: z.number().int().nullable(),
        typeMatches: z.boolean().nullable(),
        serialReceived: z.string().nullable(),
        serialMatches: z.boolean().nullable(),
        state: z.enum(inspectionStates).nullable(),
        stateName: words.nullable(),
        fate: z.enum(fates).nullable(),
        fateName: words.nullable(),
        inspectedBy: z.string().nullable(),
        inspectedAt: z.string().nullable(),
        note: z.string().nullable(),
      })
      .nullable(),
    label: z
      .object({ tag: z.string(), labelledAt: z.string(), labelledBy: z.string() })
      .nullable()
      .openapi({ description: 'the tag the technician tied to the bagged old part on site (旧件挂签); null until then' }),
    version: z.number().int(),
  })
  .openapi('OldPartReturn');

export const packRequest = z
  .object({
    returnIds: z.array(z.string().uuid()).min(1).max(500).openapi({ description: 'the returns packed into this box (one provider, each still to pack)' }),
    toLocationId: z.string().uuid().openapi({ description: 'the warehouse (central or regional) the box goes to' }),
    note: note.optional(),
  })
  .openapi('OldPartPack');
export const shipRequest = z.object({ version, carrier: z.string().trim().min(1).max(100).optional(), tracking: z.string().trim().min(1).max(100).optional() }).openapi('OldPartShip');
export const receiveRequest = z.object({ version, note: note.optional() }).openapi('OldPartReceive');
export const inspectRequest = z
  .object({
    version,
    quantityReceived: z.number().int().min(0).max(100_000),
    typeMatches: z.boolean().openapi({ description: 'the part that arrived is the type (part number) the order used' }),
    serial: z.string().trim().min(1).max(100).nullable().default(null).openapi({ description: 'the serial on the part that arrived' }),
    state: z.enum(inspectionStates),
    fate: z.enum(fates),
    note: note.optional(),
  })
  .openapi('OldPartInspect');
export const labelRequest = z
  .object({ version, tag: z.string().trim().min(1).max(60).openapi({ description: "the tag's number or text, as written on the tag tied to the bagged part" }) })
  .openapi('OldPartLabel');
export const missingRequest = z.object({ version, note }).openapi('OldPartMissing');

export const shipmentsQuery = pageQuery.extend({ status: z.enum(shipmentStatuses).optional() });
export const shipmentView = z
  .object({
    id: z.string(),
    number: z.string(),
    providerId: z.string(),
    providerName: z.string().nullable(),
    providerNameEn: z.string().nullable(),
    toLocationId: z.string(),
    status: z.enum(shipmentStatuses),
    statusName: words,
    carrier: z.string().nullable(),
    tracking: z.string().nullable(),
    note: z.string().nullable(),
    packedBy: z.string(),
    lines: z.number().int(),
    shippedAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('OldPartShipment');
export const historyEntry = z.object({ at: z.string(), actor: z.string(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), details: z.record(z.string(), z.unknown()) });
export const shipmentDetailView = shipmentView.extend({ items: z.array(returnView), history: z.array(historyEntry) }).openapi('OldPartShipmentDetail');
export const packingListQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') });

export const claimsQuery = pageQuery.extend({ partId: z.string().uuid().optional() });
export const claimView = z
  .object({ id: z.string(), returnId: z.string(), partId: z.string(), partNumber: z.string(), orderId: z.string(), orderNumber: z.string(), serial: z.string().nullable(), quantity: z.number().int(), amountFen: z.number().int(), currency: z.string(), status: z.string(), createdAt: z.string() })
  .openapi('SupplierClaimLine');

export const onTimeQuery = z.object({ from: isoDate, to: isoDate }).openapi('OldPartOnTimeQuery');
export const onTimeView = z
  .object({
    from: z.string(),
    to: z.string(),
    items: z.array(z.object({ providerId: z.string().nullable(), providerName: z.string().nullable(), providerNameEn: z.string().nullable(), onTime: z.number().int(), late: z.number().int(), missing: z.number().int(), open: z.number().int(), rate: z.number().nullable() })),
  })
  .openapi('OldPartOnTime');
