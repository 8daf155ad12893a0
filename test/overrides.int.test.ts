import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, testApp, tokenFor, type TestApp } from './harness.js';

// Overrides with help (issue 15: "the manual assign dialog is a bare list that includes
// uncertified technicians"): the list the dialog shows ranks technicians as the suggestions do and
// marks who cannot take the order, with the reason in both languages — the same reason the assign
// step answers with when asked anyway.
const clock = manualClock(new Date('2026-12-07T00:30:00Z')); // Monday 08:30 in Shanghai
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
const ids: Record<string, string> = {};

async function dispatchedOrder(address?: object) {
  const o = await t.post('/work-orders', { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '不制冷', accept: true, ...(address ? { address } : {}) });
  const d = await t.post(`/work-orders/${o.body.id}/dispatch`, { version: o.body.version, providerId: w.provider.id, reason: '测试 / test' });
  expect(d.status).toBe(200);
  return d.body as { id: string; version: number };
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  const skills = [w.category.code];
  // Two certified technicians with homes at different distances, and one without the certification.
  const near = await t.post('/technicians', { providerId: w.provider.id, name: '孙近', phone: '13900000011', skills, shifts: week, homeLat: 23.135, homeLng: 113.325 });
  const far = await t.post('/technicians', { providerId: w.provider.id, name: '周远', phone: '13900000012', skills, shifts: week, homeLat: 23.2, homeLng: 113.45 });
  const uncertified = await t.post('/technicians', { providerId: w.provider.id, name: '钱未证', phone: '13900000013', skills, shifts: week, homeLat: 23.131, homeLng: 113.321 });
  for (const [name, r] of Object.entries({ near, far, uncertified })) {
    expect(r.status).toBe(201);
    ids[name] = r.body.id;
  }
  for (const id of [near.body.id, far.body.id]) await t.post('/certifications', { technicianId: id, courseId: w.course.id, reason: '厂家认证 / certified by the maker' });
  // The world's own two technicians lack this category's skill here: certified, but not for this work.
  for (const tech of w.technicians) expect((await t.patch(`/technicians/${tech.id}`, { version: 1, skills: [] })).status).toBe(200);
}, 120_000);
afterAll(() => t?.close());

type Candidates = { suggested: string | null; notRanked: { code: string } | null; items: { technicianId: string; name: string; canTake: boolean; rank: number | null; reason: { code: string; zh: string; en: string } | null }[] };

