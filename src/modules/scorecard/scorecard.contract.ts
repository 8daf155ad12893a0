import { z } from '@hono/zod-openapi';
import { rowVersion } from '../../http/schemas.js';
import { levels, perspectives, units } from './scorecard.rules.js';

const month = z.string().regex(/^(20\d\d|21\d\d)-(0[1-9]|1[0-2])$/, 'must be YYYY-MM between 2000 and 2199 / 须为 YYYY-MM（2000–2199 年）');
const key = z.string().trim().min(1).max(100);
const lang = z.enum(['zh', 'en']).default('zh');
const light = z.enum(['green', 'amber', 'red', 'none']);
const names = { nameZh: z.string(), nameEn: z.string() };

export const scorecardQuery = z
  .object({
    month: month.optional(),
    level: z.enum(levels).default('company'),
    /** The region (province), provider id or technician id; a provider admin and a technician default to their own. */
    key: key.optional(),
    months: z.coerce.number().int().min(1).max(24).default(12),
  })
  .openapi('ScorecardQuery');

export const breakdownQuery = z.object({ month: month.optional(), measure: z.string().min(1).max(60), level: z.enum(['region', 'provider', 'technician']) });

export const drillQuery = z.object({
  month: month.optional(),
  measure: z.string().min(1).max(60),
  level: z.enum(levels).default('company'),
  key: key.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const exportQuery = z.object({ month: month.optional(), level: z.enum(levels).default('company'), key: key.optional(), lang });

const threshold = z.number().finite().min(-1e12).max(1e12).nullable();
export const measureUpdate = z
  .object({
    code: z.string().min(1).max(60),
    version: rowVersion,
    nameZh: z.string().trim().min(1).max(100).optional(),
    nameEn: z.string().trim().min(1).max(100).optional(),
    definitionZh: z.string().trim().min(1).max(1000).optional(),
    definitionEn: z.string().trim().min(1).max(1000).optional(),
    target: threshold.optional(),
    green: threshold.optional(),
    red: threshold.optional(),
    direction: z.enum(['higher', 'lower']).optional(),
    owner: z.string().trim().min(1).max(100).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('ScorecardMeasureUpdate');

export const measureView = z
  .object({
    code: z.string(),
    perspective: z.enum(perspectives),
    position: z.number().int(),
    ...names,
    definitionZh: z.string(),
    definitionEn: z.string(),
    source: z.string(),
    unit: z.enum(units),
    direction: z.enum(['higher', 'lower']),
    target: z.number().nullable(),
    green: z.number().nullable(),
    red: z.number().nullable(),
    owner: z.string(),
    active: z.boolean(),
    /** False while the module that records its facts does not exist (or records none yet): the figure is "no data". */
    sourceReady: z.boolean(),
    version: z.number().int(),
    updatedBy: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ScorecardMeasure');
export const measuresView = z.object({ items: z.array(measureView), sources: z.array(z.string()) }).openapi('ScorecardMeasures');

const figureView = measureView
  .pick({ code: true, nameZh: true, nameEn: true, definitionZh: true, definitionEn: true, unit: true, direction: true, target: true, green: true, red: true, owner: true, source: true, sourceReady: true })
  .extend({
    /** null: no data (never a zero for an absence). */
    value: z.number().nullable(),
    light,
    trend: z.array(z.object({ month: z.string(), value: z.number().nullable() })),
    delta: z.number().nullable(),
    better: z.boolean().nullable(),
    /** At the provider level: the median of every provider's figure this month. */
    networkMedian: z.number().nullable().optional(),
  });

export const scorecardView = z
  .object({
    month: z.string(),
    level: z.enum(levels),
    key: z.string().nullable(),
    keyName: z.string().nullable(),
    keyNameEn: z.string().nullable(),
    perspectives: z.array(z.object({ perspective: z.enum(perspectives), ...names, measures: z.array(figureView) })),
  })
  .openapi('Scorecard');

export const breakdownView = z
  .object({
    month: z.string(),
    measure: z.string(),
    level: z.enum(['region', 'provider', 'technician']),
    rows: z.array(z.object({ key: z.string(), name: z.string().nullable(), nameEn: z.string().nullable(), value: z.number().nullable(), light })),
    median: z.number().nullable(),
  })
  .openapi('ScorecardBreakdown');

export const drillView = z
  .object({
    month: z.string(),
    measure: z.string(),
    total: z.number().int(),
    items: z.array(
      z.object({
        subjectKind: z.string(),
        subjectId: z.string(),
        label: z.string().nullable(),
        providerId: z.string().nullable(),
        providerName: z.string().nullable(),
        providerNameEn: z.string().nullable(),
        technicianId: z.string().nullable(),
        technicianName: z.string().nullable(),
        technicianNameEn: z.string().nullable(),
        region: z.string().nullable(),
        value: z.number(),
        weight: z.number(),
      }),
    ),
  })
  .openapi('ScorecardDrill');

export const certificationQuery = z.object({ month: month.optional(), level: z.enum(levels).default('company'), key: key.optional() });

export const certificationView = z
  .object({
    month: z.string(),
    level: z.enum(levels),
    key: z.string().nullable(),
    items: z.array(
      z.object({
        categoryId: z.string(),
        code: z.string(),
        ...names,
        /** The certification the category needs. */
        certification: z.string(),
        /** Active technicians (at the month's end) whose provider serves the category. */
        technicians: z.number().int(),
        certified: z.number().int(),
        /** certified ÷ technicians × 100. */
        coverage: z.number(),
      }),
    ),
  })
  .openapi('ScorecardCertificationByCategory');

export const commentsQuery = z.object({
  month: month.optional(),
  /** The technician; a technician is always themself. */
  key: key.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const commentsView = z
  .object({
    month: z.string(),
    technicianId: z.string(),
    total: z.number().int(),
    items: z.array(
      z.object({
        orderId: z.string(),
        orderNumber: z.string(),
        orderKind: z.string(),
        /** follow_up: the follow-up call's record (orders done in the month); survey: the customer's own answer (answered in the month). */
        source: z.enum(['follow_up', 'survey']),
        at: z.string(),
        satisfaction: z.string().nullable(),
        attitude: z.number().int().nullable(),
        skill: z.number().int().nullable(),
        nps: z.number().int().nullable(),
        comment: z.string().nullable(),
        npsReason: z.string().nullable(),
      }),
    ),
  })
  .openapi('ScorecardCustomerComments');

export type ScorecardCard = z.infer<typeof scorecardView>;

const deliveryRoles = z.enum(['manager', 'admin', 'provider_admin']);
export const deliverySettingsRequest = z.object({ version: rowVersion, roles: z.array(deliveryRoles).max(3) }).strict();
export const recipientRequest = z
  .object({ email: z.string().trim().email().max(200), role: deliveryRoles, providerId: z.string().uuid().nullable().optional(), language: z.enum(['zh', 'en']).default('zh') })
  .strict()
  .refine((r) => (r.role === 'provider_admin') === Boolean(r.providerId), { path: ['providerId'], message: 'a provider admin mailbox names its provider; others none / 服务商管理员须指定服务商，其他角色不填' });
export const recipientView = z.object({ id: z.string(), email: z.string(), role: deliveryRoles, providerId: z.string().nullable(), language: z.enum(['zh', 'en']), createdBy: z.string(), createdAt: z.string() }).openapi('ScorecardRecipient');
export const deliveryView = z
  .object({ roles: z.array(deliveryRoles), version: z.number().int(), updatedBy: z.string(), updatedAt: z.string(), recipients: z.array(recipientView) })
  .openapi('ScorecardDelivery');
export const deliveryRunRequest = z.object({ month: month }).strict();
export const deliveryRunView = z.object({ month: z.string(), sent: z.number().int() }).openapi('ScorecardDeliveryRun');
