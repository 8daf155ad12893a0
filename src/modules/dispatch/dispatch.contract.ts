import { z } from '@hono/zod-openapi';
import { isoDateTime, workDay, rowVersion } from '../../http/schemas.js';
import { publicTechnicianName } from '../../shared/names.js';

const reason = z.object({ code: z.string(), zh: z.string(), en: z.string() });
const version = rowVersion;

export const providerVerdictView = z
  .object({
    providerId: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), eligible: z.boolean(), coveredBy: z.enum(['region', 'postal_code', 'polygon']).nullable(),
    load: z.number(), openOrders: z.number(), capacity: z.number(), certifiedTechnicians: z.number(), auditScore: z.number().nullable(), rankedLoad: z.number(), reasons: z.array(reason),
  })
  .openapi('ProviderVerdict');
export const autoDispatchRequest = z.object({ version }).openapi('AutoDispatch');

export const technicianSuggestionQuery = z.object({ date: workDay.optional().openapi({ description: "the day to fit the order into; defaults to today in the provider's time zone" }) });
export const technicianSuggestionView = z
  .object({
    date: z.string(),
    ranked: z.array(
      z.object({
        technicianId: z.string(), name: z.string(), nameEn: z.string().nullable(), rank: z.number(), addedTravelSeconds: z.number(), arrival: z.string(), start: z.string(), position: z.number(),
        visitsThatDay: z.number(), windowFit: z.enum(['inside_wish', 'no_wish']),
      }),
    ),
    excluded: z.array(z.object({ technicianId: z.string(), name: z.string(), nameEn: z.string().nullable(), reason })),
    approximateLocation: reason.nullable().openapi({ description: "set when the order's position is an estimate: the travel figures are rough" }),
  })
  .openapi('TechnicianSuggestions');

export const assignCandidatesView = z
  .object({
    date: z.string().nullable().openapi({ description: 'the day the ranking fits the order into; null when it could not be ranked' }),
    suggested: z.string().nullable().openapi({ description: 'the first suggestion: the technician the optimizer would choose' }),
    notRanked: reason.nullable().openapi({ description: 'why the list is not ranked by travel (e.g. the address has no coordinates)' }),
    items: z.array(
      z.object({
        technicianId: z.string(), name: z.string(), nameEn: z.string().nullable(),
        canTake: z.boolean().openapi({ description: 'false: assigning answers 422 (certification) or 409 with `reason`' }),
        overridable: z.boolean().nullable().openapi({ description: 'when they cannot take it: whether a dispatcher may assign anyway with an overrideReason (lacking the skill, absent); null when they can' }),
        reason: reason.nullable().openapi({ description: 'why they cannot take it; or, when they can, what to know (off that day, day full)' }),
        rank: z.number().nullable(), addedTravelSeconds: z.number().nullable(), visitsThatDay: z.number().nullable(),
      }),
    ),
  })
  .openapi('AssignCandidates');

export const planRequest = z
  .object({
    providerId: z.string().uuid(),
    date: workDay,
    background: z.boolean().default(false).openapi({ description: 'answer at once (202, status planning) and plan in the background: follow it with GET /dispatch/plans/{id}, stop it with POST /dispatch/plans/{id}/stop' }),
  })
  .openapi('PlanDay');
const stop = z.object({ orderId: z.string(), technicianId: z.string(), sequence: z.number(), arrival: z.string(), start: z.string(), end: z.string(), travelSeconds: z.number(), distanceMetres: z.number(), fixed: z.boolean() });
const planPromise = z
  .object({
    orderId: z.string(), dueAt: z.string().openapi({ description: "the customer's on-site promise" }), start: z.string().nullable(),
    outcome: z.enum(['kept', 'broken', 'unplanned']),
    minutes: z.number().int().openapi({ description: 'kept: minutes to spare; broken: minutes late' }),
  })
  .openapi('PlanPromise');
