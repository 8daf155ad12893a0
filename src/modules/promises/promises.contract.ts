import { z } from '@hono/zod-openapi';
import { isoDate, rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { roles } from '../../kernel/permissions.js';
import { orderKinds, priorities } from '../work-orders/work-orders.contract.js';
import { milestones, outcomes } from './promises.rules.js';

const version = rowVersion.openapi({ description: 'the version you read; a stale one answers 409' });
const name = z.string().trim().min(1).max(100);
const code = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');
const bilingual = z.object({ zh: z.string(), en: z.string() });

export const timeBlock = z.object({
  start: z.string().openapi({ example: '09:00' }),
  end: z.string().openapi({ example: '12:00', description: "'24:00' is midnight at the end of the day" }),
});

export const calendarDay = z.object({
  date: isoDate,
  kind: z.enum(['holiday', 'workday']).openapi({ description: 'holiday: no work; workday: a make-up working day (调休)' }),
  nameZh: z.string().trim().max(60).nullish(),
  nameEn: z.string().trim().max(60).nullish(),
  blocks: z.array(timeBlock).max(8).nullish().openapi({ description: "a workday's own hours; without them it works a normal weekday's" }),
});

const week = z.array(z.array(timeBlock).max(8)).length(7).openapi({ description: 'seven days, Monday first; each a list of working blocks (two for a lunch break)' });

export const calendarInput = z
  .object({
    code,
    nameZh: name,
    nameEn: name,
    timeZone: z.string().trim().min(1).max(60).openapi({ example: 'Asia/Shanghai' }),
    week,
    isDefault: z.boolean().default(false),
    providerId: z.string().uuid().nullish(),
    region: z.string().trim().min(1).max(40).nullish().openapi({ description: 'a province or city as written on addresses, e.g. 广州市' }),
    days: z.array(calendarDay).max(5000).default([]),
    cnNationalYears: z.array(z.number().int().min(2000).max(2100)).max(50).optional().openapi({ description: "add China's national holidays and make-up days of these years" }),
  })
  .openapi('CalendarInput');
export type CalendarInput = z.infer<typeof calendarInput>;

export const calendarPatch = z
  .object({
    version,
    nameZh: name.optional(),
    nameEn: name.optional(),
    timeZone: z.string().trim().min(1).max(60).optional(),
    week: week.optional(),
    isDefault: z.boolean().optional(),
    providerId: z.string().uuid().nullish(),
    region: z.string().trim().min(1).max(40).nullish(),
  })
  .openapi('CalendarPatch');
export type CalendarPatch = z.infer<typeof calendarPatch>;

export const daysImport = z
  .object({
    version,
    source: z.enum(['days', 'csv', 'cn_national']).openapi({ description: 'days: the list given; csv: lines "date,holiday|workday,中文名,English name"; cn_national: China\'s arrangement from the shipped data' }),
    days: z.array(calendarDay).max(5000).optional(),
    csv: z.string().max(200_000).optional(),
    years: z.array(z.number().int().min(2000).max(2100)).max(50).optional(),
    removeDates: z.array(isoDate).max(5000).default([]).openapi({ description: 'dates to take off the calendar' }),
  })
  .refine((b) => b.source !== 'days' || b.days !== undefined, { path: ['days'], message: 'required when source is days' })
  .refine((b) => b.source !== 'csv' || b.csv !== undefined, { path: ['csv'], message: 'required when source is csv' })
  .openapi('CalendarDaysImport');
export type DaysImport = z.infer<typeof daysImport>;

export const calendarView = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    timeZone: z.string(),
    week: z.array(z.array(timeBlock)),
    isDefault: z.boolean(),
    providerId: z.string().nullable(),
    region: z.string().nullable(),
    version: z.number().int(),
    days: z.array(calendarDay).optional(),
  })
  .openapi('Calendar');
export type CalendarView = z.infer<typeof calendarView>;

export const calendarDaysQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });

const target = z
  .object({
    customerMinutes: z.number().positive().max(525_600).openapi({ description: 'the promise to the customer, in business minutes' }),
    internalMinutes: z.number().positive().max(525_600).nullish().openapi({ description: 'a tighter internal target' }),
  })
  .refine((t) => t.internalMinutes == null || t.internalMinutes <= t.customerMinutes, { path: ['internalMinutes'], message: 'must not exceed customerMinutes' });

