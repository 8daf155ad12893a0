import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

// The contact timeline through the API with real users: an agent logs a call about an order and a
// note on the customer, and sees the order's SMS and visits, its follow-up, a complaint and the
// customer's own sign-in and suggestion on one page, newest first; kinds, dates and words filter it;
// keyset pages walk it whole without a repeat. Scopes: provider A's admin and technician see only
// what is about their own orders (never the note without an order, the complaint, the follow-up or the
// suggestion); another provider does not find the customer. Messages carrying a code are masked and
// never found by the code. Suggestions: the customer submits one in the portal and reads the answer
// (their own strict view); a second answer is refused, and two at once make one on PostgreSQL.
const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let agent: Record<string, string>;
let providerAdmin: Record<string, string>;
let otherAdmin: Record<string, string>;
let tech0: Record<string, string>;
let manager: Record<string, string>;
let customer: Record<string, string>;
/** Provider A's order done by technician 0 (booked, checked in, completed, code sent); the other is technician 1's. */
let doneOrder: { id: string; number: string };
let otherOrder: { id: string };

type Entry = { kind: string; id: string; at: string; orderId: string | null; orderNumber: string | null; action: string; body: string | null; detail: Record<string, unknown> };
type Page = { items: Entry[]; nextCursor: string | null };

const timeline = async (query: string, headers = agent) => {
  const res = await t.get(`/contacts/timeline?customerId=${w.customer.id}${query}`, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Page;
};

async function portal() {
  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  expect(res.status).toBe(200);
  customer = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  agent = (await tokenFor(t.services, 'agent', 'contacts-desk')).headers;
  manager = (await tokenFor(t.services, 'manager', 'contacts-manager')).headers;
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'contacts-provider', { providerId: w.provider.id })).headers;
  tech0 = (await tokenFor(t.services, 'technician', 'contacts-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const other = await t.post('/providers', { code: 'CT-OTHER', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099998877' });
  otherAdmin = (await tokenFor(t.services, 'provider_admin', 'contacts-other', { providerId: other.body.id })).headers;
  const s = t.services.workOrders;
  const open = async (technician: number, symptom: string) => {
    let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom, accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
    return s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[technician].id });
  };
  let o = await open(0, '室内机滴水 / indoor unit drips');
  clock.advance(60_000);
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: '2026-06-02T01:00:00Z', to: '2026-06-02T03:00:00Z' });
  clock.set(new Date('2026-06-02T01:30:00Z'));
  o = await s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
  clock.advance(60_000);
  o = await s.perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never);
  clock.advance(60_000);
  o = await s.perform(systemCaller, o.id, 'send_acceptance_code', { version: o.version });
  clock.advance(60_000);
  o = await s.perform(systemCaller, o.id, 'confirm', { version: o.version, overrideReason: '客户电话确认 / confirmed by phone' } as never);
  clock.advance(60_000);
  o = await s.perform(systemCaller, o.id, 'follow_up', { version: o.version, satisfaction: 'delighted', attitude: 5, skill: 5, fixedFirstTime: true, repeatVisit: false } as never);
  doneOrder = o;
  clock.advance(60_000);
  otherOrder = await open(1, '遥控器失灵 / remote dead');
  clock.advance(60_000);
  await t.services.complaints.file(systemCaller, { source: 'phone', category: 'timeliness', severity: 'normal', orderIds: [doneOrder.id], text: '师傅迟到两小时 / two hours late' });
  clock.advance(60_000);
  await portal();
}, 120_000);
afterAll(() => t?.close());

