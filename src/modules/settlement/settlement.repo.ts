import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { settleableOrdersSql } from '../work-orders/index.js';
import { providerCollectedSql, settlementFeeLinesSql } from '../fees/index.js';
import { providerNameSql, technicianNameSql } from '../network/index.js';
import { settlementCorrections, settlementHistory, settlementLines, settlementOrders, settlementPieceRates, settlementRules, settlementStatements } from './settlement.tables.js';
import type { HoldSource, MeasureSource } from './settlement.sources.js';

// Raw statements answer an array (node-postgres through drizzle) or { rows } (PGlite).
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

export type StatementRow = typeof settlementStatements.$inferSelect;
export type LineRow = typeof settlementLines.$inferSelect;
export type RuleRow = typeof settlementRules.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Statements

/** The statement row, made when missing, and locked: two generations of one draft queue here. */
export async function lockStatement(q: Queryable, row: typeof settlementStatements.$inferInsert): Promise<StatementRow> {
  await q.insert(settlementStatements).values(row).onConflictDoNothing();
  const [locked] = await q.select().from(settlementStatements).where(and(eq(settlementStatements.providerId, row.providerId), eq(settlementStatements.period, row.period))).for('update');
  return locked;
}

export async function findStatement(q: Queryable, id: string, providerId?: string): Promise<StatementRow | undefined> {
  const [row] = await q.select().from(settlementStatements).where(and(eq(settlementStatements.id, id), providerId ? eq(settlementStatements.providerId, providerId) : undefined));
  return row;
}

export async function listStatements(q: Queryable, f: { providerId?: string; status?: string; period?: string; limit: number; offset: number }) {
  const where = and(
    f.providerId ? eq(settlementStatements.providerId, f.providerId) : undefined,
    f.status ? eq(settlementStatements.status, f.status) : undefined,
    f.period ? eq(settlementStatements.period, f.period) : undefined,
  );
  const rows = await q
    .select({ s: settlementStatements, providerName: providerNameSql(sql`${settlementStatements.providerId}`) })
    .from(settlementStatements)
    .where(where)
    .orderBy(desc(settlementStatements.period), asc(settlementStatements.providerId))
    .limit(f.limit)
    .offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(settlementStatements).where(where);
  return { rows, total };
}

/** Moves the statement at the version read; undefined when someone else moved it first. */
export async function updateStatementAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof settlementStatements.$inferInsert>): Promise<StatementRow | undefined> {
  const [row] = await q
    .update(settlementStatements)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(settlementStatements.id, id), eq(settlementStatements.version, version)))
    .returning();
  return row;
}

export async function linesOf(q: Queryable, statementId: string): Promise<LineRow[]> {
  return q.select().from(settlementLines).where(eq(settlementLines.statementId, statementId)).orderBy(asc(settlementLines.lineNo));
}

export async function lineForUpdate(q: Queryable, statementId: string, lineNo: number): Promise<LineRow | undefined> {
  const [row] = await q.select().from(settlementLines).where(and(eq(settlementLines.statementId, statementId), eq(settlementLines.lineNo, lineNo))).for('update');
  return row;
}

export async function updateLine(q: Queryable, statementId: string, lineNo: number, patch: Partial<typeof settlementLines.$inferInsert>) {
  await q.update(settlementLines).set(patch).where(and(eq(settlementLines.statementId, statementId), eq(settlementLines.lineNo, lineNo)));
}

export async function openDisputeCount(q: Queryable, statementId: string): Promise<number> {
  const [{ n }] = await q.select({ n: count() }).from(settlementLines).where(and(eq(settlementLines.statementId, statementId), eq(settlementLines.disputeStatus, 'open')));
  return n;
}

// ---------------------------------------------------------------------------------------------
// Generation: set-based, the month never passes through the application.

/** Empties a draft before it is generated again: its lines, its orders, the corrections it carried. */
export async function clearDraft(q: Queryable, statementId: string) {
  await q.delete(settlementLines).where(eq(settlementLines.statementId, statementId));
  await q.delete(settlementOrders).where(eq(settlementOrders.statementId, statementId));
  await q.update(settlementCorrections).set({ statementId: null }).where(eq(settlementCorrections.statementId, statementId));
}

const heldCondition = (holds: HoldSource[], orderId: SQL, at: Date): SQL => (holds.length ? sql`(${sql.join(holds.map((h) => h.held(orderId, sql`${at.toISOString()}::timestamptz`)), sql` or `)})` : sql`false`);

