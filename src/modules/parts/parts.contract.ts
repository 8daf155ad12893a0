import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../shared/paging.js';
import { currencies, fenAmount } from '../../shared/money.js';
import { countStatuses, locationKinds, requestStatuses } from './parts.rules.js';
import { rowVersion } from '../../http/schemas.js';

const version = rowVersion;
const quantity = z.number().int().min(1).max(100_000);
const serial = z.string().trim().min(1).max(100);
const words = z.object({ zh: z.string(), en: z.string() });
const note = z.string().trim().min(1).max(1000);

export const partRequest = z
  .object({
    number: z.string().trim().min(1).max(60),
    nameZh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    modelIds: z.array(z.string().uuid()).max(500).default([]).openapi({ description: 'the bill of materials: the catalog models that use this part' }),
    isMain: z.boolean().default(false),
    listFen: fenAmount.openapi({ description: "the customer's price, in fen" }),
    issueFen: fenAmount.openapi({ description: 'the price the network is charged, in fen' }),
    currency: z.enum(currencies).default('CNY'),
    serialised: z.boolean().default(false),
    returnable: z.boolean().default(false),
    returnDays: z.number().int().min(1).max(365).nullable().default(null),
    warrantyMonths: z.number().int().min(0).max(240).default(0),
    active: z.boolean().default(true),
  })
  .openapi('PartInput');
