import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { engine, manualClock, seedWorld, systemCaller, testApp, type TestApp } from './harness.js';
import { realPng } from './images.js';
import { customerViews, type CustomerView } from '../src/server/customer-views.js';
import { staffPrincipal } from '../src/modules/access/index.js';
import { defaultRolePermissions, type Role } from '../src/kernel/permissions.js';
import type { Caller } from '../src/kernel/scopes.js';
import { cnOfficeWeek } from '../src/modules/promises/index.js';

// A customer signed in to the portal sees only their own view of each record. Every route the
// API publishes is tried as a customer: a route that answers them must have a customer view
// (src/http/customer-views.ts), and its answer must carry no field beyond that view's schema.
// On top, no staff username, staff address, provider or technician id, internal reason or note,
// nor a check-in or address coordinate may appear anywhere in what the customer is sent.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let session: { cookie: string; csrf: string };
let order: { id: string; version: number };
let booked: { id: string; version: number };
let photoId: string;
let surveyToken: string | undefined;
const secrets: string[] = [];

const staffAddress = { desk: '198.51.100.23', dispatcher: '198.51.100.61', technician: '203.0.113.45' };
// Coordinates no other record has, so their digits can be looked for in the answers.
const checkIn = { lat: 23.130417, lng: 113.320583 };
const dispatchReason = '内部改派原因-XK93 / internal reassignment XK93';
const workNotes = '内部备注-压缩机序列号 QZ-7781 / internal note';

async function staff(role: Role, username: string, address: string, scope: { providerId?: string; technicianId?: string } = {}): Promise<Caller> {
  const user = await t.services.access.createUser(systemCaller, { username, displayName: username, password: 'a-long-test-password', role, providerId: scope.providerId ?? null, technicianId: scope.technicianId ?? null });
  return { principal: staffPrincipal(user, defaultRolePermissions[role]), address };
}

