import { and, asc, count, desc, eq, getTableColumns, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { insertRowsSql } from '../../db/json-rows.js';
import { parseSort } from '../../shared/paging.js';
import { workOrders, workOrderHistory, workOrderNumberSeq, intakeRefs, workOrderPhotos } from './work-orders.tables.js';
import type { OrderFilters, OrderListQuery, OrderCountsQuery } from './work-orders.contract.js';
import { regionKey, type OrderStatus } from './work-orders.rules.js';
import { unitOwnedBySql, type ServiceHistoryItem } from '../units/index.js';
import type { OrderScope } from '../../kernel/scopes.js';

export type OrderRow = typeof workOrders.$inferSelect;
export type OrderInsert = typeof workOrders.$inferInsert;
export type HistoryInsert = typeof workOrderHistory.$inferInsert;

export async function findOrder(q: Queryable, id: string, visible?: SQL): Promise<OrderRow | undefined> {
  const [row] = await q.select().from(workOrders).where(visible ? and(eq(workOrders.id, id), visible) : eq(workOrders.id, id));
  return row;
}

export type IntakeRow = Omit<OrderInsert, 'number' | 'customerTier' | 'contactPhone' | 'address'>;
export type IntakeResult = { number: string; customerTier: string; contactPhone: string; address: OrderRow['address'] };
/** A condition each entry of the intake statement must meet (on `x`, the request, and `k`, its customer's contact); `reason` names it. */
export type IntakeCheck<R extends string = string> = { reason: R; holds: SQL };
/** Per entry: the order made; else the first check it failed (null: it met them all, and repeats an external reference). */
export type IntakeOutcome = { made: IntakeResult; refused: null } | { made: null; refused: string | null };

/**
 * What an intake needs, checked per entry inside the intake statement, in this order: the first
 * that does not hold is the entry's answer. `k` is the customer's contact as the order would copy
 * it (none when there is no such customer). Each reason is the request field it is about.
 */
export const intakeChecks = [
  { reason: 'customerId', holds: sql`k.id is not null` },
  { reason: 'contactPhone', holds: sql`k.phone is not null` },
  { reason: 'addressId', holds: sql`k.address is not null or x.address_id is null` },
  { reason: 'address', holds: sql`k.address is not null` },
  { reason: 'unitId', holds: sql`x.unit_id is null or ${unitOwnedBySql(sql`x.unit_id`, sql`k.id`)}` },
  { reason: 'complaintOfOrderId', holds: sql`x.complaint_of_order_id is null or exists (select 1 from ${workOrders} w where w.id = x.complaint_of_order_id and w.customer_id = k.id)` },
] as const satisfies readonly IntakeCheck[];
export type IntakeRefusal = (typeof intakeChecks)[number]['reason'];
/** One order to open: its fields, whose contact to use, and its history rows. */
export type IntakeEntry = {
  row: IntakeRow;
  /** 'WO2611-': the month it was opened. */
  numberPrefix: string;
  phone: string | null;
  addressId: string | null;
  address: Record<string, unknown> | null;
  history: HistoryInsert[];
};

/**
 * Many intakes as one statement, atomic on its own: intake is the hottest write, and orders that
 * arrive together share one round trip, one plan and one commit. The entries travel as one JSON
 * parameter, unpacked as the relation `x` (id, customer_id, phone, address_id, address, unit_id,
 * complaint_of_order_id, external_ref, number_prefix, fields); `contacts(x)` yields each entry's
 * customer as in customers' intakeContactsSql, named `k`. An order is made when its customer has a
 * phone and an address, `condition` (over `x` and `k`) holds, and — with an external reference —
 * no order took that reference within `windowMs` (intakes with one reference queue on its key, so
 * exactly one wins; the entries must name distinct references). `audit` is an insert composed in
 * after the orders (`o`). Returns what was made, by order id.
 */
export async function insertIntakes(
  q: Queryable,
  entries: IntakeEntry[],
  contacts: (requests: SQL) => SQL,
  checks: readonly IntakeCheck[],
  windowMs: number,
  /** The request's audit rows, given the condition that picks the orders made. */
  audit: ((made: SQL) => SQL) | null,
): Promise<Map<string, IntakeOutcome>> {
  const requests = entries.map(({ row: o, numberPrefix, phone, addressId, address }) => ({
    id: o.id, customer_id: o.customerId, phone, address_id: addressId, address, unit_id: o.unitId ?? null, complaint_of_order_id: o.complaintOfOrderId ?? null,
    external_ref: o.externalRef ?? null, number_prefix: numberPrefix,
    fields: { id: o.id, kind: o.kind, status: o.status, priority: o.priority, channel: o.channel, external_ref: o.externalRef, unit_id: o.unitId, complaint_of_order_id: o.complaintOfOrderId, symptom: o.symptom, wished_from: o.wishedFrom, wished_to: o.wishedTo, version: o.version, created_at: o.createdAt, updated_at: o.updatedAt },
  }));
  // Groups from several server copies then mostly take reference keys in one order and queue rather than
  // deadlock (a deadlock fails the group, whose orders are then written one by one).
  requests.sort((a, b) => ((a.external_ref ?? '') < (b.external_ref ?? '') ? -1 : (a.external_ref ?? '') > (b.external_ref ?? '') ? 1 : 0));
  const history = entries.flatMap((e) => e.history);
  const r = await q.execute(sql`
    with x as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(requests)}::jsonb) as r(id uuid, customer_id uuid, phone text, address_id uuid, address jsonb,
        unit_id uuid, complaint_of_order_id uuid, external_ref text, number_prefix text, fields jsonb)),
    k as materialized (${contacts(sql`x`)}),
    checked as materialized (select x.*, k.id as contact_id, k.tier, k.phone as contact_phone, k.address as contact_address,
        case ${sql.join(checks.map((c) => sql`when (${c.holds}) is not true then ${c.reason}::text`), sql` `)} end as refused
      from x left join k on k.request_id = x.id),
    ok as (select * from checked where refused is null),
    ref as (
      insert into ${intakeRefs} (external_ref, order_id, at)
      select ok.external_ref, ok.id, (ok.fields->>'created_at')::timestamptz from ok where ok.external_ref is not null
      on conflict (external_ref) do update set order_id = excluded.order_id, at = excluded.at
      where ${intakeRefs}.at < excluded.at - make_interval(secs => ${windowMs / 1000})
      returning order_id),
    o as (
      insert into ${workOrders} (id, number, kind, status, priority, channel, external_ref, customer_id, customer_tier, contact_phone, address,
        unit_id, complaint_of_order_id, symptom, wished_from, wished_to, version, created_at, updated_at)
      select i.id, ok.number_prefix || translate(format('%6s', nextval(${workOrderNumberSeq.seqName})), ' ', '0'), i.kind, i.status, i.priority, i.channel, i.external_ref,
        ok.contact_id, ok.tier, ok.contact_phone, ok.contact_address, i.unit_id, i.complaint_of_order_id, i.symptom, i.wished_from, i.wished_to, i.version, i.created_at, i.updated_at
      from ok cross join lateral jsonb_populate_record(null::${workOrders}, ok.fields) i
      where ok.external_ref is null or ok.id in (select order_id from ref)
      returning id, number, customer_tier, contact_phone, address),
    h as (${insertRowsSql(workOrderHistory, history, sql`order_id in (select id from o)`)})${audit ? sql`, a as (${audit(sql`subject_id in (select id::text from o)`)})` : sql``}
    select checked.id, checked.refused, o.number, o.customer_tier as "customerTier", o.contact_phone as "contactPhone", o.address
      from checked left join o on o.id = checked.id`);
  const outcomes = new Map<string, IntakeOutcome>();
  for (const row of (r as unknown as { rows: (IntakeResult & { id: string; refused: string | null; address: unknown })[] }).rows) {
    const { id, refused, ...result } = row;
    outcomes.set(
      id,
      result.number === null
        ? { made: null, refused }
        : { made: { ...result, address: typeof row.address === 'string' ? JSON.parse(row.address) : row.address } as IntakeResult, refused: null },
    );
  }
  return outcomes;
}

/** How many orders in these statuses each provider holds (for dispatch's capacity). */
export async function orderCountsByProvider(q: Queryable, statuses: readonly string[]): Promise<Map<string, number>> {
  const rows = await q
    .select({ providerId: workOrders.providerId, n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(and(isNotNull(workOrders.providerId), inArray(workOrders.status, [...statuses] as OrderRow['status'][])))
    .groupBy(workOrders.providerId);
  return new Map(rows.map((r) => [r.providerId as string, Number(r.n)]));
}

/**
 * A provider's orders for a day: booked for that day, and those not yet booked whose wished
 * window (if any) touches it; oldest first.
 */
export async function providerOrdersOfDay(q: Queryable, providerId: string, from: Date, to: Date): Promise<OrderRow[]> {
  return q
    .select()
    .from(workOrders)
    .where(
      and(
        eq(workOrders.providerId, providerId),
        or(
          and(inArray(workOrders.status, ['booked', 'on_site']), gte(workOrders.appointmentFrom, from), lt(workOrders.appointmentFrom, to)),
          and(
            inArray(workOrders.status, ['dispatched', 'assigned']),
            or(isNull(workOrders.wishedTo), sql`${workOrders.wishedTo} > ${from}`),
            or(isNull(workOrders.wishedFrom), sql`${workOrders.wishedFrom} < ${to}`),
          ),
        ),
      ),
    )
    .orderBy(asc(workOrders.createdAt), asc(workOrders.id));
}

/** These orders, for other modules' reads. */
export async function ordersByIds(q: Queryable, ids: string[]): Promise<OrderRow[]> {
  return ids.length ? q.select().from(workOrders).where(inArray(workOrders.id, ids)) : [];
}

/** These orders' versions and technicians, locked for update until the caller's transaction ends. */
export async function lockOrderVersions(q: Queryable, ids: string[]): Promise<{ id: string; version: number; technicianId: string | null }[]> {
  return ids.length ? q.select({ id: workOrders.id, version: workOrders.version, technicianId: workOrders.technicianId }).from(workOrders).where(inArray(workOrders.id, ids)).orderBy(workOrders.id).for('update') : [];
}

export async function orderByExternalRef(q: Queryable, externalRef: string) {
  const [row] = await q.select({ order: workOrders }).from(intakeRefs).innerJoin(workOrders, eq(workOrders.id, intakeRefs.orderId)).where(eq(intakeRefs.externalRef, externalRef));
  return row?.order;
}

/** Updates only when nobody changed the order since `version`; undefined means someone did. */
export async function updateOrderAtVersion(q: Queryable, id: string, version: number, patch: Partial<OrderInsert>) {
  const [row] = await q
    .update(workOrders)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(workOrders.id, id), eq(workOrders.version, version)))
    .returning();
  return row;
}

/**
 * Takes one of the acceptance code's attempts before the code is compared, in one statement whose
 * row lock lasts to the end of the caller's transaction: guesses sent together each take their own,
 * and none is left once the count reaches `maxAttempts`. Only at `version`, with a live code; the
 * version itself is left alone (a wrong code changes nothing a client's next request depends on).
 * Undefined when nothing was taken.
 */
export async function claimAcceptanceAttempt(q: Queryable, id: string, version: number, now: Date, maxAttempts: number) {
  const [row] = await q
    .update(workOrders)
    .set({ acceptanceCodeAttempts: sql`${workOrders.acceptanceCodeAttempts} + 1` })
    .where(and(eq(workOrders.id, id), eq(workOrders.version, version), isNotNull(workOrders.acceptanceCodeHash), gte(workOrders.acceptanceCodeExpiresAt, now), lt(workOrders.acceptanceCodeAttempts, maxAttempts)))
    .returning({ attempts: workOrders.acceptanceCodeAttempts, codeHash: workOrders.acceptanceCodeHash });
  return row as { attempts: number; codeHash: string } | undefined;
}

export async function appendHistory(q: Queryable, rows: HistoryInsert[]) {
  await q.insert(workOrderHistory).values(rows);
}

export async function historyOf(q: Queryable, orderId: string) {
  return q.select().from(workOrderHistory).where(eq(workOrderHistory.orderId, orderId)).orderBy(asc(workOrderHistory.id));
}

/**
 * What the list reads of promises, which are built after work orders: given by the root's bridge
 * (promises' promiseStateSql and promiseDueSql) as conditions and values on `work_orders.id`.
 */
export type PromiseReads = {
  stateSql: (orderId: SQL, state: 'at_risk' | 'broken' | 'kept', now: Date) => SQL;
  dueSql: (orderId: SQL) => SQL;
};

function sortColumn(field: string, promise: PromiseReads): SQL | AnyColumn {
  switch (field) {
    // Urgent first when descending: rank the words, not the letters.
    case 'priority':
      return sql`array_position(array['low','normal','high','urgent'], ${workOrders.priority})`;
    case 'deadline':
      return promise.dueSql(sql`${workOrders.id}`);
    case 'bookedAt':
      return workOrders.appointmentFrom;
    case 'updatedAt':
      return workOrders.updatedAt;
    case 'number':
      return workOrders.number;
    case 'status':
      return workOrders.status;
    default:
      return workOrders.createdAt;
  }
}

/**
 * The list's filters within `visible` (the caller's scope), as conditions on work_orders whose rows together
 * are the list and never meet: one, or for a region two — the orders of a province of that name, and the other
 * orders of a city of that name — each served newest first by its own index (see work_orders_province_key_idx).
 */
export function orderListWhere(s: OrderFilters, visible: SQL, promise: PromiseReads, now: Date): SQL[] {
  const where: SQL[] = [visible];
  if (s.status) where.push(inArray(workOrders.status, s.status));
  if (s.kind) where.push(inArray(workOrders.kind, s.kind));
  if (s.priority) where.push(inArray(workOrders.priority, s.priority));
  if (s.promise) where.push(or(...s.promise.map((state) => promise.stateSql(sql`${workOrders.id}`, state, now)))!);
  if (s.customerId) where.push(eq(workOrders.customerId, s.customerId));
  if (s.unitId) where.push(eq(workOrders.unitId, s.unitId));
  if (s.providerId) where.push(eq(workOrders.providerId, s.providerId));
  if (s.technicianId) where.push(eq(workOrders.technicianId, s.technicianId));
  if (s.createdFrom) where.push(gte(workOrders.createdAt, new Date(s.createdFrom)));
  if (s.createdTo) where.push(lte(workOrders.createdAt, new Date(s.createdTo)));
  if (s.bookedFrom) where.push(gte(workOrders.appointmentFrom, new Date(s.bookedFrom)));
  if (s.bookedTo) where.push(lte(workOrders.appointmentFrom, new Date(s.bookedTo)));
  if (s.deadlineFrom) where.push(sql`${promise.dueSql(sql`${workOrders.id}`)} >= ${s.deadlineFrom}::timestamptz`);
  if (s.deadlineTo) where.push(sql`${promise.dueSql(sql`${workOrders.id}`)} <= ${s.deadlineTo}::timestamptz`);
  if (s.q) {
    const words = `%${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(eq(workOrders.number, s.q), eq(workOrders.externalRef, s.q), eq(workOrders.contactPhone, s.q.replace(/[^0-9+]/g, '')), sql`${workOrders.symptom} ilike ${words}`)!);
  }
  // 广州 finds orders written 广州市 and the other way round: the stored keys are the names without their suffixes.
  if (s.region) {
    const key = regionKey(s.region);
    // Written as the city's index's own condition, which the planner must find in the statement to use it.
    return [and(...where, eq(workOrders.provinceKey, key))!, and(...where, eq(workOrders.cityKey, key), sql`province_key is distinct from city_key`)!];
  }
  return [and(...where)!];
}

/** One page of the list, each order with its promise's next deadline; `withTotal: false` (the export's pages) skips the count. */
export async function listOrders(q: Queryable, s: OrderListQuery, where: SQL[], promise: PromiseReads, withTotal = true) {
  const { field, desc: isDesc } = parseSort(s.sort);
  const column = sortColumn(field, promise);
  // Orders without a deadline or visit go last either way.
  const order = isDesc ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
  // Several conditions: the page is among each one's first rows in order (its index's first entries), so only
  // those are read and sorted, and the count adds each one's (read from its index alone once vacuumed).
  // (PostgreSQL does not merge the branches of a plain union in order by itself: it sorted every row.)
  const only = where.length === 1 ? where[0] : undefined;
  const firsts = sql.join(where.map((w) => sql`(select ${workOrders.id} from ${workOrders} where ${w} order by ${order}, ${workOrders.id} desc limit ${s.limit + s.offset})`), sql` union all `);
  const counts = sql.join(where.map((w) => sql`(select count(*) from ${workOrders} where ${w})`), sql` + `);
  const [rows, totals] = await Promise.all([
    q.select({ ...getTableColumns(workOrders), deadline: sql<Date | string | null>`${promise.dueSql(sql`${workOrders.id}`)}` }).from(workOrders).where(only ?? sql`${workOrders.id} in (${firsts})`).orderBy(order, desc(workOrders.id)).limit(s.limit).offset(s.offset),
    !withTotal ? Promise.resolve([{ total: -1 }]) : only ? q.select({ total: count() }).from(workOrders).where(only) : q.select({ total: sql<number>`${counts}`.mapWith(Number) }).from(sql`(select) as one`),
  ]);
  return { rows, total: totals[0].total };
}

/** Orders in the caller's sight counted per state and provider (the dashboard's figures and charts). */
export async function orderCounts(q: Queryable, s: OrderCountsQuery, visible: SQL) {
  const where: SQL[] = [visible];
  if (s.providerId) where.push(eq(workOrders.providerId, s.providerId));
  if (s.createdFrom) where.push(gte(workOrders.createdAt, new Date(s.createdFrom)));
  if (s.createdTo) where.push(lte(workOrders.createdAt, new Date(s.createdTo)));
  const rows = await q
    .select({ status: workOrders.status, providerId: workOrders.providerId, n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(and(...where))
    .groupBy(workOrders.status, workOrders.providerId);
  return rows.map((r) => ({ ...r, status: r.status as OrderStatus, n: Number(r.n) }));
}

export async function serviceHistoryOf(q: Queryable, unitId: string, visible?: SQL): Promise<ServiceHistoryItem[]> {
  const rows = await q
    .select()
    .from(workOrders)
    .where(visible ? and(eq(workOrders.unitId, unitId), visible) : eq(workOrders.unitId, unitId))
    .orderBy(asc(workOrders.createdAt));
  return rows.map(historyItem);
}

/** Each of these units' orders, oldest first, in one statement (a page of units would otherwise ask once per unit). */
export async function serviceHistoriesOf(q: Queryable, unitIds: string[]): Promise<Map<string, ServiceHistoryItem[]>> {
  const byUnit = new Map<string, ServiceHistoryItem[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return byUnit;
  const rows = await q.select().from(workOrders).where(inArray(workOrders.unitId, [...new Set(unitIds)])).orderBy(asc(workOrders.createdAt));
  for (const o of rows) byUnit.get(o.unitId!)?.push(historyItem(o));
  return byUnit;
}

function historyItem(o: OrderRow): ServiceHistoryItem {
  return {
    orderId: o.id,
    number: o.number,
    kind: o.kind,
    status: o.status,
    createdAt: o.createdAt.toISOString(),
    doneAt: o.doneAt?.toISOString() ?? null,
    symptomCode: o.symptomCode,
    remedyCode: o.remedyCode,
    partsWaitDays: Math.floor(o.partsWaitMs / 86_400_000),
  };
}

/** A condition on work_orders rows: the ones this scope may see. */
export function orderScopeSql(scope: OrderScope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'provider':
      return eq(workOrders.providerId, scope.providerId);
    case 'technician':
      return eq(workOrders.technicianId, scope.technicianId);
    case 'customer':
      return eq(workOrders.customerId, scope.customerId);
  }
}

/** Scope reaches customers and units through orders: a provider sees whom its orders serve. */
/**
 * Whether the order `orderId` (a column or value of the caller's statement) exists within `scope`:
 * for a statement on a table keyed by order, in place of joining work_orders.
 */
export function orderInScopeSql(scope: OrderScope, orderId: SQL | AnyColumn): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`exists (select 1 from ${workOrders} w where w.id = ${orderId})`;
    case 'none':
      return sql`false`;
    case 'provider':
      return sql`exists (select 1 from ${workOrders} w where w.id = ${orderId} and w.provider_id = ${scope.providerId})`;
    case 'technician':
      return sql`exists (select 1 from ${workOrders} w where w.id = ${orderId} and w.technician_id = ${scope.technicianId})`;
    case 'customer':
      return sql`exists (select 1 from ${workOrders} w where w.id = ${orderId} and w.customer_id = ${scope.customerId})`;
  }
}

/** The order's number, as a value of the caller's statement. */
export function orderNumberSql(orderId: SQL | AnyColumn): SQL<string> {
  return sql<string>`(select w.number from ${workOrders} w where w.id = ${orderId})`;
}

export type OrderGist = Pick<OrderRow, 'id' | 'number' | 'status' | 'kind' | 'priority' | 'customerTier' | 'providerId' | 'technicianId' | 'address'>;
/** The order's essentials (what a list of orders shows) as one JSON value of the caller's statement. */
export function orderGistSql(orderId: SQL | AnyColumn): SQL<OrderGist> {
  return sql<OrderGist>`(select json_build_object('id', w.id, 'number', w.number, 'status', w.status, 'kind', w.kind, 'priority', w.priority,
    'customerTier', w.customer_tier, 'providerId', w.provider_id, 'technicianId', w.technician_id, 'address', w.address)
    from ${workOrders} w where w.id = ${orderId})`;
}

/**
 * Where the order was served, as a relation of at most one row with the columns provider_id,
 * technician_id and address (jsonb): for `cross join lateral` in the caller's statement.
 */
export function orderPlaceSql(orderId: SQL | AnyColumn): SQL {
  return sql`(select w.provider_id, w.technician_id, w.address from ${workOrders} w where w.id = ${orderId})`;
}

function throughOrders(scope: OrderScope, link: SQL): SQL {
  if (scope.kind === 'provider') return sql`exists (select 1 from ${workOrders} w where ${link} and w.provider_id = ${scope.providerId})`;
  if (scope.kind === 'technician') return sql`exists (select 1 from ${workOrders} w where ${link} and w.technician_id = ${scope.technicianId})`;
  return sql`false`;
}

export function customerVisibleSql(scope: OrderScope, customerId: SQL): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'customer') return sql`${customerId} = ${scope.customerId}`;
  return throughOrders(scope, sql`w.customer_id = ${customerId}`);
}

export function unitVisibleSql(scope: OrderScope, unitId: SQL, ownerId: SQL): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'customer') return sql`${ownerId} = ${scope.customerId}`;
  return throughOrders(scope, sql`w.unit_id = ${unitId}`);
}

export async function customersWithOpenOrderOf(q: Queryable, technicianId: string, customerIds: string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await q
    .selectDistinct({ id: workOrders.customerId })
    .from(workOrders)
    .where(and(eq(workOrders.technicianId, technicianId), inArray(workOrders.customerId, customerIds), sql`${workOrders.status} not in ('closed', 'cancelled')`));
  return new Set(rows.map((r) => r.id));
}

// Photos

export type PhotoRow = typeof workOrderPhotos.$inferSelect;

export async function insertPhoto(q: Queryable, row: typeof workOrderPhotos.$inferInsert): Promise<PhotoRow> {
  const [made] = await q.insert(workOrderPhotos).values(row).returning();
  return made;
}

/** The order's photos without their bytes, oldest first. */
export async function photosOf(q: Queryable, orderId: string) {
  const { data: _d, ...columns } = getTableColumns(workOrderPhotos);
  return q.select(columns).from(workOrderPhotos).where(eq(workOrderPhotos.orderId, orderId)).orderBy(asc(workOrderPhotos.uploadedAt), asc(workOrderPhotos.id));
}

export async function photoById(q: Queryable, id: string): Promise<PhotoRow | undefined> {
  const [row] = await q.select().from(workOrderPhotos).where(eq(workOrderPhotos.id, id));
  return row;
}

/** How many photos of each kind the order has (for the evidence a completion needs). */
export async function photoKindCounts(q: Queryable, orderId: string): Promise<Record<string, number>> {
  const rows = await q.select({ kind: workOrderPhotos.kind, n: sql<number>`count(*)::int` }).from(workOrderPhotos).where(eq(workOrderPhotos.orderId, orderId)).groupBy(workOrderPhotos.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** The first other order holding a photo with this content hash (a reused photo is a fraud signal). */
export async function otherOrderWithPhoto(q: Queryable, sha256: string, orderId: string): Promise<{ orderId: string; number: string; photoId: string } | undefined> {
  const [row] = await q
    .select({ orderId: workOrderPhotos.orderId, number: workOrders.number, photoId: workOrderPhotos.id })
    .from(workOrderPhotos)
    .innerJoin(workOrders, eq(workOrders.id, workOrderPhotos.orderId))
    .where(and(eq(workOrderPhotos.sha256, sha256), sql`${workOrderPhotos.orderId} <> ${orderId}`))
    .orderBy(asc(workOrderPhotos.uploadedAt))
    .limit(1);
  return row;
}

/**
 * For settlement: a provider's orders confirmed before `before` whose follow-up is recorded, as a
 * relation (id, number, kind, technician_id, unit_id, done_at, confirmed_at) the caller's statement joins.
 * Both may be columns of the caller's statement (a lateral join), so one statement settles many providers.
 */
export function settleableOrdersSql(providerId: string | SQL, before: Date | SQL): SQL {
  const end = before instanceof Date ? sql`${before.toISOString()}::timestamptz` : before;
  return sql`(select w.id, w.number, w.kind, w.technician_id, w.unit_id, w.done_at, w.confirmed_at from ${workOrders} w
    where w.provider_id = ${providerId} and w.confirmed_at < ${end} and w.follow_up is not null and w.status in ('followed_up', 'closed'))`;
}

/** True when the follow-up recorded this satisfaction ('dissatisfied' | 'neutral' | 'delighted'). */
export function followUpSatisfactionIsSql(orderId: SQL | AnyColumn, satisfaction: string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${workOrders} w where w.id = ${orderId} and w.follow_up->>'satisfaction' = ${satisfaction})`;
}

/** True when another repair order on the same unit was opened within `days` after this order's work was done. */
export function repeatRepairWithinSql(orderId: SQL | AnyColumn, days: number): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${workOrders} w join ${workOrders} r on r.unit_id = w.unit_id and r.id <> w.id and r.kind = 'repair'
    and r.created_at > w.done_at and r.created_at <= w.done_at + make_interval(days => ${days}::int) where w.id = ${orderId})`;
}

/** When the customer last opened an order (null: never), for care's win-back and "last contact" audiences. */
export function lastOrderAtSql(customerId: SQL | AnyColumn): SQL<Date | null> {
  return sql<Date | null>`(select max(w.created_at) from ${workOrders} w where w.customer_id = ${customerId})`;
}

/** For calendar feeds: the visits booked for a technician or a provider from `from` to `to` (by start), cancelled ones included. */
export async function bookedVisits(q: Queryable, who: { technicianId: string } | { providerId: string }, from: Date, to: Date) {
  return q
    .select({ id: workOrders.id, number: workOrders.number, kind: workOrders.kind, status: workOrders.status, symptom: workOrders.symptom, address: workOrders.address, technicianId: workOrders.technicianId, appointmentFrom: workOrders.appointmentFrom, appointmentTo: workOrders.appointmentTo, version: workOrders.version, updatedAt: workOrders.updatedAt })
    .from(workOrders)
    .where(and('technicianId' in who ? eq(workOrders.technicianId, who.technicianId) : eq(workOrders.providerId, who.providerId), isNotNull(workOrders.appointmentFrom), gte(workOrders.appointmentFrom, from), lt(workOrders.appointmentFrom, to)))
    .orderBy(asc(workOrders.appointmentFrom), asc(workOrders.id));
}
