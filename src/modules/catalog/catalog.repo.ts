import { eq, inArray } from 'drizzle-orm';
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