describe(`assigning by hand, with help (${engine})`, () => {
  it('ranks as the suggestions do, and marks the uncertified technician with the reason in both languages', async () => {
    const o = await dispatchedOrder();
    const res = await t.get(`/work-orders/${o.id}/assign-candidates?date=2026-12-07`);
    expect(res.status).toBe(200);
    const c = res.body as Candidates;
    const byId = new Map(c.items.map((i) => [i.technicianId, i]));
    const suggestions = (await t.get(`/work-orders/${o.id}/technician-suggestions?date=2026-12-07`)).body as { ranked: { technicianId: string }[] };
    // The ranked ones in the suggestions' order, first of all.
    expect(c.items.filter((i) => i.rank !== null).map((i) => i.technicianId)).toEqual(suggestions.ranked.map((r) => r.technicianId));
    expect(c.items[0].technicianId).toBe(ids.near);
    expect(c.suggested).toBe(ids.near);
    expect(byId.get(ids.far)).toMatchObject({ canTake: true, rank: 2 });
    const refused = byId.get(ids.uncertified)!;
    expect(refused).toMatchObject({ canTake: false, rank: null, reason: { code: 'certification_missing' } });
    expect(refused.reason!.zh).toMatch(/认证/);
    expect(refused.reason!.en).toMatch(/certification/);
    expect(c.items.at(-1)!.technicianId).toBe(ids.uncertified);

    // And the API refuses them, naming the same reason in both languages.
    const assign = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: ids.uncertified });
    expect(assign.status).toBe(422);
    expect(assign.body.error.code).toBe('certification_missing');
    expect(assign.body.error.message).toContain(refused.reason!.en);
    expect(assign.body.error.message).toContain(refused.reason!.zh);
    expect((await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: ids.near })).status).toBe(200);
  });

  it('still lists and marks everyone when the address has no coordinates, saying why it is not ranked', async () => {
    // A district with no placed address: not even an approximate position can be had offline.
    const o = await dispatchedOrder({ province: '广东省', city: '广州市', district: '从化区', street: '街口大道 1 号' });
    const c = (await t.get(`/work-orders/${o.id}/assign-candidates`)).body as Candidates;
    expect(c.notRanked?.code).toBe('no_coordinates');
    expect(c.suggested).toBeNull();
    expect(c.items.find((i) => i.technicianId === ids.uncertified)).toMatchObject({ canTake: false, reason: { code: 'certification_missing' } });
    expect(c.items.find((i) => i.technicianId === ids.near)).toMatchObject({ canTake: true, rank: null });
  });

  it('marks and refuses (409, both languages) a technician lacking the skill, absent that day or inactive; a dispatcher overrides the first two with a reason, never the others', async () => {
    const o = await dispatchedOrder();
    expect((await t.post(`/technicians/${ids.far}/absences`, { from: '2026-12-08T00:00:00+08:00', to: '2026-12-09T00:00:00+08:00', reason: '年假' })).status).toBe(201);
    const c = (await t.get(`/work-orders/${o.id}/assign-candidates?date=2026-12-08`)).body as Candidates & { items: { overridable: boolean | null }[] };
    const item = (id: string) => c.items.find((i) => i.technicianId === id)!;
    expect(item(ids.far)).toMatchObject({ canTake: false, overridable: true, reason: { code: 'technician_absent', en: '周远 is absent on Tue 8 Dec (00:00–24:00)', zh: '周远12月8日请假（00:00–24:00）' } });
    expect(item(w.technicians[0].id)).toMatchObject({ canTake: false, overridable: true, reason: { code: 'technician_lacks_skill', en: `王师傅 lacks the ${w.category.code} skill` } });
    expect(item(ids.uncertified)).toMatchObject({ canTake: false, overridable: false, reason: { code: 'certification_missing' } });
    expect(item(ids.near)).toMatchObject({ canTake: true, overridable: null });
    // Another day, the absence is no reason.
    expect((await t.get(`/work-orders/${o.id}/assign-candidates?date=2026-12-09`)).body.items.find((i: any) => i.technicianId === ids.far)).toMatchObject({ canTake: true });

    // A day that is no day: 400 naming it.
    const badDay = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: ids.far, date: '2026-13-08' });
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.details.map((d: any) => d.path)).toContain('date');
    // The step answers with the same reasons.
    const away = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: ids.far, date: '2026-12-08' });
    expect(away.status).toBe(409);
    expect(away.body.error).toMatchObject({ code: 'technician_absent', details: [{ path: 'technicianId', zh: item(ids.far).reason!.zh, overridable: true }] });
    expect(away.body.error.message).toContain(item(ids.far).reason!.en);
    const unskilled = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: w.technicians[0].id });
    expect(unskilled.status).toBe(409);
    expect(unskilled.body.error.message).toContain('不具备');
    // Never the uncertified, not even with a reason.
    const uncertified = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: ids.uncertified, overrideReason: '他会修 / he can do it' });
    expect(uncertified.status).toBe(422);
    expect(uncertified.body.error.code).toBe('certification_missing');
    // A provider admin may not override; a dispatcher may, recorded.
    const providerAdmin = await tokenFor(t.services, 'provider_admin', 'override-admin', { providerId: w.provider.id });
    expect((await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: w.technicians[0].id, overrideReason: '会修' }, providerAdmin.headers)).status).toBe(403);
    const dispatcher = await tokenFor(t.services, 'dispatcher', 'override-dispatcher');
    const forced = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: w.technicians[0].id, overrideReason: '师傅会修这型号 / knows this model' }, dispatcher.headers);
    expect(forced.status).toBe(200);
    const last = (await t.get(`/work-orders/${o.id}/history`)).body.items.at(-1);
    expect(last).toMatchObject({ action: 'assign', reason: expect.stringContaining('师傅会修这型号 / knows this model — override: 王师傅 lacks the') });

    // Suspended: never, whoever asks.
    const o2 = await dispatchedOrder();
    const zhao = (await t.get(`/technicians/${w.technicians[1].id}`)).body;
    expect((await t.patch(`/technicians/${zhao.id}`, { version: zhao.version, status: 'suspended', skills: [w.category.code] })).status).toBe(200);
    const inactive = await t.post(`/work-orders/${o2.id}/assign`, { version: o2.version, technicianId: zhao.id, overrideReason: '急' }, dispatcher.headers);
    expect(inactive.status).toBe(409);
    expect(inactive.body.error).toMatchObject({ code: 'technician_inactive', details: [{ path: 'technicianId', message: '赵师傅 is suspended', zh: '赵师傅已停用', overridable: false }] });
  });
});
