import { z } from '@hono/zod-openapi';
import { orderKinds } from '../work-orders/work-orders.contract.js';
import { evidencePhotoKinds, serialRoles } from './evidence.rules.js';
import { rowVersion } from '../../http/schemas.js';

export { evidencePhotoKinds, serialRoles };

const words = z.string().trim().min(1).max(60);
export const readingRule = z
  .object({
    code: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
    nameZh: words,
    nameEn: words,
    unit: z.string().trim().min(1).max(12),
    min: z.number().finite().nullable().default(null),
    max: z.number().finite().nullable().default(null),
    required: z.boolean().default(true),
  })
  .refine((r) => r.min === null || r.max === null || r.min <= r.max, { path: ['max'], message: 'must not be below min' });

const unique = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(10).refine((a) => new Set(a).size === a.length, 'each at most once');

export const ruleInput = z
  .object({
    categoryId: z.string().uuid().nullable().openapi({ description: 'null: every category without its own rule for this kind' }),
    kind: z.enum(orderKinds),
    photos: unique(z.enum(evidencePhotoKinds)).default([]),
    serials: unique(z.enum(serialRoles)).default([]),
    readings: z.array(readingRule).max(10).refine((a) => new Set(a.map((r) => r.code)).size === a.length, 'each code at most once').default([]),
    faultCodes: z.boolean().openapi({ description: 'the kind diagnoses a fault: symptom → cause → remedy required' }),
  })
  .openapi('EvidenceRuleInput');
export type RuleInput = z.infer<typeof ruleInput>;
export const ruleUpdate = ruleInput.extend({ version: rowVersion }).openapi('EvidenceRuleUpdate');

export const ruleView = z
  .object({
    id: z.string(),
    categoryId: z.string().nullable(),
    kind: z.enum(orderKinds),
    photos: z.array(z.string()),
    serials: z.array(z.string()),
    readings: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), min: z.number().nullable(), max: z.number().nullable(), required: z.boolean() })),
    faultCodes: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .openapi('EvidenceRule');
export type RuleView = z.infer<typeof ruleView>;

const bilingual = { zh: z.string(), en: z.string() };
export const flagView = z.object({ id: z.string(), kind: z.string(), details: z.record(z.string(), z.unknown()), at: z.string(), ...bilingual }).openapi('OrderFlag');
export type FlagView = z.infer<typeof flagView>;

export const orderEvidenceView = z
  .object({
    rule: ruleView.omit({ id: true, version: true, updatedAt: true, updatedBy: true }).extend({ id: z.string().nullable() }),
    photoCounts: z.record(z.string(), z.number()),
    missing: z.array(z.object({ path: z.string(), what: z.enum(['photo', 'serial', 'reading', 'fault_codes']), ...bilingual })),
    flags: z.array(flagView),
  })
  .openapi('OrderEvidence');
export type OrderEvidenceView = z.infer<typeof orderEvidenceView>;