/**
 * Claims the provider's settleable orders not settled before and not held: confirmed before the
 * period's end and followed up. An order held in an earlier month is claimed by the first statement
 * generated after it clears. Returns how many were claimed and how many are held.
 */
export async function claimOrders(q: Queryable, f: { statementId: string; providerId: string; before: Date; holds: HoldSource[] }) {
  const orders = settleableOrdersSql(f.providerId, f.before);
  const unsettled = sql`not exists (select 1 from ${settlementOrders} so where so.order_id = o.id)`;
  await q.execute(sql`insert into ${settlementOrders} (order_id, statement_id, order_number, job_type, technician_id)
    select o.id, ${f.statementId}, o.number, o.kind, o.technician_id from ${orders} o
    where ${unsettled} and not ${heldCondition(f.holds, sql`o.id`, f.before)}`);
  const [row] = rowsOf<{ claimed: string; held: string }>(
    await q.execute(sql`select (select count(*) from ${settlementOrders} so where so.statement_id = ${f.statementId}) as claimed,
      (select count(*) from ${orders} o where ${unsettled} and ${heldCondition(f.holds, sql`o.id`, f.before)}) as held`),
  );
  return { claimed: Number(row.claimed), held: Number(row.held) };
}

const nextLineNo = (statementId: string) => sql`(select coalesce(max(sl.line_no), 0) from ${settlementLines} sl where sl.statement_id = ${statementId})`;

/**
 * The fee lines of the claimed orders (a line the provider pays counts against it), then what the
 * provider collected from customers (owed back), numbered by order number and the fee line's own order.
 */
export async function insertFeeAndCollectedLines(q: Queryable, statementId: string) {
  await q.execute(sql`insert into ${settlementLines} (statement_id, line_no, kind, order_id, order_number, fee_line_id, fee_kind, payer, quantity, name_zh, name_en, amount_fen, currency)
    select so.statement_id, row_number() over (order by so.order_number, l.seq), 'fee', so.order_id, so.order_number, l.id, l.kind, l.payer, 1, l.name_zh, l.name_en,
      case when l.payer = 'provider' then -l.amount_fen else l.amount_fen end, l.currency
    from ${settlementOrders} so join ${settlementFeeLinesSql()} l on l.order_id = so.order_id
    where so.statement_id = ${statementId}`);
  await q.execute(sql`insert into ${settlementLines} (statement_id, line_no, kind, order_id, order_number, quantity, name_zh, name_en, amount_fen, currency)
    select so.statement_id, ${nextLineNo(statementId)} + row_number() over (order by so.order_number, c.currency), 'collected', so.order_id, so.order_number, 1,
      '网点向顾客代收', 'Collected from the customer by the provider', -c.amount_fen, c.currency
    from ${settlementOrders} so join ${providerCollectedSql()} c on c.order_id = so.order_id
    where so.statement_id = ${statementId} and c.amount_fen <> 0`);
}

/** Each measure over the statement's orders: how many count, and which (by order number). */
export async function measure(q: Queryable, statementId: string, measures: MeasureSource[], periodEnd: Date) {
  if (!measures.length) return { settled: 0, byMeasure: new Map<string, { flagged: number; orderIds: string[] }>() };
  const o = sql`so.order_id`;
  const at = sql`${periodEnd.toISOString()}::timestamptz`;
  const columns = measures.map(
    (m, i) => sql`count(*) filter (where ${m.flag(o, at)}) as ${sql.identifier(`n${i}`)}, coalesce(json_agg(so.order_id order by so.order_number) filter (where ${m.flag(o, at)}), '[]'::json) as ${sql.identifier(`ids${i}`)}`,
  );
  const result = await q.execute(sql`select count(*) as settled, ${sql.join(columns, sql`, `)} from ${settlementOrders} so where so.statement_id = ${statementId}`);
  const [row] = rowsOf<Record<string, unknown>>(result);
  const parseIds = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as string[]) : (v as string[]));
  return { settled: Number(row.settled), byMeasure: new Map(measures.map((m, i) => [m.code, { flagged: Number(row[`n${i}`]), orderIds: parseIds(row[`ids${i}`]) }])) };
}

