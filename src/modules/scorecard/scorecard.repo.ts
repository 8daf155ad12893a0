import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { Agg, Aggregate, Level } from './scorecard.rules.js';
import { scorecardDeliveries, scorecardDeliverySettings, scorecardMeasureHistory, scorecardMeasures, scorecardRecipients, scorecardRollup, scorecardRollupMonths } from './scorecard.tables.js';

// The scorecard reads the other modules' records (orders, payments, fee lines, disputes, parts,
// follow-ups, surveys, complaints, promise clocks, units, technicians, certifications, exams) as one
// set-based statement, as quality does (src/modules/quality/quality.repo.ts): a month's figures over
// millions of orders cannot be assembled from the owners' per-row query functions, and one
// statement is one snapshot. It writes only its own tables.
//
// Every measure's formula is a NAMED source below, never SQL a user wrote. A source's facts are rows
//   (month, subject_kind, subject_id, label, provider_id, technician_id, region, value, weight)
// (provider_id and technician_id uuids — a drill-down's filter by one then uses the orders' indexes —, the rest text)
// over the relation `mo` (month, m_start, m_end, d_start, d_end: each China-time month asked for);
// a figure is Σ value (sum), Σ value ÷ Σ weight (ratio) or the 90th percentile of value (p90) over
// the facts of a key, and the drill-down lists the same facts. A source with no facts is "no data".

/** The China-time wall clock of a timestamptz column (the business's day and month). */
const local = (col: string) => sql.raw(`(${col} at time zone 'UTC' + interval '8 hours')`);

/** The instant the China-time day of a timestamptz column began. */
const dayStart = (col: string) => sql.raw(`((date_trunc('day', ${col} at time zone 'UTC' + interval '8 hours') - interval '8 hours') at time zone 'UTC')`);

/** The order columns every order fact carries. */
const orderCols = sql`w.id::text, w.number, w.provider_id, w.technician_id, w.address->>'province'`;
/**
 * An event in one of the asked months: the month by equality (a hash join with `mo`) and the whole
 * span as a range on the column, so each source scans its table once, however many months are asked.
 */
const inMonths = (col: string) => sql`mo.month = to_char(${local(col)}, 'YYYY-MM') and ${sql.raw(col)} >= (select min(m_start) from mo) and ${sql.raw(col)} < (select max(m_end) from mo)`;
const doneIn = sql`${inMonths('w.done_at')} and w.status <> 'cancelled'`;
const makerPaid = sql`coalesce((select sum(l.amount_fen) from order_fee_lines l where l.order_id = w.id and l.status = 'active' and l.payer = 'maker'), 0)::float8`;
const followedUp = sql`${doneIn} and w.follow_up->>'satisfaction' is not null`;

/**
 * Certification coverage's pairs: each active technician (at the month's end) and each product category their
 * provider serves that needs a certification, certified (1) or not (0) — valid at the month's end. The measure
 * counts the pairs; `certificationByCategory` the same pairs per category.
 */
const certificationPairs = sql`select mo.month, t.id as technician_id, t.name, t.provider_id, null::text as region, pc.id as category_id, pc.code as category_code,
      pc.name_zh, pc.name_en, pc.required_certification,
      case when exists (select 1 from certifications c where c.technician_id = t.id and c.code = pc.required_certification and c.issued_at < mo.m_end
                        and c.expires_at >= mo.m_end and (c.revoked_at is null or c.revoked_at >= mo.m_end)) then 1 else 0 end::float8 as certified
    from mo join technicians t on t.status = 'active' and t.created_at < mo.m_end join providers p on p.id = t.provider_id
    join product_categories pc on pc.required_certification is not null and p.category_ids @> to_jsonb(pc.id::text)`;

