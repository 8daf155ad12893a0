import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { evidenceRules, orderFlags } from './evidence.tables.js';

export type RuleRow = typeof evidenceRules.$inferSelect;
export type FlagRow = typeof orderFlags.$inferSelect;

export async function listRules(q: Queryable): Promise<RuleRow[]> {
  return q.select().from(evidenceRules).orderBy(asc(evidenceRules.kind), sql`${evidenceRules.categoryId} nulls first`);
}

export async function ruleById(q: Queryable, id: string): Promise<RuleRow | undefined> {
  const [row] = await q.select().from(evidenceRules).where(eq(evidenceRules.id, id));
  return row;
}

/** The category's own rule for the kind, else the category-less one. */
export async function ruleFor(q: Queryable, categoryId: string | null, kind: string): Promise<RuleRow | undefined> {
  const [row] = await q
    .select()
    .from(evidenceRules)
    .where(and(eq(evidenceRules.kind, kind), categoryId ? or(eq(evidenceRules.categoryId, categoryId), isNull(evidenceRules.categoryId)) : isNull(evidenceRules.categoryId)))
    .orderBy(sql`${evidenceRules.categoryId} nulls last`)
    .limit(1);
  return row;
}

/** The rule for exactly this category (or none) and kind. */
export async function ruleAt(q: Queryable, categoryId: string | null, kind: string): Promise<RuleRow | undefined> {
  const [row] = await q.select().from(evidenceRules).where(and(eq(evidenceRules.kind, kind), categoryId ? eq(evidenceRules.categoryId, categoryId) : isNull(evidenceRules.categoryId)));
  return row;
}

/** Undefined when a rule for the same category and kind exists. */
export async function insertRule(q: Queryable, row: typeof evidenceRules.$inferInsert): Promise<RuleRow | undefined> {
  const [made] = await q.insert(evidenceRules).values(row).onConflictDoNothing().returning();
  return made;
}

export async function updateRuleAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof evidenceRules.$inferInsert>): Promise<RuleRow | undefined> {
  const [row] = await q.update(evidenceRules).set({ ...patch, version: version + 1 }).where(and(eq(evidenceRules.id, id), eq(evidenceRules.version, version))).returning();
  return row;
}

export async function deleteRule(q: Queryable, id: string, version: number): Promise<boolean> {
  const rows = await q.delete(evidenceRules).where(and(eq(evidenceRules.id, id), eq(evidenceRules.version, version))).returning({ id: evidenceRules.id });
  return rows.length > 0;
}

export async function insertFlags(q: Queryable, rows: (typeof orderFlags.$inferInsert)[]) {
  if (rows.length) await q.insert(orderFlags).values(rows);
}

export async function flagsOf(q: Queryable, orderId: string): Promise<FlagRow[]> {
  return q.select().from(orderFlags).where(eq(orderFlags.orderId, orderId)).orderBy(asc(orderFlags.at), asc(orderFlags.id));
}
