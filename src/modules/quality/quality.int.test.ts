import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

// The quality figures against a small dataset whose every figure is worked out by hand below.
// Period Q1 2026 = [2026-01-01, 2026-04-01) China time. Units (start = installed, else bought):
//   U1 model A, installed 2026-01-10 by T0, serial QA-A-00010001 (batch QA-A-0001)
//   U2 model A, installed 2026-01-20 by T1, serial QA-A-00010002 (batch QA-A-0001)
//   U3 model A, bought 2025-06-01, never installed, serial QA-A-00020001 (batch QA-A-0002)
//   U4 model B, installed 2026-02-01 by T0, serial QB-00010001;  U5 model B, bought 2026-03-15, serial QB-00010002
// Repairs (opened 10:00 China time, done the next day): O1 U1 02-01 C-INST 广东 · O2 U1 02-20 C-PROD 广东 ·
//   O3 U2 03-10 C-PROD 北京 · O4 U3 03-01 C-PROD 广东 · O5 U4 03-20 C-INST 北京 · O6 U4 03-25 cancelled ·
//   O8 U3 04-05 (after the period). An installation order of U5 is no fault.
// Model C: 1,000 units bought 2023-01-15; two repairs a month 2023-11 … 2024-10, then 30 in 2024-11.
// Parts (bill of materials): P1 in models A and B, P2 in A only, PC in C. Consumed: O1 P1 (two lines) ·
//   O2 P1 and P2 · O3 P2 · O5 P1 · O6 P1 (cancelled: no fault) · O8 P2 (after the period); O4 none.
//   PC: one of model C's two repairs each month 2023-11 … 2024-10, then 10 of the 30 in 2024-11.
const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
const id = { A: randomUUID(), B: randomUUID(), C: randomUUID(), P1: randomUUID(), P2: randomUUID(), PC: randomUUID(), L: randomUUID(), U: [0, 1, 2, 3, 4, 5].map(() => randomUUID()), O: [0, 1, 2, 3, 4, 5, 6, 7, 8].map(() => randomUUID()) };
const period = 'from=2026-01-01&to=2026-04-01';

async function exec(q: ReturnType<typeof sql>) {
  await t.database.db.execute(q);
}

async function model(mid: string, code: string) {
  await exec(sql`insert into product_models (id, category_id, code, name_zh, name_en, whole_unit_months, main_parts_months, main_parts, daily_depreciation_rate, standard_minutes, created_at)
    values (${mid}, ${w.category.id}, ${code}, ${`型号${code}`}, ${`Model ${code}`}, 12, 36, '[]'::jsonb, 0.0005, '{}'::jsonb, now())`);
}

async function unit(uid: string, mid: string, p: { bought: string; installed?: string; by?: string; serial?: string }) {
  await exec(sql`insert into units (id, model_id, owner_id, purchase_date, channel, price_fen, installed_on, installed_by_technician_id, created_at, updated_at)
    values (${uid}, ${mid}, ${w.customer.id}, ${p.bought}, 'store', 300000, ${p.installed ?? null}, ${p.by ?? null}, now(), now())`);
  if (p.serial) await exec(sql`insert into unit_serials (unit_id, role, serial) values (${uid}, 'main', ${p.serial})`);
}

async function order(oid: string, uid: string, p: { day: string; cause?: string; province?: string; kind?: string; cancelled?: boolean }) {
  const opened = `${p.day}T02:00:00Z`;
  const done = p.cancelled ? null : new Date(new Date(opened).getTime() + 86400_000).toISOString();
  await exec(sql`insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, unit_id, symptom, provider_id,
      done_at, symptom_code, cause_code, created_at, updated_at)
    values (${oid}, ${`QT-${oid.slice(0, 8)}`}, ${p.kind ?? 'repair'}, ${p.cancelled ? 'cancelled' : 'closed'}, 'normal', 'phone', ${w.customer.id}, 'standard', '13800000000',
      ${JSON.stringify({ province: p.province ?? '广东省', city: '', district: '', street: '' })}::jsonb, ${uid}, '不制冷', ${w.provider.id},
      ${done}, 'S01', ${p.cause ?? null}, ${opened}, ${opened})`);
}

async function part(pid: string, number: string, models: string[]) {
  await exec(sql`insert into parts (id, number, name_zh, name_en, list_fen, issue_fen, created_at) values (${pid}, ${number}, ${`配件${number}`}, ${`Part ${number}`}, 1000, 800, now())`);
  for (const m of models) await exec(sql`insert into part_models (part_id, model_id) values (${pid}, ${m})`);
}

