// `aftercare demo --scale national`: a national appliance maker on PostgreSQL — by default
// 1,000,000 customers, 3,000,000 units, 5,000,000 orders over three years with their history,
// 500 providers and 10,000 technicians (national-rules.ts has the proportions; --customers N
// makes a smaller one). Set-based: each table is one INSERT … SELECT over generate_series whose
// values are pseudo-random functions of the row's number, so the same size gives the same data
// and no row crosses the wire. The big tables' secondary indexes are dropped while the rows go in
// and built once afterwards (README "Demo data at national scale" has the measurement).
import { availableParallelism } from 'node:os';
import { and, asc, gt, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { technicians } from '../modules/network/network.tables.js';
import type { Database } from '../db/database.js';
import { insertRowsSql } from '../db/json-rows.js';
import { createAccessService } from '../modules/access/index.js';
import { systemClock } from '../shared/clock.js';
import { productCategories, productModels, faultCodes } from '../modules/catalog/catalog.tables.js';
import { workOrders, workOrderHistory } from '../modules/work-orders/work-orders.tables.js';
import { buildDemo } from './demo.js';
import { models as modelSpecs, roads, estatePrefixes, estateSuffixes, companyCores, companyTrades, mobilePrefixes, cancelReasons } from './reference-data.js';
import { cancelSteps, capitals, happySteps, nationalPlaces, nationalSize, orderDays, visitLeadHours, type NationalSize, type Step } from './national-rules.js';
import { makePromiseRules, replayPromises, REPLAY_DAYS } from './promises.js';

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '英', '华', '玉', '兰', '辉', '鹏', '婷', '红', '建', '国', '文', '斌', '宇', '浩', '凯', '佳', '欣', '晨'];
/** The big tables: their secondary indexes wait until the rows are in. */
const bulkTables = ['customers', 'customer_phones', 'customer_addresses', 'units', 'unit_serials', 'unit_ownerships', 'work_orders', 'work_order_history', 'work_order_check_ins'];
/** Promises are replayed in memory this many orders at a time. */
const REPLAY_CHUNK = 5000;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
const lit = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`);
/** A row's id: a fixed uuid per table (`tag`, a valid v4 variant) and the row's number. */
const uid = (tag: string, n: SQL) => sql`('00000000-0000-4000-${sql.raw(tag)}-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
/** A pseudo-random fraction in [0, 1) from a row number and a salt (Knuth's multiplicative hash). */
const rnd = (n: SQL, salt: number) => sql`((((${n})::bigint * 2654435761 + ${sql.raw(String(salt * 40503))}) % 4294967296)::float8 / 4294967296)`;
/** A coordinate near `at` (± spread / 2), to six places as the geocoder gives them. */
const near = (at: SQL, r: SQL, spread: number) => sql`round((${at} + ${r} * ${sql.raw(String(spread))} - ${sql.raw(String(spread / 2))}) * 1000000) / 1000000`;
const pick = (values: readonly string[], n: SQL) => sql`(${lit(values)})[1 + ((${n})::bigint % ${sql.raw(String(values.length))})]`;
const iso = (t: SQL) => sql`to_char((${t}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const change = (field: string, to: SQL, from: SQL = sql`null`) => sql`'${sql.raw(field)}', jsonb_build_object('from', ${from}, 'to', ${to})`;

export type NationalOptions = { customers?: number; now?: Date; seed?: number; log?: (line: string) => void };

export async function loadNationalDemo(database: Database, options: NationalOptions = {}): Promise<Record<string, number>> {
  if (database.engine !== 'postgres') throw new Error('The national demo runs on PostgreSQL (set DATABASE_URL) / 全国规模演示数据需要 PostgreSQL（设置 DATABASE_URL）');
  const size = nationalSize(options.customers ?? 1_000_000);
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const db = database.db;
  const t0 = performance.now();
  const step = async (name: string, q: SQL) => {
    const t1 = performance.now();
    // JIT compiling these wide expressions costs minutes and saves nothing on a one-off load.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local jit = off`);
      await tx.execute(q);
    });
    log(`  ${name}: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  };
  const demo = buildDemo(options.seed ?? 2026, now.getTime());
  await db.transaction(async (tx) => {
    for (const [table, rows] of [[productCategories, demo.categories], [productModels, demo.models], [faultCodes, demo.faultCodes]] as const) {
      await tx.execute(insertRowsSql(table, rows as never));
    }
  });
  await prepareLookups(database, demo.models.map((m, i) => ({ i, id: m.id, category: modelSpecs[i].category, prefix: modelSpecs[i].serialPrefix, priceFen: modelSpecs[i].priceYuan * 100 })));

  const indexes = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`select indexname as name, indexdef as def from pg_indexes where schemaname = current_schema() and tablename in (select jsonb_array_elements_text(${JSON.stringify(bulkTables)}::jsonb))
      and indexname not in (select conname from pg_constraint)`),
  );
  for (const i of indexes) await db.execute(sql.raw(`drop index "${i.name}"`));
  // The generated rows are consistent by construction: the foreign keys' per-row checks would only slow the load.
  for (const table of bulkTables) await db.execute(sql.raw(`alter table ${table} disable trigger all`));
  try {
    await step('providers, technicians', networkSql(size, now));
    await step('technicians', techniciansSql(size, now));
    await step('customers', customersSql(size, now));
    await step('customer phones', phonesSql(size));
    await step('customer addresses', addressesSql(size));
    await step('units', unitsSql(size, now));
    await step('unit serials', serialsSql(size));
    await step('unit ownerships', ownershipsSql(size, now));
    await step('orders staged', stageOrdersSql(size, now));
    // The orders and their history (most of the load) are independent statements over the staged
    // orders: run side by side, one per core, then the indexes the same way.
    const width = Math.max(2, availableParallelism());
    const t1 = performance.now();
    await sideBySide([{ name: 'work orders', q: ordersSql() }, ...historySqls()].map((s) => () => step(s.name, s.q)), width);
    log(`  orders and history, ${width} at a time: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    // The check-ins' copy of their order's provider and technician (the history's trigger is off during the load).
    await step('check-ins', sql`insert into work_order_check_ins (history_id, order_id, at, provider_id, technician_id)
      select h.id, h.order_id, h.at, w.provider_id, w.technician_id from work_order_history h join work_orders w on w.id = h.order_id where h.action = 'check_in'`);
    const t2 = performance.now();
    await sideBySide(indexes.map((i) => () => step(`index ${i.name}`, sql.raw(i.def))), width);
    log(`  indexes, ${width} at a time: ${((performance.now() - t2) / 1000).toFixed(1)} s`);
  } finally {
    for (const table of bulkTables) await db.execute(sql.raw(`alter table ${table} enable trigger all`));
  }
  await db.execute(sql`drop table national_places, national_models, national_orders`);
  await db.execute(sql`select setval('customer_number_seq', ${size.customers})`);
  await db.execute(sql`select setval('work_order_number_seq', ${size.orders})`);
  await db.execute(sql`select setval(pg_get_serial_sequence('work_order_history', 'id'), (select coalesce(max(id), 1) from work_order_history))`);

  const providerIds = rowsOf<{ id: string }>(await db.execute(sql`select id from providers order by code limit 2`)).map((r) => r.id);
  const crew = await db.select({ id: technicians.id, providerId: technicians.providerId }).from(technicians).where(inArray(technicians.providerId, providerIds)).orderBy(asc(technicians.id));
  const users = await createAccessService({ db, clock: systemClock }).seedDemoUsers({ providerIds, technicianIds: crew.map((t) => ({ providerId: t.providerId, technicianId: t.id })) });
  const t3 = performance.now();
  const promised = await loadNationalPromises(database, now, providerIds);
  log(`  promises: ${promised} orders, ${((performance.now() - t3) / 1000).toFixed(1)} s`);
  await step('analyze', sql`analyze`);
  log(`  total: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return {
    users: users.length,
    product_models: demo.models.length,
    providers: size.providers,
    technicians: size.technicians,
    customers: size.customers,
    units: size.units,
    work_orders: size.orders,
    order_promises: promised,
  };
}

/** Small tables the big statements join by number: every district of every capital, every model. */
async function prepareLookups(database: Database, models: { i: number; id: string; category: string; prefix: string; priceFen: number }[]) {
  const db = database.db;
  await db.execute(sql`create unlogged table national_places (i int primary key, city_index int, province text, city text, area_code text, district text, postal_code text, lat float8, lng float8)`);
  await db.execute(sql`insert into national_places select * from jsonb_to_recordset(${JSON.stringify(nationalPlaces().map((p) => ({ ...p, city_index: p.cityIndex, area_code: p.areaCode, postal_code: p.postalCode })))}::jsonb)
    as x(i int, city_index int, province text, city text, area_code text, district text, postal_code text, lat float8, lng float8)`);
  await db.execute(sql`create unlogged table national_models (i int primary key, id uuid, category text, prefix text, price_fen bigint)`);
  await db.execute(sql`insert into national_models select * from jsonb_to_recordset(${JSON.stringify(models.map((m) => ({ i: m.i, id: m.id, category: m.category, prefix: m.prefix, price_fen: m.priceFen })))}::jsonb)
    as x(i int, id uuid, category text, prefix text, price_fen bigint)`);
}

const places = () => nationalPlaces().length;
const cityCount = capitals.length;
/** The customer's place (a district), spread evenly over every capital's districts. */
const placeOf = (c: SQL) => sql`((${c})::bigint * 7919 % ${sql.raw(String(places()))})`;
const localDay = (now: Date, daysBack: number) => sql`((${now.toISOString()}::timestamptz at time zone 'Asia/Shanghai')::date - ${sql.raw(String(daysBack))})`;
/** The customer's mobile: a prefix and 8 digits, one-to-one with the customer's number (7919 is prime to 10⁸). */
const mobileOf = (c: SQL) => sql`(${pick(mobilePrefixes, sql`(${c}) - 1`)} || lpad(((((${c}) - 1) / ${sql.raw(String(mobilePrefixes.length))})::bigint * 7919 % 100000000)::text, 8, '0'))`;
/** A provider serving the customer's city: providers are dealt to the capitals in turn. */
const providerFor = (size: NationalSize, cityIndex: SQL, n: SQL) =>
  sql`(1 + (${cityIndex}) + ${sql.raw(String(cityCount))} * ((${n}) % ((${sql.raw(String(size.providers - 1))} - (${cityIndex})) / ${sql.raw(String(cityCount))} + 1)))`;

function networkSql(size: NationalSize, now: Date): SQL {
  return sql`insert into providers (id, code, name, name_en, kind, contact_name, contact_phone, active, contract_from, contract_to, category_ids, service_area, capacity, time_zone, created_at)
    select ${uid('b001', sql`p`)}, 'NP' || lpad(p::text, 4, '0'), pl.city || '服务网点' || p, 'Service point ' || p || ' (' || pl.city || ')',
      case when p <= ${sql.raw(String(cityCount))} then 'branch' when p % 5 = 0 then 'agent' else 'contractor' end,
      ${pick(surnames, sql`p`)} || ${pick(givenNames, sql`p * 7`)}, pl.area_code || lpad((p::bigint * 7919 % 10000000)::text, 8, '2'), true,
      ${localDay(now, orderDays + 60)}, ${localDay(now, -365)},
      (select jsonb_agg(id order by code) from product_categories),
      jsonb_build_object('regions', jsonb_build_array(jsonb_build_object('province', pl.province, 'city', pl.city)), 'postalCodes', '[]'::jsonb, 'polygons', '[]'::jsonb),
      400, 'Asia/Shanghai', ${now.toISOString()}::timestamptz - interval '${sql.raw(String(orderDays + 60))} days'
    from generate_series(1, ${size.providers}) p join national_places pl on pl.i = ((p - 1) % ${sql.raw(String(cityCount))}) * 4`;
}

function techniciansSql(size: NationalSize, now: Date): SQL {
  // Technician t works for provider 1 + (t - 1) % providers, living near the provider's city centre.
  return sql`insert into technicians (id, provider_id, name, phone, status, skills, home_address, home_lat, home_lng, shifts, max_jobs_per_day, created_at)
    select ${uid('b002', sql`t`)}, ${uid('b001', sql`1 + (t - 1) % ${size.providers}`)}, ${pick(surnames, sql`t * 3`)} || ${pick(givenNames, sql`t`)} || ${pick(givenNames, sql`t / 40`)},
      '170' || lpad(t::text, 8, '0'), 'active', (select jsonb_agg(code order by code) from product_categories), pl.city || pl.district,
      pl.lat + ${rnd(sql`t`, 1)} * 0.04 - 0.02, pl.lng + ${rnd(sql`t`, 2)} * 0.04 - 0.02,
      (select jsonb_agg(jsonb_build_object('weekday', d, 'start', '08:30', 'end', '18:00')) from generate_series(1, 6) d), 8,
      ${now.toISOString()}::timestamptz - interval '${sql.raw(String(orderDays + 30))} days'
    from generate_series(1, ${size.technicians}) t join national_places pl on pl.i = (((t - 1) % ${size.providers}) % ${sql.raw(String(cityCount))}) * 4`;
}

/** The customer's tier: most ordinary, a few platinum. */
function tierOf(c: SQL): SQL {
  const r = rnd(c, 3);
  return sql`case when ${r} < 0.03 then 'platinum' when ${r} < 0.10 then 'gold' when ${r} < 0.24 then 'silver' else 'ordinary' end`;
}

function customersSql(size: NationalSize, now: Date): SQL {
  return sql`insert into customers (id, number, kind, name, tier, birthday, preferred_language, preferred_channel, consent_to_contact, consent_changed_at, email, version, created_at, updated_at)
    select ${uid('8001', sql`c`)}, 'CU' || to_char(at at time zone 'Asia/Shanghai', 'YYMM') || '-' || translate(format('%6s', c), ' ', '0'),
      case when c % 25 = 0 then 'company' else 'person' end,
      case when c % 25 = 0 then ${pick(companyCores, sql`c / 25`)} || ${pick(companyTrades, sql`c / 375`)} || '有限公司'
           else ${pick(surnames, sql`c`)} || ${pick(givenNames, sql`c / 30`)} || case when c % 3 <> 0 then ${pick(givenNames, sql`c / 1200`)} else '' end end,
      ${tierOf(sql`c`)},
      case when c % 25 <> 0 and c % 7 <> 0 then date '1950-01-01' + (c::bigint * 104729 % 18000)::int end,
      case when c % 33 = 0 then 'en' else 'zh' end, ${pick(['wechat', 'phone', 'sms', 'wechat', 'email'], sql`c / 7`)},
      c % 9 <> 0, at, null, 1, at, at
    from (select c, ${now.toISOString()}::timestamptz - interval '${sql.raw(String(orderDays + 45))} days' + make_interval(secs => c::bigint * 7919 % 1296000) as at
          from generate_series(1, ${size.customers}) c) s`;
}

function phonesSql(size: NationalSize): SQL {
  // Every customer's mobile; one in three also a landline of their city (digits one-to-one with the customer too).
  return sql`insert into customer_phones (id, customer_id, phone, label, is_primary)
    select ${uid('8002', sql`c`)}, ${uid('8001', sql`c`)}, ${mobileOf(sql`c`)}, case when c % 25 = 0 then 'work' else 'mobile' end, true from generate_series(1, ${size.customers}) c
    union all
    select ${uid('8004', sql`c`)}, ${uid('8001', sql`c`)}, pl.area_code || lpad((c::bigint * 7919 % 100000000)::text, 8, '0'), case when c % 25 = 0 then 'work' else 'home' end, false
    from generate_series(3, ${size.customers}, 3) c join national_places pl on pl.i = ${placeOf(sql`c`)}`;
}

const streetOf = (c: SQL) =>
  sql`${pick(roads, c)} || (1 + (${c}) % 999) || '号' || ${pick(estatePrefixes, sql`(${c}) / 3`)} || ${pick(estateSuffixes, sql`(${c}) / 7`)} || (1 + (${c}) % 30) || '幢' || (1 + (${c}) % 4) || '单元' || (101 + (${c}) % 33 * 100 + (${c}) % 4) || '室'`;

function addressesSql(size: NationalSize): SQL {
  return sql`insert into customer_addresses (id, customer_id, label, province, city, district, street, postal_code, lat, lng, coordinates_approximate, is_default)
    select ${uid('8003', sql`c`)}, ${uid('8001', sql`c`)}, case when c % 25 = 0 then '公司' else '家' end, pl.province, pl.city, pl.district, ${streetOf(sql`c`)}, pl.postal_code,
      ${near(sql`pl.lat`, rnd(sql`c`, 5), 0.06)}, ${near(sql`pl.lng`, rnd(sql`c`, 6), 0.07)}, false, true
    from generate_series(1, ${size.customers}) c join national_places pl on pl.i = ${placeOf(sql`c`)}`;
}

/**
 * Unit u belongs to customer 1 + (u - 1) % customers; units are bought in the order of their
 * numbers over the 30 days before the orders' three years and the years themselves, so an order
 * can always pick a unit bought before it.
 */
const purchaseSpan = orderDays + 30;
const unitBase = (size: NationalSize, now: Date) => sql`(select u, 1 + (u - 1) % ${size.customers} as c, m.id as model_id, m.category, m.prefix, m.price_fen,
      ${localDay(now, purchaseSpan)} + ((u - 1)::bigint * ${sql.raw(String(purchaseSpan - 1))} / ${size.units})::int as bought
    from generate_series(1, ${size.units}) u join national_models m on m.i = (u::bigint * 31 % (select count(*) from national_models)))`;

function unitsSql(size: NationalSize, now: Date): SQL {
  const installs = sql`b.category in ('AC', 'HEATER')`;
  return sql`insert into units (id, model_id, owner_id, purchase_date, received_date, channel, invoice_number, price_fen, currency, installed_on, installed_by_technician_id, version, created_at, updated_at)
    select ${uid('9001', sql`b.u`)}, b.model_id, ${uid('8001', sql`b.c`)}, b.bought, case when b.u % 10 < 3 then b.bought + 2 end, case when b.u % 10 < 3 then 'online' else 'store' end,
      'FP' || lpad(b.u::text, 10, '0'), b.price_fen, 'CNY',
      case when ${installs} then b.bought + 2 + (b.u % 10 < 3)::int * 2 end,
      case when ${installs} then ${uid('b002', sql`${providerFor(size, sql`pl.city_index`, sql`b.u`)} + ${size.providers} * (b.u % ${sql.raw(String(size.technicians / size.providers))})`)} end,
      1, b.bought + time '12:00' at time zone 'Asia/Shanghai', b.bought + time '12:00' at time zone 'Asia/Shanghai'
    from ${unitBase(size, now)} b join national_places pl on pl.i = ${placeOf(sql`b.c`)}`;
}

function serialsSql(size: NationalSize): SQL {
  // An air conditioner carries an indoor and an outdoor serial; anything else one main serial (the models' patterns).
  return sql`insert into unit_serials (unit_id, role, serial)
    select ${uid('9001', sql`u`)}, r.role, m.prefix || r.letter || lpad(u::text, 11, '0')
    from generate_series(1, ${size.units}) u join national_models m on m.i = (u::bigint * 31 % (select count(*) from national_models))
    join (values ('indoor', 'I', true), ('outdoor', 'O', true), ('main', 'M', false)) r(role, letter, ac) on r.ac = (m.category = 'AC')`;
}

function ownershipsSql(size: NationalSize, now: Date): SQL {
  return sql`insert into unit_ownerships (id, unit_id, customer_id, from_date, to_date, reason, recorded_at, recorded_by)
    select ${uid('9002', sql`b.u`)}, ${uid('9001', sql`b.u`)}, ${uid('8001', sql`b.c`)}, b.bought, null, '购买 / purchase', b.bought + time '12:00' at time zone 'Asia/Shanghai', 'demo-loader'
    from ${unitBase(size, now)} b`;
}

/**
 * Each order's facts from its number: the day it came in (evenly over three years), a unit bought
 * before that day and its owner, kind, priority, channel, the provider and technician of the
 * owner's city, whether it is cancelled, its pace, and how many steps it has taken by `now`.
 */
function stageOrdersSql(size: NationalSize, now: Date): SQL {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const taken = (steps: Step[]) =>
    sql.raw(`case ${steps.map((s, i) => ({ s, i })).reverse().map(({ s, i }) => `when elapsed >= ${s.hours} * pace then ${i + 1}`).join(' ')} else 0 end`);
  const techPerProvider = sql.raw(String(size.technicians / size.providers));
  // An unlogged table of its own: the orders and their history both read it, and each order's facts are worked out once.
  return sql`create unlogged table national_orders as select o.*, ${uid('a001', sql`g`)} as id,
      case when r_kind < 0.55 then 'repair' when r_kind < 0.75 then 'installation' when r_kind < 0.9 then 'maintenance' else 'inspection' end as kind,
      case when r_more < 0.04 then 'urgent' when r_more < 0.16 then 'high' when r_more < 0.2 then 'low' else 'normal' end as priority,
      ${pick(['phone', 'phone', 'web', 'app', 'api'], sql`g / 3`)} as channel,
      ${pick(['不制冷', '不启动', '漏水', '噪音大', '显示故障代码', '例行保养', '安装新机', '检查运行状况'], sql`g / 11`)} as symptom,
      ${tierOf(sql`c`)} as tier, ${mobileOf(sql`c`)} as phone, ${streetOf(sql`c`)} as street, ${near(sql`lat`, rnd(sql`c`, 5), 0.06)} as at_lat, ${near(sql`lng`, rnd(sql`c`, 6), 0.07)} as at_lng
    from (select x.*, case when cancelled then ${taken(cancelSteps)} else ${taken(happySteps)} end as k
    from (select y.*, extract(epoch from ${nowSql} - created_at) / 3600 as elapsed, ${uid('b001', sql`prov`)} as provider_id, ${uid('b002', sql`prov + ${size.providers} * (g % ${techPerProvider})`)} as technician_id,
                 'NP' || lpad(prov::text, 4, '0') as provider_code
          from (select z.*, pl.province, pl.city, pl.district, pl.postal_code, pl.lat, pl.lng, ${providerFor(size, sql`pl.city_index`, sql`g`)} as prov
                from (select g, u, 1 + (u - 1) % ${size.customers} as c, created_at,
                             ${rnd(sql`g`, 3)} < 0.05 as cancelled, 0.6 + 4 * power(${rnd(sql`g`, 4)}, 3) as pace, ${rnd(sql`g`, 2)} as r_kind, ${rnd(sql`g`, 7)} as r_more
                      from (select g, created_at, 1 + (g::bigint * 104729 % least(${size.units}, greatest(1, ((30 + day) * ${size.units}::bigint / ${sql.raw(String(purchaseSpan - 1))}) - 1))) as u
                            from (select g, day, ((${localDay(now, orderDays)} + day)::timestamp + make_interval(secs => 28800 + g::bigint * 7919 % 46800)) at time zone 'Asia/Shanghai' as created_at
                                  from (select g, ((g - 1)::bigint * ${sql.raw(String(orderDays))} / ${size.orders})::int as day from generate_series(1, ${size.orders}) g) d0) d1) d2 offset 0) z
                join national_places pl on pl.i = ${placeOf(sql`z.c`)} offset 0) y) x offset 0) o`;
}

/** When step `i` (1-based) of the order's track happened. */
const stepSql = (steps: Step[], i: number) => `(created_at + make_interval(secs => (${steps[i - 1].hours} * pace * 3600)::int))`;
const happyAt = (action: string) => sql.raw(stepSql(happySteps, happyIndex(action)));
const happyIndex = (action: string) => happySteps.findIndex((s) => s.action === action) + 1;

function ordersSql(): SQL {
  const has = (action: string) => sql.raw(`(not cancelled and k >= ${happyIndex(action)})`);
  const when = (action: string, value: SQL) => sql`case when ${has(action)} then ${value} end`;
  const visitFrom = sql.raw(`(created_at + make_interval(secs => ((${happySteps[happyIndex('check_in') - 1].hours} - ${visitLeadHours}) * pace * 3600)::int))`);
  const updatedAt = sql.raw(
    `case ${[...cancelSteps.map((_, i) => `when cancelled and k = ${i + 1} then ${stepSql(cancelSteps, i + 1)}`), ...happySteps.map((_, i) => `when not cancelled and k = ${i + 1} then ${stepSql(happySteps, i + 1)}`)].join(' ')} else created_at end`,
  );
  const statusOf = sql.raw(
    `case ${[...cancelSteps.map((s, i) => `when cancelled and k = ${i + 1} then '${s.to}'`), ...happySteps.map((s, i) => `when not cancelled and k = ${i + 1} then '${s.to}'`)].join(' ')} else 'intake' end`,
  );
  return sql`insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, unit_id, symptom, provider_id, technician_id,
      appointment_from, appointment_to, checked_in_at, check_in_lat, check_in_lng, done_at, confirmed_at, confirmed_by, follow_up, cancel_reason, closed_at, visit_count, version, created_at, updated_at)
    select id, 'WO' || to_char(created_at at time zone 'UTC', 'YYMM') || '-' || translate(format('%6s', g), ' ', '0'), kind, ${statusOf}, priority, channel,
      ${uid('8001', sql`c`)}, tier, phone,
      jsonb_build_object('province', province, 'city', city, 'district', district, 'street', street, 'postalCode', postal_code, 'lat', at_lat, 'lng', at_lng),
      ${uid('9001', sql`u`)}, symptom,
      ${when('dispatch', sql`provider_id`)}, ${when('assign', sql`technician_id`)},
      ${when('book', visitFrom)}, ${when('book', sql`${visitFrom} + interval '2 hours'`)},
      ${when('check_in', happyAt('check_in'))}, ${when('check_in', sql`at_lat`)}, ${when('check_in', sql`at_lng`)},
      ${when('complete', happyAt('complete'))}, ${when('confirm', happyAt('confirm'))}, ${when('confirm', sql`'agent_override'`)},
      ${when('follow_up', followUpOf())},
      case when cancelled and k = 2 then ${pick(cancelReasons, sql`g`)} end,
      ${when('close', happyAt('close'))}, case when ${has('check_in')} then 1 else 0 end, k + 1, created_at, ${updatedAt}
    from national_orders`;
}

function followUpOf(): SQL {
  return sql`jsonb_build_object('satisfaction', case when ${rnd(sql`g`, 8)} < 0.35 then 'delighted' when ${rnd(sql`g`, 8)} < 0.92 then 'neutral' else 'dissatisfied' end,
    'attitude', 3 + (g % 3), 'skill', 3 + (g / 3 % 3), 'fixedFirstTime', ${rnd(sql`g`, 8)} < 0.92, 'repeatVisit', false)`;
}

/**
 * One history row for intake and one per step taken, with the fields each step changed (as the
 * service records them), so the timeline, the promise replay and the reports read real rows.
 * One INSERT … SELECT per step of each track, so the load can run them side by side; the row's id
 * is the order's number × 16 + the step's place, so an order's rows read in id order are in the
 * order they happened (the replay and the timeline read them so), whichever statement ran first.
 */
function historySqls(): { name: string; q: SQL }[] {
  const visitFrom = sql.raw(`(created_at + make_interval(secs => ((${happySteps[happyIndex('check_in') - 1].hours} - ${visitLeadHours}) * pace * 3600)::int))`);
  const changesOf: Record<string, SQL> = {
    dispatch: sql`${change('providerId', sql`to_jsonb(provider_id)`)}`,
    assign: sql`${change('technicianId', sql`to_jsonb(technician_id)`)}`,
    book: sql`${change('appointmentFrom', sql`to_jsonb(${iso(visitFrom)})`)}, ${change('appointmentTo', sql`to_jsonb(${iso(sql`${visitFrom} + interval '2 hours'`)})`)}`,
    check_in: sql`${change('checkedInAt', sql`to_jsonb(${iso(sql`s.at`)})`)}, ${change('checkInLat', sql`to_jsonb(at_lat)`)}, ${change('checkInLng', sql`to_jsonb(at_lng)`)}, ${change('visitCount', sql`to_jsonb(1)`, sql`to_jsonb(0)`)}`,
    complete: sql`${change('doneAt', sql`to_jsonb(${iso(sql`s.at`)})`)}`,
    confirm: sql`${change('confirmedAt', sql`to_jsonb(${iso(sql`s.at`)})`)}, ${change('confirmedBy', sql`to_jsonb('agent_override'::text)`)}`,
    follow_up: sql`${change('followUp', followUpOf())}`,
    close: sql`${change('closedAt', sql`to_jsonb(${iso(sql`s.at`)})`)}`,
    cancel: sql`${change('cancelReason', sql`to_jsonb(${pick(cancelReasons, sql`g`)})`)}`,
  };
  const actors: Record<Step['actor'], SQL> = {
    desk: sql`'agent:kf' || lpad((1 + g % 12)::text, 2, '0')`,
    dispatcher: sql`'dispatcher:pd0' || (1 + g % 4)`,
    provider: sql`'provider:' || provider_code`,
    technician: sql`'technician:' || technician_id`,
    followup: sql`'followup:hf0' || (1 + g % 6)`,
  };
  const columns = sql`insert into work_order_history (id, order_id, at, actor, actor_address, action, from_status, to_status, reason, changes, version)`;
  const intake = sql`${columns}
    select g * ${sql.raw(String(HISTORY_ID_STRIDE))}, id, created_at, case when channel in ('web', 'app') then 'customer:portal' when channel = 'api' then 'api:partner-mall' else 'agent:kf' || lpad((1 + g % 12)::text, 2, '0') end,
      null, 'intake', null, 'intake', null, '{}'::jsonb, 1
    from national_orders`;
  const tracks = [
    { cancelled: false, steps: happySteps },
    { cancelled: true, steps: cancelSteps },
  ];
  const steps = tracks.flatMap((t) =>
    t.steps.map((step, index) => {
      const i = index + 1;
      const status = JSON.stringify({ status: { from: step.from, to: step.to } });
      return {
        name: `history: ${t.cancelled ? 'cancelled' : 'happy'} ${step.action}`,
        q: sql`${columns}
          select g * ${sql.raw(String(HISTORY_ID_STRIDE))} + ${sql.raw(String(i))}, id, s.at, ${actors[step.actor]}, null, ${step.action}, ${step.from}, ${step.to},
            ${step.action === 'cancel' ? pick(cancelReasons, sql`g`) : sql`null`},
            ${status}::jsonb${changesOf[step.action] ? sql` || jsonb_build_object(${changesOf[step.action]})` : sql``}, ${sql.raw(String(i + 1))}
          from (select b.*, b.created_at + make_interval(secs => (${sql.raw(String(step.hours))} * b.pace * 3600)::int) as at
                from national_orders b where b.cancelled = ${sql.raw(String(t.cancelled))} and b.k >= ${sql.raw(String(i))}) s`,
      };
    }),
  );
  return [{ name: 'history: intake', q: intake }, ...steps];
}

/** Room for an order's history rows between one order's ids and the next's (intake and at most 15 steps). */
const HISTORY_ID_STRIDE = 16;

/** Runs the tasks `width` at a time (the machine's cores: each is one backend's work). */
async function sideBySide(tasks: (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

/**
 * Orders opened in the last three weeks get their promise, replayed from their history with the
 * service's own rules (older ones predate the policies, as in the ordinary demo), a chunk at a time.
 */
async function loadNationalPromises(database: Database, now: Date, providerIds: string[]): Promise<number> {
  const db = database.db;
  const rules = await makePromiseRules(database, { now, providerIds });
  const since = new Date(now.getTime() - REPLAY_DAYS * 86_400_000);
  let made = 0;
  let after = '';
  for (;;) {
    const orders = await db.select().from(workOrders).where(and(gte(workOrders.createdAt, since), gt(workOrders.number, after))).orderBy(asc(workOrders.number)).limit(REPLAY_CHUNK);
    if (!orders.length) break;
    after = orders[orders.length - 1].number;
    const ids = orders.map((o) => o.id);
    const history = await db.select().from(workOrderHistory).where(inArray(workOrderHistory.orderId, ids)).orderBy(workOrderHistory.id);
    const categories = new Map(
      rowsOf<{ id: string; category_id: string }>(await db.execute(sql`select u.id, m.category_id from units u join product_models m on m.id = u.model_id where u.id in (select unit_id from work_orders where id in ${ids})`)).map((r) => [r.id, r.category_id]),
    );
    made += await replayPromises(database, rules, orders, history, categories);
  }
  return made;
}