const planProgress = z
  .object({
    elapsedMs: z.number(), limitMs: z.number(), orders: z.number(), planned: z.number(), priority: z.number(), travelSeconds: z.number(), latenessCost: z.number(), updatedAt: z.string(),
  })
  .openapi('PlanProgress', { description: "the optimizer's best plan so far" });
export const planView = z
  .object({
    id: z.string(), providerId: z.string(), date: z.string(), status: z.enum(['planning', 'preview', 'applied', 'superseded', 'failed']),
    stops: z.array(stop),
    unplanned: z.array(z.object({ orderId: z.string(), code: z.string(), zh: z.string(), en: z.string() })),
    promises: z.array(planPromise),
    summary: z.object({
      orders: z.number(), planned: z.number(), technicians: z.number(), travelSeconds: z.number(), distanceMetres: z.number(), computeMs: z.number(),
      promisesKept: z.number().optional(), promisesBroken: z.number().optional(),
    }),
    progress: planProgress.nullable(),
    stopRequested: z.boolean(),
    approximate: z.array(z.object({ orderId: z.string(), code: z.string(), zh: z.string(), en: z.string() })).optional().openapi({ description: 'orders planned from an estimated position' }),
    createdBy: z.string(), createdAt: z.string(), appliedBy: z.string().nullable(), appliedAt: z.string().nullable(),
  })
  .openapi('DayPlan');

export const slotsRequest = z
  .object({
    providerId: z.string().uuid().optional().openapi({ description: 'defaults to the provider automatic dispatch would choose for this address and product' }),
    modelId: z.string().uuid().optional().openapi({ description: 'the product: its category, certification and standard minutes' }),
    kind: z.enum(['installation', 'repair', 'maintenance', 'inspection', 'return_exchange']).default('repair'),
    address: z.object({
      province: z.string().trim().min(1).max(40), city: z.string().trim().min(1).max(40), district: z.string().trim().min(1).max(40),
      postalCode: z.string().trim().max(10).nullish(), lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180),
    }),
    from: workDay,
    days: z.number().int().min(1).max(14).default(3),
    slotMinutes: z.number().int().min(30).max(480).default(120),
    firstHour: z.number().int().min(0).max(23).default(8),
    lastHour: z.number().int().min(1).max(24).default(18),
  })
  .refine((s) => s.firstHour < s.lastHour, { path: ['lastHour'], message: 'must be after firstHour' })
  .openapi('SlotsRequest');
export const slotsView = z
  .object({
    providerId: z.string(),
    slots: z.array(z.object({ date: z.string(), from: z.string(), to: z.string(), available: z.boolean(), technicians: z.number() })),
  })
  .openapi('Slots');

export const visitsQuery = z.object({ technicianId: z.string().uuid().optional().openapi({ description: 'a technician leaves this out for their own' }), date: workDay.optional() });
export const visitsView = z
  .object({
    technicianId: z.string(),
    date: z.string(),
    visits: z.array(z.object({
      orderId: z.string(), number: z.string(), status: z.string(), sequence: z.number(), plannedStart: z.string().nullable(), appointmentFrom: z.string().nullable(), appointmentTo: z.string().nullable(),
      address: z.record(z.string(), z.unknown()), symptom: z.string(), kind: z.string(),
    })),
  })
  .openapi('Visits');