async function consumed(orderId: string, partId: string, line = 'l1') {
  await exec(sql`insert into part_consumptions (id, order_id, line_key, part_id, location_id, quantity, under_warranty, payer, amount_fen, actor, at)
    values (${randomUUID()}, ${orderId}, ${line}, ${partId}, ${id.L}, 1, true, 'maker', 0, 'test', now())`);
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'quality-manager')).headers;
  const [T0, T1] = w.technicians.map((x: { id: string }) => x.id);
  await model(id.A, 'QA');
  await model(id.B, 'QB');
  await model(id.C, 'QC');
  await unit(id.U[1], id.A, { bought: '2026-01-05', installed: '2026-01-10', by: T0, serial: 'QA-A-00010001' });
  await unit(id.U[2], id.A, { bought: '2026-01-15', installed: '2026-01-20', by: T1, serial: 'QA-A-00010002' });
  await unit(id.U[3], id.A, { bought: '2025-06-01', serial: 'QA-A-00020001' });
  await unit(id.U[4], id.B, { bought: '2026-01-25', installed: '2026-02-01', by: T0, serial: 'QB-00010001' });
  await unit(id.U[5], id.B, { bought: '2026-03-15', serial: 'QB-00010002' });
  await order(id.O[1], id.U[1], { day: '2026-02-01', cause: 'C-INST' });
  await order(id.O[2], id.U[1], { day: '2026-02-20', cause: 'C-PROD' });
  await order(id.O[3], id.U[2], { day: '2026-03-10', cause: 'C-PROD', province: '北京市' });
  await order(id.O[4], id.U[3], { day: '2026-03-01', cause: 'C-PROD' });
  await order(id.O[5], id.U[4], { day: '2026-03-20', cause: 'C-INST', province: '北京市' });
  await order(id.O[6], id.U[4], { day: '2026-03-25', cause: 'C-PROD', cancelled: true });
  await order(id.O[7], id.U[5], { day: '2026-03-15', kind: 'installation' });
  await order(id.O[8], id.U[3], { day: '2026-04-05', cause: 'C-PROD' });
  await exec(sql`insert into work_order_photos (id, order_id, kind, content_type, bytes, sha256, data, uploaded_by, uploaded_at)
    values (${randomUUID()}, ${id.O[1]}, 'before', 'image/png', 1, 'x', decode('00', 'hex'), 'test', now())`);
  // Model C: 1,000 units in the field since 2023; 2 repairs a month for a year, then 30 in 2024-11.
  await exec(sql`insert into units (id, model_id, owner_id, purchase_date, channel, price_fen, created_at, updated_at)
    select gen_random_uuid(), ${id.C}, ${w.customer.id}, '2023-01-15', 'store', 100000, now(), now() from generate_series(1, 1000)`);
  await exec(sql`
    with u as (select id, row_number() over (order by id) as n from units where model_id = ${id.C}),
    o as (select g as n, case when g <= 24 then (timestamptz '2023-11-05 02:00:00+00' + make_interval(months => (g - 1) / 2)) else timestamptz '2024-11-10 02:00:00+00' + make_interval(hours => g) end as at
          from generate_series(1, 54) g)
    insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, unit_id, symptom, provider_id, done_at, cause_code, created_at, updated_at)
    select gen_random_uuid(), 'QC-' || o.n, 'repair', 'closed', 'normal', 'phone', ${w.customer.id}, 'standard', '13800000000', '{"province":"上海市"}'::jsonb, u.id, '噪音', ${w.provider.id},
           o.at + interval '1 day', 'C-PROD', o.at, o.at
    from o join u on u.n = o.n`);
  await exec(sql`insert into stock_locations (id, code, kind, name_zh, name_en, created_at) values (${id.L}, ${`QL-${id.L.slice(0, 8)}`}, 'central', '总仓', 'Central', now())`);
  await part(id.P1, `QP1-${id.P1.slice(0, 6)}`, [id.A, id.B]);
  await part(id.P2, `QP2-${id.P2.slice(0, 6)}`, [id.A]);
  await part(id.PC, `QPC-${id.PC.slice(0, 6)}`, [id.C]);
  await consumed(id.O[1], id.P1, 'l1');
  await consumed(id.O[1], id.P1, 'l2');
  await consumed(id.O[2], id.P1);
  await consumed(id.O[2], id.P2, 'l2');
  await consumed(id.O[3], id.P2);
  await consumed(id.O[5], id.P1);
  await consumed(id.O[6], id.P1);
  await consumed(id.O[8], id.P2);
  await exec(sql`insert into part_consumptions (id, order_id, line_key, part_id, location_id, quantity, under_warranty, payer, amount_fen, actor, at)
    select gen_random_uuid(), w.id, 'l1', ${id.PC}, ${id.L}, 1, true, 'maker', 0, 'test', now() from work_orders w
    where w.number in (select 'QC-' || g from generate_series(1, 23, 2) g union all select 'QC-' || g from generate_series(25, 34) g)`);
  await t.services.quality.setCauseOrigin(systemCaller, { causeCode: 'C-INST', origin: 'installation' });
  await t.services.quality.setCauseOrigin(systemCaller, { causeCode: 'C-PROD', origin: 'product' });
});

