import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { parseSort } from '../../shared/paging.js';
import { faultCodes, productCategories, productModels } from './catalog.tables.js';
import type { ModelView } from './catalog.contract.js';

export type CategoryRow = typeof productCategories.$inferSelect;
export type CategoryInsert = typeof productCategories.$inferInsert;
export type ModelRow = typeof productModels.$inferSelect;
export type ModelInsert = typeof productModels.$inferInsert;
export type FaultCodeRow = typeof faultCodes.$inferSelect;
export type FaultCodeInsert = typeof faultCodes.$inferInsert;

/** Inserts the category; undefined when its code is taken. */
export async function insertCategory(q: Queryable, row: CategoryInsert): Promise<CategoryRow | undefined> {
  const [made] = await q.insert(productCategories).values(row).onConflictDoNothing().returning();
  return made;
}

export async function findCategory(q: Queryable, id: string): Promise<CategoryRow | undefined> {
  const [row] = await q.select().from(productCategories).where(eq(productCategories.id, id));
  return row;
}

export function listCategories(q: Queryable): Promise<CategoryRow[]> {
  return q.select().from(productCategories).orderBy(asc(productCategories.code));
}

/** Inserts the model; undefined when its code is taken. */
export async function insertModel(q: Queryable, row: ModelInsert): Promise<ModelRow | undefined> {
  const [made] = await q.insert(productModels).values(row).onConflictDoNothing().returning();
  return made;
}

export async function findModel(q: Queryable, id: string): Promise<{ model: ModelRow; category: CategoryRow } | undefined> {
  const [row] = await q.select().from(productModels).innerJoin(productCategories, eq(productCategories.id, productModels.categoryId)).where(eq(productModels.id, id));
  return row ? { model: row.product_models, category: row.product_categories } : undefined;
}

/** These models with their categories, in one statement (a page of units names a few). */
export async function findModels(q: Queryable, ids: string[]): Promise<{ model: ModelRow; category: CategoryRow }[]> {
  if (ids.length === 0) return [];
  const rows = await q.select().from(productModels).innerJoin(productCategories, eq(productCategories.id, productModels.categoryId)).where(inArray(productModels.id, ids));
  return rows.map((row) => ({ model: row.product_models, category: row.product_categories }));
}

export async function searchModels(q: Queryable, s: { categoryId?: string; q?: string; sort: string; limit: number; offset: number }) {
  const where: SQL[] = [];
  if (s.categoryId) where.push(eq(productModels.categoryId, s.categoryId));
  if (s.q) where.push(or(ilike(productModels.code, `%${s.q}%`), ilike(productModels.nameZh, `%${s.q}%`), ilike(productModels.nameEn, `%${s.q}%`))!);
  const condition = where.length ? and(...where) : undefined;
  const { field, desc: isDesc } = parseSort(s.sort);
  const column = { code: productModels.code, nameZh: productModels.nameZh, nameEn: productModels.nameEn }[field as 'code'];
  const rows = await q
    .select()
    .from(productModels)
    .innerJoin(productCategories, eq(productCategories.id, productModels.categoryId))
    .where(condition)
    .orderBy(isDesc ? desc(column) : asc(column))
    .limit(s.limit)
    .offset(s.offset);
  const [{ total }] = await q.select({ total: count() }).from(productModels).where(condition);
  return { rows: rows.map((r) => ({ model: r.product_models, category: r.product_categories })), total };
}

export async function findFaultCode(q: Queryable, id: string): Promise<FaultCodeRow | undefined> {
  const [row] = await q.select().from(faultCodes).where(eq(faultCodes.id, id));
  return row;
}

/** Inserts the fault code; undefined when its code is taken. */
export async function insertFaultCode(q: Queryable, row: FaultCodeInsert): Promise<FaultCodeRow | undefined> {
  const [made] = await q.insert(faultCodes).values(row).onConflictDoNothing().returning();
  return made;
}

export function faultCodesOf(q: Queryable, categoryId: string): Promise<FaultCodeRow[]> {
  return q.select().from(faultCodes).where(eq(faultCodes.categoryId, categoryId)).orderBy(asc(faultCodes.code));
}

