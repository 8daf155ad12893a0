import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrder } from '../work-orders/index.js';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';

// Follow-up as work, through the API: a confirmed order gets a task by policy (sampled by its id),
// due within the desk's business hours, in a queue soonest first; an agent calls, is not answered
// twice at two times of day and reaches the customer the third time: the order is followed up
// with the legacy form and what the task adds. Quiet hours refuse a call; three failed times of
// day end in an SMS survey; a survey link is answered once; a second survey of the customer
// within the wait is refused (the clock moves on: then allowed); a reopened order is never
// surveyed again; "not fixed" sends the order back and its next confirmation reopens the task.
const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let agent: Record<string, string>;
let manager: Record<string, string>;
let n = 0;

const outbox = async (orderId: string) => (await t.get('/outbox?limit=200&reveal=true')).body.items.filter((m: any) => m.subject?.id === orderId);
const linkOf = (body: string) => /\/survey#([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(body)![1];
const answer = (token: string, body: unknown) => t.app.request(`/survey-links/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const goodAnswer = { satisfaction: 'satisfied', aspects: { timeliness: 5, attitude: 5, skill: 4, tidiness: 5, priceTransparency: 4 }, nps: 9, npsReason: '师傅很专业', comment: '很好' };

/** A customer of their own (the survey wait is per customer) with one unit under warranty. */
async function newCustomer() {
  n += 1;
  const c = await t.post('/customers', { name: `客户${n}`, phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: `体育西路 ${n} 号`, lat: 23.13, lng: 113.32, isDefault: true }] });
  const u = await t.post('/units', { modelId: w.model.id, ownerId: c.body.id, serials: [{ role: 'main', serial: `FU-${n}-${Date.now()}` }], purchaseDate: '2026-03-01', channel: 'store', invoiceNumber: `INV-FU-${n}`, priceFen: 329900 });
  expect(u.status).toBe(201);
  return { customerId: c.body.id as string, unitId: u.body.id as string };
}

/** A repair confirmed on `day` (the technician's visit at 10:00 Shanghai), the clock left at 11:00. */
async function confirmedOrder(who: { customerId: string; unitId: string }, day: string, kind = 'repair') {
  const s = t.services.workOrders;
  clock.set(new Date(`${day}T00:00:00Z`));
  let o = (await s.intake(systemCaller, { kind: kind as 'repair', customerId: who.customerId, unitId: who.unitId, symptom: '漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[n % 2].id });
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `${day}T02:00:00Z`, to: `${day}T02:30:00Z` });
  clock.set(new Date(`${day}T02:05:00Z`));
  o = await s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
  o = await s.perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never);
  clock.set(new Date(`${day}T03:00:00Z`));
  return s.perform(systemCaller, o.id, 'confirm', { version: o.version, overrideReason: '客户电话确认' } as never);
}

const taskOf = async (orderId: string) => (await t.get(`/follow-ups/by-order/${orderId}`, agent)).body;
const attempt = async (orderId: string, body: Record<string, unknown>) => {
  const task = await taskOf(orderId);
  return t.post(`/follow-ups/${task.id}/attempts`, { version: task.version, ...body }, agent);
};

beforeAll(async () => {
  t = await testApp({ clock, services: { publicUrl: 'https://aftercare.example.com' } });
  w = await seedWorld(t);
  agent = (await tokenFor(t.services, 'follow_up', 'fu-agent')).headers;
  manager = (await tokenFor(t.services, 'manager', 'fu-manager')).headers;
}, 60_000);
afterAll(() => t?.close());

describe(`follow-ups (${engine})`, () => {
  it('makes a task at confirmation, due within business hours, queued soonest first', async () => {
    const a = await confirmedOrder(await newCustomer(), '2026-06-05'); // a Friday: 11:00 + 24 business hours runs into the next week
    const b = await confirmedOrder(await newCustomer(), '2026-06-03');
    const ta = await taskOf(a.id);
    expect(ta).toMatchObject({ status: 'open', orderKind: 'repair', scriptVersion: null, maxAttempts: 3, timeZone: 'Asia/Shanghai' });
    expect(ta.script.questions.map((q: any) => q.code)).toContain('fixed');
    // Office hours 09:00–12:00, 13:30–18:00 on working days (7.5 h): 24 business hours from Friday 11:00 end on Wednesday at 14:00.
    expect(ta.dueAt).toBe('2026-06-10T06:00:00.000Z');
    expect(ta.history[0]).toMatchObject({ action: 'created', actor: 'system:follow-ups' });
    const queue = (await t.get('/follow-ups?limit=200', agent)).body.items.map((x: any) => x.orderId);
    expect(queue.indexOf(b.id)).toBeLessThan(queue.indexOf(a.id));
    const dues = (await t.get('/follow-ups?limit=200', agent)).body.items.map((x: any) => x.dueAt);
    expect([...dues].sort()).toEqual(dues);
  });

  it('follows an order up by phone after two unanswered calls at two times of day', async () => {
    const o = await confirmedOrder(await newCustomer(), '2026-06-08');
    clock.set(new Date('2026-06-08T13:30:00Z')); // 21:30 in Shanghai: quiet hours
    const quiet = await attempt(o.id, { result: 'no_answer' });
    expect(quiet.status).toBe(400);
    expect(quiet.body.error.message).toContain('休息时间');
    clock.set(new Date('2026-06-09T02:00:00Z')); // 10:00: morning
    expect((await attempt(o.id, { result: 'no_answer' })).body).toMatchObject({ status: 'open' });
    clock.set(new Date('2026-06-09T02:30:00Z')); // the same morning: counts once
    expect((await attempt(o.id, { result: 'busy' })).body).toMatchObject({ status: 'open' });
    clock.set(new Date('2026-06-09T07:00:00Z')); // 15:00: afternoon
    const second = await attempt(o.id, { result: 'no_answer' });
    expect(second.body).toMatchObject({ status: 'open' });
    expect(second.body.attempts.map((a: any) => a.dayPart)).toEqual(['morning', 'morning', 'afternoon']);
    clock.set(new Date('2026-06-09T11:00:00Z')); // 19:00: evening, reached
    const missing = await attempt(o.id, { result: 'reached', outcome: 'fixed', satisfaction: 'satisfied', answers: { onTime: true } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0]).toMatchObject({ path: 'answers.fixed', zh: '话术要求回答' });
    const done = await attempt(o.id, { result: 'reached', outcome: 'fixed', satisfaction: 'satisfied', attitude: 5, skill: 4, answers: { onTime: true, fixed: true }, lead: { kind: 'extended_warranty', note: '想买延保' }, note: '很满意' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'closed', outcome: 'satisfied', scriptVersion: 1, lead: { kind: 'extended_warranty' }, answers: { onTime: true, fixed: true, satisfaction: 'satisfied' } });
    const order = (await t.get(`/work-orders/${o.id}`)).body;
    expect(order.status).toBe('followed_up');
    // The order's form as work orders kept it, and what the task adds.
    expect(order.followUp).toMatchObject({ satisfaction: 'delighted', attitude: 5, skill: 4, fixedFirstTime: true, repeatVisit: false, comment: '很满意', outcome: 'satisfied', answerCode: 'fixed', scriptVersion: 1 });
    expect((await t.get(`/work-orders/${o.id}/history`)).body.items.map((h: any) => h.action)).toContain('follow_up');
    expect(done.body.history.map((h: any) => h.action)).toEqual(['created', 'attempt', 'attempt', 'attempt', 'attempt', 'closed']);
    expect((await t.post(`/follow-ups/${done.body.id}/attempts`, { version: done.body.version, result: 'no_answer' }, agent)).status).toBe(409);
  });

  it("closes the task when the order's form is filled in by hand", async () => {
    const o = await confirmedOrder(await newCustomer(), '2026-06-10');
    const r = await t.post(`/work-orders/${o.id}/follow-up`, { version: o.version, satisfaction: 'neutral', attitude: 4, skill: 4, fixedFirstTime: true, repeatVisit: false }, agent);
    expect(r.status).toBe(200);
    expect(await taskOf(o.id)).toMatchObject({ status: 'closed', outcome: 'satisfied', answers: { satisfaction: 'neutral', attitude: 4 } });
  });

  it('keeps "nobody came" as an answer code and a complaint as an outcome', async () => {
    const a = await confirmedOrder(await newCustomer(), '2026-06-10');
    clock.set(new Date('2026-06-10T06:00:00Z'));
    expect((await attempt(a.id, { result: 'reached', outcome: 'nobody_came', answers: { onTime: false, fixed: false } })).body.outcome).toBe('nobody_came');
    expect((await t.get(`/work-orders/${a.id}`)).body.followUp).toMatchObject({ answerCode: 'nobody_came', fixedFirstTime: false, satisfaction: 'dissatisfied' });
    const b = await confirmedOrder(await newCustomer(), '2026-06-10');
    clock.set(new Date('2026-06-10T06:00:00Z'));
    const c = await attempt(b.id, { result: 'reached', outcome: 'not_fixed', notFixedAction: 'complaint', answers: { onTime: true, fixed: false }, correction: { faultCode: 'C02', note: '其实是电容坏了' } });
    expect(c.body).toMatchObject({ outcome: 'complaint', correction: { faultCode: 'C02' } });
    expect((await t.get(`/work-orders/${b.id}`)).body.followUp).toMatchObject({ outcome: 'complaint', correction: { faultCode: 'C02', note: '其实是电容坏了' } });
    // The outcome opened a complaint record about the order, linked to the task, on the ladder's first rung.
    const filed = (await t.get(`/complaints?customerId=${b.customerId}`, manager)).body.items;
    expect(filed).toEqual([expect.objectContaining({ source: 'follow_up', orderIds: [b.id], unitIds: [b.unitId], followUpTaskId: c.body.id, status: 'open', level: 'desk', category: 'other' })]);
    const detail = (await t.get(`/complaints/${filed[0].id}`, manager)).body;
    expect(detail.history).toEqual([expect.objectContaining({ action: 'file', actor: expect.stringContaining('fu-agent'), details: expect.objectContaining({ followUpTaskId: c.body.id }) })]);
    // Once: the follow-up form told again (a retry, a replay) files nothing more.
    const order = (await findOrder(t.services.db, b.id))!;
    await t.services.db.transaction(async (tx) => {
      for (let i = 0; i < 2; i += 1) await t.services.complaints.orderFollower.stepped!(tx, order, order, 'follow_up', systemCaller);
    });
    expect((await t.get(`/complaints?customerId=${b.customerId}`, manager)).body.total).toBe(1);
  });

  it('sends a not-fixed order back for a redo; its next confirmation reopens the task', async () => {
    const who = await newCustomer();
    const o = await confirmedOrder(who, '2026-06-11');
    clock.set(new Date('2026-06-11T06:00:00Z'));
    const r = await attempt(o.id, { result: 'reached', outcome: 'not_fixed', notFixedAction: 'redo', answers: { onTime: true, fixed: false } });
    expect(r.body.outcome).toBe('not_fixed_redo');
    let order = (await t.get(`/work-orders/${o.id}`)).body;
    expect(order.status).toBe('assigned');
    const s = t.services.workOrders;
    order = await s.perform(systemCaller, o.id, 'book', { version: order.version, from: '2026-06-12T02:00:00Z', to: '2026-06-12T02:30:00Z' });
    clock.set(new Date('2026-06-12T02:05:00Z'));
    order = await s.perform(systemCaller, o.id, 'check_in', { version: order.version, lat: 23.13, lng: 113.32 });
    order = await s.perform(systemCaller, o.id, 'complete', { version: order.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never);
    await s.perform(systemCaller, o.id, 'confirm', { version: order.version, overrideReason: '客户电话确认' } as never);
    const again = await taskOf(o.id);
    expect(again).toMatchObject({ status: 'open', outcome: null });
    expect(again.history.map((h: any) => h.action)).toContain('reopened');
  });

  it('ends three unanswered times of day with an SMS survey, answered once by its link', async () => {
    const o = await confirmedOrder(await newCustomer(), '2026-06-15');
    for (const at of ['2026-06-15T03:00:00Z', '2026-06-15T07:00:00Z', '2026-06-15T11:00:00Z']) {
      clock.set(new Date(at));
      await attempt(o.id, { result: 'no_answer' });
    }
    const task = await taskOf(o.id);
    expect(task).toMatchObject({ status: 'closed', outcome: 'survey_sent', survey: { channel: 'sms', status: 'sent' } });
    const sms = (await outbox(o.id)).find((m: any) => m.template === 'survey_link');
    expect(sms.bodyZh).toContain('https://aftercare.example.com/survey#');
    const token = linkOf(sms.bodyZh);
    // Nobody signed in: the link is the key; what it shows has no staff in it.
    const seen = await t.app.request(`/survey-links/${token}`);
    expect(seen.status).toBe(200);
    expect(await seen.json()).toEqual({ orderNumber: o.number, orderKind: 'repair', status: 'sent', expiresAt: expect.any(String), answeredAt: null });
    const tampered = `${token.slice(0, -2)}xx`;
    expect((await answer(tampered, goodAnswer)).status).toBe(400);
    const bad = await answer(token, { ...goodAnswer, nps: 11 });
    expect(bad.status).toBe(400);
    const first = await answer(token, goodAnswer);
    expect(first.status).toBe(200);
    expect(((await first.json()) as any).status).toBe('answered');
    const second = await answer(token, goodAnswer);
    expect(second.status).toBe(409);
    expect(((await second.json()) as any).error.code).toBe('survey_answered');
    expect((await taskOf(o.id)).history.map((h: any) => h.action)).toContain('survey_answered');
  });

  it('closes as unreachable on a wrong number when the policy says close', async () => {
    const p = await t.post('/follow-up-policies', { name: '安装全检', rank: 1, orderKind: 'installation', samplePercent: 100, dueBusinessHours: 8, maxAttempts: 2, onUnreachable: 'close' }, manager);
    expect(p.status).toBe(201);
    const none = await t.post('/follow-up-policies', { name: '保养不回访', rank: 2, orderKind: 'maintenance', samplePercent: 0, dueBusinessHours: 8, maxAttempts: 2, onUnreachable: 'close' }, manager);
    expect(none.status).toBe(201);
    expect((await t.post('/follow-up-policies', { name: 'x', rank: 3, samplePercent: 101, dueBusinessHours: 8, maxAttempts: 2, onUnreachable: 'close' }, manager)).status).toBe(400);
    expect((await t.post('/follow-up-policies', { name: 'x', rank: 3, samplePercent: 50, dueBusinessHours: 8, maxAttempts: 2, onUnreachable: 'close' }, agent)).status).toBe(403);
    const who = await newCustomer();
    const maint = await confirmedOrder(who, '2026-06-16', 'maintenance');
    expect((await t.get(`/follow-ups/by-order/${maint.id}`, agent)).status).toBe(404);
    const inst = await confirmedOrder(who, '2026-06-17', 'installation');
    clock.set(new Date('2026-06-17T06:00:00Z'));
    const r = await attempt(inst.id, { result: 'wrong_number' });
    expect(r.body).toMatchObject({ status: 'closed', outcome: 'unreachable', maxAttempts: 2 });
    expect((await outbox(inst.id)).filter((m: any) => m.template === 'survey_link')).toHaveLength(0);
  });

  it('sends one survey per order, never again, and waits between surveys of one customer', async () => {
    const who = await newCustomer();
    const a = await confirmedOrder(who, '2026-06-22');
    const b = await confirmedOrder(who, '2026-06-23');
    const ta = await taskOf(a.id);
    const tb = await taskOf(b.id);
    clock.set(new Date('2026-06-23T04:00:00Z'));
    expect((await t.post(`/follow-ups/${ta.id}/survey`, { channel: 'sms' }, agent)).status).toBe(201);
    expect((await t.post(`/follow-ups/${ta.id}/survey`, { channel: 'portal' }, agent)).body.error.code).toBe('survey_exists');
    // Six days and 23 hours later: still within the customer's wait.
    clock.set(new Date('2026-06-30T03:59:00Z'));
    const early = await t.post(`/follow-ups/${tb.id}/survey`, { channel: 'sms' }, agent);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'survey_wait', details: { until: '2026-06-30T04:00:00.000Z' } });
    clock.set(new Date('2026-06-30T04:00:00Z'));
    expect((await t.post(`/follow-ups/${tb.id}/survey`, { channel: 'sms' }, agent)).status).toBe(201);
    // The order reopened: its survey is never sent again, however long after.
    clock.set(new Date('2026-08-01T04:00:00Z'));
    let order = (await t.get(`/work-orders/${a.id}`)).body;
    order = await t.services.workOrders.perform(systemCaller, a.id, 'redo', { version: order.version, reason: '返修' });
    expect((await t.post(`/follow-ups/${ta.id}/survey`, { channel: 'sms' }, agent)).body.error.code).toBe('survey_exists');
  });

  it('keeps script versions: answers name the version they answered', async () => {
    const v2 = await t.post('/follow-up-scripts', { orderKind: 'repair', questions: [{ code: 'fixed', zh: '修好了吗？', en: 'Fixed?', answer: 'yes_no', required: true }, { code: 'rating', zh: '打几分？', en: 'Score?', answer: 'score', required: true }] }, manager);
    expect(v2.body).toMatchObject({ orderKind: 'repair', version: 2 });
    expect((await t.post('/follow-up-scripts', { orderKind: 'repair', questions: [] }, manager)).status).toBe(400);
    const o = await confirmedOrder(await newCustomer(), '2026-06-24');
    clock.set(new Date('2026-06-24T06:00:00Z'));
    expect((await attempt(o.id, { result: 'reached', outcome: 'fixed', satisfaction: 'neutral', answers: { fixed: true, rating: 9 } })).body.error.details[0].path).toBe('answers.rating');
    const r = await attempt(o.id, { result: 'reached', outcome: 'fixed', satisfaction: 'neutral', answers: { fixed: true, rating: 3 } });
    expect(r.body).toMatchObject({ scriptVersion: 2, script: { version: 2 } });
    expect((await t.get(`/work-orders/${o.id}`)).body.followUp).toMatchObject({ satisfaction: 'neutral', scriptVersion: 2 });
    expect((await t.get('/follow-up-scripts', agent)).body.items.filter((s: any) => s.orderKind === 'repair').map((s: any) => s.version)).toEqual([1, 2]);
  });

  it('reports response rates by channel', async () => {
    const r = await t.get('/follow-ups/response-rates?from=2026-06-01&to=2026-07-01', manager);
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.channels.map((c: any) => [c.channel, c]));
    // SMS: three sent in June (the fallback, and two by hand), one answered.
    expect(by.sms).toMatchObject({ asked: 3, answered: 1 });
    expect(by.sms.rate).toBeCloseTo(1 / 3, 4);
    expect(by.portal).toMatchObject({ asked: 0, answered: 0, rate: 0 });
    // Phone: tasks with a call tried; reached in five of them (satisfied, nobody came, complaint, redo, versioned; not the fallback nor the wrong number).
    expect(by.phone).toMatchObject({ asked: 7, answered: 5 });
    expect((await t.get('/follow-ups/response-rates?from=2026-07-01&to=2026-06-01', manager)).status).toBe(400);
  });

  it('lets the customer answer their open survey from the portal (the link page), once; never for staff or others', async () => {
    const other = await confirmedOrder(await newCustomer(), '2026-07-13');
    const who = await newCustomer();
    const o = await confirmedOrder(who, '2026-07-13');
    const link = await t.services.access.customerLink(systemCaller, who.customerId, 600);
    const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
    const portal = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
    // No survey yet: nothing open.
    expect((await t.get(`/follow-ups/portal-survey/${o.id}`, portal)).body).toEqual({ orderNumber: o.number, survey: null });
    const task = await taskOf(o.id);
    expect((await t.post(`/follow-ups/${task.id}/survey`, { channel: 'portal' }, agent)).status).toBe(201);
    const open = await t.get(`/follow-ups/portal-survey/${o.id}`, portal);
    expect(open.status).toBe(200);
    expect(open.body).toEqual({ orderNumber: o.number, survey: { expiresAt: expect.any(String), token: expect.any(String) } });
    // The token opens the one-time link page and answers it once.
    expect((await answer(open.body.survey.token, goodAnswer)).status).toBe(200);
    expect((await answer(open.body.survey.token, goodAnswer)).status).toBe(409);
    expect((await t.get(`/follow-ups/portal-survey/${o.id}`, portal)).body.survey).toBeNull();
    // Staff never hold a customer's link; another customer's order is not found.
    expect((await t.get(`/follow-ups/portal-survey/${o.id}`, agent)).status).toBe(403);
    expect((await t.get(`/follow-ups/portal-survey/${other.id}`, portal)).status).toBe(404);
    const rates = (await t.get('/follow-ups/response-rates?from=2026-07-01&to=2026-08-01', manager)).body.channels.find((c: { channel: string }) => c.channel === 'portal');
    expect(rates).toMatchObject({ asked: 1, answered: 1 });
  });

  it.skipIf(engine !== 'postgres')('takes one of two answers sent at once, and one of two surveys of a customer', async () => {
    const who = await newCustomer();
    const a = await confirmedOrder(who, '2026-07-06');
    const b = await confirmedOrder(who, '2026-07-07');
    const sent = await t.services.followUps.sendOrderSurvey(systemCaller, a.id, 'sms');
    const answers = await Promise.all([answer(sent.token, goodAnswer), answer(sent.token, { ...goodAnswer, nps: 3 })]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    const c = await newCustomer();
    const c1 = await confirmedOrder(c, '2026-07-08');
    const c2 = await confirmedOrder(c, '2026-07-09');
    const both = await Promise.allSettled([t.services.followUps.sendOrderSurvey(systemCaller, c1.id, 'sms'), t.services.followUps.sendOrderSurvey(systemCaller, c2.id, 'sms')]);
    expect(both.map((x) => x.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(b.id).toBeTruthy();
  });
});
