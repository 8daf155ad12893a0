import { z } from '@hono/zod-openapi';
import { pageQuery, sortQuery } from '../../shared/paging.js';

const code = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'letters, digits, _ . -');
const names = { nameZh: z.string().trim().min(1).max(100), nameEn: z.string().trim().min(1).max(100) };

export const createCategoryRequest = z.object({ code, ...names, requiredCertification: code.nullish() }).openapi('CreateCategory');
export const categoryView = z
  .object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), requiredCertification: z.string().nullable() })
  .openapi('Category');

const minutes = z.number().int().min(1).max(24 * 60);
export const standardMinutes = z.object({
  installation: minutes.optional(),
  repair: minutes.optional(),
  maintenance: minutes.optional(),
  inspection: minutes.optional(),
  return_exchange: minutes.optional(),
});

export const createModelRequest = z
  .object({
    categoryId: z.string().uuid(),
    code,
    ...names,
    wholeUnitMonths: z.number().int().min(0).max(240),
    mainPartsMonths: z.number().int().min(0).max(240),
    mainParts: z.array(code).max(50).default([]),
    dailyDepreciationRate: z.number().min(0).max(0.01),
    requiredCertification: code.nullish(),
    standardMinutes: standardMinutes.default({}),
    serialPattern: z
      .string()
      .max(200)
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .nullish(),
  })
  .refine((m) => m.mainPartsMonths >= m.wholeUnitMonths, { path: ['mainPartsMonths'], message: 'must be at least wholeUnitMonths' })
  .openapi('CreateModel');

export const modelView = z
  .object({
    id: z.string(),
    categoryId: z.string(),
    categoryCode: z.string(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    wholeUnitMonths: z.number(),
    mainPartsMonths: z.number(),
    mainParts: z.array(z.string()),
    dailyDepreciationRate: z.number(),
    requiredCertification: z.string().nullable().openapi({ description: "the model's own, else its category's" }),
    standardMinutes: standardMinutes,
    serialPattern: z.string().nullable(),
  })
  .openapi('ProductModel');
export type ModelView = z.infer<typeof modelView>;

export const modelListQuery = pageQuery.extend({
  categoryId: z.string().uuid().optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: sortQuery(['code', 'nameZh', 'nameEn'] as const, 'code'),
});

export const createFaultCodeRequest = z
  .object({
    categoryId: z.string().uuid(),
    level: z.enum(['symptom', 'cause', 'remedy']),
    code,
    parentId: z.string().uuid().nullish(),
    ...names,
  })
  .openapi('CreateFaultCode');

export type FaultNode = { id: string; level: 'symptom' | 'cause' | 'remedy'; code: string; nameZh: string; nameEn: string; children: FaultNode[] };
// The tree is exactly three levels deep, so it is spelled out rather than recursive.
const faultFields = { id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string() };
const remedyNode = z.object({ ...faultFields, level: z.literal('remedy'), children: z.array(z.object({})).max(0) });
const causeNode = z.object({ ...faultFields, level: z.literal('cause'), children: z.array(remedyNode) });
export const faultNode = z.object({ ...faultFields, level: z.literal('symptom'), children: z.array(causeNode) }).openapi('FaultTreeSymptom');

// What a customer needs of the catalogue to register an appliance: names and warranty terms.
export const customerCategoryView = z.strictObject({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string() }).openapi('CustomerCategory');
export function toCustomerCategory(c: z.infer<typeof categoryView>): z.infer<typeof customerCategoryView> {
  return { id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn };
}
export const customerModelView = z
  .strictObject({ id: z.string(), categoryId: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), wholeUnitMonths: z.number(), mainPartsMonths: z.number() })
  .openapi('CustomerProductModel');
export function toCustomerModel(m: ModelView): z.infer<typeof customerModelView> {
  return { id: m.id, categoryId: m.categoryId, code: m.code, nameZh: m.nameZh, nameEn: m.nameEn, wholeUnitMonths: m.wholeUnitMonths, mainPartsMonths: m.mainPartsMonths };
}
