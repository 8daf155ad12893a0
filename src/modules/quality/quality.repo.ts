import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { Dimension } from './quality.rules.js';
import { qualityAlerts, qualityCauseOrigins } from './quality.tables.js';

// Quality reads the other modules' records (orders, units, serials, models, fault codes, appraisals)
// as one set-based statement each: a figure over millions of orders cannot be assembled from the
// owners' per-row query functions, and one statement is one snapshot. It writes only its own tables.

/** The China-time wall clock of a timestamptz column (the business's day and month), without relying on the session's zone. */
const local = (col: string) => sql.raw(`(${col} at time zone 'UTC' + interval '8 hours')`);

export type Period = { from: Date; to: Date };

/**
 * The faults: completed repair orders of a unit, opened in [from, to), with what each is grouped by.
 * `start_on` is when the unit went into service: installed, else bought.
 */
function faultsSql(p: Period, withUnit = true): SQL {
  // A figure by cause, symptom, region or provider needs nothing of the unit: the join is skipped (a third of the time over millions).
  if (!withUnit)
    return sql`
      select w.id, w.number, w.unit_id, w.created_at, w.done_at, w.cause_code, w.symptom_code, w.provider_id,
             w.address->>'province' as region, null::uuid as model_id, null::uuid as installer_id, null::date as start_on
      from work_orders w
      where w.kind = 'repair' and w.done_at is not null and w.unit_id is not null and w.created_at >= ${p.from} and w.created_at < ${p.to}`;
  return sql`
    select w.id, w.number, w.unit_id, w.created_at, w.done_at, w.cause_code, w.symptom_code, w.provider_id,
           w.address->>'province' as region, u.model_id, u.installed_by_technician_id as installer_id,
           coalesce(u.installed_on, u.purchase_date) as start_on
    from work_orders w join units u on u.id = w.unit_id
    where w.kind = 'repair' and w.done_at is not null and w.created_at >= ${p.from} and w.created_at < ${p.to}`;
}

const unitFree: Dimension[] = ['cause', 'symptom', 'region', 'provider', 'batch'];

/** The key an order (f) or a unit (u) is grouped by, per dimension; `null` when units carry no such key. */
function keyOf(d: Exclude<Dimension, 'part'>): { fault: SQL; unit: SQL | null } {
  switch (d) {
    case 'model':
      return { fault: sql`f.model_id::text`, unit: sql`u.model_id::text` };
    case 'cause':
      return { fault: sql`coalesce(f.cause_code, '')`, unit: null };
    case 'symptom':
      return { fault: sql`coalesce(f.symptom_code, '')`, unit: null };
    case 'batch':
      // A production batch is a serial range: the serial less its last four characters (10,000 serials).
      return {
        fault: sql`coalesce((select left(s.serial, greatest(length(s.serial) - 4, 1)) from unit_serials s where s.unit_id = f.unit_id order by s.role limit 1), '')`,
        unit: sql`coalesce((select left(s.serial, greatest(length(s.serial) - 4, 1)) from unit_serials s where s.unit_id = u.id order by s.role limit 1), '')`,
      };
    case 'months_in_service':
      return { fault: sql`(extract(year from age(${local('f.created_at')}::date, f.start_on)) * 12 + extract(month from age(${local('f.created_at')}::date, f.start_on)))::int::text`, unit: null };
    case 'region':
      return { fault: sql`coalesce(f.region, '')`, unit: null };
    case 'installer':
      return { fault: sql`coalesce(f.installer_id::text, '')`, unit: sql`coalesce(u.installed_by_technician_id::text, '')` };
    case 'provider':
      return { fault: sql`coalesce(f.provider_id::text, '')`, unit: null };
  }
}

function labelOf(d: Dimension): SQL {
  switch (d) {
    case 'model':
      return sql`(select m.code || ' ' || m.name_zh || ' / ' || m.name_en from product_models m where m.id::text = g.key)`;
    case 'cause':
    case 'symptom':
      return sql`(select c.name_zh || ' / ' || c.name_en from fault_codes c where c.code = g.key limit 1)`;
    case 'installer':
      return sql`(select t.name from technicians t where t.id::text = g.key)`;
    case 'provider':
      return sql`(select p.name from providers p where p.id::text = g.key)`;
    default:
      return sql`null::text`;
  }
}

export type FaultRow = { key: string; label: string | null; faults: number; units: number | null };

/**
 * Faults in the period by one dimension; where units carry the key (model, batch, installer) with
 * the units in the field by the end of the period, the base of a rate per 1,000.
 */