describe(`the contact timeline (${engine})`, () => {
  it('an agent logs a call about an order and a note, and sees them with the order’s SMS and visits on one page', async () => {
    clock.advance(60_000);
    const call = await t.post('/contacts/calls', { customerId: w.customer.id, orderId: doneOrder.id, direction: 'in', phone: w.phone, durationSeconds: 185, outcome: 'reached', notes: '客户问师傅几点到 / asked when the technician comes' }, agent);
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    clock.advance(60_000);
    const note = await t.post('/contacts/notes', { customerId: w.customer.id, text: '老客户，偏好下午上门 / prefers afternoons' }, agent);
    expect(note.status, JSON.stringify(note.body)).toBe(201);

    const page = await timeline('&limit=100');
    const kinds = new Set(page.items.map((e) => e.kind));
    for (const k of ['call', 'note', 'message', 'visit', 'survey', 'complaint', 'portal']) expect(kinds, k).toContain(k);
    expect(page.items[0].kind).toBe('note');
    expect(page.items[1]).toMatchObject({ kind: 'call', orderId: doneOrder.id, orderNumber: doneOrder.number, action: 'reached' });
    expect(page.items.filter((e) => e.kind === 'visit' && e.orderId === doneOrder.id).map((e) => e.action)).toEqual(['complete', 'check_in', 'book']);
    expect(page.items.find((e) => e.kind === 'portal')?.action).toBe('sign_in');
    expect(page.items.find((e) => e.kind === 'survey')).toMatchObject({ action: 'follow_up', orderId: doneOrder.id });
    // Newest first throughout.
    const times = page.items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    // The acceptance code never shows: the body is masked, and the code finds nothing.
    const code = page.items.find((e) => e.kind === 'message' && e.detail.template === 'acceptance_code');
    expect(code?.body).toBeTruthy();
    expect(code?.body).not.toMatch(/(?<![\w-])\d{6}(?![\w-])/);
    expect(String(code?.detail.recipient)).not.toBe(w.phone);
    const sent = await t.database.db.execute(sql`select body_zh from outbox_messages where template = 'acceptance_code' and subject->>'id' = ${doneOrder.id}`);
    const digits = /(?<![\w-])(\d{6})(?![\w-])/.exec((sent as unknown as { rows: { body_zh: string }[] }).rows[0].body_zh)![1];
    expect((await timeline(`&q=${digits}`)).items).toEqual([]);
  });

  it('filters by kind, dates and words; bad filters are a 400 naming the field', async () => {
    expect((await timeline('&kinds=visit,call')).items.every((e) => ['visit', 'call'].includes(e.kind))).toBe(true);
    const words = await timeline(`&q=${encodeURIComponent('几点到')}`);
    expect(words.items.map((e) => e.kind)).toEqual(['call']);
    const symptom = await timeline(`&kinds=visit&q=${encodeURIComponent('滴水')}`);
    expect(symptom.items.length).toBe(3);
    expect((await timeline(`&q=${encodeURIComponent('100%_')}`)).items).toEqual([]);
    const day = await timeline('&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z');
    expect(day.items.length).toBeGreaterThan(0);
    expect(day.items.every((e) => e.at < '2026-06-02T00:00:00Z')).toBe(true);
    for (const [query, field] of [['&kinds=call,fax', 'kinds'], ['&cursor=bogus', 'cursor'], ['&from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z', 'to'], ['&limit=1000', 'limit']]) {
      const res = await t.get(`/contacts/timeline?customerId=${w.customer.id}${query}`, agent);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    expect((await t.get(`/contacts/timeline?customerId=${crypto.randomUUID()}`, agent)).status).toBe(404);
  });

  it('keyset pages walk the whole timeline once, newest first', async () => {
    const whole = (await timeline('&limit=100')).items.map((e) => `${e.kind}:${e.id}`);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await timeline(`&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.items.map((e) => `${e.kind}:${e.id}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(whole);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it('a provider sees only what is about its orders; its technician only their own; another provider not the customer', async () => {
    const mine = await timeline('&limit=100', providerAdmin);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.orderId === doneOrder.id || e.orderId === otherOrder.id)).toBe(true);
    expect(mine.items.some((e) => ['note', 'complaint', 'survey', 'suggestion'].includes(e.kind) || e.action === 'sign_in')).toBe(false);
    expect(mine.items.some((e) => e.kind === 'call' && e.orderId === doneOrder.id)).toBe(true);
    const techs = await timeline('&limit=100', tech0);
    expect(techs.items.length).toBeGreaterThan(0);
    expect(techs.items.every((e) => e.orderId === doneOrder.id)).toBe(true);
    // A word from the complaint and from the note: nothing, whoever searches.
    expect((await timeline(`&q=${encodeURIComponent('迟到')}`, providerAdmin)).items).toEqual([]);
    expect((await timeline(`&q=${encodeURIComponent('下午')}`, tech0)).items).toEqual([]);
    expect((await t.get(`/contacts/timeline?customerId=${w.customer.id}`, otherAdmin)).status).toBe(404);
    // A provider logs a call only about one of its orders, of this customer.
    expect((await t.post('/contacts/notes', { customerId: w.customer.id, text: '无工单' }, providerAdmin)).status).toBe(400);
    const ok = await t.post('/contacts/calls', { customerId: w.customer.id, orderId: otherOrder.id, direction: 'out', phone: w.phone, durationSeconds: 30, outcome: 'no_answer' }, providerAdmin);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    // The technician reads but does not write; the customer reads no timeline at all.
    expect((await t.post('/contacts/calls', { customerId: w.customer.id, orderId: doneOrder.id, direction: 'out', phone: w.phone, durationSeconds: 30, outcome: 'busy' }, tech0)).status).toBe(403);
    expect((await t.get(`/contacts/timeline?customerId=${w.customer.id}`, customer)).status).toBe(403);
  });

  it('the customer submits a suggestion in the portal and reads the answer; a second answer is refused', async () => {
    const made = await t.post('/contacts/suggestions', { topic: 'app', text: '希望能在小程序里看到师傅位置 / show the technician on a map' }, customer);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'open', answer: null });
    expect(made.body).not.toHaveProperty('recordedBy');
    const staffView = await t.get(`/contacts/suggestions?customerId=${w.customer.id}`, agent);
    const mine = staffView.body.items.find((s: { id: string }) => s.id === made.body.id);
    expect(mine).toMatchObject({ channel: 'portal', recordedBy: `customer:${w.customer.id}`, version: 1 });
    expect((await t.post(`/contacts/suggestions/${made.body.id}/answer`, { version: 1, outcome: 'adopted', answer: '下个版本上线 / in the next release' }, providerAdmin)).status).toBe(403);
    const answered = await t.post(`/contacts/suggestions/${made.body.id}/answer`, { version: 1, outcome: 'adopted', answer: '下个版本上线 / in the next release' }, agent);
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect((await t.post(`/contacts/suggestions/${made.body.id}/answer`, { version: 2, outcome: 'noted', answer: '再答' }, manager)).status).toBe(409);
    const read = await t.get('/contacts/suggestions', customer);
    expect(read.status).toBe(200);
    expect(read.body.items[0]).toEqual({ id: made.body.id, topic: 'app', text: made.body.text, status: 'adopted', statusZh: '已采纳', statusEn: 'Adopted', answer: '下个版本上线 / in the next release', answeredAt: expect.any(String), createdAt: made.body.createdAt });
    const detail = await t.get(`/contacts/suggestions/${made.body.id}`, manager);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['record', 'answer']);
    // On the staff timeline, under its own kind, found by the answer's words.
    expect((await timeline(`&kinds=suggestion&q=${encodeURIComponent('下个版本')}`)).items.map((e) => e.action)).toEqual(['adopted']);
  });

  it.runIf(engine === 'postgres')('two answering one suggestion at once: one answer wins, the other is refused', async () => {
    const made = await t.post('/contacts/suggestions', { customerId: w.customer.id, channel: 'phone', topic: 'service', text: '周末也上门 / weekend visits' }, agent);
    expect(made.status).toBe(201);
    const answers = await Promise.all([
      t.post(`/contacts/suggestions/${made.body.id}/answer`, { version: 1, outcome: 'noted', answer: '甲' }, agent),
      t.post(`/contacts/suggestions/${made.body.id}/answer`, { version: 1, outcome: 'declined', answer: '乙' }, manager),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const detail = await t.get(`/contacts/suggestions/${made.body.id}`, manager);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['record', 'answer']);
  });
});
