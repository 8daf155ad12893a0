import { z } from '@hono/zod-openapi';
import { isoDateTime as dateTime, workDay, rowVersion } from '../../http/schemas.js';
import { pageQuery, sortQuery } from '../../shared/paging.js';
import { holdReasons, orderActions, orderChannels, orderKinds, orderStatuses, priorities } from './work-orders.rules.js';

// Other modules' contracts (shared with the console) name order kinds and priorities from here.
export { orderKinds, priorities };
// The console's board groups providers' regions the way the list matches them.

const version = rowVersion.openapi({ description: 'the version you read; a stale one answers 409' });
const reason = z.string().trim().min(1).max(1000);

export const addressSnapshot = z.object({
  province: z.string().trim().min(1).max(40),
  city: z.string().trim().min(1).max(40),
  district: z.string().trim().min(1).max(40),
  street: z.string().trim().min(1).max(200),
  postalCode: z.string().trim().max(10).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  approximate: z.boolean().nullish().openapi({ description: "the coordinates are an estimate (a district's or postal code's centre): suggestions, plans and check-in distances say so" }),
});

export const intakeRequest = z
  .object({
    kind: z.enum(orderKinds),
    priority: z.enum(priorities).default('normal'),
    channel: z.enum(orderChannels).default('phone'),
    externalRef: z.string().trim().min(1).max(100).nullish().openapi({ description: 'the same reference within 24 h returns the first order' }),
    customerId: z.string().uuid(),
    unitId: z.string().uuid().nullish(),
    complaintOfOrderId: z.string().uuid().nullish(),
    symptom: z.string().trim().min(1).max(2000),
    contactPhone: z.string().trim().min(5).max(32).nullish().openapi({ description: "defaults to the customer's primary phone" }),
    addressId: z.string().uuid().nullish().openapi({ description: "one of the customer's addresses; defaults to the default one" }),
    address: addressSnapshot.nullish().openapi({ description: 'an address given on the call, instead of addressId' }),
    wishedFrom: dateTime.nullish(),
    wishedTo: dateTime.nullish(),
    accept: z.boolean().default(false).openapi({ description: 'accept at once: the order goes straight to awaiting dispatch' }),
  })
  .refine((o) => !(o.wishedFrom && o.wishedTo) || Date.parse(o.wishedFrom) < Date.parse(o.wishedTo), { path: ['wishedTo'], message: 'must be after wishedFrom' })
  .refine((o) => !(o.addressId && o.address), { path: ['address'], message: 'give addressId or address, not both' })
  .refine((o) => !o.complaintOfOrderId || o.kind === 'complaint', { path: ['complaintOfOrderId'], message: 'only a complaint points at another order' })
  .openapi('Intake');
export type IntakeInput = z.infer<typeof intakeRequest>;