export async function faultStatistics(q: Queryable, p: Period & { dimension: Dimension; modelId?: string }): Promise<FaultRow[]> {
  if (p.dimension === 'part') return faultsByPart(q, p);
  const k = keyOf(p.dimension);
  const model = p.modelId ? sql`and f.model_id = ${p.modelId}` : sql``;
  const unitModel = p.modelId ? sql`and u.model_id = ${p.modelId}` : sql``;
  // The install base per key in one grouped pass over the units (not one count per key).
  const fieldUnits = k.unit
    ? sql`select ${k.unit} as key, count(*) as units from units u where coalesce(u.installed_on, u.purchase_date) < (${p.to}::timestamptz at time zone 'UTC' + interval '8 hours')::date ${unitModel} group by 1`
    : sql`select null::text as key, null::bigint as units where false`;
  const r = await q.execute(sql`
    with f as (${faultsSql(p, !(unitFree.includes(p.dimension) && !p.modelId))}),
    g as (select ${k.fault} as key, count(*) as faults from f where true ${model} group by 1),
    n as (${fieldUnits})
    select g.key, ${labelOf(p.dimension)} as label, g.faults, ${k.unit ? sql`coalesce(n.units, 0)` : sql`null::bigint`} as units
    from g left join n on n.key = g.key order by g.faults desc, g.key`);
  return rowsOf<{ key: string; label: string | null; faults: string | number; units: string | number | null }>(r).map((x) => ({
    key: x.key,
    label: x.label,
    faults: Number(x.faults),
    units: x.units === null ? null : Number(x.units),
  }));
}

/**
 * Faults by part: a repair counts for every part it consumed (part_consumptions), once per part
 * however many lines replaced it; repairs that consumed none are the key ''. The base of the rate
 * is the units in the field by the end of the period whose model uses the part (part_models), of
 * one model when `modelId` is given (part × model).
 */
async function faultsByPart(q: Queryable, p: Period & { modelId?: string }): Promise<FaultRow[]> {
  const model = p.modelId ? sql`and f.model_id = ${p.modelId}` : sql``;
  const unitModel = p.modelId ? sql`and u.model_id = ${p.modelId}` : sql``;
  const r = await q.execute(sql`
    with f as (${faultsSql(p, !!p.modelId)}),
    fp as (select f.id, coalesce(pc.part_id::text, '') as key from f left join part_consumptions pc on pc.order_id = f.id where true ${model}),
    g as (select key, count(distinct id) as faults from fp group by 1),
    n as (select pm.part_id::text as key, count(*) as units from units u join part_models pm on pm.model_id = u.model_id
          where coalesce(u.installed_on, u.purchase_date) < (${p.to}::timestamptz at time zone 'UTC' + interval '8 hours')::date ${unitModel} group by 1)
    select g.key, (select x.number || ' ' || x.name_zh || ' / ' || x.name_en from parts x where x.id::text = g.key) as label, g.faults, coalesce(n.units, 0) as units
    from g left join n on n.key = g.key order by g.faults desc, g.key`);
  return rowsOf<{ key: string; label: string | null; faults: string | number; units: string | number }>(r).map((x) => ({ key: x.key, label: x.label, faults: Number(x.faults), units: Number(x.units) }));
}

export type RateFigures = {
  /** Units that went into service in the period. */
  cohortUnits: number;
  /** Of those, units whose first repair was opened within `earlyDays` of going into service. */
  earlyFailures: number;
  /** Repairs completed in the period. */
  fixes: number;
  /** Of those, fixes after which no repair of the same unit was opened within `repeatDays`. */
  firstTimeFixes: number;
  /** Repairs opened in the period within `repeatDays` of the completion of an earlier repair of the same unit. */
  repeatRepairs: number;
  /** Repairs opened in the period. */
  repairs: number;
};