afterAll(async () => t?.close());

describe(`quality figures equal the hand count (${engine})`, () => {
  const stats = async (dimension: string, extra = '') => {
    const r = await t.get(`/quality/statistics?${period}&dimension=${dimension}${extra}`, manager);
    expect(r.status).toBe(200);
    return (r.body.rows as { key: string; faults: number; units: number | null; per1000: number | null; share: number; cumulativeShare: number }[]).map((x) => [x.key, x.faults, x.units, x.per1000]);
  };

  it('by model, with units in the field by the end of the period', async () => {
    expect(await stats('model')).toEqual([[id.A, 4, 3, 1333.33], [id.B, 1, 2, 500]]);
  });
  it('by cause, Pareto', async () => {
    const r = await t.get(`/quality/statistics?${period}&dimension=cause`, manager);
    expect(r.body.rows.map((x: { key: string; faults: number; share: number; cumulativeShare: number }) => [x.key, x.faults, x.share, x.cumulativeShare])).toEqual([['C-PROD', 3, 0.6, 0.6], ['C-INST', 2, 0.4, 1]]);
  });
  it('by batch (serial range), months in service, region, installer, provider', async () => {
    expect(await stats('batch')).toEqual([['QA-A-0001', 3, 2, 1500], ['QA-A-0002', 1, 1, 1000], ['QB-0001', 1, 2, 500]]);
    expect(await stats('months_in_service')).toEqual([['1', 3, null, null], ['0', 1, null, null], ['9', 1, null, null]]);
    expect(await stats('region')).toEqual([['广东省', 3, null, null], ['北京市', 2, null, null]]);
    const [T0, T1] = w.technicians.map((x: { id: string }) => x.id);
    const inst = await stats('installer', `&modelId=${id.A}`);
    expect(inst).toEqual(expect.arrayContaining([[T0, 2, 1, 2000], [T1, 1, 1, 1000], ['', 1, 1, 1000]]));
    expect(inst).toHaveLength(3);
    expect(await stats('provider')).toEqual([[w.provider.id, 5, null, null]]);
  });
  it('by part (the parts the repairs consumed), per 1,000 units of the models using it; and part × model', async () => {
    // P1: O1, O2, O5 (O1's two lines once; O6 cancelled) over A's 3 + B's 2 units; P2: O2, O3 over A's 3; none: O4.
    expect(await stats('part')).toEqual([[id.P1, 3, 5, 600], [id.P2, 2, 3, 666.67], ['', 1, 0, null]]);
    const r = await t.get(`/quality/statistics?${period}&dimension=part`, manager);
    expect(r.body.rows[0].label).toBe(`QP1-${id.P1.slice(0, 6)} 配件QP1-${id.P1.slice(0, 6)} / Part QP1-${id.P1.slice(0, 6)}`);
    // Model A only: P1 O1, O2; P2 O2, O3; none O4 — over A's 3 units.
    const a = await stats('part', `&modelId=${id.A}`);
    expect(a).toEqual(expect.arrayContaining([[id.P1, 2, 3, 666.67], [id.P2, 2, 3, 666.67], ['', 1, 0, null]]));
    expect(a).toHaveLength(3);
    expect(await stats('part', `&modelId=${id.B}`)).toEqual([[id.P1, 1, 2, 500]]);
    const drill = await t.get(`/quality/orders?${period}&dimension=part&key=${id.P1}`, manager);
    expect(drill.body.items.map((o: { id: string }) => o.id)).toEqual([id.O[5], id.O[2], id.O[1]]);
    const none = await t.get(`/quality/orders?${period}&dimension=part&key=`, manager);
    expect(none.body.items.map((o: { id: string }) => o.id)).toEqual([id.O[4]]);
  });
  it('early failure, first-time fix, repeat repair', async () => {
    const r = await t.get(`/quality/rates?${period}`, manager);
    // The cohort also holds seedWorld's own unit (bought 2026-03-01, never repaired): U1, U2, U4, U5 and it.
    expect(r.body).toMatchObject({ cohortUnits: 5, earlyFailures: 3, earlyFailuresPer1000: 600, fixes: 5, firstTimeFixes: 4, firstTimeFixRate: 0.8, repairs: 5, repeatRepairs: 1, repeatRepairRate: 0.2 });
    const a = await t.get(`/quality/rates?${period}&modelId=${id.A}`, manager);
    expect(a.body).toMatchObject({ cohortUnits: 2, earlyFailures: 2, fixes: 4, firstTimeFixes: 3, repairs: 4, repeatRepairs: 1 });
  });
  it('installation- vs product-caused, per category and installer', async () => {
    const cat = await t.get(`/quality/origins?${period}&by=category`, manager);
    expect(cat.body.rows).toEqual([expect.objectContaining({ key: w.category.id, product: 3, installation: 2, other: 0, unknown: 0, installationShare: 0.4, productShare: 0.6 })]);
    const [T0, T1] = w.technicians.map((x: { id: string }) => x.id);
    const inst = await t.get(`/quality/origins?${period}&by=installer`, manager);
    const byKey = Object.fromEntries(inst.body.rows.map((x: { key: string; product: number; installation: number }) => [x.key, [x.product, x.installation]]));
    expect(byKey).toEqual({ [T0]: [1, 2], [T1]: [1, 0], '': [1, 0] });
  });
  it("also counts complaints' root causes (product, installation) resolved in the period", async () => {
    // K1 product, U2 (model A, T1), resolved 03-05 · K2 installation, U4 (model B, T0), closed, resolved 02-10 ·
    // not counted: K3 attitude (no fault's origin), K4 product resolved after the period, K5 installation reopened (open).
    const complaint = (unitId: string, rootCause: string, resolved: string, status = 'resolved') =>
      exec(sql`insert into complaints (id, customer_id, source, category, severity, text, unit_ids, provider_ids, status, level, level_since, root_cause, resolved_at, filed_by, created_at)
        values (${randomUUID()}, ${w.customer.id}, 'phone', 'other', 'normal', '投诉', ${JSON.stringify([unitId])}::jsonb, ${JSON.stringify([w.provider.id])}::jsonb, ${status}, 'desk',
          ${resolved}, ${rootCause}, ${resolved}, 'test', ${resolved})`);
    await complaint(id.U[2], 'product', '2026-03-05T02:00:00Z');
    await complaint(id.U[4], 'installation', '2026-02-10T02:00:00Z', 'closed');
    await complaint(id.U[1], 'attitude', '2026-03-06T02:00:00Z');
    await complaint(id.U[1], 'product', '2026-04-10T02:00:00Z');
    await complaint(id.U[4], 'installation', '2026-03-07T02:00:00Z', 'open');
    // By hand: faults product 3 + K1 = 4, installation 2 + K2 = 3; shares 3/7 and 4/7.
    const cat = await t.get(`/quality/origins?${period}&by=category`, manager);
    expect(cat.body.rows).toEqual([expect.objectContaining({ key: w.category.id, product: 4, installation: 3, other: 0, unknown: 0, installationShare: 0.429, productShare: 0.571 })]);
    expect(cat.body.sources).toContain('complaints.root_cause (product, installation)');
    const [T0, T1] = w.technicians.map((x: { id: string }) => x.id);
    const inst = await t.get(`/quality/origins?${period}&by=installer`, manager);
    const byKey = Object.fromEntries(inst.body.rows.map((x: { key: string; product: number; installation: number }) => [x.key, [x.product, x.installation]]));
    expect(byKey).toEqual({ [T0]: [1, 3], [T1]: [2, 0], '': [1, 0] });
    const prov = await t.get(`/quality/origins?${period}&by=provider`, manager);
    expect(prov.body.rows).toEqual([expect.objectContaining({ key: w.provider.id, product: 4, installation: 3 })]);
  });
  it('drills down to the orders and their photos; exports CSV', async () => {
    const r = await t.get(`/quality/orders?${period}&dimension=cause&key=C-INST`, manager);
    expect(r.body.total).toBe(2);
    expect(r.body.items.map((o: { id: string }) => o.id)).toEqual([id.O[5], id.O[1]]);
    expect(r.body.items[1].photoIds).toHaveLength(1);
    const csv = await t.app.request(`/quality/export.csv?${period}`, { headers: manager });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('order_number,opened_at,done_at,model,symptom_code,cause_code,region,provider_id,installer_id,in_service_since,photo_count');
  });
  it('bad input names the field', async () => {
    const r = await t.get('/quality/statistics?from=2026-04-01&to=2026-01-01', manager);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('to');
    expect((await t.get(`/quality/orders?${period}&dimension=cause`, manager)).status).toBe(400);
  });
  it('a provider-scoped admin is refused', async () => {
    const pa = (await tokenFor(t.services, 'admin', 'quality-provider-admin', { providerId: w.provider.id })).headers;
    expect((await t.get(`/quality/statistics?${period}`, pa)).status).toBe(403);
  });
});