const base = z.object({ version });
const faultCode = z.string().trim().min(1).max(40);
export const replacementKinds = ['part', 'unit'] as const;
export const actionRequests = {
  accept: base.extend({ note: reason.optional() }),
  dispatch: base.extend({ providerId: z.string().uuid(), reason: reason.optional() }),
  assign: base.extend({
    technicianId: z.string().uuid(),
    reason: reason.optional(),
    date: workDay.optional().openapi({ description: "the day the technician is assigned for (absences are checked on it); defaults to today in the provider's time zone" }),
    overrideReason: reason.optional().openapi({ description: 'a dispatcher assigns a technician lacking the skill or absent that day, saying why (recorded); never one uncertified or inactive' }),
  }),
  accept_job: base.extend({ note: reason.optional() }),
  decline_job: base.extend({ reason }),
  book: base
    .extend({ from: dateTime, to: dateTime, note: reason.optional(), overrideReason: reason.optional().openapi({ description: 'a dispatcher books a window the technician cannot keep, saying why (recorded)' }) }).refine((b) => Date.parse(b.from) < Date.parse(b.to), { path: ['to'], message: 'must be after from' }),
  check_in: base.extend({ at: dateTime.optional(), lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
  complete: base
    .extend({
      symptomCode: faultCode.optional().openapi({ description: 'required for kinds that diagnose faults (the evidence rule says which)' }),
      causeCode: faultCode.optional(),
      remedyCode: faultCode.optional(),
      notes: z.string().trim().max(4000).optional(),
      confirmedSerials: z.array(z.string().trim().min(1).max(64)).max(4).optional(),
      readings: z.record(z.string().trim().min(1).max(40), z.number().finite()).optional().openapi({ description: 'measurements by reading code, e.g. {"pipe_length_m": 4.5}' }),
      replacement: z.enum(replacementKinds).optional().openapi({ description: 'a part or the unit was replaced: confirmed serials may then differ from the known ones' }),
    })
    .refine((b) => [b.symptomCode, b.causeCode, b.remedyCode].every((c) => c === undefined) || [b.symptomCode, b.causeCode, b.remedyCode].every((c) => c !== undefined), {
      path: ['causeCode'],
      message: 'give symptomCode, causeCode and remedyCode together, or none',
    }),
  send_acceptance_code: base,
  confirm: base
    .extend({ code: z.string().trim().regex(/^[0-9]{6}$/, 'six digits').optional(), overrideReason: reason.optional() })
    .refine((b) => (b.code === undefined) !== (b.overrideReason === undefined), { path: ['code'], message: 'give the customer\'s code, or an overrideReason, exactly one' }),
  follow_up: base.extend({
    satisfaction: z.enum(['dissatisfied', 'neutral', 'delighted']),
    attitude: z.number().int().min(1).max(5),
    skill: z.number().int().min(1).max(5),
    fixedFirstTime: z.boolean(),
    repeatVisit: z.boolean(),
    answer: z.enum(['fixed', 'not_fixed', 'nobody_came']).optional().openapi({ description: "what the customer says of the visit: a 'nobody came' or 'not fixed' after a completion is a fraud signal" }),
    comment: z.string().trim().max(2000).optional(),
  }),
  close: base.extend({ reason: reason.optional() }),
  cancel: base.extend({ reason }),
  reopen: base.extend({ reason }),
  redo: base.extend({ reason }),
  hold: base.extend({ reason: z.enum(holdReasons), note: reason.optional() }),
  resume: base.extend({ note: reason.optional() }),
} satisfies Record<(typeof orderActions)[number], z.ZodTypeAny>;
export type ActionInput<A extends keyof typeof actionRequests> = z.infer<(typeof actionRequests)[A]>;

export const orderView = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(orderKinds),
    status: z.enum(orderStatuses),
    statusName: z.object({ zh: z.string(), en: z.string() }),
    allowedActions: z.array(z.enum(orderActions)),
    priority: z.enum(priorities),
    deadline: z.string().nullish().openapi({ description: "the promise's next deadline (in lists only)" }),
    channel: z.string(),
    externalRef: z.string().nullable(),
    customerId: z.string(),
    customerTier: z.string(),
    contactPhone: z.string(),
    address: addressSnapshot,
    unitId: z.string().nullable(),
    complaintOfOrderId: z.string().nullable(),
    symptom: z.string(),
    wishedFrom: z.string().nullable(),
    wishedTo: z.string().nullable(),
    providerId: z.string().nullable(),
    technicianId: z.string().nullable(),
    appointmentFrom: z.string().nullable(),
    appointmentTo: z.string().nullable(),
    checkedInAt: z.string().nullable(),
    checkInLat: z.number().nullable(),
    checkInLng: z.number().nullable(),
    checkInDistanceM: z.number().nullable().openapi({ description: "metres from the customer's address at check-in" }),
    checkInFar: z.boolean().nullable().openapi({ description: 'the check-in was farther from the address than allowed' }),
    technicianAcceptedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    symptomCode: z.string().nullable(),
    causeCode: z.string().nullable(),
    remedyCode: z.string().nullable(),
    workNotes: z.string().nullable(),
    confirmedSerials: z.array(z.string()).nullable(),
    readings: z.record(z.string(), z.number()).nullable().openapi({ description: "measurements at completion, by the evidence rule's reading codes" }),
    replacement: z.enum(replacementKinds).nullable().openapi({ description: 'a part or the whole unit was replaced on this job' }),
    confirmedAt: z.string().nullable(),
    confirmedBy: z.string().nullable(),
    holdReason: z.string().nullable(),
    followUp: z.record(z.string(), z.unknown()).nullable(),
    cancelReason: z.string().nullable(),
    closedAt: z.string().nullable(),
    visitCount: z.number().int(),
    warnings: z
      .array(z.object({ code: z.string(), en: z.string(), zh: z.string() }))
      .openapi({ description: "what the last correction changed that someone must act on, e.g. outside_provider_area, appointment_outside_wish" }),
    partsWaitMs: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WorkOrder');
export type OrderView = z.infer<typeof orderView>;

export const historyView = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.string(),
    actorAddress: z.string().nullable(),
    action: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string(),
    reason: z.string().nullable(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
    version: z.number(),
  })
  .openapi('WorkOrderHistory');

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const orderSortFields = ['createdAt', 'updatedAt', 'number', 'priority', 'status', 'deadline', 'bookedAt'] as const;
/** A promise's state as the list filters it (see promises' promiseStateSql). */
export const orderPromiseStates = ['at_risk', 'broken', 'kept'] as const;
const range = <T extends { [k: string]: unknown }>(from: keyof T & string, to: keyof T & string) => (q: T, ctx: z.RefinementCtx) => {
  if (typeof q[from] === 'string' && typeof q[to] === 'string' && Date.parse(q[from] as string) > Date.parse(q[to] as string)) ctx.addIssue({ code: 'custom', path: [to], message: 'must be after from' });
};
/** The filters of the order list (the list, its export and saved views share them). */
export const orderFilterFields = {
  status: csv(orderStatuses).optional().openapi({ description: 'one or more, comma separated' }),
  kind: csv(orderKinds).optional(),
  priority: csv(priorities).optional(),
  promise: csv(orderPromiseStates).optional().openapi({ description: 'promise state: at_risk, broken, kept (one or more, comma separated)' }),
  customerId: z.string().uuid().optional(),
  unitId: z.string().uuid().optional(),
  providerId: z.string().uuid().optional(),
  technicianId: z.string().uuid().optional(),
  region: z.string().trim().min(1).max(40).optional().openapi({ description: "a province or city as written on the order's address, e.g. 广州市" }),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'order number, external reference, contact phone, or words of the symptom' }),
  createdFrom: dateTime.optional(),
  createdTo: dateTime.optional(),
  deadlineFrom: dateTime.optional().openapi({ description: "the promise's next deadline, from" }),
  deadlineTo: dateTime.optional(),
  bookedFrom: dateTime.optional().openapi({ description: 'the booked visit starts, from' }),
  bookedTo: dateTime.optional(),
};
const orderFilterObject = z.object(orderFilterFields);
/** The filters alone, nothing else: what a saved view may keep. */
export const orderFilters = z.strictObject(orderFilterFields);
type FilterShape = z.infer<typeof orderFilterObject>;
const ranges = [range<FilterShape>('createdFrom', 'createdTo'), range<FilterShape>('deadlineFrom', 'deadlineTo'), range<FilterShape>('bookedFrom', 'bookedTo')];
export const orderListQuery = pageQuery
  .extend({ ...orderFilterFields, sort: sortQuery(orderSortFields, '-createdAt') })
  .superRefine((q, ctx) => ranges.forEach((r) => r(q, ctx)));