/** Early failure, first-time fix and repeat repair over the period, optionally for one model. */
export async function rateFigures(q: Queryable, p: Period & { modelId?: string; earlyDays: number; repeatDays: number }): Promise<RateFigures> {
  const unitModel = p.modelId ? sql`and u.model_id = ${p.modelId}` : sql``;
  const fromDay = sql`(${p.from}::timestamptz at time zone 'UTC' + interval '8 hours')::date`;
  const toDay = sql`(${p.to}::timestamptz at time zone 'UTC' + interval '8 hours')::date`;
  const r = await q.execute(sql`
    with cohort as (
      select u.id, coalesce(u.installed_on, u.purchase_date) as start_on from units u
      where coalesce(u.installed_on, u.purchase_date) >= ${fromDay} and coalesce(u.installed_on, u.purchase_date) < ${toDay} ${unitModel}),
    early as (
      select count(*) as n from cohort c
      where exists (select 1 from work_orders w where w.unit_id = c.id and w.kind = 'repair' and w.status <> 'cancelled'
                    and ${local('w.created_at')}::date < c.start_on + ${p.earlyDays}::int)),
    fixes as (
      select w.id, w.unit_id, w.done_at from work_orders w join units u on u.id = w.unit_id
      where w.kind = 'repair' and w.done_at >= ${p.from} and w.done_at < ${p.to} ${unitModel}),
    opened as (
      select w.id, w.unit_id, w.created_at from work_orders w join units u on u.id = w.unit_id
      where w.kind = 'repair' and w.status <> 'cancelled' and w.created_at >= ${p.from} and w.created_at < ${p.to} ${unitModel})
    select (select count(*) from cohort) as cohort_units,
           (select n from early) as early_failures,
           (select count(*) from fixes) as fixes,
           (select count(*) from fixes x where not exists (
              select 1 from work_orders w where w.unit_id = x.unit_id and w.kind = 'repair' and w.id <> x.id and w.status <> 'cancelled'
              and w.created_at >= x.done_at and w.created_at < x.done_at + make_interval(days => ${p.repeatDays}::int))) as first_time_fixes,
           (select count(*) from opened o where exists (
              select 1 from work_orders w where w.unit_id = o.unit_id and w.kind = 'repair' and w.id <> o.id and w.done_at is not null
              and w.done_at <= o.created_at and w.done_at > o.created_at - make_interval(days => ${p.repeatDays}::int))) as repeat_repairs,
           (select count(*) from opened) as repairs`);
  const x = rowsOf<Record<string, string | number>>(r)[0];
  return {
    cohortUnits: Number(x.cohort_units),
    earlyFailures: Number(x.early_failures),
    fixes: Number(x.fixes),
    firstTimeFixes: Number(x.first_time_fixes),
    repeatRepairs: Number(x.repeat_repairs),
    repairs: Number(x.repairs),
  };
}

export type OriginRow = { key: string; label: string | null; product: number; installation: number; other: number; unknown: number };

/**
 * Installation- vs product-caused, per product category, installer or provider: each fault's
 * cause code through quality_cause_origins, each returns appraisal made in the period through
 * its responsibility (the appraisal counts for the unit's installer; its provider is the case order's),
 * and each complaint resolved in the period whose root cause is the product or the installation
 * (its first unit's model and installer, its first provider; other root causes are no fault's origin).
 */
export async function originShares(q: Queryable, p: Period & { by: 'category' | 'installer' | 'provider' }): Promise<OriginRow[]> {
  const key =
    p.by === 'category' ? sql`(select m.category_id::text from product_models m where m.id = e.model_id)` : p.by === 'installer' ? sql`coalesce(e.installer_id::text, '')` : sql`coalesce(e.provider_id::text, '')`;
  const label =
    p.by === 'category'
      ? sql`(select c.name_zh || ' / ' || c.name_en from product_categories c where c.id::text = g.key)`
      : p.by === 'installer'
        ? sql`(select t.name from technicians t where t.id::text = g.key)`
        : sql`(select pr.name from providers pr where pr.id::text = g.key)`;
  const r = await q.execute(sql`
    with f as (${faultsSql(p)}),
    e as (
      select f.model_id, f.installer_id, f.provider_id, coalesce(o.origin, 'unknown') as origin
      from f left join quality_cause_origins o on o.cause_code = f.cause_code
      union all
      select u.model_id, u.installed_by_technician_id, w.provider_id,
             case a.responsibility when 'product_quality' then 'product' when 'installation' then 'installation' else 'other' end
      from return_appraisals a join return_case_lines l on l.id = a.line_id join units u on u.id = l.unit_id
      join return_cases rc on rc.id = a.case_id join work_orders w on w.id = rc.order_id
      where a.appraised_at >= ${p.from} and a.appraised_at < ${p.to}
      union all
      select u.model_id, u.installed_by_technician_id, (c.provider_ids->>0)::uuid, c.root_cause
      from complaints c left join units u on u.id = (c.unit_ids->>0)::uuid
      where c.root_cause in ('product', 'installation') and c.status in ('resolved', 'closed')
        and c.resolved_at >= ${p.from} and c.resolved_at < ${p.to}),
    g as (
      select ${key} as key,
             count(*) filter (where e.origin = 'product') as product, count(*) filter (where e.origin = 'installation') as installation,
             count(*) filter (where e.origin = 'other') as other, count(*) filter (where e.origin = 'unknown') as unknown
      from e group by 1)
    select g.*, ${label} as label from g order by g.product + g.installation + g.other + g.unknown desc, g.key`);
  return rowsOf<Record<string, string | number | null>>(r).map((x) => ({
    key: String(x.key ?? ''),
    label: x.label === null ? null : String(x.label),
    product: Number(x.product),
    installation: Number(x.installation),
    other: Number(x.other),
    unknown: Number(x.unknown),
  }));
}

