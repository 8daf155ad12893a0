import { z } from '@hono/zod-openapi';
import { rowVersion } from '../../http/schemas.js';
import { actionStatuses, auditKinds, evidenceTypes, itemResults } from './audits.rules.js';

const code = z.string().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - / 仅限字母、数字、_ . -');
const name = z.string().trim().min(1).max(200);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM / 须为 YYYY-MM');
const points = z.number().min(0).max(1000);

export const templateItem = z.object({
  code,
  textZh: name,
  textEn: name,
  weight: z.number().positive().max(100),
  evidence: z.enum(evidenceTypes),
  criteriaZh: z.string().max(500).optional(),
  criteriaEn: z.string().max(500).optional(),
  target: z.number().min(-1_000_000).max(1_000_000).optional(),
  tolerance: z.number().min(0).max(1_000_000).optional(),
  unit: z.string().max(20).optional(),
  critical: z.boolean().optional(),
  dueDays: z.number().int().min(1).max(365).optional(),
  fromFollowUp: z.object({ key: z.string().min(1).max(80), failAtOrBelow: z.number().int().min(0).max(10).optional() }).optional(),
});

export const templateContent = z.object({
  sections: z
    .array(z.object({ code, nameZh: name, nameEn: name, indicatorClass: z.enum(['system', 'goods', 'customer']).optional(), items: z.array(templateItem).max(100) }))
    .max(30),
  grading: z.object({ pass: points.max(100), stars: z.array(z.object({ min: points.max(100), stars: z.number().int().min(1).max(5) })).max(5) }),
  dueDays: z.number().int().min(1).max(365),
});

export const templateRequest = z.object({ code, nameZh: name, nameEn: name, content: templateContent });
export const templateUpdateRequest = z.object({ rowVersion, nameZh: name, nameEn: name, content: templateContent });

export const templateView = z
  .object({
    id: z.string(),
    code: z.string(),
    version: z.number().int(),
    nameZh: z.string(),
    nameEn: z.string(),
    content: templateContent,
    current: z.boolean(),
    rowVersion: z.number().int(),
    /** Scored audits exist on this version: an edit makes the next version. */
    used: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('AuditTemplate');
export const templatesView = z.object({ items: z.array(templateView) });
export const templateDetailView = templateView.extend({ versions: z.array(z.object({ id: z.string(), version: z.number().int(), current: z.boolean(), createdAt: z.string(), createdBy: z.string() })) }).openapi('AuditTemplateDetail');

export const findingInput = z.object({
  itemCode: code,
  result: z.enum(itemResults).optional(),
  value: z.number().min(-1_000_000).max(1_000_000).optional(),
  photoId: z.string().uuid().optional(),
  note: z.string().max(1000).optional(),
});

export const performRequest = z.object({
  templateId: z.string().uuid(),
  kind: z.enum(['on_site', 'mystery_shopper', 'self_assessment']),
  providerId: z.string().uuid().optional(),
  technicianId: z.string().uuid().optional(),
  orderId: z.string().uuid().optional(),
  findings: z.array(findingInput).min(1).max(300),
  note: z.string().max(2000).optional(),
});

export const actionHistoryEntry = z.object({ at: z.string(), actor: z.string(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), note: z.string().nullable() });

export const actionView = z
  .object({
    id: z.string(),
    auditId: z.string(),
    itemCode: z.string(),
    itemTextZh: z.string(),
    itemTextEn: z.string(),
    providerId: z.string().nullable(),
    providerName: z.string().nullable(),
    providerNameEn: z.string().nullable(),
    technicianId: z.string().nullable(),
    technicianName: z.string().nullable(),
    technicianNameEn: z.string().nullable(),
    status: z.enum(actionStatuses),
    dueAt: z.string(),
    overdue: z.boolean(),
    correction: z.string().nullable(),
    verifiedBy: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('CorrectiveAction');
export const actionDetailView = actionView.extend({ history: z.array(actionHistoryEntry) }).openapi('CorrectiveActionDetail');

export const auditView = z
  .object({
    id: z.string(),
    template: z.object({ id: z.string(), code: z.string(), version: z.number().int(), nameZh: z.string(), nameEn: z.string() }),
    kind: z.enum(auditKinds),
    providerId: z.string().nullable(),
    providerName: z.string().nullable(),
    providerNameEn: z.string().nullable(),
    technicianId: z.string().nullable(),
    technicianName: z.string().nullable(),
    technicianNameEn: z.string().nullable(),
    orderId: z.string().nullable(),
    month: z.string(),
    score: z.number().nullable(),
    passed: z.boolean(),
    stars: z.number().int(),
    sections: z.array(z.object({ code: z.string(), indicatorClass: z.string().nullable(), score: z.number().nullable(), earned: z.number(), possible: z.number() })),
    findings: z.array(z.object({ itemCode: z.string(), result: z.enum(itemResults), value: z.number().optional(), photoId: z.string().optional(), note: z.string().optional() })),
    note: z.string().nullable(),
    sourceRef: z.string().nullable(),
    auditedBy: z.string(),
    auditedAt: z.string(),
  })
  .openapi('ServiceAudit');
export const auditDetailView = auditView.extend({ actions: z.array(actionView) }).openapi('ServiceAuditDetail');

const page = { limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };

export const auditsQuery = z.object({ providerId: z.string().uuid().optional(), technicianId: z.string().uuid().optional(), month: month.optional(), kind: z.enum(auditKinds).optional(), ...page });

export const scoresQuery = z
  .object({ level: z.enum(['provider', 'technician']).default('provider'), from: month.optional(), to: month.optional(), key: z.string().uuid().optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from / 不得早于开始月份' });

export const scoresView = z
  .object({
    level: z.enum(['provider', 'technician']),
    from: z.string(),
    to: z.string(),
    rows: z.array(z.object({ key: z.string(), name: z.string().nullable(), nameEn: z.string().nullable(), month: z.string(), audits: z.number().int(), scored: z.number().int(), averageScore: z.number().nullable(), stars: z.number().int(), failed: z.number().int() })),
  })
  .openapi('AuditScores');

export const actionsQuery = z.object({
  status: z.enum(actionStatuses).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  providerId: z.string().uuid().optional(),
  ...page,
});

export const submitRequest = z.object({ version: rowVersion, correction: z.string().trim().min(1).max(2000) });
export const verifyRequest = z.object({ version: rowVersion, outcome: z.enum(['verified', 'rejected']), note: z.string().max(2000).optional() });

export const settingsView = z.object({ dispatchWeight: z.number(), standingDays: z.number().int(), version: z.number().int(), updatedBy: z.string(), updatedAt: z.string() }).openapi('AuditSettings');
export const settingsRequest = z.object({ version: rowVersion, dispatchWeight: z.number().min(0).max(5), standingDays: z.number().int().min(1).max(730) });