/** Of these category ids, the ones that exist (for other modules' checks). */
export async function existingCategoryIds(q: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await q.select({ id: productCategories.id }).from(productCategories).where(inArray(productCategories.id, ids));
  return new Set(found.map((f) => f.id));
}

/** The categories these codes name (an import's price rows name a category by code). */
export async function categoryIdsByCodes(q: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await q.select({ id: productCategories.id, code: productCategories.code }).from(productCategories).where(inArray(productCategories.code, sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(codes)])}::jsonb))`));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Each of these categories' code (a price list's export names categories by code). */
export async function categoryCodesByIds(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.select({ id: productCategories.id, code: productCategories.code }).from(productCategories).where(inArray(productCategories.id, sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb)::uuid)`));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Each of these models' code (an export names models by code, which another Aftercare's import finds). */
export async function modelCodesByIds(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.select({ id: productModels.id, code: productModels.code }).from(productModels).where(inArray(productModels.id, sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb)::uuid)`));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/**
 * The model as the catalog's modelView shows it, as one JSON value of the caller's statement (a page
 * of another module's rows then reads its models with itself). `modelId`: a column or value of that
 * statement. Null when there is no such model.
 */
export function modelViewJsonSql(modelId: SQL): SQL<ModelView | string | null> {
  return sql`(select json_build_object('id', m.id, 'categoryId', m.category_id, 'categoryCode', c.code, 'code', m.code, 'nameZh', m.name_zh, 'nameEn', m.name_en,
      'wholeUnitMonths', m.whole_unit_months, 'mainPartsMonths', m.main_parts_months, 'mainParts', m.main_parts, 'dailyDepreciationRate', m.daily_depreciation_rate,
      'requiredCertification', coalesce(m.required_certification, c.required_certification), 'standardMinutes', m.standard_minutes, 'serialPattern', m.serial_pattern)
    from ${productModels} m join ${productCategories} c on c.id = m.category_id where m.id = ${modelId})`;
}

/** A model with its category, or undefined (for other modules' reads). */
export async function modelWithCategory(q: Queryable, modelId: string) {
  const [row] = await q.select({ model: productModels, category: productCategories }).from(productModels).innerJoin(productCategories, eq(productCategories.id, productModels.categoryId)).where(eq(productModels.id, modelId));
  return row;
}

/** What work on a model needs to know: its category, the certification it requires, standard minutes per kind of order. */
export type ProductFacts = { categoryId: string; categoryCode: string; requiredCertification: string | null; standardMinutes: Record<string, number> | null };

/** The product facts of these models (for other modules' reads). */
export async function productFactsOf(q: Queryable, modelIds: string[]): Promise<Map<string, ProductFacts>> {
  if (modelIds.length === 0) return new Map();
  const rows = await q
    .select({
      modelId: productModels.id,
      categoryId: productCategories.id,
      categoryCode: productCategories.code,
      requiredCertification: sql<string | null>`coalesce(${productModels.requiredCertification}, ${productCategories.requiredCertification})`,
      standardMinutes: productModels.standardMinutes,
    })
    .from(productModels)
    .innerJoin(productCategories, eq(productCategories.id, productModels.categoryId))
    .where(inArray(productModels.id, modelIds));
  return new Map(rows.map(({ modelId, ...facts }) => [modelId, facts as ProductFacts]));
}

/**
 * Models as care reads them, a relation for the caller's statement: model_id, model_code,
 * model_name_zh, model_name_en, category_code, whole_unit_months, main_parts_months.
 */
export function careModelsSql(): SQL {
  return sql`(select m.id as model_id, m.code as model_code, m.name_zh as model_name_zh, m.name_en as model_name_en, c.code as category_code, m.whole_unit_months, m.main_parts_months
    from ${productModels} m join ${productCategories} c on c.id = m.category_id)`;
}

/** The product models these codes name, with their serial pattern (an import's model column). */
export async function modelsByCodes(q: Queryable, codes: string[]): Promise<Map<string, { id: string; serialPattern: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await q.select({ id: productModels.id, code: productModels.code, serialPattern: productModels.serialPattern }).from(productModels).where(inArray(productModels.code, sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(codes)])}::jsonb))`));
  return new Map(rows.map((r) => [r.code, { id: r.id, serialPattern: r.serialPattern }]));
}