/** The condition that a fault (f) has `key` in dimension `d`; by part, that the repair consumed the part (or none, for ''). */
function matches(d: Dimension, key: string): SQL {
  if (d !== 'part') return sql`and ${keyOf(d).fault} = ${key}`;
  if (key === '') return sql`and not exists (select 1 from part_consumptions pc where pc.order_id = f.id)`;
  return sql`and exists (select 1 from part_consumptions pc where pc.order_id = f.id and pc.part_id::text = ${key})`;
}

export type DrillOrder = {
  id: string; number: string; createdAt: Date; doneAt: Date; modelId: string; modelCode: string; causeCode: string | null; symptomCode: string | null;
  region: string | null; providerId: string | null; installerId: string | null; startOn: string; photoIds: string[];
};

/** The orders behind a figure: the period's faults with `dimension` = `key` (all of them when no dimension), newest first. */
export async function faultOrders(q: Queryable, p: Period & { dimension?: Dimension; key?: string; modelId?: string; orderIds?: string[]; limit: number; offset: number }): Promise<{ rows: DrillOrder[]; total: number }> {
  const filter = p.dimension && p.key !== undefined ? matches(p.dimension, p.key) : sql``;
  const model = p.modelId ? sql`and f.model_id = ${p.modelId}` : sql``;
  const ids = p.orderIds ? sql`and f.id in (select jsonb_array_elements_text(${JSON.stringify(p.orderIds)}::jsonb)::uuid)` : sql``;
  const r = await q.execute(sql`
    with f as (${faultsSql(p)}), s as (select f.* from f where true ${filter} ${model} ${ids})
    select s.id, s.number, s.created_at, s.done_at, s.model_id, (select m.code from product_models m where m.id = s.model_id) as model_code,
           s.cause_code, s.symptom_code, s.region, s.provider_id, s.installer_id, s.start_on::text as start_on,
           coalesce((select json_agg(ph.id order by ph.uploaded_at) from work_order_photos ph where ph.order_id = s.id), '[]') as photo_ids,
           count(*) over () as total
    from s order by s.created_at desc, s.id limit ${p.limit} offset ${p.offset}`);
  const rows = rowsOf<Record<string, unknown>>(r);
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    rows: rows.map((x) => ({
      id: String(x.id), number: String(x.number), createdAt: new Date(x.created_at as string), doneAt: new Date(x.done_at as string), modelId: String(x.model_id),
      modelCode: String(x.model_code), causeCode: (x.cause_code as string | null) ?? null, symptomCode: (x.symptom_code as string | null) ?? null,
      region: (x.region as string | null) ?? null, providerId: (x.provider_id as string | null) ?? null, installerId: (x.installer_id as string | null) ?? null,
      startOn: String(x.start_on).slice(0, 10), photoIds: parseJson<string[]>(x.photo_ids as string[] | string),
    })),
  };
}

export type MonthRow = { modelId: string; month: string; faults: number; units: number };

/**
 * Per model and China-time month in [fromMonth, toMonth] (YYYY-MM): faults opened that month and
 * units in the field at the month's start. Read from the monthly rollup, kept by refreshRollup.
 */
export async function monthlyByModel(q: Queryable, p: { fromMonth: string; toMonth: string; modelId?: string }): Promise<MonthRow[]> {
  const model = p.modelId ? sql`and r.model_id = ${p.modelId}` : sql``;
  const r = await q.execute(sql`
    select r.model_id, r.month, sum(r.faults) as faults,
           (select coalesce(sum(x.started), 0) from quality_unit_months x where x.model_id = r.model_id and x.month < r.month) as units
    from quality_fault_months r where r.month >= ${p.fromMonth} and r.month <= ${p.toMonth} ${model}
    group by r.model_id, r.month order by r.model_id, r.month`);
  return rowsOf<Record<string, string | number>>(r).map((x) => ({ modelId: String(x.model_id), month: String(x.month), faults: Number(x.faults), units: Number(x.units) }));
}

