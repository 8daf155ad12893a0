import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { insertRowsSql } from '../../db/json-rows.js';
import { orderGistSql, orderInScopeSql, orderNumberSql, orderPlaceSql } from '../work-orders/index.js';
import { providerNameSql, technicianNameSql } from '../network/index.js';
import type { OrderScope } from '../../kernel/scopes.js';
import { calendarDays, calendars, orderPromises, promiseAlerts, promiseClocks, promiseHistory, promisePauses, promisePolicies, promiseRulesGeneration } from './promises.tables.js';
import type { CalendarDay } from './calendar.rules.js';
import { chooseCalendar, type Milestone, type Outcome } from './promises.rules.js';

export type CalendarRow = typeof calendars.$inferSelect;
export type CalendarDayRow = typeof calendarDays.$inferSelect;
export type PolicyRow = typeof promisePolicies.$inferSelect;
export type PromiseRow = typeof orderPromises.$inferSelect;
/** A clock as this module writes it: its provider and technician are the order's, copied by triggers (promises.tables.ts). */
export type ClockRow = Omit<typeof promiseClocks.$inferSelect, 'providerId' | 'technicianId'>;
export type PauseRow = typeof promisePauses.$inferSelect;
export type AlertRow = typeof promiseAlerts.$inferSelect;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

// Calendars

export async function insertCalendar(q: Queryable, row: typeof calendars.$inferInsert) {
  const [made] = await q.insert(calendars).values(row).returning();
  return made;
}

export async function updateCalendarAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof calendars.$inferInsert>) {
  const [row] = await q.update(calendars).set({ ...patch, version: version + 1 }).where(and(eq(calendars.id, id), eq(calendars.version, version))).returning();
  return row;
}

export async function calendarById(q: Queryable, id: string) {
  const [row] = await q.select().from(calendars).where(eq(calendars.id, id));
  return row;
}

export async function listCalendars(q: Queryable) {
  return q.select().from(calendars).orderBy(asc(calendars.code));
}

export async function calendarIdFor(q: Queryable, by: { providerId?: string | null; regions?: string[]; fallbackDefault?: boolean }): Promise<string | undefined> {
  const conditions: SQL[] = [];
  if (by.providerId) conditions.push(eq(calendars.providerId, by.providerId));
  // Regions are compared without their suffixes (广州 = 广州市), so every region's calendar is a candidate.
  if (by.regions?.length) conditions.push(isNotNull(calendars.region));
  if (by.fallbackDefault) conditions.push(eq(calendars.isDefault, true));
  if (conditions.length === 0) return undefined;
  const rows = await q.select({ id: calendars.id, providerId: calendars.providerId, region: calendars.region, isDefault: calendars.isDefault }).from(calendars).where(or(...conditions));
  return chooseCalendar(rows, by)?.id;
}

export async function unsetDefaultCalendar(q: Queryable, exceptId: string) {
  await q.update(calendars).set({ isDefault: false }).where(and(eq(calendars.isDefault, true), sql`${calendars.id} <> ${exceptId}`));
}

export async function daysOf(q: Queryable, calendarId: string, from?: string, to?: string) {
  const where = [eq(calendarDays.calendarId, calendarId)];
  if (from) where.push(gte(calendarDays.date, from));
  if (to) where.push(lte(calendarDays.date, to));
  return q.select().from(calendarDays).where(and(...where)).orderBy(asc(calendarDays.date));
}

/** Sets these days, replacing any the calendar had on the same dates. */
export async function upsertDays(q: Queryable, calendarId: string, days: CalendarDay[]) {
  for (let i = 0; i < days.length; i += 500) {
    const chunk = days.slice(i, i + 500).map((d) => ({ calendarId, date: d.date, kind: d.kind, nameZh: d.nameZh ?? null, nameEn: d.nameEn ?? null, blocks: d.blocks ?? null }));
    await q
      .insert(calendarDays)
      .values(chunk)
      .onConflictDoUpdate({
        target: [calendarDays.calendarId, calendarDays.date],
        set: { kind: sql`excluded.kind`, nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, blocks: sql`excluded.blocks` },
      });
  }
}

export async function deleteDays(q: Queryable, calendarId: string, dates: string[]) {
  if (dates.length === 0) return;
  await q.delete(calendarDays).where(and(eq(calendarDays.calendarId, calendarId), inArray(calendarDays.date, dates)));
}

// Policies

export async function insertPolicy(q: Queryable, row: typeof promisePolicies.$inferInsert) {
  const [made] = await q.insert(promisePolicies).values(row).returning();
  return made;
}