export type OrderListQuery = z.infer<typeof orderListQuery>;
export type OrderFilters = z.infer<typeof orderFilterObject>;


/** The dashboard's figures: orders counted by state and provider in one grouped read (not one list request per bar). */
export const orderCountsQuery = z.object({
  createdFrom: dateTime.optional().openapi({ description: 'orders opened at or after' }),
  createdTo: dateTime.optional().openapi({ description: 'orders opened at or before' }),
  providerId: z.string().uuid().optional(),
});
export type OrderCountsQuery = z.infer<typeof orderCountsQuery>;
export const orderCountsView = z
  .object({ items: z.array(z.object({ status: z.enum(orderStatuses), providerId: z.string().nullable(), n: z.number().int() })) })
  .openapi('OrderCounts');
export type OrderCounts = z.infer<typeof orderCountsView>;

// What a customer in the portal sees of their own orders. Each view is built field by field from
// the staff view, so a field added for staff never reaches a customer by accident; the schemas are
// strict, and the HTTP layer refuses to send a customer anything that does not fit them.

/** The steps a customer takes on their own order. */
export const customerActions = ['confirm', 'book', 'cancel'] as const;

const customerAddress = z.strictObject({ province: z.string(), city: z.string(), district: z.string(), street: z.string(), postalCode: z.string().nullable() });