/** Units in the field at each month's start, per model, for months without faults too. */
export async function unitsAtMonthStart(q: Queryable, months: string[]): Promise<Map<string, Map<string, number>>> {
  if (!months.length) return new Map();
  const r = await q.execute(sql`
    select m.month, x.model_id, sum(x.started) as units
    from (select jsonb_array_elements_text(${JSON.stringify(months)}::jsonb) as month) m join quality_unit_months x on x.month < m.month
    group by m.month, x.model_id`);
  const out = new Map<string, Map<string, number>>();
  for (const x of rowsOf<Record<string, string | number>>(r)) {
    const byMonth = out.get(String(x.model_id)) ?? new Map<string, number>();
    byMonth.set(String(x.month), Number(x.units));
    out.set(String(x.model_id), byMonth);
  }
  return out;
}

export type PartMonthRow = { partId: string; month: string; faults: number };

/**
 * Per part and China-time month in [fromMonth, toMonth]: repairs opened that month (and completed)
 * that consumed the part, each once. Live, not from the rollup: consumptions are few beside orders.
 */
export async function monthlyByPart(q: Queryable, p: { fromMonth: string; toMonth: string }): Promise<PartMonthRow[]> {
  const start = (month: string, after = 0) => sql`((${`${month}-01`}::date + make_interval(months => ${after}::int))::timestamp - interval '8 hours') at time zone 'UTC'`;
  const r = await q.execute(sql`
    select pc.part_id, to_char(${local('w.created_at')}, 'YYYY-MM') as month, count(distinct w.id) as faults
    from work_orders w join part_consumptions pc on pc.order_id = w.id
    where w.kind = 'repair' and w.done_at is not null and w.created_at >= ${start(p.fromMonth)} and w.created_at < ${start(p.toMonth, 1)}
    group by 1, 2 order by 1, 2`);
  return rowsOf<Record<string, string | number>>(r).map((x) => ({ partId: String(x.part_id), month: String(x.month), faults: Number(x.faults) }));
}

/** Units in the field at each month's start whose model uses the part (from the units rollup and the bill of materials). */
export async function partUnitsAtMonthStart(q: Queryable, months: string[]): Promise<Map<string, Map<string, number>>> {
  if (!months.length) return new Map();
  const r = await q.execute(sql`
    select m.month, pm.part_id, sum(x.started) as units
    from (select jsonb_array_elements_text(${JSON.stringify(months)}::jsonb) as month) m
      join quality_unit_months x on x.month < m.month join part_models pm on pm.model_id = x.model_id
    group by m.month, pm.part_id`);
  const out = new Map<string, Map<string, number>>();
  for (const x of rowsOf<Record<string, string | number>>(r)) {
    const byMonth = out.get(String(x.part_id)) ?? new Map<string, number>();
    byMonth.set(String(x.month), Number(x.units));
    out.set(String(x.part_id), byMonth);
  }
  return out;
}

/** Pareto of causes from the rollup, months [fromMonth, toMonth]. */
export async function causesFromRollup(q: Queryable, p: { fromMonth: string; toMonth: string; modelId?: string }): Promise<{ key: string; label: string | null; faults: number }[]> {
  const model = p.modelId ? sql`and r.model_id = ${p.modelId}` : sql``;
  const r = await q.execute(sql`
    with g as (select r.cause_code as key, sum(r.faults) as faults from quality_fault_months r where r.month >= ${p.fromMonth} and r.month <= ${p.toMonth} ${model} group by 1)
    select g.key, (select c.name_zh || ' / ' || c.name_en from fault_codes c where c.code = g.key limit 1) as label, g.faults from g order by g.faults desc, g.key`);
  return rowsOf<Record<string, string | number | null>>(r).map((x) => ({ key: String(x.key), label: x.label === null ? null : String(x.label), faults: Number(x.faults) }));
}

/**
 * Rebuilds the rollup for months ≥ fromMonth (China time): faults per model, cause and month;
 * units going into service per model and month (all months: a unit's start may be back-dated).
 * Set-based, in the caller's transaction, so a reader sees the old or the new months, never half.
 */