/** The fact queries, by name. */
export const facts = {
  // The payment's copies of its order's provider and technician (fees.tables.ts): one provider's or technician's
  // month is a range of its index.
  payments: sql`select mo.month, 'order', w.id::text, w.number, p.provider_id, p.technician_id, w.address->>'province', p.amount_fen::float8, 1::float8
    from mo join order_payments p on ${inMonths('p.created_at')} join work_orders w on w.id = p.order_id`,
  maker_cost: sql`select mo.month, 'order', ${orderCols}, ${makerPaid}, 1::float8 from mo join work_orders w on ${doneIn}`,
  warranty_cost_units: sql`select mo.month, 'order', ${orderCols}, ${makerPaid}, 0::float8 from mo join work_orders w on ${doneIn}
    union all
    select mo.month, 'unit', u.id::text, (select s.serial from unit_serials s where s.unit_id = u.id order by s.role limit 1), null::uuid, null::uuid, null, 0::float8, 1::float8
    from mo join units u on u.purchase_date >= mo.d_start and u.purchase_date < mo.d_end`,
  parts_used: sql`select mo.month, 'order', w.id::text, w.number, w.provider_id, coalesce(c.technician_id, w.technician_id), w.address->>'province', (c.quantity * pt.issue_fen)::float8, 1::float8
    from mo join part_consumptions c on ${inMonths('c.at')} join parts pt on pt.id = c.part_id join work_orders w on w.id = c.order_id`,
  fee_disputes: sql`select mo.month, 'order', w.id::text, w.number, coalesce(d.provider_id, w.provider_id), w.technician_id, w.address->>'province', d.disputed_fen::float8, 1::float8
    from mo join fee_disputes d on ${inMonths('d.created_at')} join work_orders w on w.id = d.order_id`,
  delighted: sql`select mo.month, 'order', ${orderCols}, case when w.follow_up->>'satisfaction' = 'delighted' then 1 else 0 end::float8, 1::float8 from mo join work_orders w on ${followedUp}`,
  dissatisfied: sql`select mo.month, 'order', ${orderCols}, case when w.follow_up->>'satisfaction' = 'dissatisfied' then 1 else 0 end::float8, 1::float8 from mo join work_orders w on ${followedUp}`,
  score: sql`select mo.month, 'order', ${orderCols}, ((w.follow_up->>'attitude')::float8 + (w.follow_up->>'skill')::float8) / 2, 1::float8
    from mo join work_orders w on ${followedUp} and w.follow_up->>'attitude' is not null and w.follow_up->>'skill' is not null`,
  nps: sql`select mo.month, 'order', ${orderCols},
      case when (s.answers->>'nps')::int >= 9 then 100 when (s.answers->>'nps')::int <= 6 then -100 else 0 end::float8, 1::float8
    from mo join follow_up_surveys s on ${inMonths('s.answered_at')} and s.answers->>'nps' is not null join work_orders w on w.id = s.order_id`,
  complaints_units: sql`select mo.month, 'complaint', c.id::text, 'C' || c.seq, (c.provider_ids->>0)::uuid, (c.technician_ids->>0)::uuid, null, 1::float8, 0::float8
    from mo join complaints c on ${inMonths('c.created_at')}
    union all
    select mo.month, 'unit', u.id::text, null, null::uuid, null::uuid, null, 0::float8, 1::float8
    from mo join units u on coalesce(u.installed_on, u.purchase_date) < mo.d_end and (u.replaced_on is null or u.replaced_on >= mo.d_end)`,
  repeat_buyers: sql`select mo.month, 'customer', cu.id::text, cu.number, null::uuid, null::uuid, null,
      case when exists (select 1 from units u2 where u2.owner_id = cu.id and u2.purchase_date < mo.d_start) then 1 else 0 end::float8, 1::float8
    from (select distinct u.owner_id, to_char(u.purchase_date, 'YYYY-MM') as month from units u
          where u.purchase_date >= (select min(d_start) from mo) and u.purchase_date < (select max(d_end) from mo)) b
    join mo on mo.month = b.month join customers cu on cu.id = b.owner_id`,
  retained: sql`select mo.month, 'customer', cu.id::text, cu.number, null::uuid, null::uuid, null,
      case when exists (select 1 from work_orders w2 where w2.customer_id = cu.id and w2.created_at > y.last_done and w2.created_at < mo.m_end)
             or exists (select 1 from units u where u.owner_id = cu.id and u.purchase_date > ${local('y.last_done')}::date and u.purchase_date < mo.d_end) then 1 else 0 end::float8, 1::float8
    from (select w.customer_id, to_char(${local('w.done_at')} + interval '12 months', 'YYYY-MM') as month, max(w.done_at) as last_done from work_orders w
          where w.done_at >= (select min(m_start) from mo) - interval '12 months' and w.done_at < (select max(m_end) from mo) - interval '12 months' and w.status <> 'cancelled'
          group by 1, 2) y
    join mo on mo.month = y.month join customers cu on cu.id = y.customer_id`,
  // The clock's copies of its order's provider and technician (promises.tables.ts): a provider's or technician's
  // filter is then a range of the clocks' (provider | technician, met or breached) index — one month —, not all
  // the provider's or technician's orders.
  promises: sql`select mo.month, 'order', w.id::text, w.number || ' · ' || pc.milestone, pc.provider_id, pc.technician_id, w.address->>'province',
      case when pc.outcome in ('beaten', 'kept') then 1 else 0 end::float8, 1::float8
    from mo join promise_clocks pc on ${inMonths('coalesce(pc.met_at, pc.breached_at)')}
      and (pc.outcome is not null or pc.breached_at is not null) join work_orders w on w.id = pc.order_id`,
  promises_beaten: sql`select mo.month, 'order', w.id::text, w.number || ' · ' || pc.milestone, pc.provider_id, pc.technician_id, w.address->>'province',
      case when pc.outcome = 'beaten' then 1 else 0 end::float8, 1::float8
    from mo join promise_clocks pc on ${inMonths('coalesce(pc.met_at, pc.breached_at)')}
      and (pc.outcome is not null or pc.breached_at is not null) join work_orders w on w.id = pc.order_id`,
  on_site_24h: sql`select mo.month, 'order', ${orderCols}, case when w.checked_in_at <= w.created_at + interval '24 hours' then 1 else 0 end::float8, 1::float8
    from mo join work_orders w on ${inMonths('w.checked_in_at')}`,
  first_time_fix: sql`select mo.month, 'order', ${orderCols},
      case when exists (select 1 from work_orders r where r.unit_id = w.unit_id and r.kind = 'repair' and r.id <> w.id and r.status <> 'cancelled'
                        and r.created_at >= w.done_at and r.created_at < w.done_at + interval '30 days') then 0 else 1 end::float8, 1::float8
    from mo join work_orders w on ${doneIn} and w.kind = 'repair' and w.unit_id is not null`,
  first_time_fix_said: sql`select mo.month, 'order', ${orderCols}, case when (w.follow_up->>'fixedFirstTime')::boolean then 1 else 0 end::float8, 1::float8
    from mo join work_orders w on ${doneIn} and jsonb_typeof(w.follow_up->'fixedFirstTime') = 'boolean'`,
  repeat_repair: sql`select mo.month, 'order', ${orderCols},
      case when exists (select 1 from work_orders r where r.unit_id = w.unit_id and r.kind = 'repair' and r.id <> w.id and r.done_at is not null
                        and r.done_at <= w.created_at and r.done_at > w.created_at - interval '30 days') then 1 else 0 end::float8, 1::float8
    from mo join work_orders w on ${inMonths('w.created_at')} and w.kind = 'repair' and w.status <> 'cancelled' and w.unit_id is not null`,
  resolution: sql`select mo.month, 'order', ${orderCols}, extract(epoch from w.done_at - w.created_at)::float8 / 3600, 1::float8 from mo join work_orders w on ${doneIn}`,
  // A check-in weighs 1 ÷ its technician's check-ins of that China-time day on every provider's orders: a window
  // over the month's check-ins (copied with their order's provider and technician: work_order_check_ins). One
  // technician's filter enters the window (its partition); one provider's drill-down reads `dayCountedFacts`.
  visits: sql`select mo.month, 'order', w.id::text, w.number, ci.provider_id, ci.technician_id, w.address->>'province', 1::float8,
      1::float8 / count(*) over (partition by mo.month, ci.technician_id, ${local('ci.at')}::date)
    from mo join work_order_check_ins ci on ci.technician_id is not null and ${inMonths('ci.at')}
    join work_orders w on w.id = ci.order_id`,
  old_parts: sql`select mo.month, 'order', w.id::text, w.number, coalesce(c.provider_id, w.provider_id), coalesce(c.technician_id, w.technician_id), w.address->>'province',
      case when exists (select 1 from stock_movements m where m.kind = 'return_old' and m.consumption_id = c.id and m.at <= c.return_due_at) then 1 else 0 end::float8, 1::float8
    from mo join part_consumptions c on ${inMonths('c.return_due_at')} join work_orders w on w.id = c.order_id`,
  certification: sql`select x.month, 'technician', x.technician_id::text, x.name || ' · ' || x.name_zh || ' / ' || x.name_en, x.provider_id, x.technician_id, null, x.certified, 1::float8
    from (${certificationPairs}) x`,
  exam_attempts: sql`select mo.month, 'technician', t.id::text, t.name, t.provider_id, t.id, null, case when a.outcome = 'passed' then 1 else 0 end::float8, 1::float8
    from mo join training_exam_attempts a on ${inMonths('a.submitted_at')} join technicians t on t.id = a.technician_id`,
  trained: sql`select mo.month, 'technician', t.id::text, t.name, t.provider_id, t.id, null, max(case when a.outcome = 'passed' then 1 else 0 end)::float8, 1::float8
    from mo join training_exam_attempts a on ${inMonths('a.submitted_at')} join technicians t on t.id = a.technician_id
    group by mo.month, t.id, t.name, t.provider_id, a.exam_id`,
  // Service-standard audits (audits module): each scored audit of the month, on the order it checked when there is one.
  audit_score: sql`select mo.month, 'audit', a.id::text, coalesce(w.number, a.kind), a.provider_id, a.technician_id, w.address->>'province', a.score, 1::float8
    from mo join service_audits a on a.month = mo.month and a.score is not null left join work_orders w on w.id = a.order_id`,
  // Pulse surveys (staff-voice): one fact per answering group (provider or headquarters, role) of a
  // survey, never per person, and only groups at least the survey's minimum size, as its results show them.
  enps: sql`select mo.month, 'group', coalesce(r.provider_id::text, 'hq') || ':' || r.role, r.role, r.provider_id, null::uuid, null,
      sum(case when r.enps >= 9 then 100 when r.enps <= 6 then -100 else 0 end)::float8, count(*)::float8
    from mo join pulse_surveys s on s.month = mo.month join pulse_responses r on r.survey_id = s.id
    group by mo.month, s.id, s.min_group_size, r.provider_id, r.role having count(*) >= s.min_group_size`,
  pulse_score: sql`select mo.month, 'group', coalesce(r.provider_id::text, 'hq') || ':' || r.role, r.role, r.provider_id, null::uuid, null,
      sum((select avg(e.value::float8) from jsonb_each_text(r.scores) e))::float8, count(*)::float8
    from mo join pulse_surveys s on s.month = mo.month join pulse_responses r on r.survey_id = s.id and r.scores <> '{}'::jsonb
    group by mo.month, s.id, s.min_group_size, r.provider_id, r.role having count(*) >= s.min_group_size`,
  // Staff suggestions (staff-voice): made in the month; of those answered in the month, the share implemented.
  suggestions_made: sql`select mo.month, 'suggestion', g.id::text, g.category, g.provider_id, null::uuid, null, 1::float8, 1::float8
    from mo join suggestions g on g.month = mo.month`,
  suggestions_implemented: sql`select mo.month, 'suggestion', g.id::text, g.category, g.provider_id, null::uuid, null,
      case when g.implemented_at is not null then 1 else 0 end::float8, 1::float8
    from mo join suggestions g on ${inMonths('g.answered_at')}`,
} satisfies Record<string, SQL>;
export type FactName = keyof typeof facts;