const targets = z
  .object({ first_response: target.optional(), on_site: target.optional(), resolution: target.optional() })
  .refine((t) => Object.values(t).some(Boolean), { message: 'set at least one milestone' });

const share = (d: string) => z.number().gt(0).lt(1).openapi({ description: d });

const policyFields = {
  code,
  nameZh: name,
  nameEn: name,
  active: z.boolean().default(true),
  orderKind: z.enum(orderKinds).nullish(),
  priority: z.enum(priorities).nullish(),
  customerTier: z.string().trim().min(1).max(40).nullish(),
  region: z.string().trim().min(1).max(40).nullish(),
  categoryId: z.string().uuid().nullish(),
  calendarId: z.string().uuid().nullish().openapi({ description: "overrides the provider's, region's and default calendar" }),
  targets,
  warnShare: share('warn at this share of the (internal) target').default(0.75),
  beatenShare: share('met with at least this share of the target left counts as beaten').default(0.25),
  warnRole: z.enum(roles).default('dispatcher'),
  escalateRole: z.enum(roles).default('manager'),
};

export const policyInput = z.object(policyFields).openapi('PromisePolicyInput');
export type PolicyInput = z.infer<typeof policyInput>;

export const policyPatch = z
  .object({
    version,
    nameZh: name.optional(),
    nameEn: name.optional(),
    active: z.boolean().optional(),
    orderKind: policyFields.orderKind,
    priority: policyFields.priority,
    customerTier: policyFields.customerTier,
    region: policyFields.region,
    categoryId: policyFields.categoryId,
    calendarId: policyFields.calendarId,
    targets: targets.optional(),
    warnShare: share('warn at this share of the (internal) target').optional(),
    beatenShare: share('beaten from this share left').optional(),
    warnRole: z.enum(roles).optional(),
    escalateRole: z.enum(roles).optional(),
  })
  .openapi('PromisePolicyPatch');
export type PolicyPatch = z.infer<typeof policyPatch>;

const targetView = z.object({ customerMinutes: z.number(), internalMinutes: z.number().nullish() });
export const policyView = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    active: z.boolean(),
    orderKind: z.string().nullable(),
    priority: z.string().nullable(),
    customerTier: z.string().nullable(),
    region: z.string().nullable(),
    categoryId: z.string().nullable(),
    calendarId: z.string().nullable(),
    targets: z.object({ first_response: targetView.optional(), on_site: targetView.optional(), resolution: targetView.optional() }),
    warnShare: z.number(),
    beatenShare: z.number(),
    warnRole: z.string(),
    escalateRole: z.string(),
    version: z.number().int(),
  })
  .openapi('PromisePolicy');
export type PolicyView = z.infer<typeof policyView>;

const minutesOrNull = z.number().nullable();
export const milestoneView = z.object({
  milestone: z.enum(milestones),
  name: bilingual,
  cycle: z.number().int(),
  status: z.enum(['running', 'paused', 'met', 'void']),
  targetMinutes: z.number(),
  internalTargetMinutes: minutesOrNull,
  usedMinutes: z.number().openapi({ description: 'business minutes used before the clock last started (all of them once met)' }),
  startedAt: z.string(),
  dueAt: z.string().nullable(),
  internalDueAt: z.string().nullable(),
  warnAt: z.string().nullable(),
  metAt: z.string().nullable(),
  outcome: z.enum(outcomes).nullable(),
  outcomeName: bilingual.nullable(),
  leftMinutes: minutesOrNull.openapi({ description: 'running or paused: business minutes left to the customer deadline now; negative: late by' }),
  internalLeftMinutes: minutesOrNull.openapi({ description: 'the same for the internal target' }),
  marginMinutes: minutesOrNull.openapi({ description: 'business minutes to spare at the deadline; negative: broken by' }),
  internalKept: z.boolean().nullable(),
  warnedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
});

export const alertView = z.object({
  id: z.number().int(),
  orderId: z.string(),
  orderNumber: z.string().optional(),
  milestone: z.enum(milestones),
  cycle: z.number().int(),
  kind: z.enum(['warning', 'breach']),
  role: z.string(),
  dueAt: z.string(),
  deliveredAt: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
});

export const orderPromiseView = z
  .object({
    orderId: z.string().uuid(),
    policy: z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string() }),
    calendar: z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), timeZone: z.string() }),
    paused: z.boolean(),
    pausedAt: z.string().nullable(),
    nextDueAt: z.string().nullable(),
    warnRole: z.string(),
    escalateRole: z.string(),
    milestones: z.array(milestoneView),
    pauses: z.array(z.object({ reason: z.string(), startedAt: z.string(), endedAt: z.string().nullable() })),
    alerts: z.array(alertView),
    history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), details: z.record(z.string(), z.unknown()) })),
  })
  .openapi('OrderPromise');