export const customerOrderView = z
  .strictObject({
    id: z.string(),
    number: z.string(),
    kind: z.enum(orderKinds),
    status: z.enum(orderStatuses),
    statusName: z.strictObject({ zh: z.string(), en: z.string() }),
    allowedActions: z.array(z.enum(customerActions)),
    externalRef: z.string().nullable(),
    contactPhone: z.string(),
    address: customerAddress,
    unitId: z.string().nullable(),
    complaintOfOrderId: z.string().nullable(),
    symptom: z.string(),
    wishedFrom: z.string().nullable(),
    wishedTo: z.string().nullable(),
    appointmentFrom: z.string().nullable(),
    appointmentTo: z.string().nullable(),
    arrivedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    confirmedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CustomerWorkOrder');
export type CustomerOrderView = z.infer<typeof customerOrderView>;

export function toCustomerOrder(o: OrderView): CustomerOrderView {
  return {
    id: o.id,
    number: o.number,
    kind: o.kind,
    status: o.status,
    statusName: { zh: o.statusName.zh, en: o.statusName.en },
    allowedActions: customerActions.filter((a) => o.allowedActions.includes(a)),
    externalRef: o.externalRef,
    contactPhone: o.contactPhone,
    address: { province: o.address.province, city: o.address.city, district: o.address.district, street: o.address.street, postalCode: o.address.postalCode ?? null },
    unitId: o.unitId,
    complaintOfOrderId: o.complaintOfOrderId,
    symptom: o.symptom,
    wishedFrom: o.wishedFrom,
    wishedTo: o.wishedTo,
    appointmentFrom: o.appointmentFrom,
    appointmentTo: o.appointmentTo,
    arrivedAt: o.checkedInAt,
    doneAt: o.doneAt,
    confirmedAt: o.confirmedAt,
    closedAt: o.closedAt,
    version: o.version,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** The milestones of an order as its customer follows them; the staff's other steps are not theirs. */
export const customerMilestones = [
  'received',
  'accepted',
  'dispatched',
  'technician_assigned',
  'visit_booked',
  'arrived',
  'work_done',
  'acceptance_code_sent',
  'confirmed',
  'followed_up',
  'closed',
  'cancelled',
  'reopened',
  'redo',
  'on_hold',
  'resumed',
  'wrong_code',
] as const;
export type CustomerMilestone = (typeof customerMilestones)[number];

export const customerHistoryEntry = z
  .strictObject({
    at: z.string(),
    milestone: z.enum(customerMilestones),
    status: z.enum(orderStatuses),
    technicianName: z.string().nullable().openapi({ description: 'technician_assigned: who comes, as they introduce themselves (季师傅)' }),
    window: z.strictObject({ from: z.string(), to: z.string() }).nullable().openapi({ description: 'visit_booked: the window agreed' }),
    text: z.strictObject({ zh: z.string(), en: z.string() }).openapi({ description: "the milestone in plain words, times in the customer's zone" }),
  })
  .openapi('CustomerOrderHistory');
export type CustomerHistoryEntry = z.infer<typeof customerHistoryEntry>;
export type HistoryView = z.infer<typeof historyView>;

export const customerPhotoView = z.strictObject({ id: z.string(), kind: z.string(), contentType: z.string(), uploadedAt: z.string() }).openapi('CustomerPhoto');
export function toCustomerPhoto(p: { id: string; kind: string; contentType: string; uploadedAt: string }): z.infer<typeof customerPhotoView> {
  return { id: p.id, kind: p.kind, contentType: p.contentType, uploadedAt: p.uploadedAt };
}

/** Directions to an order's address in the maps app the server is set to (work-orders.navigation.ts). */
export const navigationView = z
  .object({
    app: z.enum(['amap', 'baidu', 'apple']),
    url: z.string().openapi({ description: "opens the maps app's directions to the address (its search for the address when it has no position)" }),
    datum: z.enum(['gcj02', 'bd09', 'wgs84']).nullable().openapi({ description: 'the datum of lat/lng as the app reads them (AMap GCJ-02, Baidu BD-09)' }),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    approximate: z.boolean().openapi({ description: "the position is an estimate (a district's or postal code's centre)" }),
  })
  .openapi('Navigation');

