import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { settleableOrdersSql } from '../work-orders/index.js';
import { providerCollectedSql, settlementFeeLinesSql } from '../fees/index.js';
import { providerNameEnSql, providerNameSql, providerZonesSql, technicianNameEnSql, technicianNameSql } from '../network/index.js';
import { settlementCorrections, settlementHeldOrders, settlementHistory, settlementLines, settlementOrders, settlementPieceRates, settlementRules, settlementStatements } from './settlement.tables.js';
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
    .select({ s: settlementStatements, providerName: providerNameSql(sql`${settlementStatements.providerId}`), providerNameEn: providerNameEnSql(sql`${settlementStatements.providerId}`) })
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
// Generation: set-based, the month never passes through the application. Every statement below
// works on a set of drafts at once (one provider's, or a chunk of all providers'), named by
// `draftsSql`: (statement_id, provider_id, at), `at` being the period's end in the provider's zone.

/** A draft to generate: its statement, its provider and the instant its period ends. */
export type DraftTarget = { statementId: string; providerId: string; before: Date };

/** The drafts as a relation of the statement that uses them (one parameter, however many). */
function draftsSql(targets: DraftTarget[]): SQL {
  const json = JSON.stringify(targets.map((t) => ({ statement_id: t.statementId, provider_id: t.providerId, at: t.before.toISOString() })));
  return sql`(select * from jsonb_to_recordset(${json}::jsonb) as sd(statement_id uuid, provider_id uuid, at timestamptz))`;
}

const idsSql = (ids: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;

/**
 * For this transaction only: a few large statements over the month, each planned once, so compiling
 * them (JIT) costs more than it saves; and memory enough to sort and hash a chunk's lines without
 * spilling to disk.
 */
export async function forMonthWork(q: Queryable) {
  await q.execute(sql`set local jit = off`);
  await q.execute(sql`set local work_mem = '64MB'`);
}

/**
 * The statement rows, made when missing, and locked (in id order): a generation of the same draft
 * queues here. `made` names the ones this call made (another transaction making the same one at
 * once waits for it, then finds it there).
 */
export async function lockStatements(q: Queryable, rows: (typeof settlementStatements.$inferInsert)[]): Promise<{ locked: StatementRow[]; made: Set<string> }> {
  if (!rows.length) return { locked: [], made: new Set() };
  const made = await q.insert(settlementStatements).values(rows).onConflictDoNothing().returning({ id: settlementStatements.id });
  const locked = await q
    .select()
    .from(settlementStatements)
    .where(sql`${settlementStatements.id} in ${idsSql(rows.map((r) => r.id))}`)
    .orderBy(asc(settlementStatements.id))
    .for('update');
  return { locked, made: new Set(made.map((r) => r.id)) };
}

/** Empties drafts before they are generated again: their lines, their orders, the corrections they carried. */
export async function clearDrafts(q: Queryable, ids: string[]) {
  await q.delete(settlementLines).where(sql`${settlementLines.statementId} in ${idsSql(ids)}`);
  await q.delete(settlementOrders).where(sql`${settlementOrders.statementId} in ${idsSql(ids)}`);
  await q.delete(settlementHeldOrders).where(sql`${settlementHeldOrders.statementId} in ${idsSql(ids)}`);
  await q.update(settlementCorrections).set({ statementId: null }).where(sql`${settlementCorrections.statementId} in ${idsSql(ids)}`);
}

/**
 * Claims each provider's settleable orders not settled before and not held: confirmed before the
 * period's end and followed up. The held ones are kept with the statement with the codes of what
 * holds them; an order held in an earlier month is claimed by the first statement generated after
 * it clears. The claimed orders' lines are written in the same statement: their fee lines (a line
 * the provider pays counts against it), then what the provider collected from customers (owed
 * back), numbered by order number and the fee line's own order. Returns, per statement, how many
 * were claimed and how many are held.
 */
export async function claimOrders(q: Queryable, targets: DraftTarget[], holds: HoldSource[]): Promise<Map<string, { claimed: number; held: number }>> {
  const claimed = new Map<string, { claimed: number; held: number }>();
  for (const group of byPeriodEnd(targets)) for (const [id, n] of await claimOrdersEndingAt(q, group.targets, group.at, holds)) claimed.set(id, n);
  return claimed;
}

/**
 * The drafts by the instant their period ends: one group per time zone in use (usually one). Each
 * group's statements take that instant as a parameter rather than a column of the drafts, so a hold
 * or measure that reads it (an old part awaited or late, a complaint upheld by then) does not refer
 * to the outer row: the planner then reads its table once into a hash (a hashed subplan) instead of
 * probing an index once per order.
 */
function byPeriodEnd(targets: DraftTarget[]): { at: SQL; targets: DraftTarget[] }[] {
  const groups = new Map<number, DraftTarget[]>();
  for (const t of targets) groups.set(t.before.getTime(), [...(groups.get(t.before.getTime()) ?? []), t]);
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([at, group]) => ({ at: sql`${new Date(at).toISOString()}::timestamptz`, targets: group }));
}