export async function updatePolicyAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof promisePolicies.$inferInsert>) {
  const [row] = await q.update(promisePolicies).set({ ...patch, version: version + 1 }).where(and(eq(promisePolicies.id, id), eq(promisePolicies.version, version))).returning();
  return row;
}

export async function policyById(q: Queryable, id: string) {
  const [row] = await q.select().from(promisePolicies).where(eq(promisePolicies.id, id));
  return row;
}

/** Read before the rules it stands for: a change in between then shows as a newer generation. */
export async function rulesGeneration(q: Queryable): Promise<number> {
  const [row] = await q.select({ generation: promiseRulesGeneration.generation }).from(promiseRulesGeneration);
  return row?.generation ?? 0;
}

/** True inside a statement while policies and calendars are still those of `generation`. */
export const rulesGenerationIs = (generation: number) =>
  sql`(select generation from ${promiseRulesGeneration}) = ${generation}`;

export async function listPolicies(q: Queryable, activeOnly = false) {
  return q.select().from(promisePolicies).where(activeOnly ? eq(promisePolicies.active, true) : undefined).orderBy(asc(promisePolicies.code));
}

// An order's promise

export async function promiseOf(q: Queryable, orderId: string, lock = false) {
  const query = q.select().from(orderPromises).where(eq(orderPromises.orderId, orderId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** A new promise with its clocks and its history row, in one statement. */
/** The promises made at intake (each with its clocks) and their history rows, in one statement. */
export async function insertPromisesMade(q: Queryable, promises: (typeof orderPromises.$inferInsert)[], clocks: ClockRow[], history: (typeof promiseHistory.$inferInsert)[]) {
  const parts = [
    ...(promises.length ? [insertRowsSql(orderPromises, promises)] : []),
    ...(clocks.length ? [insertRowsSql(promiseClocks, clocks)] : []),
  ];
  if (history.length === 0) return;
  const before = parts.length ? sql`with ${sql.join(parts.map((part, i) => sql`${sql.raw(`w${i}`)} as (${part})`), sql`, `)} ` : sql``;
  await q.execute(sql`${before}${insertRowsSql(promiseHistory, history)}`);
}

export async function updatePromise(q: Queryable, orderId: string, patch: Partial<typeof orderPromises.$inferInsert>) {
  await q.update(orderPromises).set(patch).where(eq(orderPromises.orderId, orderId));
}

export async function clocksOf(q: Queryable, orderId: string) {
  return q.select().from(promiseClocks).where(eq(promiseClocks.orderId, orderId)).orderBy(asc(promiseClocks.milestone), asc(promiseClocks.cycle));
}

/**
 * The customer deadline of each order's running on-site clock: what the day planner must keep.
 * A paused clock (the order on hold) or a met one promises nothing for the day.
 */
export async function onSiteDeadlines(q: Queryable, orderIds: string[]): Promise<Map<string, Date>> {
  if (orderIds.length === 0) return new Map();
  const rows = await q
    .select({ orderId: promiseClocks.orderId, dueAt: promiseClocks.dueAt })
    .from(promiseClocks)
    .where(and(inArray(promiseClocks.orderId, orderIds), eq(promiseClocks.milestone, 'on_site'), eq(promiseClocks.status, 'running'), isNotNull(promiseClocks.dueAt)));
  return new Map(rows.map((r) => [r.orderId, r.dueAt!]));
}

/** Writes each clock whole: new cycles are inserted, changed ones overwritten (the history row keeps the change). */
export async function saveClocks(q: Queryable, rows: ClockRow[]) {
  if (rows.length === 0) return;
  const columns = ['status', 'targetMs', 'internalTargetMs', 'consumedMs', 'runningSince', 'dueAt', 'internalDueAt', 'warnAt', 'metAt', 'outcome', 'marginMs', 'internalKept', 'warnedAt', 'breachedAt'] as const;
  const set = Object.fromEntries(columns.map((c) => [c, sql.raw(`excluded.${promiseClocks[c].name}`)]));
  await q.insert(promiseClocks).values(rows).onConflictDoUpdate({ target: [promiseClocks.orderId, promiseClocks.milestone, promiseClocks.cycle], set });
}

export async function insertPause(q: Queryable, row: typeof promisePauses.$inferInsert) {
  await q.insert(promisePauses).values(row);
}

export async function endOpenPause(q: Queryable, orderId: string, at: Date) {
  await q.update(promisePauses).set({ endedAt: at }).where(and(eq(promisePauses.orderId, orderId), isNull(promisePauses.endedAt)));
}

export async function pausesOf(q: Queryable, orderId: string) {
  return q.select().from(promisePauses).where(eq(promisePauses.orderId, orderId)).orderBy(asc(promisePauses.id));
}

export async function appendHistory(q: Queryable, rows: (typeof promiseHistory.$inferInsert)[]) {
  if (rows.length) await q.insert(promiseHistory).values(rows);
}

export async function historyOf(q: Queryable, orderId: string) {
  return q.select().from(promiseHistory).where(eq(promiseHistory.orderId, orderId)).orderBy(asc(promiseHistory.id));
}

/** Delivers an alert unless this one (order, milestone, cycle, kind) was delivered before; true when it is new. */
export async function insertAlert(q: Queryable, row: typeof promiseAlerts.$inferInsert): Promise<boolean> {
  const made = await q.insert(promiseAlerts).values(row).onConflictDoNothing().returning({ id: promiseAlerts.id });
  return made.length === 1;
}

export async function alertsOf(q: Queryable, orderId: string) {
  return q.select().from(promiseAlerts).where(eq(promiseAlerts.orderId, orderId)).orderBy(asc(promiseAlerts.id));
}

export async function listAlerts(q: Queryable, filter: { role?: string; kind?: 'warning' | 'breach'; limit: number; offset: number }, scope: OrderScope) {
  const where: SQL[] = [orderInScopeSql(scope, promiseAlerts.orderId)];
  if (filter.role) where.push(eq(promiseAlerts.role, filter.role));
  if (filter.kind) where.push(eq(promiseAlerts.kind, filter.kind));
  const rows = await q
    .select({ alert: promiseAlerts, number: orderNumberSql(promiseAlerts.orderId) })
    .from(promiseAlerts)
    .where(and(...where))
    .orderBy(desc(promiseAlerts.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [{ total }] = rowsOf<{ total: number }>(await q.execute(sql`select count(*)::int as total from ${promiseAlerts} where ${and(...where)}`));
  return { rows, total };
}

/** Whether the order exists within the caller's scope. */
export async function orderVisible(q: Queryable, orderId: string, scope: OrderScope): Promise<boolean> {
  const rows = rowsOf<{ ok: boolean }>(await q.execute(sql`select ${orderInScopeSql(scope, sql`${orderId}::uuid`)} as ok`));
  return rows[0]?.ok === true;
}

export async function orderNumberOf(q: Queryable, orderId: string): Promise<string> {
  const rows = rowsOf<{ number: string | null }>(await q.execute(sql`select ${orderNumberSql(sql`${orderId}::uuid`)} as number`));
  return rows[0]?.number ?? orderId;
}

/** The orders with an alert due by `now`, earliest first: one range scan of the partial index. */
export async function dueOrderIds(q: Queryable, now: Date, limit: number): Promise<string[]> {
  const rows = await q
    .select({ orderId: orderPromises.orderId })
    .from(orderPromises)
    .where(lte(orderPromises.nextAlertAt, now))
    .orderBy(asc(orderPromises.nextAlertAt))
    .limit(limit);
  return rows.map((r) => r.orderId);
}

/** Promises on a calendar with a clock still running, in order-id order after `after`: the ones an edit of the calendar moves. */
export async function runningOnCalendar(q: Queryable, calendarId: string, after: string | null, limit: number): Promise<string[]> {
  const rows = await q
    .select({ orderId: orderPromises.orderId })
    .from(orderPromises)
    .where(and(eq(orderPromises.calendarId, calendarId), after ? sql`${orderPromises.orderId} > ${after}` : undefined, sql`exists (select 1 from ${promiseClocks} c where c.order_id = ${orderPromises.orderId} and c.status = 'running')`))
    .orderBy(asc(orderPromises.orderId))
    .limit(limit);
  return rows.map((r) => r.orderId);
}

/** A running clock as the at-risk list shows it. */
export type AtRiskClock = { orderId: string; milestone: string; dueAt: Date | null; warnAt: Date | null; internalDueAt: Date | null };

/**
 * Running promises whose warning point has passed, soonest deadline first, with the order's
 * essentials and running clocks: the page (clocks folded in as JSON) and the count are one
 * statement.
 */
export async function atRisk(q: Queryable, now: Date, scope: OrderScope, page: { limit: number; offset: number; milestone?: string }) {
  // Every promise has its order (made with it; orders are never deleted): the scope check is needed only for a scope narrower than all.
  // The promise's order id is named with its table: in a select list drizzle writes a column bare ("order_id"),
  // which inside the subquery would be the clock's own.
  const where = and(lte(orderPromises.nextWarnAt, now), scope.kind === 'all' ? undefined : orderInScopeSql(scope, orderPromises.orderId));
  const running = sql<{ milestone: string; dueAt: string | null; warnAt: string | null; internalDueAt: string | null }[]>`(select coalesce(json_agg(json_build_object('milestone', c.milestone, 'dueAt', c.due_at, 'warnAt', c.warn_at, 'internalDueAt', c.internal_due_at)), '[]')
    from ${promiseClocks} c where c.order_id = ${orderPromises}.order_id and c.status = 'running')`;
  // The count rides on the page's statement (one round trip): a subquery on its own order_promises, which
  // names none of the page's, is an InitPlan PostgreSQL runs once, and each row carries its result.
  const counted = sql<number>`(select count(*) from ${orderPromises} where ${where})`.mapWith(Number);
  const found = await q
    .select({ promise: orderPromises, order: orderGistSql(orderPromises.orderId), running, total: counted })
    .from(orderPromises)
    .where(where)
    .orderBy(asc(orderPromises.nextDueAt), asc(orderPromises.orderId))
    .limit(page.limit)
    .offset(page.offset);
  const rows = found.map(({ total: _t, ...row }) => row);
  // No row to carry it: none at all, or a page past the end (which wants the count alone).
  const total = found.length > 0 || page.offset === 0 ? (found[0]?.total ?? 0) : rowsOf<{ total: number }>(await q.execute(sql`select count(*)::int as total from ${orderPromises} where ${where}`))[0].total;
  const at = (v: string | null) => (v === null ? null : new Date(v));
  const clocks: AtRiskClock[] = rows.flatMap((r) => parsed(r.running).map((c) => ({ orderId: r.promise.orderId, milestone: c.milestone, dueAt: at(c.dueAt), warnAt: at(c.warnAt), internalDueAt: at(c.internalDueAt) })));
  return { rows, clocks, total };
}

// node-postgres and PGlite hand json back parsed; a string would mean a driver change.
function parsed<T>(v: T | string): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v;
}

export type ReportRow = { key: string | null; label: string | null; met: number; beaten: number; kept: number; broken: number; medianMarginMs: number | null; p90MarginMs: number | null };

/**
 * Met milestones in [from, to), grouped. The margin percentiles are of the signed margin (business
 * time left at the deadline): p90 is the margin that 90 % of milestones reached or fell below.
 */
export async function report(q: Queryable, by: 'policy' | 'provider' | 'technician' | 'region' | 'period', filter: { from: Date; to: Date; milestone?: string; timeZone: string; providerId?: string }, scope: OrderScope): Promise<ReportRow[]> {
  const groups: Record<typeof by, { key: SQL; label: SQL }> = {
    policy: { key: sql`p.policy_id::text`, label: sql`(select name_zh || ' / ' || name_en from ${promisePolicies} pp where pp.id = p.policy_id)` },
    provider: { key: sql`o.provider_id::text`, label: providerNameSql(sql`o.provider_id`) },
    technician: { key: sql`o.technician_id::text`, label: technicianNameSql(sql`o.technician_id`) },
    region: { key: sql`o.address->>'city'`, label: sql`(o.address->>'province') || ' ' || (o.address->>'city')` },
    period: { key: sql`to_char(c.met_at at time zone ${filter.timeZone}, 'YYYY-MM')`, label: sql`to_char(c.met_at at time zone ${filter.timeZone}, 'YYYY-MM')` },
  };
  const g = groups[by];
  const milestone = filter.milestone ? sql`and c.milestone = ${filter.milestone}` : sql``;
  const provider = filter.providerId ? sql`and o.provider_id = ${filter.providerId}` : sql``;
  const result = await q.execute(sql`
    select ${g.key} as key, min(${g.label}) as label, count(*)::int as met,
      count(*) filter (where c.outcome = 'beaten')::int as beaten,
      count(*) filter (where c.outcome = 'kept')::int as kept,
      count(*) filter (where c.outcome = 'broken')::int as broken,
      percentile_cont(0.5) within group (order by c.margin_ms) as "medianMarginMs",
      percentile_cont(0.9) within group (order by c.margin_ms) as "p90MarginMs"
    from ${promiseClocks} c
    join ${orderPromises} p on p.order_id = c.order_id
    cross join lateral ${orderPlaceSql(sql`c.order_id`)} o
    where c.status = 'met' and c.met_at >= ${filter.from} and c.met_at < ${filter.to} ${milestone} ${provider} and ${orderInScopeSql(scope, sql`c.order_id`)}
    group by 1 order by 1 nulls last`);
  return rowsOf<ReportRow>(result).map((r) => ({
    ...r,
    medianMarginMs: r.medianMarginMs === null ? null : Math.round(Number(r.medianMarginMs)),
    p90MarginMs: r.p90MarginMs === null ? null : Math.round(Number(r.p90MarginMs)),
  }));
}

export type ReportOrderRow = { orderId: string; number: string; status: string; milestone: Milestone; outcome: Outcome; metAt: Date };

/** The met milestones behind a report's figure (same filter as `report`), newest first: the dashboard's drill-down. */
export async function reportOrders(q: Queryable, filter: { from: Date; to: Date; milestone?: string; outcome?: string; providerId?: string; limit: number; offset: number }, scope: OrderScope) {
  const where = sql`c.status = 'met' and c.met_at >= ${filter.from} and c.met_at < ${filter.to}
    ${filter.milestone ? sql`and c.milestone = ${filter.milestone}` : sql``}
    ${filter.outcome ? sql`and c.outcome = ${filter.outcome}` : sql``}
    ${filter.providerId ? sql`and o.provider_id = ${filter.providerId}` : sql``}
    and ${orderInScopeSql(scope, sql`c.order_id`)}`;
  const from = sql`from ${promiseClocks} c cross join lateral ${orderPlaceSql(sql`c.order_id`)} o`;
  const [rows, [{ total }]] = await Promise.all([
    q.execute(sql`select c.order_id as "orderId", ${orderNumberSql(sql`c.order_id`)} as number, (${orderGistSql(sql`c.order_id`)})->>'status' as status,
      c.milestone, c.outcome, c.met_at as "metAt" ${from} where ${where} order by c.met_at desc, c.order_id limit ${filter.limit} offset ${filter.offset}`).then((r) => rowsOf<ReportOrderRow>(r)),
    q.execute(sql`select count(*)::int as total ${from} where ${where}`).then((r) => rowsOf<{ total: number }>(r)),
  ]);
  return { rows, total: Number(total) };
}

/** For settlement: true when one of the order's clocks ended with this outcome. */
export function promiseOutcomeSql(orderId: SQL, outcome: 'beaten' | 'kept' | 'broken'): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${promiseClocks} c where c.order_id = ${orderId} and c.status <> 'void' and c.outcome = ${outcome})`;
}

/** For /metrics: ended clocks by milestone and outcome (bounded: a policy's few milestones, three outcomes). */
export async function promiseOutcomeCounts(q: Queryable): Promise<{ milestone: string; outcome: string; count: number }[]> {
  return rowsOf(await q.execute(sql`select milestone, outcome, count(*)::int as count from ${promiseClocks} where outcome is not null group by milestone, outcome`));
}

/** A list's promise states: at risk (past a warning point, not broken), broken (a clock overran), kept (clocks met in time, none broken). */
export const promiseStates = ['at_risk', 'broken', 'kept'] as const;
export type PromiseState = (typeof promiseStates)[number];

/**
 * Whether the order `orderId` (a column of the caller's statement) is in `state` at `now`: for the
 * order list's filter, which work orders read through the root's bridge (they are built before promises).
 */
export function promiseStateSql(orderId: SQL, state: PromiseState, now: Date): SQL<boolean> {
  const at = now.toISOString();
  const broken = sql`exists (select 1 from ${promiseClocks} c where c.order_id = ${orderId} and c.status <> 'void'
    and (c.outcome = 'broken' or c.breached_at is not null or (c.status = 'running' and c.due_at <= ${at}::timestamptz)))`;
  if (state === 'broken') return sql<boolean>`${broken}`;
  if (state === 'at_risk') return sql<boolean>`(exists (select 1 from ${orderPromises} p where p.order_id = ${orderId} and p.next_warn_at <= ${at}::timestamptz) and not ${broken})`;
  return sql<boolean>`(exists (select 1 from ${promiseClocks} c where c.order_id = ${orderId} and c.status = 'met' and c.outcome in ('kept', 'beaten')) and not ${broken})`;
}

/** The order's next promise deadline (null: none running), as a value of the caller's statement: the list filters and sorts by it. */
export function promiseDueSql(orderId: SQL): SQL<Date | null> {
  return sql<Date | null>`(select p.next_due_at from ${orderPromises} p where p.order_id = ${orderId})`;
}