/**
 * The same facts written for one provider's drill-down, where the filter must come first: a window cannot be
 * entered by a column it is not partitioned by, so the visits' window read the whole month's check-ins (7.7 s at
 * 5,000,000 orders). Here the provider's check-ins of the month are one range of its index, and each one's day count
 * a range of the technician's — but for a whole month the 400,000 probes cost twice the window (so the figures keep
 * the window). The drill-down test holds the two to the same rows.
 */
const dayCountedFacts: Partial<Record<FactName, SQL>> = {
  visits: sql`select mo.month, 'order', w.id::text, w.number, ci.provider_id, ci.technician_id, w.address->>'province', 1::float8,
      1::float8 / (select count(*) from work_order_check_ins d where d.technician_id = ci.technician_id
                   and d.at >= ${dayStart('ci.at')} and d.at < ${dayStart('ci.at')} + interval '1 day')
    from mo join work_order_check_ins ci on ci.technician_id is not null and ${inMonths('ci.at')}
    join work_orders w on w.id = ci.order_id`,
};

/** The facts a drill-down reads: one provider's, where a variant lets its filter in first. */
function drillFacts(name: FactName, filter: Filter): SQL {
  return (filter.level === 'provider' && filter.key !== undefined ? dayCountedFacts[name] : undefined) ?? facts[name];
}

