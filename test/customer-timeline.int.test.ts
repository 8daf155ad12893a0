import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, type TestApp } from './harness.js';
import { staffPrincipal } from '../src/modules/access/index.js';
import { defaultRolePermissions, type Role } from '../src/kernel/permissions.js';
import type { Caller } from '../src/kernel/scopes.js';

// The customer's timeline (issue 15: "the customer's view is the staff's view"): the portal reads
// the order's life as milestones in plain words, the technician by the name they give at the door
// (季师傅), the booked window in the customer's zone — and nothing of the staff's record.
const clock = manualClock(new Date('2026-12-06T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let orderId: string;
let tech: { id: string; name: string };
const staffAddress = '198.51.100.77';
const internalReason = '系统推荐第 1 名 / suggestion 1 (+5 min)';

async function staff(role: Role, username: string, scope: { providerId?: string; technicianId?: string } = {}): Promise<Caller> {
  const user = await t.services.access.createUser(systemCaller, { username, displayName: username, password: 'a-long-test-password', role, providerId: scope.providerId ?? null, technicianId: scope.technicianId ?? null });
  return { principal: staffPrincipal(user, defaultRolePermissions[role]), address: staffAddress };
}

async function customerSession() {
  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function asCustomer(path: string) {
  const s = await customerSession();
  const res = await t.app.request(path, { headers: { cookie: s.cookie } });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  const shifts = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
  const created = await t.post('/technicians', { providerId: w.provider.id, name: '季建国', phone: '13900000099', shifts, skills: [w.category.code] });
  await t.post('/certifications', { technicianId: created.body.id, courseId: w.course.id, reason: '厂家认证 / certified by the maker' });
  tech = created.body;
  // The customer's zone is their provider's: one that is not the company's default, so a fallback would show.
  const provider = (await t.get(`/providers/${w.provider.id}`)).body;
  expect((await t.patch(`/providers/${w.provider.id}`, { version: provider.version, timeZone: 'Asia/Tokyo' })).status).toBe(200);
  const desk = await staff('agent', 'desk-tl');
  const dispatcher = await staff('dispatcher', 'dispatch-tl');
  const technician = await staff('technician', 'ji-tl', { providerId: w.provider.id, technicianId: tech.id });
  const followup = await staff('follow_up', 'followup-tl');
  const s = t.services.workOrders;
  let o = (await s.intake(desk, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '空调漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(dispatcher, o.id, 'dispatch', { version: o.version, providerId: w.provider.id, reason: internalReason });
  o = await s.perform(dispatcher, o.id, 'assign', { version: o.version, technicianId: tech.id, reason: internalReason });
  o = await s.perform(technician, o.id, 'accept_job', { version: o.version });
  // 7 December, 09:00–11:00 in Tokyo, the provider's zone.
  o = await s.perform(technician, o.id, 'book', { version: o.version, from: '2026-12-07T00:00:00Z', to: '2026-12-07T02:00:00Z' });
  clock.set(new Date('2026-12-07T01:20:00Z'));
  o = await s.perform(technician, o.id, 'check_in', { version: o.version, lat: 23.131, lng: 113.321 });
  o = await s.perform(technician, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01', notes: '内部备注 / internal note', confirmedSerials: [w.unit.serials[0].serial] });
  o = await s.perform(technician, o.id, 'send_acceptance_code', { version: o.version });
  o = await s.perform(desk, o.id, 'confirm', { version: o.version, overrideReason: '客户电话确认 / confirmed by phone' });
  o = await s.perform(followup, o.id, 'follow_up', { version: o.version, satisfaction: 'delighted', attitude: 5, skill: 5, fixedFirstTime: true, repeatVisit: false });
  orderId = o.id;
}, 120_000);
afterAll(() => t?.close());

describe(`the customer's timeline (${engine})`, () => {
  it('reads as milestones in plain words, in both languages, the window in the customer\'s zone', async () => {
    const res = await asCustomer(`/work-orders/${orderId}/history`);
    expect(res.status).toBe(200);
    const items = (JSON.parse(res.text) as { items: { milestone: string; technicianName: string | null; text: { zh: string; en: string } }[] }).items;
    expect(items.map((i) => i.text.en)).toEqual([
      'We received your request',
      'Your request was accepted',
      'Passed to a service provider near you',
      'Technician 季师傅 assigned',
      'Visit booked: 7 Dec 09:00–11:00',
      'The technician arrived',
      'Work done',
      'Please confirm: we sent an acceptance code to your phone',
      'You confirmed the work',
      'Thank you for your feedback',
    ]);
    expect(items.find((i) => i.milestone === 'visit_booked')?.text.zh).toBe('上门时间已约好：12月7日 09:00–11:00');
    expect(items.find((i) => i.milestone === 'technician_assigned')?.technicianName).toBe('季师傅');
  });

  it('carries no staff username, address, id, coordinate, internal reason or full technician name', async () => {
    for (const path of [`/work-orders/${orderId}/history`, `/work-orders/${orderId}/visit`]) {
      const { status, text } = await asCustomer(path);
      expect(status).toBe(200);
      for (const secret of ['desk-tl', 'dispatch-tl', 'ji-tl', 'followup-tl', 'user:', staffAddress, w.provider.id, tech.id, '季建国', '23.131', '113.321', '系统推荐', 'internal', 'checkInFar', 'technicianAcceptedAt']) {
        expect(text, `${path} names ${secret}`).not.toContain(secret);
      }
    }
    expect(JSON.parse((await asCustomer(`/work-orders/${orderId}/visit`)).text).technicianName).toBe('季师傅');
  });
});
