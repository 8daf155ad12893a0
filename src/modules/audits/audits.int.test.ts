import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { homeVisitTemplate, selfAssessmentTemplate } from './audits.seed.js';
import { auditFailedSql, auditScoreAtLeastSql, auditScores } from './index.js';

// Audits through the API: the seeded templates; editing a used template makes a new version; a
// supervisor's on-site audit of a visit is scored and its failed item opens a corrective action
// that the provider answers and headquarters verifies (two verifiers at once: one wins); the
// provider's monthly score and its dispatch standing move; a follow-up saying the site was left
// dirty becomes an audit once; overdue actions are marked once; settlement's measures read it.
const clock = manualClock(new Date('2026-06-10T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let providerAdmin: Record<string, string>;
let otherAdmin: Record<string, string>;
let technician: Record<string, string>;
let homeVisitId: string;

const allPass = () =>
  homeVisitTemplate.content.sections.flatMap((s) => s.items).map((i) => (i.evidence === 'measured' ? { itemCode: i.code, value: 11 } : i.evidence === 'photo' ? { itemCode: i.code, result: 'pass', photoId: randomUUID() } : { itemCode: i.code, result: 'pass' }));
const withResult = (code: string, result: string) => allPass().map((f) => (f.itemCode === code ? { itemCode: code, result } : f));

async function order() {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  return s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'audit-manager')).headers;
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'audit-provider', { providerId: w.provider.id })).headers;
  technician = (await tokenFor(t.services, 'technician', 'audit-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const other = await t.post('/providers', { code: 'AUD-OTHER', name: '别家', kind: 'contractor', contactName: '别', contactPhone: '02011112222' });
  otherAdmin = (await tokenFor(t.services, 'provider_admin', 'audit-other', { providerId: other.body.id })).headers;
  homeVisitId = (await t.get('/audit-templates', manager)).body.items.find((x: { code: string }) => x.code === 'HOME-VISIT').id;
});
afterAll(() => t.close());