export type OrderPromiseView = z.infer<typeof orderPromiseView>;

export const atRiskQuery = pageQuery;
export const atRiskItem = z
  .object({
    orderId: z.string().uuid(),
    number: z.string(),
    status: z.string(),
    kind: z.string(),
    priority: z.string(),
    customerTier: z.string(),
    providerId: z.string().nullable(),
    technicianId: z.string().nullable(),
    city: z.string(),
    nextDueAt: z.string().nullable(),
    overdue: z.boolean().openapi({ description: 'a customer deadline has passed' }),
    milestones: z.array(z.object({ milestone: z.enum(milestones), name: bilingual, dueAt: z.string().nullable(), warnAt: z.string().nullable(), internalDueAt: z.string().nullable(), overdue: z.boolean() })),
  })
  .openapi('AtRiskOrder');

export const reportQuery = z.object({
  by: z.enum(['policy', 'provider', 'technician', 'region', 'period']),
  from: isoDate,
  to: isoDate.openapi({ description: 'exclusive' }),
  milestone: z.enum(milestones).optional(),
  timeZone: z.string().default('Asia/Shanghai').openapi({ description: 'for the dates and the months of by=period' }),
  providerId: z.string().uuid().optional().openapi({ description: "only the orders served by this provider" }),
});
export type ReportQuery = z.infer<typeof reportQuery>;

/** The orders behind a figure of the report (drill-down): each met milestone in the period, newest first. */
export const reportOrdersQuery = pageQuery.extend({
  from: isoDate,
  to: isoDate.openapi({ description: 'exclusive' }),
  milestone: z.enum(milestones).optional(),
  outcome: z.enum(outcomes).optional(),
  timeZone: z.string().default('Asia/Shanghai'),
  providerId: z.string().uuid().optional(),
});
export type ReportOrdersQuery = z.infer<typeof reportOrdersQuery>;
export const reportOrderItem = z
  .object({ orderId: z.string(), number: z.string(), status: z.string(), milestone: z.enum(milestones), outcome: z.enum(outcomes), metAt: z.string() })
  .openapi('PromiseReportOrder');

export const reportRow = z.object({
  key: z.string().nullable(),
  label: z.string().nullable(),
  met: z.number().int(),
  beaten: z.number().int(),
  kept: z.number().int(),
  broken: z.number().int(),
  shareBeaten: z.number(),
  shareKept: z.number(),
  shareBroken: z.number(),
  medianMarginMinutes: minutesOrNull,
  p90MarginMinutes: minutesOrNull,
});

export const alertsQuery = pageQuery.extend({ role: z.enum(roles).optional(), kind: z.enum(['warning', 'breach']).optional() });
export type AlertsQuery = z.infer<typeof alertsQuery>;

// A customer's view of the promise made to them: each milestone's deadline and how it ended.
// Not the internal targets, warnings, escalation roles, alerts or the clock's history.
const customerBilingual = z.strictObject({ zh: z.string(), en: z.string() });
export const customerPromiseView = z
  .strictObject({
    orderId: z.string(),
    paused: z.boolean(),
    milestones: z.array(
      z.strictObject({
        milestone: z.enum(milestones),
        name: customerBilingual,
        status: z.enum(['running', 'paused', 'met', 'void']),
        dueAt: z.string().nullable(),
        metAt: z.string().nullable(),
        outcome: z.enum(outcomes).nullable(),
        outcomeName: customerBilingual.nullable(),
      }),
    ),
  })
  .openapi('CustomerPromise');
export type CustomerPromiseView = z.infer<typeof customerPromiseView>;
export function toCustomerPromise(p: OrderPromiseView): CustomerPromiseView {
  return {
    orderId: p.orderId,
    paused: p.paused,
    milestones: p.milestones.map((m) => ({
      milestone: m.milestone,
      name: { zh: m.name.zh, en: m.name.en },
      status: m.status,
      dueAt: m.dueAt,
      metAt: m.metAt,
      outcome: m.outcome,
      outcomeName: m.outcomeName ? { zh: m.outcomeName.zh, en: m.outcomeName.en } : null,
    })),
  };
}