describe(`trend alerts (${engine})`, () => {
  it("raises one alert for the model's month that jumps and one for its part's, with their orders, exactly once", async () => {
    // The months before the jump are within limits: no alert.
    expect(await t.services.quality.raiseAlerts('2024-10')).toBe(0);
    const [a, b] = await Promise.all([t.services.quality.raiseAlerts('2024-11'), t.services.quality.raiseAlerts('2024-11')]);
    expect(a + b).toBe(2);
    expect(await t.services.quality.raiseAlerts('2024-11')).toBe(0);
    const r = await t.get('/quality/alerts', manager);
    expect(r.body.items).toHaveLength(2);
    const model = r.body.items.find((x: { subject: string }) => x.subject === 'model');
    const part = r.body.items.find((x: { subject: string }) => x.subject === 'part');
    // p̄ = 24 / 12,000 = 2 ‰; limit 2 + 3·√(0.002·0.998/1000) = 6.24 ‰; the month 30 / 1,000.
    expect(model).toMatchObject({ modelId: id.C, partId: null, month: '2024-11', faults: 30, units: 1000, ratePer1000: 30, baselinePer1000: 2, upperLimitPer1000: 6.24 });
    expect(model.orderIds).toHaveLength(30);
    // PC: p̄ = 12 / 12,000 = 1 ‰ (every month 1 ‰: no spread); limit 1 + 3·√(0.001·0.999/1000) = 4.00 ‰; the month 10 / 1,000.
    expect(part).toMatchObject({ modelId: null, partId: id.PC, partName: `QPC-${id.PC.slice(0, 6)} 配件QPC-${id.PC.slice(0, 6)} / Part QPC-${id.PC.slice(0, 6)}`, month: '2024-11', faults: 10, units: 1000, ratePer1000: 10, baselinePer1000: 1, upperLimitPer1000: 4 });
    expect(part.orderIds).toHaveLength(10);
    const ack = await t.post(`/quality/alerts/${model.id}/acknowledge`, {}, manager);
    expect(ack.status).toBe(200);
    expect((await t.post(`/quality/alerts/${model.id}/acknowledge`, {}, manager)).status).toBe(409);
    expect((await t.post(`/quality/alerts/${part.id}/acknowledge`, {}, manager)).body).toMatchObject({ subject: 'part', partId: id.PC, acknowledgedBy: expect.any(String) });
  });
  it('the dashboard (from the rollup) equals the live figures', async () => {
    expect(await t.services.quality.raiseAlerts('2026-03')).toBe(0);
    const d = await t.get('/quality/dashboard?month=2026-03', manager);
    expect(d.status).toBe(200);
    expect(d.body.pareto.map((x: { key: string; faults: number }) => [x.key, x.faults])).toEqual([['C-PROD', 3], ['C-INST', 2]]);
    const live = await t.get('/quality/statistics?from=2025-04-01&to=2026-04-01&dimension=cause', manager);
    expect(live.body.rows.map((x: { key: string; faults: number }) => [x.key, x.faults])).toEqual(d.body.pareto.map((x: { key: string; faults: number }) => [x.key, x.faults]));
    const a = d.body.trend.find((x: { modelId: string }) => x.modelId === id.A);
    expect(a.months.slice(-2)).toEqual([{ month: '2026-02', faults: 2, units: 3, per1000: 666.67 }, { month: '2026-03', faults: 2, units: 3, per1000: 666.67 }]);
    const b = d.body.trend.find((x: { modelId: string }) => x.modelId === id.B);
    expect(b.months.at(-1)).toEqual({ month: '2026-03', faults: 1, units: 1, per1000: 1000 });
    // Model A's month and P1's (1 fault) stay below the minimum of five: still the two alerts of 2024-11.
    expect(d.body.alerts).toHaveLength(2);
  });
});