export const partUpdateRequest = partRequest.extend({ version }).openapi('PartUpdate');
export const partsQuery = pageQuery.extend({ search: z.string().trim().max(100).optional(), modelId: z.string().uuid().optional() });
export const partsExportQuery = partsQuery.omit({ limit: true, offset: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
/** The export's columns: the part's own fields and its models by code, which another Aftercare's import reads back. */
export const partExportColumns = ['number', 'nameZh', 'nameEn', 'listFen', 'issueFen', 'currency', 'isMain', 'serialised', 'returnable', 'returnDays', 'warrantyMonths', 'active', 'modelCodes'] as const;

export const partView = z
  .object({
    id: z.string(),
    number: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    modelIds: z.array(z.string()),
    isMain: z.boolean(),
    listPrice: z.object({ amountFen: z.number().int(), currency: z.string() }),
    issuePrice: z.object({ amountFen: z.number().int(), currency: z.string() }),
    serialised: z.boolean(),
    returnable: z.boolean(),
    returnDays: z.number().int().nullable(),
    warrantyMonths: z.number().int(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('Part');

export const locationRequest = z
  .object({
    code: z.string().trim().min(1).max(60),
    kind: z.enum(locationKinds),
    nameZh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    providerId: z.string().uuid().nullable().default(null).openapi({ description: "a provider's store: the provider" }),
    technicianId: z.string().uuid().nullable().default(null).openapi({ description: "a technician's van: the technician (the van belongs to their provider)" }),
  })
  .openapi('StockLocationInput');
export const locationView = z
  .object({ id: z.string(), code: z.string(), kind: z.enum(locationKinds), kindName: words, nameZh: z.string(), nameEn: z.string(), providerId: z.string().nullable(), technicianId: z.string().nullable() })
  .openapi('StockLocation');
export const locationsQuery = z.object({ kind: z.enum(locationKinds).optional(), providerId: z.string().uuid().optional() });

export const stockQuery = z.object({ locationId: z.string().uuid().optional(), partId: z.string().uuid().optional() });
export const stockView = z
  .object({
    items: z.array(
      z.object({ locationId: z.string(), locationCode: z.string(), partId: z.string(), partNumber: z.string(), nameZh: z.string(), nameEn: z.string(), onHand: z.number().int(), reserved: z.number().int(), available: z.number().int(), serials: z.array(z.string()) }),
    ),
  })
  .openapi('Stock');
export const movementsQuery = pageQuery.extend({ locationId: z.string().uuid().optional(), orderId: z.string().uuid().optional(), partId: z.string().uuid().optional() });
export const movementView = z
  .object({
    seq: z.number().int(),
    kind: z.string(),
    kindName: words,
    locationId: z.string(),
    partId: z.string(),
    quantity: z.number().int(),
    onHandDelta: z.number().int(),
    reservedDelta: z.number().int(),
    onHandAfter: z.number().int(),
    serials: z.array(z.string()),
    otherLocationId: z.string().nullable(),
    orderId: z.string().nullable(),
    requestId: z.string().nullable(),
    countId: z.string().nullable(),
    reason: z.string().nullable(),
    actor: z.string(),
    at: z.string(),
  })
  .openapi('StockMovement');

export const receiveRequest = z.object({ locationId: z.string().uuid(), partId: z.string().uuid(), quantity, serials: z.array(serial).max(1000).default([]), reason: note.optional() }).openapi('StockReceive');
export const transferRequest = z
  .object({ fromLocationId: z.string().uuid(), toLocationId: z.string().uuid(), partId: z.string().uuid(), quantity, serials: z.array(serial).max(1000).default([]), reason: note.optional() })
  .openapi('StockTransfer');

export const createRequestRequest = z
  .object({
    partId: z.string().uuid(),
    quantity,
    orderId: z.string().uuid().optional().openapi({ description: "the order the parts are for: it waits for them (on hold, waiting for parts) and resumes when they arrive" }),
    toLocationId: z.string().uuid().optional().openapi({ description: "where the parts go; for an order, by default the technician's van, else the provider's store" }),
    note: note.optional(),
  })
  .openapi('PartRequestInput');
export const approveRequest = z.object({ version, fromLocationId: z.string().uuid(), note: note.optional() }).openapi('PartRequestApprove');
export const shipRequest = z.object({ version, serials: z.array(serial).max(1000).default([]), note: note.optional() }).openapi('PartRequestShip');
export const stepRequest = z.object({ version, note: note.optional() }).openapi('PartRequestStep');
export const rejectRequest = z.object({ version, note }).openapi('PartRequestReject');
export const requestsQuery = pageQuery.extend({ status: z.enum(requestStatuses).optional(), orderId: z.string().uuid().optional() });
const historyView = z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), details: z.record(z.string(), z.unknown()) }));
export const requestView = z
  .object({
    id: z.string(),
    orderId: z.string().nullable(),
    partId: z.string(),
    partNumber: z.string(),
    partNameZh: z.string(),
    partNameEn: z.string(),
    quantity: z.number().int(),
    toLocationId: z.string(),
    fromLocationId: z.string().nullable(),
    status: z.enum(requestStatuses),
    statusName: words,
    serials: z.array(z.string()),
    note: z.string().nullable(),
    requestedBy: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('PartRequest');
export const requestDetailView = requestView.extend({ history: historyView, orderResumed: z.boolean() }).openapi('PartRequestDetail');

export const consumeRequest = z
  .object({
    lineKey: z.string().trim().min(1).max(100).openapi({ description: 'names this line of parts used: a retried request with the same key records it once' }),
    partId: z.string().uuid(),
    quantity: quantity.default(1),
    serial: serial.optional().openapi({ description: 'the serial of the new part fitted (a serialised part needs it)' }),
    oldSerial: serial.optional().openapi({ description: 'the serial of the old part taken out, for its return' }),
    locationId: z.string().uuid().optional().openapi({ description: "where the part is taken from; by default the technician's van, else the provider's store" }),
  })
  .openapi('PartConsume');
export const consumptionView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    lineKey: z.string(),
    partId: z.string(),
    partNumber: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    locationId: z.string(),
    quantity: z.number().int(),
    serial: z.string().nullable(),
    oldSerial: z.string().nullable(),
    underWarranty: z.boolean(),
    payer: z.string(),
    amount: z.object({ amountFen: z.number().int(), currency: z.string() }),
    feeLineId: z.string().nullable(),
    returnDueAt: z.string().nullable(),
    at: z.string(),
  })
  .openapi('PartConsumption');
export const orderPartsView = z.object({ consumptions: z.array(consumptionView), requests: z.array(requestView) }).openapi('OrderParts');

export const countCreateRequest = z.object({ locationId: z.string().uuid(), partIds: z.array(z.string().uuid()).max(1000).optional().openapi({ description: 'count these parts; left out, every part the location holds' }) }).openapi('StockCountInput');
export const countSubmitRequest = z.object({ version, lines: z.array(z.object({ partId: z.string().uuid(), counted: z.number().int().min(0).max(1_000_000) })).min(1), reason: note }).openapi('StockCountSubmit');
export const countDecideRequest = z.object({ version, note: note.optional() }).openapi('StockCountDecide');
export const countsQuery = z.object({ locationId: z.string().uuid().optional(), status: z.enum(countStatuses).optional() });
export const countView = z
  .object({
    id: z.string(),
    locationId: z.string(),
    scope: z.enum(['full', 'parts']),
    status: z.enum(countStatuses),
    statusName: words,
    lines: z.array(z.object({ partId: z.string(), partNumber: z.string(), expected: z.number().int(), counted: z.number().int().nullable() })),
    reason: z.string().nullable(),
    createdBy: z.string(),
    decidedBy: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('StockCount');
export const countDetailView = countView.extend({ history: historyView }).openapi('StockCountDetail');