export async function refreshRollup(q: Queryable, fromMonth: string): Promise<void> {
  // Two rebuilds at once would each delete and then collide on the other's rows: one at a time.
  await q.execute(sql`select pg_advisory_xact_lock(hashtext('quality.rollup'))`);
  const monthStart = sql`(${`${fromMonth}-01`}::date::timestamp - interval '8 hours') at time zone 'UTC'`;
  await q.execute(sql`delete from quality_fault_months where month >= ${fromMonth}`);
  await q.execute(sql`
    insert into quality_fault_months (month, model_id, cause_code, faults)
    select to_char(${local('w.created_at')}, 'YYYY-MM'), u.model_id, coalesce(w.cause_code, ''), count(*)
    from work_orders w join units u on u.id = w.unit_id
    where w.kind = 'repair' and w.done_at is not null and w.created_at >= ${monthStart}
    group by 1, 2, 3`);
  await q.execute(sql`delete from quality_unit_months`);
  await q.execute(sql`
    insert into quality_unit_months (month, model_id, started)
    select to_char(coalesce(u.installed_on, u.purchase_date), 'YYYY-MM'), u.model_id, count(*) from units u group by 1, 2`);
}

/** Inserts the alert unless the model's month has one; the row when this call raised it. */
export async function insertAlert(q: Queryable, row: typeof qualityAlerts.$inferInsert) {
  const [made] = await q.insert(qualityAlerts).values(row).onConflictDoNothing().returning();
  return made;
}

export async function listAlerts(q: Queryable, p: { limit: number; offset: number }) {
  const rows = await q.select().from(qualityAlerts).orderBy(desc(qualityAlerts.month), desc(qualityAlerts.raisedAt)).limit(p.limit).offset(p.offset);
  const [{ total }] = await q.select({ total: sql<number>`count(*)::int` }).from(qualityAlerts);
  return { rows, total: Number(total) };
}

export async function findAlert(q: Queryable, id: string) {
  const [row] = await q.select().from(qualityAlerts).where(eq(qualityAlerts.id, id));
  return row;
}

export async function acknowledgeAlert(q: Queryable, id: string, by: string, at: Date) {
  const [row] = await q
    .update(qualityAlerts)
    .set({ acknowledgedBy: by, acknowledgedAt: at })
    .where(and(eq(qualityAlerts.id, id), sql`${qualityAlerts.acknowledgedAt} is null`))
    .returning();
  return row;
}

/** Repair orders of the model opened in the month (China time), for an alert. */
export async function orderIdsOfModelMonth(q: Queryable, modelId: string, month: string, limit: number): Promise<string[]> {
  const r = await q.execute(sql`
    select w.id from work_orders w join units u on u.id = w.unit_id
    where u.model_id = ${modelId} and w.kind = 'repair' and w.done_at is not null and to_char(${local('w.created_at')}, 'YYYY-MM') = ${month}
    order by w.created_at limit ${limit}`);
  return rowsOf<{ id: string }>(r).map((x) => x.id);
}

/** Repair orders opened in the month (China time) that consumed the part, for an alert. */
export async function orderIdsOfPartMonth(q: Queryable, partId: string, month: string, limit: number): Promise<string[]> {
  const r = await q.execute(sql`
    select w.id from work_orders w
    where w.kind = 'repair' and w.done_at is not null and to_char(${local('w.created_at')}, 'YYYY-MM') = ${month}
      and exists (select 1 from part_consumptions pc where pc.order_id = w.id and pc.part_id = ${partId})
    order by w.created_at limit ${limit}`);
  return rowsOf<{ id: string }>(r).map((x) => x.id);
}

export async function partNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const r = await q.execute(sql`select id, number || ' ' || name_zh || ' / ' || name_en as name from parts where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`);
  return new Map(rowsOf<{ id: string; name: string }>(r).map((x) => [x.id, x.name]));
}

export async function setCauseOrigin(q: Queryable, row: typeof qualityCauseOrigins.$inferInsert) {
  await q.insert(qualityCauseOrigins).values(row).onConflictDoUpdate({ target: qualityCauseOrigins.causeCode, set: { origin: row.origin, updatedBy: row.updatedBy, updatedAt: row.updatedAt } });
}

export async function causeOrigins(q: Queryable) {
  return q.select().from(qualityCauseOrigins).orderBy(qualityCauseOrigins.causeCode);
}

export async function modelNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const r = await q.execute(sql`select id, code || ' ' || name_zh || ' / ' || name_en as name from product_models where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`);
  return new Map(rowsOf<{ id: string; name: string }>(r).map((x) => [x.id, x.name]));
}

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

function parseJson<T>(v: T | string): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v;
}
