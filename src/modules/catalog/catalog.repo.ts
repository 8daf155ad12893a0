import { eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { productCategories, productModels } from './catalog.tables.js';

/** Of these category ids, the ones that exist (for other modules' checks). */
export async function existingCategoryIds(q: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await q.select({ id: productCategories.id }).from(productCategories).where(inArray(productCategories.id, ids));
  return new Set(found.map((f) => f.id));
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