async function claimOrdersEndingAt(q: Queryable, targets: DraftTarget[], at: SQL, holds: HoldSource[]): Promise<Map<string, { claimed: number; held: number }>> {
  // One pass over the orders: each unsettled order's holds worked out once (the codes of those that
  // hold it); the orders not held are claimed with their lines, the held ones kept with their
  // reasons, and both are counted.
  const reasons = holds.length
    ? sql`array_remove(array[${sql.join(holds.map((h) => sql`case when ${h.held(sql`o.id`, at)} then ${h.code}::text end`), sql`, `)}], null)`
    : sql`array[]::text[]`;
  const rows = rowsOf<{ statement_id: string; claimed: string; held: string }>(
    await q.execute(sql`with sd as (select * from ${draftsSql(targets)} t),
      o as materialized (select o.id, o.number, o.kind, o.technician_id, sd.statement_id, ${reasons} as reasons
        from sd cross join lateral ${settleableOrdersSql(sql`sd.provider_id`, at)} o
        where not exists (select 1 from ${settlementOrders} so where so.order_id = o.id)),
      claimed as (insert into ${settlementOrders} (order_id, statement_id, order_number, job_type, technician_id)
        select o.id, o.statement_id, o.number, o.kind, o.technician_id from o where cardinality(o.reasons) = 0),
      kept as (insert into ${settlementHeldOrders} (statement_id, order_id, order_number, reasons)
        select o.statement_id, o.id, o.number, to_jsonb(o.reasons) from o where cardinality(o.reasons) > 0),
      lines as (insert into ${settlementLines} (statement_id, line_no, kind, order_id, order_number, fee_line_id, fee_kind, payer, quantity, name_zh, name_en, amount_fen, currency)
        select x.statement_id, row_number() over (partition by x.statement_id order by x.part, x.order_number, x.seq, x.currency), x.kind, x.order_id, x.order_number,
          x.fee_line_id, x.fee_kind, x.payer, 1, x.name_zh, x.name_en, x.amount_fen, x.currency
        from (select o.statement_id, 0 as part, l.seq, 'fee' as kind, o.id as order_id, o.number as order_number, l.id as fee_line_id, l.kind as fee_kind, l.payer, l.name_zh, l.name_en,
                case when l.payer = 'provider' then -l.amount_fen else l.amount_fen end as amount_fen, l.currency
              from o join ${settlementFeeLinesSql()} l on l.order_id = o.id where cardinality(o.reasons) = 0
              union all
              select o.statement_id, 1, 0, 'collected', o.id, o.number, null, null, null, '网点向顾客代收', 'Collected from the customer by the provider', -c.amount_fen, c.currency
              from o join ${providerCollectedSql()} c on c.order_id = o.id where cardinality(o.reasons) = 0 and c.amount_fen <> 0) x)
      select sd.statement_id, count(o.id) filter (where cardinality(o.reasons) = 0) as claimed, count(o.id) filter (where cardinality(o.reasons) > 0) as held
      from sd left join o on o.statement_id = sd.statement_id group by sd.statement_id`),
  );
  return new Map(rows.map((r) => [r.statement_id, { claimed: Number(r.claimed), held: Number(r.held) }]));
}

