import { z } from '@hono/zod-openapi';
import { isoDate } from '../../http/schemas.js';
import { dimensions, origins } from './quality.rules.js';

const period = { from: isoDate, to: isoDate };
const after = { path: ['to'], message: 'must be after from / 须晚于开始日期' };

export const statisticsQuery = z
  .object({ ...period, dimension: z.enum(dimensions).default('model'), modelId: z.string().uuid().optional() })
  .refine((q) => q.from < q.to, after);

export const ratesQuery = z.object({ ...period, modelId: z.string().uuid().optional() }).refine((q) => q.from < q.to, after);

export const originsQuery = z.object({ ...period, by: z.enum(['category', 'installer', 'provider']).default('category') }).refine((q) => q.from < q.to, after);

export const ordersQuery = z
  .object({
    ...period,
    dimension: z.enum(dimensions).optional(),
    key: z.string().max(200).optional(),
    modelId: z.string().uuid().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .refine((q) => q.from < q.to, after)
  .refine((q) => (q.dimension === undefined) === (q.key === undefined), { path: ['key'], message: 'dimension and key go together / 维度与取值须同时给出' });

export const exportQuery = z.object({ ...period, modelId: z.string().uuid().optional() }).refine((q) => q.from < q.to, after);

export const dashboardQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM / 须为 YYYY-MM').optional(), modelId: z.string().uuid().optional() });

export const causeOriginRequest = z.object({ causeCode: z.string().min(1).max(60), origin: z.enum(['product', 'installation', 'other']) });

export const statisticsView = z
  .object({
    dimension: z.enum(dimensions),
    rows: z.array(z.object({ key: z.string(), label: z.string().nullable(), faults: z.number().int(), units: z.number().int().nullable(), per1000: z.number().nullable(), share: z.number(), cumulativeShare: z.number() })),
  })
  .openapi('QualityStatistics');

export const ratesView = z
  .object({
    cohortUnits: z.number().int(),
    earlyFailures: z.number().int(),
    earlyFailuresPer1000: z.number().nullable(),
    fixes: z.number().int(),
    firstTimeFixes: z.number().int(),
    firstTimeFixRate: z.number().nullable(),
    repairs: z.number().int(),
    repeatRepairs: z.number().int(),
    repeatRepairRate: z.number().nullable(),
    earlyDays: z.number().int(),
    repeatDays: z.number().int(),
  })
  .openapi('QualityRates');

export const originsView = z
  .object({
    by: z.enum(['category', 'installer', 'provider']),
    rows: z.array(z.object({ key: z.string(), label: z.string().nullable(), product: z.number().int(), installation: z.number().int(), other: z.number().int(), unknown: z.number().int(), installationShare: z.number().nullable(), productShare: z.number().nullable() })),
    sources: z.array(z.string()),
  })
  .openapi('QualityOrigins');

export const drillOrderView = z.object({
  id: z.string(),
  number: z.string(),
  createdAt: z.string(),
  doneAt: z.string(),
  modelId: z.string(),
  modelCode: z.string(),
  causeCode: z.string().nullable(),
  symptomCode: z.string().nullable(),
  region: z.string().nullable(),
  providerId: z.string().nullable(),
  installerId: z.string().nullable(),
  startOn: z.string(),
  photoIds: z.array(z.string()),
});

export const ordersView = z.object({ items: z.array(drillOrderView), total: z.number().int() }).openapi('QualityOrders');

export const alertView = z
  .object({
    id: z.string(),
    /** A model's alert or a part's (the repairs that replaced it, per 1,000 units of the models using it). */
    subject: z.enum(['model', 'part']),
    modelId: z.string().nullable(),
    modelName: z.string().nullable(),
    partId: z.string().nullable(),
    partName: z.string().nullable(),
    month: z.string(),
    faults: z.number().int(),
    units: z.number().int(),
    ratePer1000: z.number(),
    baselinePer1000: z.number(),
    upperLimitPer1000: z.number(),
    orderIds: z.array(z.string()),
    raisedAt: z.string(),
    acknowledgedBy: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
  })
  .openapi('QualityAlert');

export const alertsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) });

export const dashboardView = z
  .object({
    month: z.string(),
    fromMonth: z.string(),
    pareto: z.array(z.object({ key: z.string(), label: z.string().nullable(), faults: z.number().int(), share: z.number(), cumulativeShare: z.number() })),
    trend: z.array(z.object({ modelId: z.string(), modelName: z.string().nullable(), months: z.array(z.object({ month: z.string(), faults: z.number().int(), units: z.number().int(), per1000: z.number().nullable() })) })),
    alerts: z.array(alertView),
  })
  .openapi('QualityDashboard');

export const causeOriginView = z.object({ causeCode: z.string(), origin: z.enum(['product', 'installation', 'other']), updatedBy: z.string(), updatedAt: z.string() });
export const causeOriginsView = z.object({ items: z.array(causeOriginView) });

export type Origin = (typeof origins)[number];