/** A customer's request; `file` sends raw bytes (a photo upload) instead of JSON. */
async function asCustomer(method: string, path: string, body?: unknown, file?: { bytes: Uint8Array; type: string }) {
  const res = await t.app.request(path, {
    method,
    headers: { 'content-type': file?.type ?? 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: method === 'GET' ? undefined : file ? Buffer.from(file.bytes) : JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.startsWith('application/json');
  return { status: res.status, text, type: res.headers.get('content-type'), setCookie: res.headers.get('set-cookie'), body: isJson && text ? JSON.parse(text) : undefined };
}

async function outbox(template: string) {
  const items = (await t.get('/outbox?limit=200&reveal=true')).body.items as { template: string; bodyZh: string; subject?: { id: string } }[];
  return items.filter((m) => m.template === template);
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  // A national price list, so the order is priced when its work is done and the portal has prices to show.
  const prices = await t.services.fees.createList(systemCaller, { scope: 'national', providerId: null, nameZh: '全国', nameEn: 'National', base: null });
  const labour = [{ categoryId: null, kind: 'repair' as const, mode: 'adjustment' as const, callOutFen: 3000, labourFen: 5000 }];
  const v1 = await t.services.fees.createVersion(systemCaller, prices.id, { effectiveFrom: '2026-01-01', content: { currency: 'CNY', labour, extras: [], distance: [{ areaType: 'city', freeKm: 20, ratePerKmFen: 200, maxKm: null }], areas: [], defaultAreaType: 'city' } });
  await t.services.fees.publish(systemCaller, v1.id, { version: v1.version });
  await t.services.promises.createCalendar(systemCaller, { code: 'CV', nameZh: '日历', nameEn: 'Calendar', timeZone: 'Asia/Shanghai', week: cnOfficeWeek, isDefault: true, days: [] });
  await t.services.promises.createPolicy(systemCaller, {
    code: 'CV',
    nameZh: '标准',
    nameEn: 'Standard',
    active: true,
    targets: { first_response: { customerMinutes: 240, internalMinutes: 120 }, on_site: { customerMinutes: 1440, internalMinutes: 960 }, resolution: { customerMinutes: 2880, internalMinutes: 1920 } },
    warnShare: 0.75,
    beatenShare: 0.25,
    warnRole: 'dispatcher',
    escalateRole: 'manager',
  });
  const desk = await staff('agent', 'desk-li-cv', staffAddress.desk);
  const dispatcher = await staff('dispatcher', 'zhou-dispatch-cv', staffAddress.dispatcher);
  const tech = w.technicians[0];
  const technician = await staff('technician', 'wang-tech-cv', staffAddress.technician, { providerId: w.provider.id, technicianId: tech.id });
  const s = t.services.workOrders;

  // The whole life of an order, each step by a named member of staff from their own address.
  let o = (await s.intake(desk, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '空调漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(dispatcher, o.id, 'dispatch', { version: o.version, providerId: w.provider.id, reason: dispatchReason });
  o = await s.perform(dispatcher, o.id, 'assign', { version: o.version, technicianId: w.technicians[1].id });
  o = await s.perform(dispatcher, o.id, 'assign', { version: o.version, technicianId: tech.id, reason: dispatchReason });
  o = await s.perform(technician, o.id, 'accept_job', { version: o.version });
  o = await s.perform(technician, o.id, 'book', { version: o.version, from: '2026-06-01T06:00:00Z', to: '2026-06-01T08:00:00Z', note: dispatchReason });
  clock.advance(6 * 3_600_000);
  o = await s.perform(technician, o.id, 'check_in', { version: o.version, ...checkIn });
  photoId = (await t.services.photos.add(technician, o.id, 'serial', 'image/png', realPng)).id;
  clock.advance(3_600_000);
  o = await s.perform(technician, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01', notes: workNotes, confirmedSerials: [w.unit.serials[0].serial] });
  o = await s.perform(technician, o.id, 'send_acceptance_code', { version: o.version });
  order = o;
  // A second order with a visit days ahead, for the customer to move and then cancel.
  let b = (await s.intake(desk, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '空调异响', accept: true, priority: 'normal', channel: 'phone' })).order;
  b = await s.perform(dispatcher, b.id, 'dispatch', { version: b.version, providerId: w.provider.id, reason: dispatchReason });
  b = await s.perform(dispatcher, b.id, 'assign', { version: b.version, technicianId: tech.id });
  booked = await s.perform(technician, b.id, 'book', { version: b.version, from: '2026-06-05T01:00:00Z', to: '2026-06-05T03:00:00Z', note: dispatchReason });

  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 3600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  expect(res.status).toBe(200);
  session = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };

  secrets.push(
    'desk-li-cv',
    'zhou-dispatch-cv',
    'wang-tech-cv',
    'tester',
    'user:',
    'token:',
    ...Object.values(staffAddress),
    w.provider.id,
    w.technicians[0].id,
    w.technicians[1].id,
    String(checkIn.lat),
    String(checkIn.lng),
    '23.13',
    '113.32',
    'XK93',
    'QZ-7781',
    'dispatcher',
    'manager',
    'internal',
  );
}, 120_000);
afterAll(() => t?.close());

/** A part charged to the customer on their order (a staff line, its payer changed), for them to dispute. */
async function customerCharge() {
  const added = await t.services.fees.addLine(systemCaller, order.id, { kind: 'part', nameZh: '配件', nameEn: 'Part', priceFen: 8800, quantity: 1 });
  const line = added.lines.filter((l) => l.source === 'staff').at(-1)!;
  await t.services.fees.changePayer(systemCaller, order.id, line.id, { version: line.version, payer: 'customer', reason: '顾客要求更换的配件' });
  return line.id;
}

/** A dispute the customer raised in the portal; `decided`: upheld by a named reviewer from their address. */
async function feeDispute(decided: boolean) {
  const raised = await asCustomer('POST', `/work-orders/${order.id}/fee-disputes`, { lineId: await customerCharge(), reason: 'excessive_part_cost', text: '配件太贵' });
  expect(raised.status).toBe(201);
  if (!decided) return raised.body as { id: string; version: number };
  const reviewer = await staff('manager', `lin-review-cv-${Date.now()}`, '198.51.100.77');
  secrets.push('lin-review-cv', '198.51.100.77');
  return t.services.disputes.review(reviewer, raised.body.id, { version: raised.body.version, outcome: 'upheld', reason: '配件价格按目录退还' });
}

/** An out-of-warranty repair of the customer's (so they pay), assigned, with a quote offered by SMS link. */
async function offeredQuote() {
  const s = t.services;
  const unit = await s.units.register(systemCaller, { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'main', serial: `CVQ-${Date.now()}` }], purchaseDate: '2019-05-01', channel: 'store', priceFen: 259900 } as never);
  let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: unit.id, symptom: '不制冷', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
  const q = await s.fees.quotes.create(systemCaller, o.id, { jobMode: 'adjustment', extras: [], parts: [] });
  await s.fees.quotes.offer(systemCaller, o.id, q.id, { sendSms: true });
  const sms = (await outbox('quote_link')).find((m) => m.subject?.id === o.id)!;
  return { orderId: o.id, quoteId: q.id, token: /\/quote#([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(sms.bodyZh)![1] };
}

/** The link of a receipt sent for the customer's order. */
async function receiptToken() {
  await t.services.fees.payments.sendReceipt(systemCaller, order.id);
  const sms = (await outbox('receipt_link')).find((m) => m.subject?.id === order.id)!;
  return /\/receipt-links\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(sms.bodyZh)![1];
}

/** A complaint about the customer's order, filed and handled by named staff from their addresses; `resolved`: with compensation and a resolution to answer. */
async function complaint(resolved: boolean) {
  const desk = await staff('agent', `desk-cp-cv-${Date.now()}`, '198.51.100.81');
  const boss = await staff('manager', `boss-cp-cv-${Date.now()}`, '198.51.100.82');
  secrets.push('desk-cp-cv', 'boss-cp-cv', '198.51.100.81', '198.51.100.82');
  let c = (await t.services.complaints.file(desk, { source: 'phone', category: 'service_attitude', severity: 'normal', orderIds: [order.id], text: '师傅态度不好' })) as { id: string; version: number };
  await t.services.complaints.addContact(desk, c.id, { channel: 'phone', direction: 'out', summary: 'internal: 顾客脾气急' });
  if (!resolved) return c;
  await t.services.complaints.addCompensation(boss, c.id, { kind: 'refund', amount: { amountFen: 3000, currency: 'CNY' }, note: 'internal: 网点承担' });
  c = (await t.services.complaints.share(boss, c.id, { version: c.version, text: 'internal: 请网点整改' })) as { id: string; version: number };
  return t.services.complaints.resolve(desk, c.id, { version: c.version, rootCause: 'attitude', resolution: '已致歉并退还上门费' });
}

/** A care message in the customer's portal inbox (a marketing one, so it carries both signed links): its id and tokens. */
let careMessage: { id: string; click: string; unsubscribe: string } | undefined;
async function careInboxMessage() {
  if (careMessage) return careMessage;
  const s = t.services.care;
  await s.updateConsents(systemCaller, w.customer.id, { changes: [{ channel: 'inbox', purpose: 'marketing', granted: true }], source: 'console', evidence: 'signed form' });
  const c = await s.create(systemCaller, { name: '每月关怀', purpose: 'marketing', trigger: { kind: 'monthly', dayOfMonth: 2 }, audience: {}, template: { zh: '{name}您好 {link}', en: 'Hi {name} {link}' }, channels: ['inbox'], conversionDays: 30 });
  await s.setStatus(systemCaller, c.id, { version: c.version, status: 'active' });
  await s.run(systemCaller, c.id, '2026-01-02');
  const inbox = await s.inbox({ principal: { kind: 'customer', customerId: w.customer.id, permissions: new Set() }, address: null }, { limit: 1, offset: 0 });
  const body = inbox.items[0].body;
  careMessage = { id: inbox.items[0].id, click: /\/care-links\/click\/([^\s]+)/.exec(body)![1], unsubscribe: /\/care-links\/unsubscribe\/([^\s]+)/.exec(body)![1] };
  return careMessage;
}

/** A request each customer route is walked with; a listed route without one fails the test. */
async function requestFor(key: string): Promise<{ path: string; body?: unknown; file?: { bytes: Uint8Array; type: string } }> {
  const [, path] = key.split(' ');
  const id = (value: string) => path.replace('{id}', value);
  switch (key) {
    case 'GET /auth/me':
    case 'POST /auth/sign-out':
    case 'GET /catalog/categories':
    case 'GET /catalog/models':
      return { path };
    case 'POST /portal/code':
      return { path, body: { phone: w.phone } };
    case 'POST /portal/sign-in': {
      const [sms] = (await outbox('portal_code')).slice(-1);
      return { path, body: { phone: w.phone, code: /(\d{6})/.exec(sms.bodyZh)![1] } };
    }
    case 'POST /portal/link/redeem':
      return { path, body: { token: (await t.services.access.customerLink(systemCaller, w.customer.id, 600)).token } };
    case 'GET /customers':
      return { path: `${path}?limit=5` };
    case 'GET /customers/{id}':
      return { path: id(w.customer.id) };
    case 'GET /catalog/models/{id}':
      return { path: id(w.model.id) };
    case 'POST /units':
      return { path, body: { modelId: w.model.id, ownerId: w.customer.id, serials: [{ serial: `CV-${Date.now()}` }], purchaseDate: '2026-05-20', channel: 'online', priceFen: 199900 } };
    case 'GET /units':
      return { path: `${path}?ownerId=${w.customer.id}` };
    case 'GET /units/{id}':
    case 'GET /units/{id}/warranty':
      return { path: id(w.unit.id) };
    case 'POST /work-orders':
      return { path, body: { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '又漏水了' } };
    case 'GET /work-orders':
      return { path: `${path}?customerId=${w.customer.id}` };
    case 'POST /work-orders/{id}/confirm': {
      const sms = (await outbox('acceptance_code')).find((m) => m.subject?.id === order.id)!;
      return { path: id(order.id), body: { version: order.version, code: /验收码 (\d{6})/.exec(sms.bodyZh)![1] } };
    }
    case 'GET /photos/{id}':
      return { path: id(photoId) };
    case 'GET /fee-schedule':
      return { path: `${path}?categoryId=${w.category.id}&province=${encodeURIComponent('广东省')}` };
    case 'GET /work-orders/{id}/booking-windows':
      return { path: `${id(booked.id)}?from=2026-06-05&days=1` };
    case 'POST /work-orders/{id}/book':
      return { path: id(booked.id), body: { version: booked.version, from: '2026-06-05T04:00:00Z', to: '2026-06-05T06:00:00Z' } };
    case 'POST /work-orders/{id}/cancel':
      return { path: id(booked.id), body: { version: booked.version + 1, reason: '改天再说' } };
    case 'GET /return-timelines': {
      // A case of theirs, so the timeline has lines, money and entries to check.
      const o = (await t.services.workOrders.intake(systemCaller, { kind: 'return_exchange', customerId: w.customer.id, unitId: w.unit.id, symptom: '退换货', accept: true, priority: 'normal', channel: 'phone' })).order;
      const c = await t.services.returns.open(systemCaller, { orderId: o.id, lines: [{ unitId: w.unit.id, faultCode: 'S01', kind: 'performance', requested: 'repair' }] } as never);
      await t.services.returns.reject(systemCaller, c.id, { version: c.version, reason: 'internal: 顾客未付款' });
      return { path };
    }
    case 'POST /complaints':
      return { path, body: { category: 'timeliness', orderIds: [order.id], text: '迟到了两个小时' } };
    case 'GET /units/{id}/contracts': {
      // A contract sold by a named desk agent, with visits and a history the customer must not see.
      const seller = await staff('agent', `desk-ct-cv-${Date.now()}`, '198.51.100.91');
      secrets.push('desk-ct-cv', '198.51.100.91');
      await t.services.contracts.sell(seller, w.unit.id, { kind: 'maintenance', termMonths: 12, price: { amountFen: 30000, currency: 'CNY' }, coversLabour: true, coversParts: false, visitsIncluded: 2, visitEveryMonths: 6 });
      return { path: id(w.unit.id) };
    }
    case 'POST /contracts/{id}/renew': {
      // A month's contract: its renewal is open from the start (30 days before its end).
      const seller = await staff('agent', `desk-rn-cv-${Date.now()}`, '198.51.100.92');
      secrets.push('desk-rn-cv', '198.51.100.92');
      const c = await t.services.contracts.sell(seller, w.unit.id, { kind: 'maintenance', termMonths: 1, price: { amountFen: 9900, currency: 'CNY' }, coversLabour: true, coversParts: false, visitsIncluded: 0, visitEveryMonths: 6 });
      return { path: id(c.id), body: { version: c.version, acceptTerms: true } };
    }
    case 'GET /customers/{id}/loyalty':
    case 'POST /customers/{id}/referral-code':
      return { path: id(w.customer.id) };
    case 'GET /complaints':
      await complaint(true);
      return { path };
    case 'GET /complaints/{id}':
      return { path: id((await complaint(true)).id) };
    case 'POST /complaints/{id}/answer': {
      const c = await complaint(true);
      return { path: id(c.id), body: { version: c.version, accepted: false, reason: '还没赔地板' } };
    }
    case 'POST /contacts/suggestions':
      return { path, body: { topic: 'app', text: '希望能预约晚上 / evening visits' } };
    case 'GET /contacts/suggestions':
    case 'GET /contacts/suggestions/{id}': {
      // One answered by staff, so the answer (and nothing of who answered) is in what they read.
      const made = await t.services.contacts.recordSuggestion(systemCaller, { customerId: w.customer.id, channel: 'phone', topic: 'service', text: '电话里提的建议' });
      await t.services.contacts.answerSuggestion(systemCaller, made.id, { version: 1, outcome: 'noted', answer: '已记录 / noted' });
      return { path: key.endsWith('{id}') ? id(made.id) : path };
    }
    case 'POST /work-orders/{id}/fee-disputes':
      return { path: id(order.id), body: { lineId: await customerCharge(), reason: 'excessive_part_cost', text: '配件太贵', photoIds: [photoId] } };
    case 'GET /fee-disputes':
      await feeDispute(true);
      return { path };
    case 'GET /fee-disputes/{id}':
      return { path: id((await feeDispute(true)).id) };
    case 'POST /fee-disputes/{id}/evidence':
      return { path: id((await feeDispute(false)).id), file: { bytes: realPng, type: 'image/png' } };
    case 'GET /fee-disputes/{id}/evidence/{fileId}': {
      const d = await feeDispute(false);
      const added = await asCustomer('POST', `/fee-disputes/${d.id}/evidence`, undefined, { bytes: realPng, type: 'image/png' });
      expect(added.status).toBe(201);
      return { path: id(d.id).replace('{fileId}', added.body.evidence[0].id) };
    }
    case 'POST /fee-disputes/{id}/withdraw': {
      const d = await feeDispute(false);
      return { path: id(d.id), body: { version: d.version } };
    }
    case 'POST /work-orders/{id}/quotes/{quoteId}/accept':
    case 'POST /work-orders/{id}/quotes/{quoteId}/refuse': {
      const q = await offeredQuote();
      return { path: path.replace('{id}', q.orderId).replace('{quoteId}', q.quoteId), body: key.endsWith('accept') ? {} : { reason: '太贵了' } };
    }
    case 'GET /quote-links/{token}':
    case 'POST /quote-links/{token}/accept':
    case 'POST /quote-links/{token}/refuse': {
      const q = await offeredQuote();
      return { path: path.replace('{token}', q.token), body: key.startsWith('POST') ? { signedName: '王女士' } : undefined };
    }
    case 'GET /receipt-links/{token}':
      return { path: path.replace('{token}', await receiptToken()) };
    case 'GET /survey-links/{token}':
    case 'POST /survey-links/{token}': {
      // The order's one survey, sent once; the link is read and answered by the customer.
      surveyToken ??= (await t.services.followUps.sendOrderSurvey(systemCaller, order.id, 'sms')).token;
      const answer = { satisfaction: 'neutral', aspects: { timeliness: 4, attitude: 5, skill: 4, tidiness: 3, priceTransparency: 4 }, nps: 8, npsReason: '还行', comment: '师傅准时' };
      return { path: path.replace('{token}', surveyToken), body: key.startsWith('POST') ? answer : undefined };
    }
    case 'GET /follow-ups/portal-survey/{id}':
      // The order's one survey, open for the customer in the portal (the same link's token).
      surveyToken ??= (await t.services.followUps.sendOrderSurvey(systemCaller, order.id, 'sms')).token;
      return { path: path.replace('{id}', order.id) };
    case 'GET /portal/care/messages':
    case 'GET /portal/care/consents':
      return { path };
    case 'PUT /portal/care/consents':
      return { path, body: { changes: [{ channel: 'email', purpose: 'survey', granted: true }] } };
    case 'POST /portal/care/messages/{id}/read':
      return { path: id((await careInboxMessage()).id) };
    case 'GET /care-links/click/{token}':
      return { path: `${path.replace('{token}', (await careInboxMessage()).click)}?json=1` };
    case 'GET /care-links/unsubscribe/{token}':
    case 'POST /care-links/unsubscribe/{token}':
      return { path: path.replace('{token}', (await careInboxMessage()).unsubscribe) };
    default:
      if (path.startsWith('/work-orders/{id}')) return { path: id(order.id) };
      throw new Error(`no request for ${key}: add one to this test`);
  }
}

type Def = { type: string; shape?: Record<string, z.ZodType>; catchall?: z.ZodType; element?: z.ZodType; innerType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Where a value has more than its schema allows, walking both together: a key the schema does not
 * name, a schema that is not strict, or one open to anything (record, unknown) — a customer view
 * names every field it sends.
 */
function beyondSchema(schema: z.ZodType, value: unknown, path = '$'): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'prefault':
    case 'nonoptional':
    case 'catch':
      return value === null || value === undefined ? [] : beyondSchema(def.innerType!, value, path);
    case 'pipe':
      return beyondSchema(def.in!, value, path);
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
      const problems = def.catchall && defOf(def.catchall).type === 'never' ? [] : [`${path}: schema is not strict`];
      for (const [k, v] of Object.entries(value)) {
        if (!def.shape![k]) problems.push(`${path}.${k}: not in the customer schema`);
        else problems.push(...beyondSchema(def.shape![k], v, `${path}.${k}`));
      }
      return problems;
    }
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => beyondSchema(def.element!, v, `${path}[${i}]`)) : [`${path}: not an array`];
    case 'union': {
      const tries = def.options!.map((o) => beyondSchema(o, value, path));
      return tries.find((p) => p.length === 0) ?? tries.sort((a, b) => a.length - b.length)[0];
    }
    case 'record':
    case 'unknown':
    case 'any':
    case 'custom':
      return [`${path}: the customer schema is open-ended (${def.type})`];
    default:
      return schema.safeParse(value).success ? [] : [`${path}: not a ${def.type}`];
  }
}