/** The numbers of the statement's settled orders, by id (the orders behind its rule lines). */
export async function orderNumbersOf(q: Queryable, statementId: string): Promise<Map<string, string>> {
  const rows = await q.select({ id: settlementOrders.orderId, number: settlementOrders.orderNumber }).from(settlementOrders).where(eq(settlementOrders.statementId, statementId));
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** The orders the statement held back, by number, with the statement that settled each since (if any). */
export async function heldOf(q: Queryable, statementId: string) {
  const rows = rowsOf<{ order_id: string; order_number: string; reasons: string[] | string; settled_in: string | null; settled_period: string | null }>(
    await q.execute(sql`select h.order_id, h.order_number, h.reasons, so.statement_id as settled_in, st.period as settled_period
      from ${settlementHeldOrders} h left join ${settlementOrders} so on so.order_id = h.order_id left join ${settlementStatements} st on st.id = so.statement_id
      where h.statement_id = ${statementId} order by h.order_number`),
  );
  return rows.map((r) => ({ orderId: r.order_id, orderNumber: r.order_number, reasons: typeof r.reasons === 'string' ? (JSON.parse(r.reasons) as string[]) : r.reasons, settledIn: r.settled_in, settledPeriod: r.settled_period }));
}

/** The statement's orders that earlier statements of the provider held back: rolled over, with the latest month that held each and why. */
export async function rolledInto(q: Queryable, statementId: string) {
  const rows = rowsOf<{ order_id: string; order_number: string; reasons: string[] | string; held_period: string }>(
    await q.execute(sql`select distinct on (so.order_id) so.order_id, so.order_number, h.reasons, st.period as held_period
      from ${settlementOrders} so join ${settlementHeldOrders} h on h.order_id = so.order_id and h.statement_id <> so.statement_id
      join ${settlementStatements} st on st.id = h.statement_id
      where so.statement_id = ${statementId} order by so.order_id, st.period desc`),
  );
  return rows
    .map((r) => ({ orderId: r.order_id, orderNumber: r.order_number, reasons: typeof r.reasons === 'string' ? (JSON.parse(r.reasons) as string[]) : r.reasons, heldPeriod: r.held_period }))
    .sort((a, b) => (a.orderNumber < b.orderNumber ? -1 : a.orderNumber > b.orderNumber ? 1 : 0));
}

/** Each statement's last line number so far (0 when none), as a relation (statement_id, n). */
const lastLineSql = (targets: DraftTarget[]) =>
  sql`(select sd.statement_id, (select coalesce(max(sl.line_no), 0) from ${settlementLines} sl where sl.statement_id = sd.statement_id) as n from ${draftsSql(targets)} sd)`;

/** What the measures gave one statement: its settled orders, each measure's flagged count, and its last line so far. */
export type Measured = { statementId: string; settled: number; flagged: number[]; lastLineNo: number };

/**
 * Each measure over each statement's orders, kept for this transaction in a temporary table with
 * the orders behind it (by order number): only the counts come back; `insertRuleLines` takes the
 * orders from there, so they never pass through the application either.
 */
export async function measure(q: Queryable, targets: DraftTarget[], measures: MeasureSource[]): Promise<Measured[]> {
  const columns = measures.map((_, i) => {
    const f = sql`x.${sql.identifier(`f${i}`)}`;
    return sql`, count(*) filter (where ${f}) as ${sql.identifier(`n${i}`)}, coalesce(json_agg(x.order_id order by x.order_number) filter (where ${f}), '[]'::json) as ${sql.identifier(`ids${i}`)}`;
  });
  // Each flag is worked out once per order (the subquery is kept apart by `offset 0`), then counted and listed; a group of drafts at a time (byPeriodEnd).
  const measured = (group: { at: SQL; targets: DraftTarget[] }) => {
    const flags = measures.map((m, i) => sql`, (so.order_id is not null and ${m.flag(sql`so.order_id`, group.at)}) as ${sql.identifier(`f${i}`)}`);
    return sql`select x.statement_id, count(x.order_id) as settled ${sql.join(columns, sql``)}
      from (select sd.statement_id, so.order_id, so.order_number ${sql.join(flags, sql``)}
            from ${draftsSql(group.targets)} sd left join ${settlementOrders} so on so.statement_id = sd.statement_id offset 0) x
      group by x.statement_id`;
  };
  const [first, ...others] = byPeriodEnd(targets);
  await q.execute(sql`drop table if exists settlement_measured`);
  await q.execute(sql`create temporary table settlement_measured on commit drop as ${measured(first)}`);
  for (const group of others) await q.execute(sql`insert into settlement_measured ${measured(group)}`);
  const counts = measures.map((_, i) => sql`, m.${sql.identifier(`n${i}`)}`);
  const rows = rowsOf<Record<string, unknown>>(
    await q.execute(sql`select m.statement_id, m.settled ${sql.join(counts, sql``)},
      (select coalesce(max(sl.line_no), 0) from ${settlementLines} sl where sl.statement_id = m.statement_id) as last_line_no from settlement_measured m`),
  );
  return rows.map((r) => ({ statementId: String(r.statement_id), settled: Number(r.settled), flagged: measures.map((_, i) => Number(r[`n${i}`])), lastLineNo: Number(r.last_line_no) }));
}

/** A rule line as evaluated (settlement.rules.ts); `measureIndex` names the measure whose orders it takes from `measure`'s table. */
export type RuleLine = Omit<typeof settlementLines.$inferInsert, 'orderIds' | 'kind'> & { measureIndex: number };

export async function insertRuleLines(q: Queryable, lines: RuleLine[], measureCount: number) {
  if (!lines.length) return;
  const json = JSON.stringify(
    lines.map((l) => ({ statement_id: l.statementId, line_no: l.lineNo, rule_id: l.ruleId, rule_code: l.ruleCode, measure: l.measure, measured_value: l.measuredValue, quantity: l.quantity, name_zh: l.nameZh, name_en: l.nameEn, amount_fen: l.amountFen, currency: l.currency, mi: l.measureIndex })),
  );
  const ids = sql`case r.mi ${sql.join(Array.from({ length: measureCount }, (_, i) => sql`when ${sql.raw(String(i))} then m.${sql.identifier(`ids${i}`)}`), sql` `)} end`;
  await q.execute(sql`insert into ${settlementLines} (statement_id, line_no, kind, rule_id, rule_code, measure, measured_value, quantity, order_ids, name_zh, name_en, amount_fen, currency)
    select r.statement_id, r.line_no, 'rule', r.rule_id, r.rule_code, r.measure, r.measured_value, r.quantity, (${ids})::jsonb, r.name_zh, r.name_en, r.amount_fen, r.currency
    from jsonb_to_recordset(${json}::jsonb) as r(statement_id uuid, line_no int, rule_id uuid, rule_code text, measure text, measured_value double precision, quantity int, name_zh text, name_en text, amount_fen bigint, currency text, mi int)
    join settlement_measured m on m.statement_id = r.statement_id`);
}

/** Corrections agreed on each provider's earlier statements, not yet carried: they become its statement's last lines. */
export async function carryCorrections(q: Queryable, targets: DraftTarget[], period: string) {
  const open = sql`c.provider_id = sd.provider_id and c.statement_id is null and exists (select 1 from ${settlementStatements} st where st.id = c.from_statement_id and st.period < ${period})`;
  await q.execute(sql`insert into ${settlementLines} (statement_id, line_no, kind, quantity, name_zh, name_en, amount_fen, currency)
    select sd.statement_id, n.n + row_number() over (partition by sd.statement_id order by c.created_at, c.id), 'correction', 1, c.name_zh, c.name_en, c.amount_fen, c.currency
    from ${draftsSql(targets)} sd join ${lastLineSql(targets)} n on n.statement_id = sd.statement_id join ${settlementCorrections} c on ${open}`);
  await q.execute(sql`update ${settlementCorrections} c set statement_id = sd.statement_id from ${draftsSql(targets)} sd where ${open}`);
}

/** The drafts' totals and counts written, one more generation each; answers each statement's total and generation. */
export async function finishDrafts(q: Queryable, counts: { statementId: string; claimed: number; held: number }[], now: Date): Promise<Map<string, { totalFen: number; generation: number }>> {
  const json = JSON.stringify(counts.map((c) => ({ id: c.statementId, claimed: c.claimed, held: c.held })));
  const rows = rowsOf<{ id: string; total_fen: string; generation: number }>(
    await q.execute(sql`update ${settlementStatements} s set
        total_fen = (select coalesce(sum(sl.amount_fen), 0) from ${settlementLines} sl where sl.statement_id = s.id),
        order_count = x.claimed, held_count = x.held, generation = s.generation + 1, generated_at = ${now.toISOString()}::timestamptz, version = s.version + 1
      from jsonb_to_recordset(${json}::jsonb) as x(id uuid, claimed int, held int) where s.id = x.id
      returning s.id, s.total_fen, s.generation`),
  );
  return new Map(rows.map((r) => [r.id, { totalFen: Number(r.total_fen), generation: Number(r.generation) }]));
}

/** Who gets a statement when every provider's month is generated: the active providers, and any other with an order to settle. */
export async function providersToSettle(q: Queryable): Promise<{ id: string; timeZone: string }[]> {
  const rows = rowsOf<{ id: string; time_zone: string }>(
    await q.execute(sql`select p.id, p.time_zone from ${providerZonesSql()} p
      where p.active or exists (select 1 from ${settleableOrdersSql(sql`p.id`, sql`'infinity'::timestamptz`)} o where not exists (select 1 from ${settlementOrders} so where so.order_id = o.id))
      order by p.id`),
  );
  return rows.map((r) => ({ id: r.id, timeZone: r.time_zone }));
}

export async function insertHistoryRows(q: Queryable, rows: (typeof settlementHistory.$inferInsert)[]) {
  if (rows.length) await q.insert(settlementHistory).values(rows);
}

export async function insertCorrection(q: Queryable, row: typeof settlementCorrections.$inferInsert) {
  await q.insert(settlementCorrections).values(row).onConflictDoNothing();
}

// ---------------------------------------------------------------------------------------------
// Technician pay: the statement's orders counted by technician and job type

export async function ordersByTechnician(q: Queryable, statementId: string) {
  const rows = await q
    .select({ technicianId: settlementOrders.technicianId, name: technicianNameSql(sql`${settlementOrders.technicianId}`), nameEn: technicianNameEnSql(sql`${settlementOrders.technicianId}`), jobType: settlementOrders.jobType, orders: count() })
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