/**
 * A named source: the facts, how they aggregate, the scale (100 for a percentage, 1,000 per
 * thousand), and `ready`, a condition that must hold for the source to have data at all (the old
 * part's return is named in parts' ledger but no step records it yet).
 */
export type Source = { facts: FactName; aggregate: Aggregate; scale: number; ready?: SQL };
export const sources = {
  service_revenue: { facts: 'payments', aggregate: 'sum', scale: 1 },
  cost_per_order: { facts: 'maker_cost', aggregate: 'ratio', scale: 1 },
  warranty_cost_per_unit_sold: { facts: 'warranty_cost_units', aggregate: 'ratio', scale: 1 },
  parts_cost: { facts: 'parts_used', aggregate: 'sum', scale: 1 },
  fees_disputed: { facts: 'fee_disputes', aggregate: 'sum', scale: 1 },
  delighted_share: { facts: 'delighted', aggregate: 'ratio', scale: 100 },
  dissatisfied_share: { facts: 'dissatisfied', aggregate: 'ratio', scale: 100 },
  satisfaction_score: { facts: 'score', aggregate: 'ratio', scale: 1 },
  nps: { facts: 'nps', aggregate: 'ratio', scale: 1 },
  complaints_per_1000_units: { facts: 'complaints_units', aggregate: 'ratio', scale: 1000 },
  repeat_purchase: { facts: 'repeat_buyers', aggregate: 'ratio', scale: 100 },
  retention_12m: { facts: 'retained', aggregate: 'ratio', scale: 100 },
  promises_kept: { facts: 'promises', aggregate: 'ratio', scale: 100 },
  promises_beaten: { facts: 'promises_beaten', aggregate: 'ratio', scale: 100 },
  on_site_24h: { facts: 'on_site_24h', aggregate: 'ratio', scale: 100 },
  first_time_fix_30d: { facts: 'first_time_fix', aggregate: 'ratio', scale: 100 },
  first_time_fix_said: { facts: 'first_time_fix_said', aggregate: 'ratio', scale: 100 },
  repeat_repair_30d: { facts: 'repeat_repair', aggregate: 'ratio', scale: 100 },
  resolution_hours_mean: { facts: 'resolution', aggregate: 'ratio', scale: 1 },
  resolution_hours_p90: { facts: 'resolution', aggregate: 'p90', scale: 1 },
  visits_per_technician_day: { facts: 'visits', aggregate: 'ratio', scale: 1 },
  old_parts_on_time: { facts: 'old_parts', aggregate: 'ratio', scale: 100, ready: sql`exists (select 1 from stock_movements where kind = 'return_old')` },
  certification_coverage: { facts: 'certification', aggregate: 'ratio', scale: 100 },
  exam_pass_rate: { facts: 'exam_attempts', aggregate: 'ratio', scale: 100 },
  training_pass_rate: { facts: 'trained', aggregate: 'ratio', scale: 100 },
  audit_score: { facts: 'audit_score', aggregate: 'ratio', scale: 1 },
  enps: { facts: 'enps', aggregate: 'ratio', scale: 1 },
  pulse_score: { facts: 'pulse_score', aggregate: 'ratio', scale: 1 },
  suggestions_made: { facts: 'suggestions_made', aggregate: 'sum', scale: 1 },
  suggestions_implemented: { facts: 'suggestions_implemented', aggregate: 'ratio', scale: 100 },
} satisfies Record<string, Source>;
export type SourceName = keyof typeof sources;
export const sourceNames = Object.keys(sources) as SourceName[];