export async function insertLines(q: Queryable, rows: (typeof settlementLines.$inferInsert)[]) {
  if (rows.length) await q.insert(settlementLines).values(rows);
}

export async function maxLineNo(q: Queryable, statementId: string): Promise<number> {
  const [row] = await q.select({ n: sql<string>`coalesce(max(${settlementLines.lineNo}), 0)` }).from(settlementLines).where(eq(settlementLines.statementId, statementId));
  return Number(row.n);
}

/** Corrections agreed on the provider's earlier statements, not yet carried: they become this statement's last lines. */
export async function carryCorrections(q: Queryable, statementId: string, providerId: string, period: string) {
  const earlier = sql`exists (select 1 from ${settlementStatements} st where st.id = c.from_statement_id and st.period < ${period})`;
  await q.execute(sql`insert into ${settlementLines} (statement_id, line_no, kind, quantity, name_zh, name_en, amount_fen, currency)
    select ${statementId}, ${nextLineNo(statementId)} + row_number() over (order by c.created_at, c.id), 'correction', 1, c.name_zh, c.name_en, c.amount_fen, c.currency
    from ${settlementCorrections} c where c.provider_id = ${providerId} and c.statement_id is null and ${earlier}`);
  await q.execute(sql`update ${settlementCorrections} c set statement_id = ${statementId} where c.provider_id = ${providerId} and c.statement_id is null and ${earlier}`);
}

export async function totals(q: Queryable, statementId: string) {
  const [row] = await q.select({ total: sql<string>`coalesce(sum(${settlementLines.amountFen}), 0)` }).from(settlementLines).where(eq(settlementLines.statementId, statementId));
  return Number(row.total);
}

export async function insertCorrection(q: Queryable, row: typeof settlementCorrections.$inferInsert) {
  await q.insert(settlementCorrections).values(row).onConflictDoNothing();
}

// ---------------------------------------------------------------------------------------------
// Technician pay: the statement's orders counted by technician and job type

export async function ordersByTechnician(q: Queryable, statementId: string) {
  const rows = await q
    .select({ technicianId: settlementOrders.technicianId, name: technicianNameSql(sql`${settlementOrders.technicianId}`), jobType: settlementOrders.jobType, orders: count() })
    .from(settlementOrders)
    .where(eq(settlementOrders.statementId, statementId))
    .groupBy(settlementOrders.technicianId, settlementOrders.jobType)
    .orderBy(asc(settlementOrders.technicianId), asc(settlementOrders.jobType));
  return rows;
}

export async function pieceRates(q: Queryable, providerId: string) {
  return q.select().from(settlementPieceRates).where(eq(settlementPieceRates.providerId, providerId)).orderBy(asc(settlementPieceRates.jobType));
}

export async function replacePieceRates(q: Queryable, providerId: string, rows: (typeof settlementPieceRates.$inferInsert)[]) {
  await q.delete(settlementPieceRates).where(eq(settlementPieceRates.providerId, providerId));
  if (rows.length) await q.insert(settlementPieceRates).values(rows);
}

// ---------------------------------------------------------------------------------------------
// Rules

export async function listRules(q: Queryable): Promise<RuleRow[]> {
  return q.select().from(settlementRules).orderBy(asc(settlementRules.code));
}

export async function findRule(q: Queryable, id: string): Promise<RuleRow | undefined> {
  const [row] = await q.select().from(settlementRules).where(eq(settlementRules.id, id));
  return row;
}

/** Undefined when the code is taken. */
export async function insertRule(q: Queryable, row: typeof settlementRules.$inferInsert): Promise<RuleRow | undefined> {
  const [made] = await q.insert(settlementRules).values(row).onConflictDoNothing().returning();
  return made;
}

export async function updateRuleAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof settlementRules.$inferInsert>): Promise<RuleRow | undefined> {
  const [row] = await q.update(settlementRules).set({ ...patch, version: version + 1 }).where(and(eq(settlementRules.id, id), eq(settlementRules.version, version))).returning();
  return row;
}

// ---------------------------------------------------------------------------------------------
// History

export async function insertHistory(q: Queryable, row: typeof settlementHistory.$inferInsert) {
  await q.insert(settlementHistory).values(row);
}

export async function historyOf(q: Queryable, subjectId: string) {
  return q.select().from(settlementHistory).where(eq(settlementHistory.subjectId, subjectId)).orderBy(asc(settlementHistory.seq));
}