describe(`audits on ${engine}`, () => {
  it('starts with the two seeded checklists, equal to the seed', async () => {
    const r = await t.get('/audit-templates', manager);
    expect(r.status).toBe(200);
    const byCode = new Map(r.body.items.map((x: { code: string }) => [x.code, x]));
    for (const s of [homeVisitTemplate, selfAssessmentTemplate]) expect(byCode.get(s.code)).toMatchObject({ version: 1, current: true, nameZh: s.nameZh, nameEn: s.nameEn, content: s.content });
  });

  it('edits an unused template in place, and a used one as its next version', async () => {
    const content = { grading: { pass: 70, stars: [{ min: 90, stars: 4 }] }, dueDays: 3, sections: [{ code: 's', nameZh: '区', nameEn: 'S', items: [{ code: 'a', textZh: '甲', textEn: 'A', weight: 50, evidence: 'pass_fail' }, { code: 'b', textZh: '乙', textEn: 'B', weight: 50, evidence: 'pass_fail' }] }] };
    const made = await t.post('/audit-templates', { code: 'EDIT-ME', nameZh: '模板', nameEn: 'Template', content }, manager);
    expect(made.status).toBe(201);
    const taken = await t.post('/audit-templates', { code: 'EDIT-ME', nameZh: '模板', nameEn: 'Template', content }, manager);
    expect(taken.body.error.details[0].path).toBe('code');
    const inPlace = await t.call('PUT', `/audit-templates/${made.body.id}`, { rowVersion: made.body.rowVersion, nameZh: '模板一', nameEn: 'Template 1', content }, manager);
    expect([inPlace.status, inPlace.body.id, inPlace.body.version]).toEqual([200, made.body.id, 1]);
    const used = await t.post('/audits', { templateId: made.body.id, kind: 'mystery_shopper', providerId: w.provider.id, findings: [{ itemCode: 'a', result: 'pass' }, { itemCode: 'b', result: 'pass' }] }, manager);
    expect(used.status).toBe(201);
    const next = await t.call('PUT', `/audit-templates/${made.body.id}`, { rowVersion: inPlace.body.rowVersion, nameZh: '模板二', nameEn: 'Template 2', content }, manager);
    expect([next.status, next.body.version, next.body.current]).toEqual([200, 2, true]);
    expect(next.body.id).not.toBe(made.body.id);
    const old = await t.get(`/audit-templates/${made.body.id}`, manager);
    expect([old.body.current, old.body.nameEn, old.body.versions.map((v: { version: number }) => v.version)]).toEqual([false, 'Template 1', [2, 1]]);
    // The audit keeps the version it was scored on; a new audit on the old version is refused.
    expect((await t.get(`/audits/${used.body.id}`, manager)).body.template.version).toBe(1);
    const stale = await t.post('/audits', { templateId: made.body.id, kind: 'on_site', providerId: w.provider.id, findings: [{ itemCode: 'a', result: 'pass' }] }, manager);
    expect([stale.status, stale.body.error.details[0].path]).toEqual([400, 'templateId']);
  });

  it('names the finding at fault, and writes nothing', async () => {
    const o = await order();
    const unknown = await t.post('/audits', { templateId: homeVisitId, kind: 'on_site', orderId: o.id, findings: [...allPass(), { itemCode: 'nope', result: 'pass' }] }, manager);
    expect([unknown.status, unknown.body.error.details[0].path]).toEqual([400, `findings.${allPass().length}.itemCode`]);
    const missing = await t.post('/audits', { templateId: homeVisitId, kind: 'on_site', orderId: o.id, findings: allPass().filter((f) => f.itemCode !== 'test_run') }, manager);
    expect([missing.status, missing.body.error.details[0].path]).toEqual([400, 'findings']);
    const mismatch = await t.post('/audits', { templateId: homeVisitId, kind: 'on_site', orderId: o.id, technicianId: w.technicians[1].id, findings: allPass() }, manager);
    expect([mismatch.status, mismatch.body.error.details[0].path]).toEqual([400, 'technicianId']);
    expect((await t.get(`/audits?technicianId=${w.technicians[0].id}`, manager)).body.total).toBe(0);
  });

  let actionId: string;
  it('scores an on-site audit, opens a corrective action for the failed item, and moves the provider’s score', async () => {
    const o = await order();
    const good = await t.post('/audits', { templateId: homeVisitId, kind: 'on_site', orderId: o.id, findings: allPass() }, manager);
    expect([good.status, good.body.score, good.body.stars, good.body.actions.length, good.body.providerId, good.body.technicianId]).toEqual([201, 100, 5, 0, w.provider.id, w.technicians[0].id]);
    const before = (await t.get(`/audits/scores?level=provider&key=${w.provider.id}`, manager)).body.rows.find((r: { month: string }) => r.month === '2026-06');
    const o2 = await order();
    const dirty = await t.post('/audits', { templateId: homeVisitId, kind: 'on_site', orderId: o2.id, findings: withResult('site_cleaned', 'fail') }, manager);
    expect([dirty.status, dirty.body.score, dirty.body.stars, dirty.body.passed]).toEqual([201, 90, 4, true]);
    expect(dirty.body.actions.map((a: { itemCode: string; status: string; dueAt: string }) => [a.itemCode, a.status, a.dueAt])).toEqual([['site_cleaned', 'open', '2026-06-17T02:00:00.000Z']]);
    actionId = dirty.body.actions[0].id;
    const after = (await t.get(`/audits/scores?level=provider&key=${w.provider.id}`, manager)).body.rows.find((r: { month: string }) => r.month === '2026-06');
    expect(after.audits).toBe(before.audits + 1);
    expect(after.averageScore).toBeLessThan(before.averageScore);
    const tech = (await t.get(`/audits/scores?level=technician&key=${w.technicians[0].id}`, technician)).body.rows;
    expect(tech.map((r: { name: string; audits: number; averageScore: number }) => [r.name, r.audits, r.averageScore])).toEqual([['王师傅', 2, 95]]);
    // The plain function the scorecard reads gives the same figures.
    const rows = await auditScores(t.database.db, { level: 'technician', fromMonth: '2026-06', toMonth: '2026-06', key: w.technicians[0].id });
    expect(rows.map((r) => [r.audits, r.averageScore, r.failed])).toEqual([[2, 95, 0]]);
  });

  it('lets the audited see their own audits and actions only', async () => {
    expect((await t.get(`/corrective-actions/${actionId}`, providerAdmin)).status).toBe(200);
    expect((await t.get(`/corrective-actions/${actionId}`, technician)).status).toBe(200);
    expect((await t.get(`/corrective-actions/${actionId}`, otherAdmin)).status).toBe(404);
    expect((await t.get('/audits', otherAdmin)).body.total).toBe(0);
    expect((await t.get('/audits', technician)).body.items.every((a: { technicianId: string }) => a.technicianId === w.technicians[0].id)).toBe(true);
  });

  it('takes a correction from the provider and one verification of it, with history', async () => {
    const a = (await t.get(`/corrective-actions/${actionId}`, providerAdmin)).body;
    expect((await t.post(`/corrective-actions/${actionId}/verify`, { version: a.version, outcome: 'verified' }, manager)).status).toBe(409);
    const sub = await t.post(`/corrective-actions/${actionId}/submit`, { version: a.version, correction: '已培训师傅清理现场 / trained to clean up' }, providerAdmin);
    expect([sub.status, sub.body.status]).toEqual([200, 'submitted']);
    const rejected = await t.post(`/corrective-actions/${actionId}/verify`, { version: sub.body.version, outcome: 'rejected', note: '照片不清楚' }, manager);
    expect(rejected.body.status).toBe('open');
    const again = await t.post(`/corrective-actions/${actionId}/submit`, { version: rejected.body.version, correction: '复查现场照片已补充' }, providerAdmin);
    const [x, y] = await Promise.all([
      t.post(`/corrective-actions/${actionId}/verify`, { version: again.body.version, outcome: 'verified' }, manager),
      t.post(`/corrective-actions/${actionId}/verify`, { version: again.body.version, outcome: 'verified' }, manager),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const done = (await t.get(`/corrective-actions/${actionId}`, manager)).body;
    expect(done.status).toBe('verified');
    expect(done.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'submit', 'reject', 'submit', 'verify']);
  });

  it('makes an audit once from a follow-up that says the site was left dirty, with its corrective action', async () => {
    const o = await order();
    await t.database.db.execute(sql`insert into follow_up_surveys (id, order_id, customer_id, channel, status, sent_at, expires_at, answered_at, answers, sent_by)
      values (${randomUUID()}, ${o.id}, ${w.customer.id}, 'sms', 'answered', ${clock.now()}, ${new Date(clock.now().getTime() + 86400_000)}, ${clock.now()},
        ${JSON.stringify({ satisfaction: 'neutral', aspects: { timeliness: 4, attitude: 5, skill: 4, tidiness: 1, priceTransparency: 4 } })}::jsonb, 'test')`);
    const [a, b] = await Promise.all([t.services.audits.deriveFromFollowUps(), t.services.audits.deriveFromFollowUps()]);
    expect(a + b).toBe(1);
    expect(await t.services.audits.deriveFromFollowUps()).toBe(0);
    const list = (await t.get(`/audits?kind=follow_up`, manager)).body.items.filter((x: { orderId: string }) => x.orderId === o.id);
    expect(list.length).toBe(1);
    const derived = (await t.get(`/audits/${list[0].id}`, manager)).body;
    // Four items answered (timeliness, courtesy, price list, site): 25 of the 35 applicable points.
    expect([derived.score, derived.actions.map((x: { itemCode: string }) => x.itemCode)]).toEqual([71.4, ['site_cleaned']]);
    expect(derived.findings.filter((f: { result: string }) => f.result !== 'na').map((f: { itemCode: string; result: string }) => `${f.itemCode}:${f.result}`)).toEqual(['on_time:pass', 'price_list_shown:pass', 'courteous:pass', 'site_cleaned:fail']);
  });

  it('reads a call’s answers too: a rude technician fails courtesy', async () => {
    const o = await order();
    const r = await t.database.db.execute(sql`select id from follow_up_policies order by rank limit 1`);
    const policyId = ((Array.isArray(r) ? r : (r as { rows: unknown[] }).rows)[0] as { id: string }).id;
    await t.database.db.execute(sql`insert into follow_up_tasks (id, order_id, customer_id, provider_id, order_kind, policy_id, time_zone, status, outcome, due_at, max_attempts, on_unreachable, answers, created_at, closed_at, closed_by)
      values (${randomUUID()}, ${o.id}, ${w.customer.id}, ${w.provider.id}, 'repair', ${policyId}, 'Asia/Shanghai', 'closed', 'satisfied', ${clock.now()}, 3, 'close',
        ${JSON.stringify({ satisfaction: 'neutral', attitude: 1, skill: 4 })}::jsonb, ${clock.now()}, ${clock.now()}, 'test')`);
    expect(await t.services.audits.deriveFromFollowUps()).toBe(1);
    const made = (await t.get(`/audits?kind=follow_up`, manager)).body.items.find((x: { orderId: string }) => x.orderId === o.id);
    expect([made.score, made.findings.filter((f: { result: string }) => f.result !== 'na').map((f: { itemCode: string; result: string }) => `${f.itemCode}:${f.result}`)]).toEqual([0, ['courteous:fail']]);
  });

  it('marks actions past due overdue once', async () => {
    clock.set(new Date('2026-06-20T02:00:00Z'));
    // Two job runs at once: each action marked by one of them.
    const [r1, r2] = await Promise.all([t.services.audits.markOverdue(), t.services.audits.markOverdue()]);
    const n1 = r1 + r2;
    expect(n1).toBeGreaterThanOrEqual(1);
    expect(await t.services.audits.markOverdue()).toBe(0);
    const overdue = (await t.get('/corrective-actions?overdue=true', manager)).body.items;
    expect(overdue.length).toBe(n1);
    expect(overdue.every((a: { overdue: boolean }) => a.overdue)).toBe(true);
    const h = (await t.get(`/corrective-actions/${overdue[0].id}`, manager)).body.history;
    expect(h.filter((x: { action: string }) => x.action === 'overdue').length).toBe(1);
  });

  it('weighs the provider’s audit score in dispatch, as the settings say', async () => {
    const o = await order();
    const s = (await t.get('/audits/settings', manager)).body;
    const put = await t.call('PUT', '/audits/settings', { version: s.version, dispatchWeight: 1, standingDays: 90 }, manager);
    expect([put.status, put.body.dispatchWeight]).toEqual([200, 1]);
    const v = (await t.services.providerMatcher.forOrder(t.database.db, o.id)).find((x) => x.providerId === w.provider.id)!;
    // The mystery shopper's 100, the on-site 100 and 90, the survey's 71.4, the call's 0.
    const mean = (100 + 100 + 90 + 71.4 + 0) / 5;
    expect(v.auditScore).toBeCloseTo(mean, 6);
    expect(v.rankedLoad).toBeCloseTo(v.load + (1 - mean / 100), 6);
    await t.call('PUT', '/audits/settings', { version: put.body.version, dispatchWeight: 0, standingDays: 90 }, manager);
    const off = (await t.services.providerMatcher.forOrder(t.database.db, o.id)).find((x) => x.providerId === w.provider.id)!;
    expect([off.auditScore, off.rankedLoad]).toEqual([null, off.load]);
  });

  it('gives settlement its measures: an order’s audit failed, or scored 90 and more', async () => {
    const o = await order();
    const failed = await t.post('/audits', { templateId: homeVisitId, kind: 'mystery_shopper', orderId: o.id, findings: withResult('no_tips', 'fail') }, manager);
    expect([failed.body.score, failed.body.passed]).toEqual([90, false]);
    const flags = async (id: string) => {
      const r = await t.database.db.execute(sql`select ${auditFailedSql(sql`${id}::uuid`)} as failed, ${auditScoreAtLeastSql(sql`${id}::uuid`, 90)} as good`);
      const row = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows)[0] as { failed: boolean; good: boolean };
      return [row.failed, row.good];
    };
    expect(await flags(o.id)).toEqual([true, true]);
    const none = await order();
    expect(await flags(none.id)).toEqual([false, false]);
  });

  it('lets a provider assess only itself', async () => {
    const findings = selfAssessmentTemplate.content.sections.flatMap((s) => s.items).map((i) => ({ itemCode: i.code, result: i.code === 'returns' ? 'fail' : 'pass' }));
    const gb = (await t.get('/audit-templates', manager)).body.items.find((x: { code: string }) => x.code === 'GBT27922').id;
    const own = await t.post('/audits', { templateId: gb, kind: 'self_assessment', findings }, providerAdmin);
    expect([own.status, own.body.providerId, own.body.score, own.body.stars]).toEqual([201, w.provider.id, 90, 4]);
    expect((await t.post('/audits', { templateId: gb, kind: 'on_site', providerId: w.provider.id, findings }, providerAdmin)).status).toBe(403);
    const company = await t.post('/audits', { templateId: gb, kind: 'self_assessment', findings }, manager);
    expect([company.status, company.body.providerId]).toEqual([201, null]);
  });
});