describe(`what a customer is sent (${engine})`, () => {
  it('walks every route the API publishes: customers reach only routes with a customer view, and get nothing beyond it', async () => {
    const views: Record<string, CustomerView> = customerViews(t.services);
    const spec = (await t.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const published = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    // No customer view for a route that is not there (renamed or gone).
    expect(Object.keys(views).filter((k) => !published.includes(k))).toEqual([]);

    const failures: string[] = [];
    // Which routes a customer can call is what the server does, not a list: every route the
    // customer is not refused (403) must have a customer view. Ways in that act on credentials
    // in the body (they answer someone signed in to nobody) are not the customer's session.
    for (const key of published.filter((k) => !views[k])) {
      const [method, path] = key.split(' ');
      const concrete = path.replace('{id}', order.id).replace('{role}', 'agent');
      const anonymous = await t.app.request(concrete, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      if (anonymous.status !== 401) continue;
      const res = await asCustomer(method, concrete, {});
      if (res.status !== 403) failures.push(`${key}: a customer gets ${res.status}, but the route has no customer view`);
    }

    // The routes with a view, each with a real request. Confirming comes first (so the history
    // shows it); signing out ends the session, so it comes last.
    const walk = Object.keys(views).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const seen: string[] = [];
    for (const key of walk) {
      const view = views[key];
      const [method] = key.split(' ');
      const req = await requestFor(key);
      const res = await asCustomer(method, req.path, req.body, req.file);
      if (res.status < 200 || res.status >= 300) {
        failures.push(`${key}: ${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      seen.push(key);
      // Reshaping an answer keeps its headers: signing in still sets the session cookie.
      if ((key === 'POST /portal/sign-in' || key === 'POST /portal/link/redeem') && !res.setCookie?.startsWith('aftercare_session=')) failures.push(`${key}: no session cookie`);
      for (const secret of secrets) if (res.text.includes(secret)) failures.push(`${key}: the answer contains "${secret}"`);
      if (view.kind === 'file') {
        if (!view.contentTypes.test(res.type ?? '')) failures.push(`${key}: content type ${res.type}`);
        continue;
      }
      if (view.kind === 'empty') {
        if (res.text !== '') failures.push(`${key}: a body where none belongs`);
        continue;
      }
      failures.push(...beyondSchema(view.schema, res.body).map((p) => `${key}: ${p}`));
      const parsed = view.schema.safeParse(res.body);
      if (!parsed.success) failures.push(`${key}: does not fit its schema: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(seen.sort()).toEqual(Object.keys(views).sort());
  }, 240_000);

  it("shows the order's life as milestones, naming the technician and the window only", async () => {
    const link = await t.services.access.customerLink(systemCaller, w.customer.id, 600);
    const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
    session = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    const history = (await asCustomer('GET', `/work-orders/${order.id}/history`)).body.items as { milestone: string; technicianName: string | null; window: unknown }[];
    expect(history.map((h) => h.milestone)).toEqual(['received', 'accepted', 'dispatched', 'technician_assigned', 'technician_assigned', 'visit_booked', 'arrived', 'work_done', 'acceptance_code_sent', 'confirmed']);
    expect(history.filter((h) => h.milestone === 'technician_assigned').map((h) => h.technicianName)).toEqual([w.technicians[1].name, w.technicians[0].name]);
    expect(history.find((h) => h.milestone === 'visit_booked')?.window).toEqual({ from: '2026-06-01T06:00:00.000Z', to: '2026-06-01T08:00:00.000Z' });
    const promise = (await asCustomer('GET', `/work-orders/${order.id}/promise`)).body as { milestones: { milestone: string; dueAt: string | null; outcome: string | null }[] };
    expect(promise.milestones.map((m) => m.milestone).sort()).toEqual(['first_response', 'on_site', 'resolution']);
    // The order went through in time: each milestone met, and how well.
    expect(promise.milestones.map((m) => m.outcome)).toEqual(['beaten', 'beaten', 'beaten']);
    // Staff still see everything.
    const staffHistory = (await t.get(`/work-orders/${order.id}/history`)).body.items as { actor: string; actorAddress: string | null }[];
    expect(staffHistory.map((h) => h.actorAddress)).toContain(staffAddress.technician);
  });
});

function rank(key: string): number {
  if (key === 'POST /work-orders/{id}/confirm') return 0;
  if (key === 'POST /auth/sign-out') return 2;
  return 1;
}
