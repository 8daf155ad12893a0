import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { manualClock, seedWorld, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { startSmtpServer } from '../../../test/message-servers.js';
import * as repo from './scorecard.repo.js';

// Every measure's figure for May 2026 (China time) against a small dataset worked out by hand here.
// Provider A (seedWorld) with technicians T0, T1 (both certified AC-INSTALL since April); provider B
// with T2 (not certified); both serve the category, which needs AC-INSTALL.
// Units: U0 (seedWorld, bought 03-01, customer C1), U2 C1 04-01, U4 C1 bought 05-15, U5 C2 bought 05-31.
// Orders (opened → done, check-in):
//   O1 A/T0 repair U0 05-01 02:00Z → 05-02 02:00Z (24 h), on site 05-01 12:00Z (10 h), delighted 5/5, fixed first time
//   O2 A/T0 repair U0 05-10 02:00Z → 05-12 02:00Z (48 h), on site 05-11 04:00Z (26 h), dissatisfied 2/3, not fixed first time
//   O3 B/T2 repair U2 05-05 02:00Z → 05-05 08:00Z (6 h), on site 05-05 04:00Z (2 h), neutral 4/4, fixed first time, 北京市
//   O4 A/T1 installation U4 05-20 02:00Z → 05-21 02:00Z (24 h), on site 05-20 10:00Z (8 h)
//   Old orders done in May 2025 (inspections): C1, C2, C3 — C1 and C2 came back in May 2026, C3 did not.
const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
const month = 'month=2026-05';
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const id = {
  B: randomUUID(),
  T2: randomUUID(),
  C2: randomUUID(),
  C3: randomUUID(),
  U: { 2: randomUUID(), 4: randomUUID(), 5: randomUUID() } as Record<number, string>,
  O: [0, 1, 2, 3, 4, 5, 6, 7].map(() => randomUUID()),
  part: randomUUID(),
  loc: randomUUID(),
  fee: [0, 1, 2, 3].map(() => randomUUID()),
  cons: [0, 1].map(() => randomUUID()),
  exam: randomUUID(),
};
let T0: string;
let T1: string;

async function exec(q: ReturnType<typeof sql>) {
  await t.database.db.execute(q);
}

async function customer(cid: string, n: string) {
  await exec(sql`insert into customers (id, number, kind, name, tier, preferred_language, preferred_channel, consent_to_contact, version, created_at, updated_at)
    select ${cid}, ${n}, 'person', ${n}, tier, 'zh', 'sms', true, 1, now(), now() from customers where id = ${w.customer.id}`);
}

async function unit(uid: string, owner: string, bought: string) {
  await exec(sql`insert into units (id, model_id, owner_id, purchase_date, channel, price_fen, created_at, updated_at) values (${uid}, ${w.model.id}, ${owner}, ${bought}, 'store', 300000, now(), now())`);
}

type O = { kind?: string; customer?: string; unit?: string | null; provider?: string; tech?: string | null; opened: string; done: string; onSite?: string; followUp?: object; province?: string };
async function order(oid: string, n: string, o: O) {
  await exec(sql`insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, unit_id, symptom, provider_id, technician_id,
      checked_in_at, done_at, follow_up, created_at, updated_at)
    values (${oid}, ${n}, ${o.kind ?? 'repair'}, 'closed', 'normal', 'phone', ${o.customer ?? w.customer.id}, 'standard', '13800000000',
      ${JSON.stringify({ province: o.province ?? '广东省', city: '', district: '', street: '' })}::jsonb, ${o.unit ?? null}, '不制冷', ${o.provider ?? w.provider.id}, ${o.tech ?? null},
      ${o.onSite ?? null}, ${o.done}, ${o.followUp ? JSON.stringify(o.followUp) : null}::jsonb, ${o.opened}, ${o.opened})`);
  if (o.onSite) await checkIn(oid, o.onSite);
}

async function checkIn(oid: string, at: string) {
  await exec(sql`insert into work_order_history (order_id, at, actor, action, to_status, changes, version) values (${oid}, ${at}, 'test', 'check_in', 'on_site', '{}'::jsonb, 1)`);
}

async function feeLine(lid: string, oid: string, fen: number, payer: string) {
  await exec(sql`insert into order_fee_lines (id, order_id, kind, code, name_zh, name_en, quantity, unit_fen, amount_fen, currency, payer, rule_code, reason_zh, reason_en, source, status, facts, created_at, created_by, version)
    values (${lid}, ${oid}, 'labour', 'L1', '工时', 'Labour', 1, ${fen}, ${fen}, 'CNY', ${payer}, 'R', '测试', 'test', 'staff', 'active', '{}'::jsonb, now(), 'test', 1)`);
}

async function payment(oid: string, fen: number, at: string) {
  await exec(sql`insert into order_payments (id, order_id, amount_fen, currency, method, collected_by_kind, idempotency_key, request_hash, created_at, created_by)
    values (${randomUUID()}, ${oid}, ${fen}, 'CNY', 'cash', 'technician', ${randomUUID()}, 'h', ${at}, 'test')`);
}

async function clockRow(oid: string, milestone: string, p: { met?: string; breached?: string; outcome?: string }) {
  await exec(sql`insert into promise_clocks (order_id, milestone, cycle, status, target_ms, consumed_ms, started_at, met_at, outcome, breached_at)
    values (${oid}, ${milestone}, 1, ${p.met ? 'met' : 'running'}, 86400000, 0, '2026-05-01T00:00:00Z', ${p.met ?? null}, ${p.outcome ?? null}, ${p.breached ?? null})`);
}

async function survey(oid: string, nps: number, at: string, words: { comment?: string; npsReason?: string } = {}) {
  await exec(sql`insert into follow_up_surveys (id, order_id, customer_id, channel, status, sent_at, expires_at, answered_at, answers, sent_by)
    values (${randomUUID()}, ${oid}, ${w.customer.id}, 'sms', 'answered', ${at}, '2026-07-01T00:00:00Z', ${at}, ${JSON.stringify({ satisfaction: 'satisfied', nps, ...words })}::jsonb, 'test')`);
}

async function attempt(tech: string, outcome: string, at: string) {
  await exec(sql`insert into training_exam_attempts (id, exam_id, technician_id, started_at, deadline, paper, submitted_at, score_percent, outcome)
    values (${randomUUID()}, ${id.exam}, ${tech}, ${at}, ${at}, '[]'::jsonb, ${at}, 50, ${outcome})`);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await testApp({ clock, services: { messaging: { sms: { kind: 'log' }, smtp: { url: smtp.url, from: 'Aftercare <service@aftercare.test>' }, quietHours: { from: '00:00', to: '00:00', zone: 'Asia/Shanghai' }, maxAttempts: 3, retryBaseMs: 1000 } } });
  w = await seedWorld(t);
  [T0, T1] = w.technicians.map((x: { id: string }) => x.id);
  const cat = JSON.stringify([w.category.id]);
  await exec(sql`update providers set category_ids = ${cat}::jsonb where id = ${w.provider.id}`);
  await exec(sql`insert into providers (id, code, name, kind, contact_name, contact_phone, active, category_ids, service_area, capacity, time_zone, version, created_at)
    values (${id.B}, ${`SB-${id.B.slice(0, 6)}`}, '北京网点', 'contractor', '钱经理', '01088886666', true, ${cat}::jsonb, '[]'::jsonb, 100, 'Asia/Shanghai', 1, now())`);
  await exec(sql`insert into technicians (id, provider_id, name, phone, status, skills, shifts, max_jobs_per_day, version, created_at)
    values (${id.T2}, ${id.B}, '孙师傅', '13900000003', 'active', '[]'::jsonb, '[]'::jsonb, 8, 1, '2026-01-01T00:00:00Z')`);
  await exec(sql`update technicians set created_at = '2026-01-01T00:00:00Z' where provider_id = ${w.provider.id}`);
  await exec(sql`update certifications set issued_at = '2026-04-01T00:00:00Z'`);
  await customer(id.C2, 'SC-C2');
  await customer(id.C3, 'SC-C3');
  await unit(id.U[2], w.customer.id, '2026-04-01');
  await unit(id.U[4], w.customer.id, '2026-05-15');
  await unit(id.U[5], id.C2, '2026-05-31');

  const [, O1, O2, O3, O4, P1, P2, P3] = id.O;
  await order(O1, 'SC-O1', { unit: w.unit.id, tech: T0, opened: '2026-05-01T02:00:00Z', done: '2026-05-02T02:00:00Z', onSite: '2026-05-01T12:00:00Z', followUp: { satisfaction: 'delighted', attitude: 5, skill: 5, fixedFirstTime: true, comment: '师傅准时，讲解清楚' } });
  await order(O2, 'SC-O2', { unit: w.unit.id, tech: T0, opened: '2026-05-10T02:00:00Z', done: '2026-05-12T02:00:00Z', onSite: '2026-05-11T04:00:00Z', followUp: { satisfaction: 'dissatisfied', attitude: 2, skill: 3, fixedFirstTime: false } });
  await order(O3, 'SC-O3', { unit: id.U[2], provider: id.B, tech: id.T2, opened: '2026-05-05T02:00:00Z', done: '2026-05-05T08:00:00Z', onSite: '2026-05-05T04:00:00Z', province: '北京市', followUp: { satisfaction: 'neutral', attitude: 4, skill: 4, fixedFirstTime: true, comment: '北京的师傅：还行' } });
  await order(O4, 'SC-O4', { kind: 'installation', unit: id.U[4], tech: T1, opened: '2026-05-20T02:00:00Z', done: '2026-05-21T02:00:00Z', onSite: '2026-05-20T10:00:00Z' });
  // A second visit of O1 the same China day (20:00 local): T0 made 3 visits on 2 days.
  await checkIn(O1, '2026-05-01T12:00:00Z');
  await order(P1, 'SC-P1', { kind: 'inspection', opened: '2025-05-09T02:00:00Z', done: '2025-05-10T02:00:00Z' });
  await order(P2, 'SC-P2', { kind: 'inspection', customer: id.C2, opened: '2025-05-19T02:00:00Z', done: '2025-05-20T02:00:00Z' });
  await order(P3, 'SC-P3', { kind: 'inspection', customer: id.C3, opened: '2025-05-14T02:00:00Z', done: '2025-05-15T02:00:00Z' });

  // Money: payments 10,000 (O1), 5,000 less a 2,000 refund (O2) in May; O3's 8,000 on 30 April 23:00 China time is April's.
  await payment(O1, 10000, '2026-05-02T03:00:00Z');
  await payment(O2, 5000, '2026-05-12T03:00:00Z');
  await payment(O2, -2000, '2026-05-13T03:00:00Z');
  await payment(O3, 8000, '2026-04-30T15:00:00Z');
  await feeLine(id.fee[0], O1, 20000, 'maker');
  await feeLine(id.fee[1], O3, 10000, 'maker');
  await feeLine(id.fee[2], O2, 5000, 'customer');
  await exec(sql`insert into fee_disputes (id, order_id, line_id, provider_id, raised_by_kind, raised_by, reason, text, photo_ids, line_name_zh, line_name_en, payer, line_fen, disputed_fen, currency, status, due_at, version, created_at)
    values (${randomUUID()}, ${O2}, ${id.fee[2]}, ${w.provider.id}, 'customer', 'test', 'excessive_labour', '太贵', '[]'::jsonb, '工时', 'Labour', 'customer', 5000, 3000, 'CNY', 'open', '2026-06-10T00:00:00Z', 1, '2026-05-15T00:00:00Z')`);
  // Parts: 2 × issue price 3,000 on O1; one old part due back 05-20 (returned 05-18), one due 05-25 (not returned).
  await exec(sql`insert into parts (id, number, name_zh, name_en, is_main, list_fen, issue_fen, currency, serialised, returnable, return_days, warranty_months, active, version, created_at)
    values (${id.part}, ${`SC-${id.part.slice(0, 6)}`}, '电容', 'Capacitor', false, 5000, 3000, 'CNY', false, true, 15, 12, true, 1, now())`);
  await exec(sql`insert into stock_locations (id, code, kind, name_zh, name_en, created_at) values (${id.loc}, ${`SC-${id.loc.slice(0, 6)}`}, 'central', '总仓', 'Central', now())`);
  for (const [i, due, qty] of [[0, '2026-05-20T00:00:00Z', 2], [1, '2026-05-25T00:00:00Z', 0]] as const)
    await exec(sql`insert into part_consumptions (id, order_id, line_key, part_id, location_id, quantity, under_warranty, payer, amount_fen, currency, return_due_at, provider_id, technician_id, actor, at)
      values (${id.cons[i]}, ${i === 0 ? O1 : O2}, ${`k${i}`}, ${id.part}, ${id.loc}, ${qty}, true, 'maker', 0, 'CNY', ${due}, ${w.provider.id}, ${T0}, 'test', ${i === 0 ? '2026-05-01T10:00:00Z' : '2026-03-01T10:00:00Z'})`);
  // Promises decided in May: O1 on-site beaten, O1 resolution kept, O2 on-site broken (met late), O3 on-site breached and still running.
  await clockRow(O1, 'on_site', { met: '2026-05-01T12:00:00Z', outcome: 'beaten' });
  await clockRow(O1, 'resolution', { met: '2026-05-02T02:00:00Z', outcome: 'kept' });
  await clockRow(O2, 'on_site', { met: '2026-05-11T04:00:00Z', outcome: 'broken' });
  await clockRow(O3, 'on_site', { breached: '2026-05-06T02:00:00Z' });
  // NPS answers in May: 10, 9, 3.
  await survey(O1, 10, '2026-05-03T02:00:00Z');
  await survey(O2, 9, '2026-05-13T02:00:00Z', { comment: 'Second visit fixed it', npsReason: '  ' });
  await survey(O3, 3, '2026-05-06T02:00:00Z', { npsReason: '等了太久' });
  await exec(sql`insert into complaints (id, customer_id, source, category, severity, text, order_ids, unit_ids, provider_ids, technician_ids, status, level, level_since, filed_by, version, created_at)
    values (${randomUUID()}, ${w.customer.id}, 'phone', 'service_attitude', 'normal', '态度差', ${JSON.stringify([O2])}::jsonb, '[]'::jsonb, ${JSON.stringify([w.provider.id])}::jsonb, ${JSON.stringify([T0])}::jsonb, 'open', 'desk', now(), 'test', 1, '2026-05-14T02:00:00Z')`);
  // Exams in May: T1 failed then passed; T2 failed.
  await exec(sql`insert into training_exams (id, course_id, title_zh, title_en, questions_per_paper, time_limit_minutes, pass_percent, retake_wait_hours, max_attempts, attempt_window_days, active, created_at)
    values (${id.exam}, ${w.course.id}, '考试', 'Exam', 5, 30, 80, 0, 5, 30, true, now())`);
  await attempt(T1, 'failed', '2026-05-03T02:00:00Z');
  await attempt(T1, 'passed', '2026-05-04T02:00:00Z');
  await attempt(id.T2, 'failed', '2026-05-06T02:00:00Z');
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

type Card = { perspectives: { measures: { code: string; value: number | null; light: string; networkMedian?: number | null; sourceReady: boolean; trend: { month: string; value: number | null }[] }[] }[] };
const figures = (card: Card) => Object.fromEntries(card.perspectives.flatMap((p) => p.measures).map((m) => [m.code, m.value]));
const close = (a: number | null, b: number) => expect(a).toBeCloseTo(b, 6);

describe('the scorecard', () => {
  it('computes every measure by its formula (company level, May 2026)', async () => {
    const r = await t.get(`/scorecard?${month}`);
    expect(r.status).toBe(200);
    const f = figures(r.body);
    // Financial
    expect(f.service_revenue).toBe(10000 + 5000 - 2000);
    close(f.cost_per_order, (20000 + 10000) / 4); // maker-paid fees ÷ 4 orders done in May
    close(f.warranty_cost_per_unit_sold, 30000 / 2); // ÷ U4, U5 sold in May
    expect(f.parts_cost).toBe(2 * 3000);
    expect(f.fees_disputed).toBe(3000);
    // Customer
    close(f.delighted_share, 100 / 3);
    close(f.dissatisfied_share, 100 / 3);
    close(f.satisfaction_score, (5 + 2.5 + 4) / 3);
    close(f.nps, ((2 - 1) / 3) * 100);
    close(f.complaints_per_1000_units, (1 / 4) * 1000); // U0, U2, U4, U5 in the field at the end of May
    close(f.repeat_purchase, 50); // C1 had bought before, C2 had not
    close(f.retention_12m, (2 / 3) * 100); // C1 (order), C2 (unit) came back; C3 did not
    // Internal process
    close(f.promises_kept, 50);
    close(f.promises_beaten, 25);
    close(f.on_site_24h, 75);
    close(f.first_time_fix_30d, (2 / 3) * 100); // O1 was followed by O2 within 30 days
    close(f.first_time_fix_said, (2 / 3) * 100);
    close(f.repeat_repair_30d, 100 / 3);
    close(f.resolution_hours_mean, (24 + 48 + 6 + 24) / 4);
    close(f.resolution_hours_p90, 24 + 0.7 * (48 - 24)); // continuous percentile of 6, 24, 24, 48
    close(f.visits_per_technician_day, 5 / 4); // T0 3 on 2 days, T1 1, T2 1
    expect(f.old_parts_on_time).toBeNull(); // no old-part return recorded anywhere yet: no data
    // Learning and growth
    close(f.certification_coverage, (2 / 3) * 100);
    close(f.exam_pass_rate, 100 / 3);
    close(f.training_pass_rate, 50);
    // Nothing recorded yet (audits, pulse surveys, suggestions come in the next test): no data, never zero.
    for (const code of ['audit_score', 'enps', 'pulse_score', 'suggestions_made', 'suggestions_implemented']) expect(f[code]).toBeNull();
    const audit = r.body.perspectives.flatMap((p: Card['perspectives'][0]) => p.measures).find((m: { code: string }) => m.code === 'audit_score');
    expect(audit).toMatchObject({ light: 'none' });
    // Lights: on-site 75 % against green 90 / red 75 is amber; NPS 33.3 against 40 / 0 is amber; cost 7,500 ≤ 15,000 green.
    const lights = Object.fromEntries(r.body.perspectives.flatMap((p: Card['perspectives'][0]) => p.measures).map((m: { code: string; light: string }) => [m.code, m.light]));
    expect(lights).toMatchObject({ on_site_24h: 'amber', cost_per_order: 'green', dissatisfied_share: 'red', first_time_fix_30d: 'red', repeat_repair_30d: 'red' });
  });

  it('reads audits, pulse surveys (groups of at least the minimum size only) and suggestions', async () => {
    const template = ((await t.database.db.execute(sql`select id from audit_templates limit 1`)) as unknown as { rows?: { id: string }[] } & { id: string }[]);
    const templateId = (template.rows ?? template)[0].id;
    const audit = (score: number, technician: string, order: string | null) =>
      exec(sql`insert into service_audits (id, template_id, kind, provider_id, technician_id, order_id, month, findings, score, passed, stars, sections, audited_by, audited_at)
        values (${randomUUID()}, ${templateId}, 'on_site', ${w.provider.id}, ${technician}, ${order}, '2026-05', '[]'::jsonb, ${score}, ${score >= 70}, 0, '[]'::jsonb, 'test', '2026-05-20T02:00:00Z')`);
    await audit(92, T0, id.O[1]);
    await audit(68, T1, null);
    // A survey with minimum group 3: agents at headquarters answer 4 times (shown), dispatchers twice (hidden).
    const survey = randomUUID();
    await exec(sql`insert into pulse_surveys (id, title_zh, title_en, month, questions, min_group_size, status, created_by, created_at)
      values (${survey}, '脉搏', 'Pulse', '2026-05', '[]'::jsonb, 3, 'closed', 'test', '2026-05-01T00:00:00Z')`);
    const answers: [string, number, Record<string, number>][] = [['agent', 10, { a: 5, b: 3 }], ['agent', 9, { a: 4 }], ['agent', 7, { a: 3 }], ['agent', 2, { a: 2, b: 4 }], ['dispatcher', 0, { a: 1 }], ['dispatcher', 0, { a: 1 }]];
    for (const [role, enps, scores] of answers) await exec(sql`insert into pulse_responses (id, survey_id, provider_id, role, enps, scores) values (${randomUUID()}, ${survey}, null, ${role}, ${enps}, ${JSON.stringify(scores)}::jsonb)`);
    // Three suggestions made in May; two answered in May, one of them implemented.
    const suggestion = (month: string, answeredAt: string | null, implementedAt: string | null) =>
      exec(sql`insert into suggestions (id, text, category, anonymous, status, answered_at, implemented_at, month, created_on)
        values (${randomUUID()}, '建议', 'process', true, ${answeredAt ? 'answered' : 'open'}, ${answeredAt}, ${implementedAt}, ${month}, ${`${month}-10`})`);
    await suggestion('2026-05', '2026-05-20T02:00:00Z', '2026-05-25T02:00:00Z');
    await suggestion('2026-05', '2026-05-21T02:00:00Z', null);
    await suggestion('2026-05', null, null);
    await suggestion('2026-04', '2026-04-20T02:00:00Z', '2026-04-22T02:00:00Z');

    const f = figures((await t.get(`/scorecard?${month}`)).body);
    close(f.audit_score, (92 + 68) / 2);
    close(f.enps, ((100 + 100 + 0 - 100) / 4));
    close(f.pulse_score, ((5 + 3) / 2 + 4 + 3 + (2 + 4) / 2) / 4);
    expect(f.suggestions_made).toBe(3);
    close(f.suggestions_implemented, 50);
    // By technician: each audit counts for its own technician.
    const own = figures((await t.get(`/scorecard?${month}&level=technician&key=${T1}`)).body);
    close(own.audit_score, 68);
    // The drill-down lists groups, never a person: one agents' group, the dispatchers' group hidden.
    const drill = await t.get(`/scorecard/drill?${month}&measure=enps&level=company`);
    expect(drill.status).toBe(200);
    expect(drill.body.total).toBe(1);
  });

  it('counts an old part returned once a return is recorded', async () => {
    await exec(sql`insert into stock_movements (kind, location_id, part_id, quantity, on_hand_delta, reserved_delta, on_hand_after, serials, consumption_id, actor, at)
      values ('return_old', ${id.loc}, ${id.part}, 1, -1, 0, 0, '[]'::jsonb, ${id.cons[0]}, 'test', '2026-05-18T00:00:00Z')`);
    close(figures((await t.get(`/scorecard?${month}`)).body).old_parts_on_time, 50);
  });

  it('shows a month with nothing as no data, and the trend by month', async () => {
    const r = await t.get(`/scorecard?${month}&months=3`);
    const m = r.body.perspectives[2].measures.find((x: { code: string }) => x.code === 'resolution_hours_mean');
    expect(m.trend).toEqual([
      { month: '2026-03', value: null },
      { month: '2026-04', value: null },
      { month: '2026-05', value: 25.5 },
    ]);
    expect(figures((await t.get('/scorecard?month=2026-03')).body).service_revenue).toBeNull();
    expect(figures((await t.get('/scorecard?month=2026-04')).body).service_revenue).toBe(8000);
  });

  it('by region, provider and technician, with the network median for a provider', async () => {
    const gd = figures((await t.get(`/scorecard?${month}&level=region&key=${encodeURIComponent('广东省')}`)).body);
    close(gd.resolution_hours_mean, (24 + 48 + 24) / 3);
    const a = await t.get(`/scorecard?${month}&level=provider&key=${w.provider.id}`);
    const ra = a.body.perspectives[2].measures.find((x: { code: string }) => x.code === 'resolution_hours_mean');
    expect(ra.value).toBeCloseTo(32, 6);
    expect(ra.networkMedian).toBeCloseTo((32 + 6) / 2, 6);
    expect(figures(a.body).warranty_cost_per_unit_sold).toBeNull(); // units sold belong to no provider
    const t0 = figures((await t.get(`/scorecard?${month}&level=technician&key=${T0}`)).body);
    close(t0.visits_per_technician_day, 3 / 2);
    close(t0.on_site_24h, 50);
    close(t0.certification_coverage, 100);
    const b = await t.get(`/scorecard/breakdown?${month}&measure=resolution_hours_mean&level=provider`);
    expect(b.body.rows.map((x: { name: string; value: number }) => [x.name, x.value])).toEqual([['天河服务网点', 32], ['北京网点', 6]]); // worst first
    expect(b.body.median).toBe(19);
  });

  it('drills from a figure to the orders behind it', async () => {
    const d = await t.get(`/scorecard/drill?${month}&measure=on_site_24h`);
    expect(d.body.total).toBe(4);
    expect(d.body.items.filter((x: { value: number }) => x.value === 0).map((x: { label: string }) => x.label)).toEqual(['SC-O2']);
    const people = await t.get(`/scorecard/drill?${month}&measure=certification_coverage`);
    expect(people.body.items.find((x: { value: number }) => x.value === 0)).toMatchObject({ subjectKind: 'technician', subjectId: id.T2, technicianName: '孙师傅' });
    expect((await t.get(`/scorecard/drill?${month}&measure=nope`)).status).toBe(404);
  });

  it("counts a promise for its order's provider as it is now, however the clock was written (the clocks' copy of the provider)", async () => {
    type Item = { label: string };
    const kept = async (month: string, provider: string) =>
      ((await t.get(`/scorecard/drill?month=${month}&measure=promises_kept&level=provider&key=${provider}`)).body.items as Item[]).map((x) => x.label).sort();
    const figureOf = async (provider: string) => figures((await t.get(`/scorecard?${month}&level=provider&key=${provider}`)).body).promises_kept;
    const [, O1, , O3] = id.O;
    expect(await kept('2026-05', w.provider.id)).toEqual(['SC-O1 · on_site', 'SC-O1 · resolution', 'SC-O2 · on_site']);
    expect(await kept('2026-05', id.B)).toEqual(['SC-O3 · on_site']);
    // O3 moves to provider A and back: its breached clock follows it, in the drill-down and in the figure.
    await exec(sql`update work_orders set provider_id = ${w.provider.id} where id = ${O3}`);
    try {
      expect(await kept('2026-05', w.provider.id)).toEqual(['SC-O1 · on_site', 'SC-O1 · resolution', 'SC-O2 · on_site', 'SC-O3 · on_site']);
      expect(await kept('2026-05', id.B)).toEqual([]);
      close(await figureOf(w.provider.id), (2 / 4) * 100);
    } finally {
      await exec(sql`update work_orders set provider_id = ${id.B} where id = ${O3}`);
    }
    expect(await kept('2026-05', id.B)).toEqual(['SC-O3 · on_site']);
    close(await figureOf(w.provider.id), (2 / 3) * 100);
    // An order and its clock written by one statement (the clock cannot see its order yet): the order's provider still reaches it.
    // (An inspection opened in March with no unit and never done: no other figure counts it; orders cannot be deleted.)
    const oid = randomUUID();
    await exec(sql`with o as (insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, symptom, provider_id, created_at, updated_at)
        select ${oid}, 'SC-M1', 'inspection', status, priority, channel, customer_id, customer_tier, contact_phone, address, symptom, ${id.B}, '2026-03-01T02:00:00Z', '2026-03-01T02:00:00Z' from work_orders where id = ${O1} returning id)
      insert into promise_clocks (order_id, milestone, cycle, status, target_ms, consumed_ms, started_at, met_at, outcome)
      select id, 'on_site', 1, 'met', 86400000, 0, '2026-03-01T02:00:00Z', '2026-03-01T06:00:00Z', 'kept' from o`);
    try {
      expect(await kept('2026-03', id.B)).toEqual(['SC-M1 · on_site']);
    } finally {
      await exec(sql`delete from promise_clocks where order_id = ${oid}`);
    }
  });

  it('a provider admin sees their provider against the median; a technician only their own figures', async () => {
    const pa = (await tokenFor(t.services, 'provider_admin', 'sc-provider', { providerId: w.provider.id })).headers;
    const own = await t.get(`/scorecard?${month}&level=provider`, pa);
    expect(own.status).toBe(200);
    expect(own.body.key).toBe(w.provider.id);
    expect((await t.get(`/scorecard?${month}&level=provider&key=${id.B}`, pa)).status).toBe(403);
    expect((await t.get(`/scorecard?${month}`, pa)).status).toBe(403);
    expect((await t.get(`/scorecard?${month}&level=technician&key=${id.T2}`, pa)).status).toBe(403);
    expect((await t.get(`/scorecard?${month}&level=technician&key=${T0}`, pa)).status).toBe(200);
    const rows = (await t.get(`/scorecard/breakdown?${month}&measure=on_site_24h&level=technician`, pa)).body.rows;
    expect(rows.map((x: { key: string }) => x.key).sort()).toEqual([T0, T1].sort());

    const tech = (await tokenFor(t.services, 'technician', 'sc-tech', { providerId: w.provider.id, technicianId: T1 })).headers;
    const mine = await t.get(`/scorecard?${month}&level=technician`, tech);
    expect(mine.status).toBe(200);
    expect(mine.body.key).toBe(T1);
    expect(figures(mine.body).on_site_24h).toBe(100);
    // Nobody else's: another technician, the provider, the company, a breakdown, another's drill-down.
    expect((await t.get(`/scorecard?${month}&level=technician&key=${T0}`, tech)).status).toBe(403);
    expect((await t.get(`/scorecard?${month}&level=provider`, tech)).status).toBe(403);
    expect((await t.get(`/scorecard?${month}`, tech)).status).toBe(403);
    expect((await t.get(`/scorecard/breakdown?${month}&measure=on_site_24h&level=technician`, tech)).status).toBe(403);
    expect((await t.get(`/scorecard/drill?${month}&measure=on_site_24h&level=technician&key=${T0}`, tech)).status).toBe(403);
    const drill = await t.get(`/scorecard/drill?${month}&measure=on_site_24h&level=technician`, tech);
    expect(drill.body.items.map((x: { label: string }) => x.label)).toEqual(['SC-O4']);
  });

  it("counts a payment and a check-in for its order's provider and technician as they are now (the copies kept by triggers)", async () => {
    type Item = { label: string; value: number; weight: number };
    const drill = async (measure: string, level: string, key: string, m = '2026-05') => (await t.get(`/scorecard/drill?month=${m}&measure=${measure}&level=${level}&key=${key}&limit=500`)).body.items as Item[];
    const labels = (items: Item[]) => items.map((x) => x.label).sort();
    const [, O1, O2] = id.O;
    expect(labels(await drill('service_revenue', 'provider', w.provider.id))).toEqual(['SC-O1', 'SC-O2', 'SC-O2']);
    expect(labels(await drill('service_revenue', 'provider', id.B))).toEqual([]);
    expect(labels(await drill('visits_per_technician_day', 'technician', T0))).toEqual(['SC-O1', 'SC-O1', 'SC-O2']);
    // O2 moves to provider B and technician T2, and back: its payments and its check-in follow it.
    await exec(sql`update work_orders set provider_id = ${id.B}, technician_id = ${id.T2} where id = ${O2}`);
    try {
      expect(labels(await drill('service_revenue', 'provider', id.B))).toEqual(['SC-O2', 'SC-O2']);
      expect(labels(await drill('service_revenue', 'provider', w.provider.id))).toEqual(['SC-O1']);
      expect(labels(await drill('visits_per_technician_day', 'technician', T0))).toEqual(['SC-O1', 'SC-O1']);
      expect(labels(await drill('visits_per_technician_day', 'technician', id.T2))).toEqual(['SC-O2', 'SC-O3']);
      const b = figures((await t.get(`/scorecard?${month}&level=provider&key=${id.B}`)).body);
      expect(b.service_revenue).toBe(5000 - 2000);
      close(b.visits_per_technician_day, 1); // T2: O3 on 05-05, O2 on 05-11, one a day
      close(figures((await t.get(`/scorecard?${month}&level=technician&key=${T0}`)).body).visits_per_technician_day, 2); // O1 twice on 05-01
    } finally {
      await exec(sql`update work_orders set provider_id = ${w.provider.id}, technician_id = ${T0} where id = ${O2}`);
    }
    expect(labels(await drill('service_revenue', 'provider', id.B))).toEqual([]);
    close(figures((await t.get(`/scorecard?${month}&level=technician&key=${T0}`)).body).visits_per_technician_day, 3 / 2);
    // A check-in's weight counts its technician's check-ins of the China-time day on every provider's orders: T2
    // checks in on an order of provider A on 05-05 (its O3 of provider B the same day) — each then weighs ½.
    const oid = randomUUID();
    await exec(sql`with o as (insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, symptom, provider_id, technician_id, created_at, updated_at)
        select ${oid}, 'SC-V1', 'inspection', status, priority, channel, customer_id, customer_tier, contact_phone, address, symptom, ${w.provider.id}, ${id.T2}, '2026-05-05T01:00:00Z', '2026-05-05T01:00:00Z' from work_orders where id = ${O1} returning id)
      insert into work_order_history (order_id, at, actor, action, to_status, changes, version) select id, '2026-05-05T09:00:00Z', 'test', 'check_in', 'on_site', '{}'::jsonb, 1 from o`);
    const byA = await drill('visits_per_technician_day', 'provider', w.provider.id);
    expect(byA.find((x) => x.label === 'SC-V1')).toMatchObject({ value: 1, weight: 0.5 }); // written with its order in one statement, still found
    expect((await drill('visits_per_technician_day', 'provider', id.B)).find((x) => x.label === 'SC-O3')).toMatchObject({ value: 1, weight: 0.5 });
    // By hand over the history: Σ 1 ÷ Σ (1 ÷ the technician's check-ins that day), per provider.
    const hand = await t.database.db.execute(sql`select w.provider_id::text as p, count(*)::float8 / sum(1.0 / (select count(*) from work_order_history h2 join work_orders w2 on w2.id = h2.order_id
        where h2.action = 'check_in' and w2.technician_id = w.technician_id and (h2.at at time zone 'UTC' + interval '8 hours')::date = (h.at at time zone 'UTC' + interval '8 hours')::date))::float8 as v
      from work_order_history h join work_orders w on w.id = h.order_id where h.action = 'check_in' and w.technician_id is not null
        and h.at >= '2026-04-30T16:00:00Z' and h.at < '2026-05-31T16:00:00Z' group by 1`);
    const byHand = new Map((hand as unknown as { rows: { p: string; v: number }[] }).rows.map((r) => [r.p, Number(r.v)]));
    for (const p of [w.provider.id, id.B]) close(figures((await t.get(`/scorecard?${month}&level=provider&key=${p}`)).body).visits_per_technician_day, byHand.get(p)!);
    close(byHand.get(id.B)!, 1 / 0.5);
    // Moved away from T2 (to nobody): the check-in counts for no technician, and O3 weighs 1 again.
    await exec(sql`update work_orders set technician_id = null where id = ${oid}`);
    expect((await drill('visits_per_technician_day', 'provider', w.provider.id)).find((x) => x.label === 'SC-V1')).toBeUndefined();
    expect((await drill('visits_per_technician_day', 'provider', id.B)).find((x) => x.label === 'SC-O3')).toMatchObject({ weight: 1 });
  });

  it("counts a payment and a promise for its order's technician as it is now (the payments' and clocks' copies), equal to the figure by hand", async () => {
    type Item = { label: string };
    const labels = async (measure: string, key: string, m = '2026-05') =>
      ((await t.get(`/scorecard/drill?month=${m}&measure=${measure}&level=technician&key=${key}&limit=500`)).body.items as Item[]).map((x) => x.label).sort();
    const card = async (key: string) => figures((await t.get(`/scorecard?${month}&level=technician&key=${key}`)).body);
    // By hand from the orders as they are now: May's payments and decided clocks of each technician's orders.
    const byHand = async () => {
      const r = await t.database.db.execute(sql`select w.technician_id::text as tech,
          (select sum(p.amount_fen) from order_payments p join work_orders o on o.id = p.order_id
            where o.technician_id = w.technician_id and p.created_at >= '2026-04-30T16:00:00Z' and p.created_at < '2026-05-31T16:00:00Z')::float8 as revenue,
          (select avg(case when c.outcome in ('beaten', 'kept') then 100 else 0 end) from promise_clocks c join work_orders o on o.id = c.order_id
            where o.technician_id = w.technician_id and (c.outcome is not null or c.breached_at is not null)
              and coalesce(c.met_at, c.breached_at) >= '2026-04-30T16:00:00Z' and coalesce(c.met_at, c.breached_at) < '2026-05-31T16:00:00Z')::float8 as kept
        from (select distinct technician_id from work_orders where technician_id is not null) w`);
      return new Map((r as unknown as { rows: { tech: string; revenue: number | null; kept: number | null }[] }).rows.map((x) => [x.tech, x]));
    };
    const sameAsHand = async () => {
      const hand = await byHand();
      for (const tech of [T0, T1, id.T2]) {
        const f = await card(tech);
        const h = hand.get(tech);
        expect({ tech, revenue: f.service_revenue }).toEqual({ tech, revenue: h?.revenue ?? null });
        if (h?.kept === null || h?.kept === undefined) expect(f.promises_kept).toBeNull();
        else close(f.promises_kept, Number(h.kept));
      }
    };
    const [, O1, O2] = id.O;
    expect(await labels('service_revenue', T0)).toEqual(['SC-O1', 'SC-O2', 'SC-O2']);
    expect(await labels('promises_kept', T0)).toEqual(['SC-O1 · on_site', 'SC-O1 · resolution', 'SC-O2 · on_site']);
    expect(await labels('promises_kept', id.T2)).toEqual(['SC-O3 · on_site']);
    await sameAsHand();
    // O2 is reassigned to T2 (provider A keeps it), and back: its payments and clock follow the technician.
    await exec(sql`update work_orders set technician_id = ${id.T2} where id = ${O2}`);
    try {
      expect(await labels('service_revenue', T0)).toEqual(['SC-O1']);
      expect(await labels('service_revenue', id.T2)).toEqual(['SC-O2', 'SC-O2']);
      expect(await labels('promises_beaten', T0)).toEqual(['SC-O1 · on_site', 'SC-O1 · resolution']);
      expect(await labels('promises_kept', id.T2)).toEqual(['SC-O2 · on_site', 'SC-O3 · on_site']);
      const t2 = await card(id.T2);
      expect(t2.service_revenue).toBe(5000 - 2000);
      close(t2.promises_kept, 0);
      close((await card(T0)).promises_kept, 100);
      await sameAsHand();
    } finally {
      await exec(sql`update work_orders set technician_id = ${T0} where id = ${O2}`);
    }
    expect(await labels('service_revenue', id.T2)).toEqual([]);
    expect(await labels('promises_kept', T0)).toEqual(['SC-O1 · on_site', 'SC-O1 · resolution', 'SC-O2 · on_site']);
    await sameAsHand();
    // An order written with its payment and clock in one statement, no technician yet; then dispatched to T1, then
    // a second payment (the insert's own copy). April, so no other May figure moves.
    const oid = randomUUID();
    await exec(sql`with o as (insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, symptom, provider_id, created_at, updated_at)
        select ${oid}, 'SC-D1', 'inspection', status, priority, channel, customer_id, customer_tier, contact_phone, address, symptom, ${w.provider.id}, '2026-04-01T02:00:00Z', '2026-04-01T02:00:00Z' from work_orders where id = ${O1} returning id),
      c as (insert into promise_clocks (order_id, milestone, cycle, status, target_ms, consumed_ms, started_at, met_at, outcome)
        select id, 'on_site', 1, 'met', 86400000, 0, '2026-04-01T02:00:00Z', '2026-04-01T06:00:00Z', 'beaten' from o)
      insert into order_payments (id, order_id, amount_fen, currency, method, collected_by_kind, idempotency_key, request_hash, created_at, created_by)
        select ${randomUUID()}, id, 700, 'CNY', 'cash', 'provider', ${randomUUID()}, 'h', '2026-04-02T03:00:00Z', 'test' from o`);
    try {
      expect(await labels('service_revenue', T1, '2026-04')).toEqual([]);
      await exec(sql`update work_orders set technician_id = ${T1} where id = ${oid}`);
      await payment(oid, 300, '2026-04-03T03:00:00Z');
      expect(await labels('service_revenue', T1, '2026-04')).toEqual(['SC-D1', 'SC-D1']);
      expect(await labels('promises_kept', T1, '2026-04')).toEqual(['SC-D1 · on_site']);
      const copies = await t.database.db.execute(sql`select technician_id::text as tech from order_payments where order_id = ${oid} union all select technician_id::text from promise_clocks where order_id = ${oid}`);
      expect((copies as unknown as { rows: { tech: string }[] }).rows.map((x) => x.tech)).toEqual([T1, T1, T1]);
    } finally {
      await exec(sql`delete from promise_clocks where order_id = ${oid}`);
      await exec(sql`delete from order_payments where order_id = ${oid}`);
    }
  });

  it("a drill-down's facts add up to the figure, for every measure by provider and by technician", async () => {
    for (const filter of [{ level: 'provider', key: w.provider.id }, { level: 'provider', key: id.B }, { level: 'technician', key: T0 }, { level: 'technician', key: id.T2 }] as const) {
      const agg = await repo.aggregates(t.database.db, { fromMonth: '2026-05', toMonth: '2026-05', sources: repo.sourceNames, filter, live: true });
      let checked = 0;
      for (const source of repo.sourceNames) {
        const a = agg.find((r) => r.source === source);
        const d = await repo.drill(t.database.db, { month: '2026-05', source, filter, limit: 500, offset: 0 });
        expect({ source, key: filter.key, n: d.total }).toEqual({ source, key: filter.key, n: a?.n ?? 0 });
        if (!a) continue;
        checked++;
        expect(d.rows.reduce((x, r) => x + r.value, 0)).toBeCloseTo(a.sum, 9);
        expect(d.rows.reduce((x, r) => x + r.weight, 0)).toBeCloseTo(a.weight, 9);
      }
      expect(checked).toBeGreaterThan(5);
    }
  });

  it("shows a technician what customers said of their own orders, and nobody else's; no customer's personal data", async () => {
    const tech = (await tokenFor(t.services, 'technician', 'sc-tech-words', { providerId: w.provider.id, technicianId: T0 })).headers;
    const mine = await t.get(`/scorecard/comments?${month}`, tech);
    expect(mine.status).toBe(200);
    expect(mine.body.technicianId).toBe(T0);
    // O1's follow-up comment (done 05-02) and O2's survey comment (answered 05-13); O2's blank reason is no words.
    expect(mine.body.items.map((x: { orderNumber: string; source: string; comment: string | null; npsReason: string | null }) => [x.orderNumber, x.source, x.comment, x.npsReason])).toEqual([
      ['SC-O2', 'survey', 'Second visit fixed it', null],
      ['SC-O1', 'follow_up', '师傅准时，讲解清楚', null],
    ]);
    expect(mine.body.items[1]).toMatchObject({ satisfaction: 'delighted', attitude: 5, skill: 5, orderKind: 'repair' });
    expect(mine.body.total).toBe(2);
    // Nothing of the customer but the order's number: no name, phone or address anywhere in the answer.
    const text = JSON.stringify(mine.body);
    for (const personal of ['13800000000', '广东省', w.customer.id]) expect(text).not.toContain(personal);
    expect(Object.keys(mine.body.items[0]).sort()).toEqual(['at', 'attitude', 'comment', 'npsReason', 'nps', 'orderId', 'orderKind', 'orderNumber', 'satisfaction', 'skill', 'source'].sort());
    // Another technician's words: refused to a technician, even through a key.
    expect((await t.get(`/scorecard/comments?${month}&key=${id.T2}`, tech)).status).toBe(403);
    // T2's (provider B), for headquarters, newest first: O3's survey's reason for the score (05-06), its follow-up comment (done 05-05).
    const t2 = await t.get(`/scorecard/comments?${month}&key=${id.T2}`);
    expect(t2.body.items.map((x: { orderNumber: string; source: string; comment: string | null; npsReason: string | null }) => [x.orderNumber, x.source, x.comment, x.npsReason])).toEqual([
      ['SC-O3', 'survey', null, '等了太久'],
      ['SC-O3', 'follow_up', '北京的师傅：还行', null],
    ]);
    // A provider admin: their technicians', not another provider's.
    const pa = (await tokenFor(t.services, 'provider_admin', 'sc-provider-words', { providerId: w.provider.id })).headers;
    expect((await t.get(`/scorecard/comments?${month}&key=${T0}`, pa)).body.total).toBe(2);
    expect((await t.get(`/scorecard/comments?${month}&key=${id.T2}`, pa)).status).toBe(403);
    // Another month has none; headquarters must name the technician; a page past the end still counts them.
    expect((await t.get('/scorecard/comments?month=2026-04', tech)).body).toMatchObject({ total: 0, items: [] });
    const missing = await t.get(`/scorecard/comments?${month}`);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('key');
    expect((await t.get(`/scorecard/comments?${month}&offset=5`, tech)).body).toMatchObject({ total: 2, items: [] });
    expect((await t.get(`/scorecard/comments?month=2026-13`, tech)).status).toBe(400);
  });

  it('gives certification coverage per product category: of the technicians whose provider serves it, how many hold its certification', async () => {
    type Row = { code: string; nameEn: string; certification: string; technicians: number; certified: number; coverage: number };
    const r = await t.get(`/scorecard/certification?${month}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: Row) => [x.code, x.certification, x.technicians, x.certified])).toEqual([[w.category.code, 'AC-INSTALL', 3, 2]]);
    close(r.body.items[0].coverage, (2 / 3) * 100);
    // A second category needing its own certification, served by provider B only; T2 holds it: 1 of 1.
    const gas = randomUUID();
    await exec(sql`insert into product_categories (id, code, name_zh, name_en, required_certification, created_at) values (${gas}, ${`GAS-${gas.slice(0, 4)}`}, '燃气热水器', 'Gas water heater', 'GAS-INSTALL', now())`);
    await exec(sql`update providers set category_ids = category_ids || ${JSON.stringify([gas])}::jsonb where id = ${id.B}`);
    await exec(sql`insert into certifications (id, technician_id, code, category_id, granted_by, grant_reason, issued_at, expires_at, warn_days_before)
      values (${randomUUID()}, ${id.T2}, 'GAS-INSTALL', ${gas}, 'test', '厂家认证', '2026-04-01T00:00:00Z', '2028-04-01T00:00:00Z', 30)`);
    const byCategory = (await t.get(`/scorecard/certification?${month}`)).body.items as Row[];
    expect(byCategory.map((x) => [x.certification, x.technicians, x.certified]).sort()).toEqual([
      ['AC-INSTALL', 3, 2],
      ['GAS-INSTALL', 1, 1],
    ]);
    expect(byCategory.find((x) => x.certification === 'GAS-INSTALL')).toMatchObject({ nameEn: 'Gas water heater', coverage: 100 });
    // The measure counts the same pairs: (2 + 1) ÷ (3 + 1).
    close(figures((await t.get(`/scorecard?${month}`)).body).certification_coverage, 75);
    // By provider and by technician (in the caller's scope).
    expect(((await t.get(`/scorecard/certification?${month}&level=provider&key=${id.B}`)).body.items as Row[]).map((x) => [x.certification, x.technicians, x.certified]).sort()).toEqual([['AC-INSTALL', 1, 0], ['GAS-INSTALL', 1, 1]]);
    const tech = (await tokenFor(t.services, 'technician', 'sc-tech-cert', { providerId: w.provider.id, technicianId: T1 })).headers;
    const own = await t.get(`/scorecard/certification?${month}&level=technician`, tech);
    expect(own.body.items.map((x: Row) => [x.certification, x.technicians, x.certified])).toEqual([['AC-INSTALL', 1, 1]]);
    expect((await t.get(`/scorecard/certification?${month}&level=technician&key=${id.T2}`, tech)).status).toBe(403);
    expect((await t.get(`/scorecard/certification?${month}`, tech)).status).toBe(403);
    // A month before the technicians existed: no pairs, no categories (no data, never 0 %).
    expect((await t.get('/scorecard/certification?month=2025-12')).body.items).toEqual([]);
  });

  it('measures are data: a threshold changed moves the light, with a history row', async () => {
    const m = (await t.get('/scorecard/measures')).body.items.find((x: { code: string }) => x.code === 'on_site_24h');
    expect((await t.call('PUT', '/scorecard/measures', { code: 'on_site_24h', version: m.version, green: 50, red: 90 })).status).toBe(400);
    const r = await t.call('PUT', '/scorecard/measures', { code: 'on_site_24h', version: m.version, green: 70, red: 50 });
    expect(r.status).toBe(200);
    expect((await t.call('PUT', '/scorecard/measures', { code: 'on_site_24h', version: m.version, green: 70 })).status).toBe(409);
    const card = (await t.get(`/scorecard?${month}`)).body;
    expect(card.perspectives[2].measures.find((x: { code: string }) => x.code === 'on_site_24h').light).toBe('green');
    const h = await t.get('/scorecard/measures/history?code=on_site_24h');
    expect(h.body.items[0].changes).toEqual({ green: { from: 90, to: 70 }, red: { from: 75, to: 50 } });
  });

  it('exports CSV, XLSX and a printable page', async () => {
    const csv = await t.app.request(`/scorecard/export.csv?${month}&lang=en`, { headers: t.admin.headers });
    const text = await csv.text();
    expect(text).toContain('Service revenue,130');
    expect(text).toContain('Service-standard audit score,80,');
    const empty = await (await t.app.request('/scorecard/export.csv?month=2026-01&lang=en', { headers: t.admin.headers })).text();
    expect(empty).toContain('Service-standard audit score,no data');
    const xlsx = await t.app.request(`/scorecard/export.xlsx?${month}`, { headers: t.admin.headers });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).getCell(2).value).toBe('服务收入');
    expect(ws.getRow(3).getCell(3).value).toBe(130);
    const html = await (await t.app.request(`/scorecard/export.html?${month}&lang=zh`, { headers: t.admin.headers })).text();
    expect(html).toContain('<h2>学习与成长</h2>');
    expect(html).toContain('无数据');
  });

  it('e-mails the monthly scorecard to the chosen roles once, through SMTP', async () => {
    const s = (await t.get('/scorecard/delivery')).body;
    expect((await t.post('/scorecard/delivery/recipients', { email: 'boss@example.com', role: 'manager', language: 'en' })).status).toBe(201);
    expect((await t.post('/scorecard/delivery/recipients', { email: 'pa@example.com', role: 'provider_admin', providerId: w.provider.id })).status).toBe(201);
    expect((await t.post('/scorecard/delivery/recipients', { email: 'pa@example.com', role: 'provider_admin' })).status).toBe(400);
    expect((await t.call('PUT', '/scorecard/delivery', { version: s.version, roles: ['manager', 'provider_admin'] })).status).toBe(200);
    const sent = await Promise.all([t.services.scorecard.deliverMonth('2026-05'), t.services.scorecard.deliverMonth('2026-05')]);
    expect(sent[0] + sent[1]).toBe(2);
    expect(await t.services.scorecard.deliverMonth('2026-05')).toBe(0);
    const ids = await t.database.db.execute(sql`select id from outbox_messages where template = 'scorecard_monthly' order by recipient`);
    for (const row of (ids as unknown as { rows: { id: string }[] }).rows) expect(await t.services.notifications.deliver(row.id)).toBe('sent');
    const boss = smtp.mails.find((m) => m.to.includes('boss@example.com'))!;
    expect(boss.text).toContain('Balanced scorecard 2026-05');
    expect(boss.text).toContain('- Service revenue: ¥130.00');
    const pa = smtp.mails.find((m) => m.to.includes('pa@example.com'))!;
    expect(pa.text).toContain('网络中位数');
  });

  it('rolls a closed month up: every figure of every level read from the rollup agrees with the live query', async () => {
    const all = repo.sourceNames;
    const levels = [{ level: 'company' }, { level: 'region' }, { level: 'provider' }, { level: 'technician' }] as const;
    const live = await Promise.all(levels.map((l) => repo.aggregates(t.database.db, { fromMonth: '2026-04', toMonth: '2026-05', sources: all, filter: l, live: true })));
    const before = (await t.get(`/scorecard?${month}&months=2`)).body;
    await expect(t.services.scorecard.rollUp('2026-06')).rejects.toThrow(/not closed/); // the month being lived in stays live
    expect(await t.services.scorecard.rollUp('2026-05')).toBeGreaterThan(0);
    expect(await t.services.scorecard.rollUp('2026-05')).toBe(await t.services.scorecard.rollUp('2026-05')); // replaces, never adds
    const key = (r: repo.AggRow) => `${r.source}|${r.month}|${r.key}`;
    const sorted = (rows: repo.AggRow[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b))).map((r) => ({ ...r, p90: r.p90 === null ? null : Math.round(r.p90 * 1e9) / 1e9, sum: Math.round(r.sum * 1e9) / 1e9, weight: Math.round(r.weight * 1e9) / 1e9 }));
    for (const [i, l] of levels.entries()) {
      // April is not rolled up (read live), May is: the same rows either way.
      const read = await repo.aggregates(t.database.db, { fromMonth: '2026-04', toMonth: '2026-05', sources: all, filter: l });
      expect(sorted(read)).toEqual(sorted(live[i]));
      expect(read.filter((r) => r.month === '2026-05').length).toBeGreaterThan(0);
    }
    // One key of a level, and the card through the API: unchanged.
    const one = await repo.aggregates(t.database.db, { fromMonth: '2026-05', toMonth: '2026-05', sources: all, filter: { level: 'technician', key: T0 } });
    expect(sorted(one)).toEqual(sorted(live[3].filter((r) => r.month === '2026-05' && r.key === T0)));
    expect((await t.get(`/scorecard?${month}&months=2`)).body).toEqual(before);
    const rolled = await t.database.db.execute(sql`select count(*)::int as n from scorecard_rollup where month = '2026-05' and source = 'resolution_hours_p90' and level = 'provider'`);
    expect((rolled as unknown as { rows: { n: number }[] }).rows[0].n).toBe(2); // providers A and B: one row each
    // The daily job: June 1st rolls May up again (its first week is not over), on June 9th once more, then never.
    expect(await t.services.scorecard.rollUpLastMonth()).toBeGreaterThan(0);
    clock.set(new Date('2026-06-09T02:00:00Z'));
    expect(await t.services.scorecard.rollUpLastMonth()).toBeGreaterThan(0);
    expect(await t.services.scorecard.rollUpLastMonth()).toBeNull();
  });
});