/** The China-time months [fromMonth … toMonth] as the relation every fact query reads. */
function monthsSql(fromMonth: string, toMonth: string): SQL {
  return sql`select to_char(d, 'YYYY-MM') as month, (d - interval '8 hours') at time zone 'UTC' as m_start,
      (d + interval '1 month' - interval '8 hours') at time zone 'UTC' as m_end, d::date as d_start, (d + interval '1 month')::date as d_end
    from generate_series(${`${fromMonth}-01`}::timestamp, ${`${toMonth}-01`}::timestamp, interval '1 month') d`;
}

/** The same relation for a list of months (not necessarily consecutive: those not rolled up). */
function monthListSql(months: string[]): SQL {
  return sql`select to_char(d, 'YYYY-MM') as month, (d - interval '8 hours') at time zone 'UTC' as m_start,
      (d + interval '1 month' - interval '8 hours') at time zone 'UTC' as m_end, d::date as d_start, (d + interval '1 month')::date as d_end
    from (select (m || '-01')::timestamp as d from jsonb_array_elements_text(${JSON.stringify(months)}::jsonb) m) x`;
}

const factColumns = sql.raw('month, subject_kind, subject_id, label, provider_id, technician_id, region, value, weight');

function factsOf(name: FactName): SQL {
  return facts[name];
}

/** The level's column of the facts (provider and technician are uuids, so a key's filter can use the orders' indexes). */
function columnOf(level: Level): SQL {
  return level === 'company' ? sql`''` : level === 'region' ? sql`f.region` : level === 'provider' ? sql`f.provider_id` : sql`f.technician_id`;
}

/** The level's key as text. */
function keyOf(level: Level): SQL {
  return level === 'provider' || level === 'technician' ? sql`${columnOf(level)}::text` : columnOf(level);
}

/** Which facts a caller may count: a key of the level, and for a provider admin only its provider's. */
export type Filter = { level: Level; key?: string; providerId?: string };

function whereOf(f: Filter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.level !== 'company') parts.push(sql`${columnOf(f.level)} is not null`);
  if (f.key !== undefined && f.level !== 'company') parts.push(f.level === 'region' ? sql`f.region = ${f.key}` : sql`${columnOf(f.level)} = ${f.key}::uuid`);
  if (f.providerId) parts.push(sql`f.provider_id = ${f.providerId}::uuid`);
  return sql.join(parts, sql` and `);
}

export type AggRow = Agg & { source: SourceName; month: string; key: string };

/**
 * Every asked source's aggregate per month and key, in ONE statement (one snapshot, one round
 * trip). A source whose facts are missing or not `ready` answers no rows: "no data".
 *
 * A month in `scorecard_rollup_months` is read from the rollup (a row per source and key); the
 * others — the month being lived in, a month not rolled up yet — from the facts, live. A provider
 * admin's filter (only its provider's facts of its technicians) is always live: the rollup keeps
 * each level's keys, not their crossings. `live: true` ignores the rollup (the figures by hand).
 */
export async function aggregates(q: Queryable, p: { fromMonth: string; toMonth: string; sources: SourceName[]; filter: Filter; live?: boolean }): Promise<AggRow[]> {
  const wanted = p.sources.filter((name) => factsOf(sources[name].facts));
  if (!wanted.length) return [];
  const rolled = p.live || p.filter.providerId ? [] : await rolledMonths(q, p.fromMonth, p.toMonth);
  const all = monthList(p.fromMonth, p.toMonth);
  const liveMonths = all.filter((m) => !rolled.includes(m));
  const parts: SQL[] = [];
  if (liveMonths.length) {
    for (const name of wanted) {
      const s: Source = sources[name];
      const p90 = s.aggregate === 'p90' ? sql`percentile_cont(0.9) within group (order by f.value)` : sql`null::float8`;
      parts.push(sql`select ${name}::text as source, f.month, ${keyOf(p.filter.level)} as key, count(*) as n, sum(f.value) as s, sum(f.weight) as w, ${p90} as p90
        from (${factsOf(s.facts)}) as f (${factColumns}) where ${whereOf(p.filter)} ${s.ready ? sql`and ${s.ready}` : sql``} group by f.month, 3`);
    }
  }
  if (rolled.length) {
    // The rollup's rows of the asked sources, months, level (and key); a source not `ready` has none.
    const readyOf = (name: SourceName) => (sources[name] as Source).ready;
    const plain = wanted.filter((name) => !readyOf(name));
    const guarded = wanted.filter((name) => readyOf(name));
    const keyed = p.filter.key !== undefined && p.filter.level !== 'company' ? sql`and r.key = ${p.filter.key}` : sql``;
    const pick = (names: SourceName[], extra: SQL) =>
      sql`select r.source, r.month, r.key, r.n::bigint as n, r.sum as s, r.weight as w, r.p90 from scorecard_rollup r
        where r.level = ${p.filter.level} and r.source in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))
          and r.month in (select jsonb_array_elements_text(${JSON.stringify(rolled)}::jsonb)) ${keyed} ${extra}`;
    if (plain.length) parts.push(pick(plain, sql``));
    for (const name of guarded) parts.push(pick([name], sql`and ${readyOf(name)!}`));
  }
  const mo = liveMonths.length ? monthListSql(liveMonths) : sql`select null::text as month, null::timestamptz as m_start, null::timestamptz as m_end, null::date as d_start, null::date as d_end where false`;
  const r = await withoutJit(q, (tx) => tx.execute(sql`with mo as (${mo}) ${sql.join(parts, sql` union all `)}`));
  return rowsOf<{ source: SourceName; month: string; key: string; n: string | number; s: string | number | null; w: string | number | null; p90: string | number | null }>(r).map((x) => ({
    source: x.source,
    month: x.month,
    key: x.key,
    n: Number(x.n),
    sum: Number(x.s ?? 0),
    weight: Number(x.w ?? 0),
    p90: x.p90 === null ? null : Number(x.p90),
  }));
}