const lngLat = z.tuple([z.number(), z.number()]).openapi({ description: '[longitude, latitude]' });
export const boardQuery = z.object({ providerId: z.string().uuid(), date: workDay });
export const boardView = z
  .object({
    providerId: z.string(), date: z.string(), timeZone: z.string(), dayStart: z.string(), dayEnd: z.string(), appliedPlanId: z.string().nullable(),
    map: z
      .object({ tiles: z.string(), attribution: z.string(), datum: z.enum(['wgs84', 'gcj02']), subdomains: z.array(z.string()).openapi({ description: 'what {s} in the template stands for, one per tile server (AFTERCARE_MAP_SUBDOMAINS)' }) })
      .nullable()
      .openapi({ description: "the tile server under the board's routes (AFTERCARE_MAP_TILES); null: none, the console draws its own plot. Places are WGS-84; gcj02: convert before drawing on these tiles" }),
    technicians: z.array(z.object({
      id: z.string(), name: z.string(), nameEn: z.string().nullable(), home: lngLat.nullable(), skills: z.array(z.string()), certifications: z.array(z.string()), maxJobs: z.number(),
      shifts: z.array(z.object({ from: z.string(), to: z.string() })).openapi({ description: 'working periods of the day, less absences' }),
    })),
    orders: z.array(z.object({
      id: z.string(), number: z.string(), status: z.string(), kind: z.string(), priority: z.string(), version: z.number(), symptom: z.string(), district: z.string(),
      location: lngLat.nullable(), approximate: z.boolean().openapi({ description: 'the location is an estimate' }), technicianId: z.string().nullable(), serviceMinutes: z.number(), requiredCertification: z.string().nullable(),
      windowFrom: z.string().nullable(), windowTo: z.string().nullable(), windowKind: z.enum(['appointment', 'wish']).nullable(),
    })),
    visits: z.array(z.object({
      orderId: z.string(), technicianId: z.string(), sequence: z.number(), start: z.string(), end: z.string(), travelSeconds: z.number(),
      timing: z.enum(['plan', 'appointment']).openapi({ description: "plan: the applied plan's times; appointment: the booked window's start, travel estimated" }),
    })),
  })
  .openapi('DispatchBoard');

export const orderSlotsQuery = z.object({
  from: workDay.optional().openapi({ description: "the first day; defaults to today in the provider's time zone" }),
  days: z.coerce.number().int().min(1).max(14).default(3),
});

export const orderVisitView = z
  .object({
    orderId: z.string(), technicianName: z.string().nullable(), appointmentFrom: z.string().nullable(), appointmentTo: z.string().nullable(),
    plannedStart: z.string().nullable().openapi({ description: "the applied plan's start for a visit not yet booked" }),
  })
  .openapi('OrderVisit');

/** Who comes and when, for the customer: the technician as they introduce themselves (季师傅), not their full name. */
export const customerVisitView = z
  .strictObject({ orderId: z.string(), technicianName: z.string().nullable(), appointmentFrom: z.string().nullable(), appointmentTo: z.string().nullable(), plannedStart: z.string().nullable() })
  .openapi('CustomerVisit');
export function toCustomerVisit(v: z.infer<typeof orderVisitView>): z.infer<typeof customerVisitView> {
  return { orderId: v.orderId, technicianName: v.technicianName === null ? null : publicTechnicianName(v.technicianName), appointmentFrom: v.appointmentFrom, appointmentTo: v.appointmentTo, plannedStart: v.plannedStart };
}

export const boardMoveRequest = z
  .object({
    orderId: z.string().uuid(),
    version,
    technicianId: z.string().uuid().nullable().openapi({ description: "the technician whose row it was dropped on; null takes it back to the provider's unplanned orders" }),
    from: isoDateTime.optional().openapi({ description: 'the visit booked from this time (with `to`); left out: assigned without a time' }),
    to: isoDateTime.optional(),
  })
  .refine((m) => (m.from === undefined) === (m.to === undefined), { path: ['to'], message: 'give from and to together, or neither' })
  .refine((m) => !m.from || !m.to || Date.parse(m.from) < Date.parse(m.to), { path: ['to'], message: 'must be after from' })
  .refine((m) => m.technicianId !== null || m.from === undefined, { path: ['from'], message: 'an order taken back has no time' })
  .openapi('BoardMove');
const place = z.object({ technicianId: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable() });
export const boardMoveView = place
  .extend({
    orderId: z.string(), version: z.number(), status: z.string(),
    before: place.openapi({ description: 'where the order was: the move back to it is the undo' }),
  })
  .openapi('BoardMoveResult');