/** The months [from … to], YYYY-MM. */
function monthList(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) (m = 1), y++;
  }
  return out;
}

/** The months of [from … to] that are rolled up. */
export async function rolledMonths(q: Queryable, from: string, to: string): Promise<string[]> {
  const r = await q.select({ month: scorecardRollupMonths.month }).from(scorecardRollupMonths).where(and(gte(scorecardRollupMonths.month, from), lte(scorecardRollupMonths.month, to)));
  return r.map((x) => x.month);
}

export async function rollupOf(q: Queryable, month: string) {
  const [row] = await q.select().from(scorecardRollupMonths).where(eq(scorecardRollupMonths.month, month));
  return row;
}

/**
 * Rolls one month up, set-based: for every source, its facts grouped by the four levels at once
 * (grouping sets: one scan of the facts for company, region, provider and technician), replacing
 * the month's rows. The same fact queries and the same aggregate as the live figures; `ready` is
 * applied when the rollup is read. Serialised per month by an advisory lock.
 */
export async function rollUp(q: Queryable, month: string, at: Date): Promise<number> {
  return q.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`scorecard_rollup:${month}`}))`);
    await tx.delete(scorecardRollup).where(eq(scorecardRollup.month, month));
    let rows = 0;
    for (const name of sourceNames) {
      const s: Source = sources[name];
      const body = factsOf(s.facts);
      if (!body) continue;
      const p90 = s.aggregate === 'p90' ? sql`percentile_cont(0.9) within group (order by f.value)` : sql`null::float8`;
      const r = await tx.execute(sql`with mo as (${monthsSql(month, month)})
        insert into scorecard_rollup (month, source, level, key, n, sum, weight, p90)
        select month, ${name}, level, key, n, s, w, p90 from (
          select f.month,
                 case when grouping(f.region) = 0 then 'region' when grouping(f.provider_id) = 0 then 'provider' when grouping(f.technician_id) = 0 then 'technician' else 'company' end as level,
                 case when grouping(f.region) = 0 then f.region when grouping(f.provider_id) = 0 then f.provider_id::text when grouping(f.technician_id) = 0 then f.technician_id::text else '' end as key,
                 count(*) as n, coalesce(sum(f.value), 0) as s, coalesce(sum(f.weight), 0) as w, ${p90} as p90
          from (${body}) as f (${factColumns})
          group by grouping sets ((f.month), (f.month, f.region), (f.month, f.provider_id), (f.month, f.technician_id))) g
        where key is not null`);
      rows += (r as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as { affectedRows?: number }).affectedRows ?? 0;
    }
    await tx.insert(scorecardRollupMonths).values({ month, rolledAt: at, rows }).onConflictDoUpdate({ target: scorecardRollupMonths.month, set: { rolledAt: at, rows } });
    return rows;
  });
}

export type FactRow = { subjectKind: string; subjectId: string; label: string | null; providerId: string | null; providerName: string | null; providerNameEn: string | null; technicianId: string | null; technicianName: string | null; technicianNameEn: string | null; region: string | null; value: number; weight: number };

type DrillParams = { month: string; source: SourceName; filter: Filter; limit: number; offset: number };

/** The drill-down's statement (the bench EXPLAINs it). */
export function drillSql(p: DrillParams): SQL | null {
  const s: Source = sources[p.source];
  if (!factsOf(s.facts)) return null;
  const body = drillFacts(s.facts, p.filter);
  return sql`with mo as (${monthsSql(p.month, p.month)}),
    f as (select * from (${body}) as f (${factColumns}) where ${whereOf(p.filter)} ${s.ready ? sql`and ${s.ready}` : sql``})
    select f.subject_kind, f.subject_id, f.label, f.provider_id::text as provider_id, (select pr.name from providers pr where pr.id = f.provider_id) as provider_name,
           (select pr.name_en from providers pr where pr.id = f.provider_id) as provider_name_en,
           f.technician_id::text as technician_id, (select t.name from technicians t where t.id = f.technician_id) as technician_name,
           (select t.name_en from technicians t where t.id = f.technician_id) as technician_name_en, f.region, f.value, f.weight,
           count(*) over () as total
    from f order by f.value desc, f.weight desc, f.label, f.subject_id limit ${p.limit} offset ${p.offset}`;
}

/** The facts behind one figure (the orders or people), largest value first, a page at a time. */
export async function drill(q: Queryable, p: DrillParams): Promise<{ total: number; rows: FactRow[] }> {
  const statement = drillSql(p);
  if (!statement) return { total: 0, rows: [] };
  const body = drillFacts(sources[p.source].facts, p.filter);
  // One provider's or technician's facts are index ranges of one month, planned far below the cost at which
  // PostgreSQL compiles (jit_above_cost): run as they are, one round trip instead of four (begin, set, the
  // statement, commit). A company's or region's drill-down reads the whole month.
  const keyed = p.filter.key !== undefined && (p.filter.level === 'provider' || p.filter.level === 'technician');
  const r = keyed ? await q.execute(statement) : await withoutJit(q, (tx) => tx.execute(statement));
  const rows = rowsOf<Record<string, string | number | null>>(r);
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && p.offset > 0) {
    const c = await q.execute(sql`with mo as (${monthsSql(p.month, p.month)}) select count(*) as n from (${body}) as f (${factColumns}) where ${whereOf(p.filter)}`);
    total = Number(rowsOf<{ n: string | number }>(c)[0].n);
  }
  return {
    total,
    rows: rows.map((x) => ({
      subjectKind: String(x.subject_kind),
      subjectId: String(x.subject_id),
      label: x.label === null ? null : String(x.label),
      providerId: x.provider_id === null ? null : String(x.provider_id),
      providerName: x.provider_name === null ? null : String(x.provider_name),
      providerNameEn: x.provider_name_en === null ? null : String(x.provider_name_en),
      technicianId: x.technician_id === null ? null : String(x.technician_id),
      technicianName: x.technician_name === null ? null : String(x.technician_name),
      technicianNameEn: x.technician_name_en === null ? null : String(x.technician_name_en),
      region: x.region === null ? null : String(x.region),
      value: Number(x.value),
      weight: Number(x.weight),
    })),
  };
}

export type CategoryCoverage = { categoryId: string; code: string; nameZh: string; nameEn: string; certification: string; technicians: number; certified: number };

/**
 * Certification coverage per product category for one month and scope: the measure's own pairs (technician ×
 * category needing a certification), grouped by category. Only categories with at least one pair in scope.
 */
export async function certificationByCategory(q: Queryable, p: { month: string; filter: Filter }): Promise<CategoryCoverage[]> {
  const r = await q.execute(sql`with mo as (${monthsSql(p.month, p.month)})
    select f.category_id::text as category_id, f.category_code, f.name_zh, f.name_en, f.required_certification, count(*) as n, sum(f.certified) as certified
    from (${certificationPairs}) f where ${whereOf(p.filter)}
    group by 1, 2, 3, 4, 5 order by f.category_code`);
  return rowsOf<{ category_id: string; category_code: string; name_zh: string; name_en: string; required_certification: string; n: string | number; certified: string | number }>(r).map((x) => ({
    categoryId: x.category_id,
    code: x.category_code,
    nameZh: x.name_zh,
    nameEn: x.name_en,
    certification: x.required_certification,
    technicians: Number(x.n),
    certified: Number(x.certified),
  }));
}

export type CustomerComment = {
  orderId: string;
  orderNumber: string;
  orderKind: string;
  source: 'follow_up' | 'survey';
  at: string;
  satisfaction: string | null;
  attitude: number | null;
  skill: number | null;
  nps: number | null;
  comment: string | null;
  npsReason: string | null;
};

/**
 * What customers said of one technician's work in a month: the follow-up's comment on each order they did
 * (orders done in the month, as the satisfaction figures count them) and the survey's comment and reason for
 * its score (surveys answered in the month, as NPS counts them). Only the technician's own orders (as they are
 * now), and only the order's number and kind beside the words — no name, phone or address of the customer.
 */
export async function customerComments(q: Queryable, p: { month: string; technicianId: string; limit: number; offset: number }): Promise<{ total: number; rows: CustomerComment[] }> {
  const r = await q.execute(sql`with mo as (${monthsSql(p.month, p.month)}),
    c as (
      select w.id, w.number, w.kind, 'follow_up' as source, w.done_at as at, w.follow_up->>'satisfaction' as satisfaction,
             (w.follow_up->>'attitude')::int as attitude, (w.follow_up->>'skill')::int as skill, null::int as nps,
             nullif(btrim(w.follow_up->>'comment'), '') as comment, null::text as nps_reason
      from mo join work_orders w on w.technician_id = ${p.technicianId}::uuid and ${doneIn}
      where nullif(btrim(w.follow_up->>'comment'), '') is not null
      union all
      select w.id, w.number, w.kind, 'survey', s.answered_at, s.answers->>'satisfaction', null, null, (s.answers->>'nps')::int,
             nullif(btrim(s.answers->>'comment'), ''), nullif(btrim(s.answers->>'npsReason'), '')
      from mo join follow_up_surveys s on ${inMonths('s.answered_at')} join work_orders w on w.id = s.order_id and w.technician_id = ${p.technicianId}::uuid
      where nullif(btrim(s.answers->>'comment'), '') is not null or nullif(btrim(s.answers->>'npsReason'), '') is not null)
    select c.*, count(*) over () as total from c order by c.at desc, c.number, c.source limit ${p.limit} offset ${p.offset}`);
  const rows = rowsOf<{ id: string; number: string; kind: string; source: 'follow_up' | 'survey'; at: Date | string; satisfaction: string | null; attitude: number | null; skill: number | null; nps: number | null; comment: string | null; nps_reason: string | null; total: string | number }>(r);
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && p.offset > 0) total = (await customerComments(q, { ...p, limit: 1, offset: 0 })).total;
  return {
    total,
    rows: rows.map((x) => ({
      orderId: String(x.id),
      orderNumber: x.number,
      orderKind: x.kind,
      source: x.source,
      at: new Date(x.at).toISOString(),
      satisfaction: x.satisfaction,
      attitude: x.attitude === null ? null : Number(x.attitude),
      skill: x.skill === null ? null : Number(x.skill),
      nps: x.nps === null ? null : Number(x.nps),
      comment: x.comment,
      npsReason: x.nps_reason,
    })),
  };
}

/** Names of the keys a breakdown shows (providers, technicians). */
export async function keyNames(q: Queryable, level: Level, keys: string[]): Promise<Map<string, { name: string; nameEn: string | null }>> {
  if (!keys.length || (level !== 'provider' && level !== 'technician')) return new Map();
  const table = sql.raw(level === 'provider' ? 'providers' : 'technicians');
  const r = await q.execute(sql`select id::text as id, name, name_en from ${table} where id::text in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`);
  return new Map(rowsOf<{ id: string; name: string; name_en: string | null }>(r).map((x) => [x.id, { name: x.name, nameEn: x.name_en }]));
}

/** A technician's provider (a technician's self-view is inside it). */
export async function providerOfTechnician(q: Queryable, technicianId: string): Promise<string | null> {
  const r = await q.execute(sql`select provider_id::text as id from technicians where id = ${technicianId}`);
  return rowsOf<{ id: string }>(r)[0]?.id ?? null;
}

export async function providerExists(q: Queryable, id: string): Promise<boolean> {
  const r = await q.execute(sql`select 1 from providers where id = ${id}`);
  return rowsOf(r).length > 0;
}

// ── The scorecard's own tables ─────────────────────────────────────────────────────────────

export type MeasureRow = typeof scorecardMeasures.$inferSelect;

export async function listMeasures(q: Queryable): Promise<MeasureRow[]> {
  return q.select().from(scorecardMeasures).orderBy(asc(scorecardMeasures.perspective), asc(scorecardMeasures.position), asc(scorecardMeasures.code));
}

export async function findMeasure(q: Queryable, code: string): Promise<MeasureRow | undefined> {
  const [row] = await q.select().from(scorecardMeasures).where(eq(scorecardMeasures.code, code));
  return row;
}

export async function updateMeasureAtVersion(q: Queryable, code: string, version: number, patch: Partial<MeasureRow>): Promise<MeasureRow | undefined> {
  const [row] = await q
    .update(scorecardMeasures)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(scorecardMeasures.code, code), eq(scorecardMeasures.version, version)))
    .returning();
  return row;
}

export async function insertMeasureHistory(q: Queryable, row: typeof scorecardMeasureHistory.$inferInsert) {
  await q.insert(scorecardMeasureHistory).values(row);
}

export async function measureHistory(q: Queryable, code: string) {
  return q.select().from(scorecardMeasureHistory).where(eq(scorecardMeasureHistory.code, code)).orderBy(asc(scorecardMeasureHistory.seq));
}

export async function deliverySettings(q: Queryable) {
  const [row] = await q.select().from(scorecardDeliverySettings).where(eq(scorecardDeliverySettings.id, 'default'));
  return row;
}

export async function updateDeliverySettings(q: Queryable, version: number, patch: { roles: string[]; updatedBy: string; updatedAt: Date }) {
  const [row] = await q
    .update(scorecardDeliverySettings)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(scorecardDeliverySettings.id, 'default'), eq(scorecardDeliverySettings.version, version)))
    .returning();
  return row;
}

export type RecipientRow = typeof scorecardRecipients.$inferSelect;

export async function listRecipients(q: Queryable): Promise<RecipientRow[]> {
  return q.select().from(scorecardRecipients).orderBy(asc(scorecardRecipients.role), asc(scorecardRecipients.email));
}

export async function insertRecipient(q: Queryable, row: typeof scorecardRecipients.$inferInsert): Promise<RecipientRow | undefined> {
  const [made] = await q.insert(scorecardRecipients).values(row).onConflictDoNothing().returning();
  return made;
}

export async function deleteRecipient(q: Queryable, id: string): Promise<RecipientRow | undefined> {
  const [gone] = await q.delete(scorecardRecipients).where(eq(scorecardRecipients.id, id)).returning();
  return gone;
}

/** Claims the month's delivery to one mailbox; false when it went already (the unique key). */
export async function claimDelivery(q: Queryable, row: typeof scorecardDeliveries.$inferInsert): Promise<boolean> {
  const made = await q.insert(scorecardDeliveries).values(row).onConflictDoNothing().returning();
  return made.length > 0;
}

/**
 * Runs a scorecard statement with PostgreSQL's JIT off: the union of every source looks costly to
 * the planner (the months relation is a function), and compiling it took seconds longer than running it.
 */
async function withoutJit<T>(q: Queryable, run: (tx: Queryable) => Promise<T>): Promise<T> {
  return q.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return run(tx);
  });
}

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}
