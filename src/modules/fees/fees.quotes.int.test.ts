import { uniquePng } from '../../../test/images.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

// Quotes before paid work, payments and receipts, through the API: the journey "out-of-warranty
// repair quoted, accepted, paid" (+ a partial payment and a refund), the signed SMS link accepted
// once and refused when reused, expired or altered, a change on site superseding the accepted
// quote, a refused quote ending as an inspection, bad input, and one payment for a retried key.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let agent: Record<string, string>;
let tech: Record<string, string>;
let oldUnitId: string;
let day = 0;

const content = (categoryId: string) => ({
  labour: [
    { categoryId, kind: 'repair', mode: 'part_swap', callOutFen: 3000, labourFen: 12000 },
    { categoryId, kind: 'repair', mode: 'adjustment', callOutFen: 3000, labourFen: 5000 },
    { categoryId, kind: 'repair', mode: 'inspection', callOutFen: 3000, labourFen: 2000 },
  ],
  extras: [{ code: 'pipe_m', nameZh: '加长铜管（每米）', nameEn: 'Pipe extension (per metre)', unit: 'metre', priceFen: 6500, customerPays: true }],
  distance: [],
  areas: [],
  defaultAreaType: 'city',
});

/** An order of the out-of-warranty unit, the technician on site on a day of its own. */
async function onSite(unitId = oldUnitId) {
  day += 4; // the expired-link test moves the clock three days on
  const d = `2026-06-${String(day).padStart(2, '0')}`;
  const s = t.services.workOrders;
  clock.set(new Date(`${d}T00:00:00Z`));
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId, symptom: '漏水 / leaks', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `${d}T02:00:00Z`, to: `${d}T03:00:00Z` });
  clock.set(new Date(`${d}T02:10:00Z`));
  return s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
}
async function complete(orderId: string) {
  const o = (await t.get(`/work-orders/${orderId}`, manager)).body;
  return t.post(`/work-orders/${orderId}/complete`, { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' }, tech);
}
const outbox = async (orderId: string) => (await t.get('/outbox?limit=200&reveal=true')).body.items.filter((m: any) => m.subject?.id === orderId);
const linkOf = (body: string, prefix: string) => new RegExp(`${prefix}([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`).exec(body)![1];
const sum = (xs: { amountFen: number }[]) => xs.reduce((n, x) => n + x.amountFen, 0);
let keyN = 0;
const pay = (orderId: string, body: Record<string, unknown>, headers = tech) => t.post(`/work-orders/${orderId}/payments`, { idempotencyKey: `pay-key-${++keyN}`, method: 'cash', collectedBy: 'technician', ...body }, headers);

async function portal() {
  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 3600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'quotes-manager')).headers;
  agent = (await tokenFor(t.services, 'agent', 'quotes-desk')).headers;
  tech = (await tokenFor(t.services, 'technician', 'quotes-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const old = await t.post('/units', { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'main', serial: `QOLD-${Date.now()}` }], purchaseDate: '2022-01-10', channel: 'store', invoiceNumber: 'INV-Q', priceFen: 259900 });
  oldUnitId = old.body.id;
  const list = await t.post('/price-lists', { scope: 'national', nameZh: '全国收费标准', nameEn: 'National price list' }, manager);
  const v = await t.post(`/price-lists/${list.body.id}/versions`, { effectiveFrom: '2026-01-01', content: content(w.category.id) }, manager);
  expect((await t.post(`/price-list-versions/${v.body.id}/publish`, { version: 1 }, manager)).status).toBe(200);
});
afterAll(() => t.close());

describe(`quotes, payments and receipts on ${engine}`, () => {
  it('out-of-warranty repair quoted, accepted through the SMS link, paid in part, paid, refunded in part', async () => {
    const o = await onSite();
    // No accepted quote: the work is not completed, and the answer names why.
    const early = await complete(o.id);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('quote_not_accepted');
    expect(early.body.error.message).toContain('报价');
    const q = await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'part_swap', extras: [{ code: 'pipe_m', quantity: 2 }] }, tech);
    expect(q.status).toBe(201);
    expect(q.body).toMatchObject({ status: 'draft', number: 1, customerFen: 3000 + 12000 + 13000 });
    expect(q.body.lines.every((l: any) => l.payer === 'customer')).toBe(true);
    const offered = await t.post(`/work-orders/${o.id}/quotes/${q.body.id}/offer`, { sendSms: true }, tech);
    expect(offered.body.status).toBe('offered');
    const named = await complete(o.id);
    expect(named.body.error.details[0].quoteId).toBe(q.body.id);
    const sms = (await outbox(o.id)).find((m: any) => m.template === 'quote_link');
    const token = linkOf(sms.bodyZh, '/quote#');
    expect(sms.bodyEn).toContain('¥280.00');
    // The link page needs nobody signed in; an altered token is refused.
    const view = await t.app.request(`/quote-links/${token}`);
    expect(view.status).toBe(200);
    const seen = (await view.json()) as any;
    expect(seen).toMatchObject({ status: 'offered', customerFen: 28000, orderNumber: o.number });
    expect(JSON.stringify(seen)).not.toContain('quotes-tech');
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect((await t.app.request(`/quote-links/${tampered}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
    const forged = `${Buffer.from(JSON.stringify({ k: 'quote', id: q.body.id, n: 'x', exp: Date.now() * 2 })).toString('base64url')}.${token.split('.')[1]}`;
    expect((await t.app.request(`/quote-links/${forged}`)).status).toBe(400);
    const accept = () => t.app.request(`/quote-links/${token}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signedName: '王女士' }) });
    const first = await accept();
    expect(first.status).toBe(200);
    expect(((await first.json()) as any).status).toBe('accepted');
    const again = await accept();
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).error.code).toBe('link_used');

    const done = await complete(o.id);
    expect(done.status).toBe(200);
    const fees = (await t.get(`/work-orders/${o.id}/fees`, manager)).body;
    expect(fees.lines.map((l: any) => [l.kind, l.amountFen, l.source])).toEqual([
      ['call_out', 3000, 'auto'],
      ['labour', 12000, 'auto'],
      ['extra', 13000, 'staff'],
    ]);
    expect(fees.pricing.jobMode).toBe('part_swap');

    // Paid in part in cash, the rest by WeChat Pay; then 30 yuan refunded with a reason.
    const part = await pay(o.id, { amountFen: 10000 });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ totalFen: 28000, paidFen: 10000, balanceFen: 18000 });
    expect(part.body.items[0]).toMatchObject({ collectedBy: 'technician', collectedById: w.technicians[0].id, method: 'cash' });
    const over = await pay(o.id, { amountFen: 18001, method: 'wechat_pay', reference: 'WX1' });
    expect(over.status).toBe(422);
    expect(over.body.error.details[0].path).toBe('amountFen');
    const rest = await pay(o.id, { amountFen: 18000, method: 'wechat_pay', reference: 'WX4200001', collectedBy: 'provider' }, agent);
    expect(rest.body).toMatchObject({ paidFen: 28000, balanceFen: 0 });
    expect(rest.body.items[1]).toMatchObject({ collectedBy: 'provider', collectedById: w.provider.id });
    const noReason = await pay(o.id, { amountFen: -3000 });
    expect(noReason.body.error.details[0].path).toBe('reason');
    const tooMuch = await pay(o.id, { amountFen: -28001, reason: '多收 / overcharged' });
    expect(tooMuch.status).toBe(422);
    const refund = await pay(o.id, { amountFen: -3000, reason: '铜管少用一米 / one metre less pipe', method: 'wechat_pay', reference: 'WXR1', collectedBy: 'provider' }, agent);
    expect(refund.body).toMatchObject({ paidFen: 28000, refundedFen: 3000, balanceFen: 3000 });

    // The receipt adds up to its lines; the customer sees it without staff names.
    const receipt = (await t.get(`/work-orders/${o.id}/receipt`, manager)).body;
    expect(receipt.totalFen).toBe(sum(receipt.lines));
    expect(receipt.balanceFen).toBe(receipt.totalFen - sum(receipt.payments));
    const customer = await portal();
    const mine = await t.app.request(`/work-orders/${o.id}/receipt`, { headers: customer });
    const mineBody = (await mine.json()) as any;
    expect(mine.status).toBe(200);
    expect(mineBody).toMatchObject({ totalFen: 28000, balanceFen: 3000 });
    for (const secret of ['quotes-', 'createdBy', w.technicians[0].id, w.provider.id]) expect(JSON.stringify(mineBody)).not.toContain(secret);
    // Sent as a link; the page is printable, in both languages, and needs no sign-in.
    expect((await t.post(`/work-orders/${o.id}/receipt/send`, {}, agent)).status).toBe(200);
    const receiptSms = (await outbox(o.id)).find((m: any) => m.template === 'receipt_link');
    const page = await t.app.request(`/receipt-links/${linkOf(receiptSms.bodyZh, '/receipt-links/')}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('收费明细 / Receipt');
    expect(html).toContain('¥280.00');
    expect(html).toContain('¥30.00');
    expect((await t.app.request(`/receipt-links/${token}`)).status).toBe(400);
    // Every change is on the record.
    const history = (await t.get(`/work-orders/${o.id}/quotes`, manager)).body.history.map((h: any) => h.action);
    expect(history).toEqual(['drafted', 'offered', 'link_sent', 'accepted']);
    const audit = JSON.stringify((await t.get('/audit?limit=200', manager)).body);
    for (const a of ['fees.quote_offered', 'fees.quote_accepted', 'fees.payment_recorded', 'fees.refund_recorded', 'fees.receipt_sent']) expect(audit).toContain(a);
  });

  it('needs a new acceptance when the quote changes on site; the customer accepts in the portal', async () => {
    const o = await onSite();
    const q1 = (await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'adjustment' }, tech)).body;
    await t.post(`/work-orders/${o.id}/quotes/${q1.id}/offer`, {}, tech);
    const unsigned = await t.post(`/work-orders/${o.id}/quotes/${q1.id}/accept`, { signedName: '王女士' }, tech);
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.details[0].path).toBe('signedName');
    // On the phone the customer also draws their signature: a small PNG, kept with the quote.
    const notPng = await t.post(`/work-orders/${o.id}/quotes/${q1.id}/accept`, { signedName: '王女士', confirmed: true, signature: 'data:image/jpeg;base64,AAAA' }, tech);
    expect([notPng.status, notPng.body.error.details[0].path]).toEqual([400, 'signature']);
    const drawn = `data:image/png;base64,${Buffer.from(uniquePng()).toString('base64')}`;
    const signed = await t.post(`/work-orders/${o.id}/quotes/${q1.id}/accept`, { signedName: '王女士', confirmed: true, signature: drawn }, tech);
    expect(signed.body).toMatchObject({ status: 'accepted', channel: 'phone', signedName: '王女士', signature: drawn });
    // On site a part must be swapped: a new quote supersedes the accepted one.
    const q2 = (await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'part_swap', parts: [{ nameZh: '排水泵', nameEn: 'Drain pump', priceFen: 8850, quantity: 1 }] }, tech)).body;
    expect(q2.customerFen).toBe(3000 + 12000 + 8850);
    await t.post(`/work-orders/${o.id}/quotes/${q2.id}/offer`, {}, tech);
    const quotes = (await t.get(`/work-orders/${o.id}/quotes`, manager)).body.items;
    expect(quotes.map((q: any) => q.status)).toEqual(['superseded', 'offered']);
    const refused = await complete(o.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0].quoteId).toBe(q2.id);
    expect((await t.post(`/work-orders/${o.id}/quotes/${q1.id}/accept`, { signedName: 'x', confirmed: true }, tech)).status).toBe(409);
    const customer = await portal();
    const portalList = (await (await t.app.request(`/work-orders/${o.id}/quotes`, { headers: customer })).json()) as any;
    expect(portalList.items.map((q: any) => q.status)).toEqual(['superseded', 'offered']);
    expect(JSON.stringify(portalList)).not.toContain('quotes-tech');
    const yes = await t.app.request(`/work-orders/${o.id}/quotes/${q2.id}/accept`, { method: 'POST', headers: { ...customer, 'content-type': 'application/json' }, body: '{}' });
    expect(yes.status).toBe(200);
    expect(((await yes.json()) as any).status).toBe('accepted');
    expect((await complete(o.id)).status).toBe(200);
    const fees = (await t.get(`/work-orders/${o.id}/fees`, manager)).body;
    expect(fees.totals.amountFen).toBe(q2.customerFen);
  });

  it('ends a refused quote as an inspection, and refuses an expired link', async () => {
    const o = await onSite();
    const q = (await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'part_swap' }, agent)).body;
    await t.post(`/work-orders/${o.id}/quotes/${q.id}/offer`, { sendSms: true }, agent);
    const token = linkOf((await outbox(o.id)).find((m: any) => m.template === 'quote_link').bodyZh, '/quote#');
    clock.advance(73 * 3600_000);
    const expired = await t.app.request(`/quote-links/${token}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(expired.status).toBe(409);
    expect(((await expired.json()) as any).error.code).toBe('link_expired');
    const no = await t.post(`/work-orders/${o.id}/quotes/${q.id}/refuse`, { reason: '太贵 / too dear' }, tech);
    expect(no.body).toMatchObject({ status: 'refused', refusedReason: '太贵 / too dear' });
    expect((await complete(o.id)).status).toBe(200);
    const fees = (await t.get(`/work-orders/${o.id}/fees`, manager)).body;
    expect(fees.pricing.jobMode).toBe('inspection');
    expect(fees.lines.map((l: any) => [l.kind, l.amountFen])).toEqual([
      ['call_out', 3000],
      ['labour', 2000],
    ]);
  });

  it('completes in-warranty work without a quote, and refuses a quote with nothing for the customer to pay', async () => {
    const o = await onSite(w.unit.id);
    const q = await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'adjustment' }, tech);
    expect(q.status).toBe(422);
    expect(q.body.error.code).toBe('quote_not_needed');
    expect((await complete(o.id)).status).toBe(200);
  });

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const o = await onSite();
    const badMode = await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'magic' }, tech);
    expect(badMode.body.error.details[0].path).toBe('jobMode');
    expect((await t.post(`/work-orders/${o.id}/quotes`, {}, tech)).body.error.details[0].path).toBe('jobMode');
    const badExtra = await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'adjustment', extras: [{ code: 'gold_leaf', quantity: 1 }] }, tech);
    expect(badExtra.status).toBe(422);
    expect(badExtra.body.error.details[0].path).toBe('extras.0.code');
    const floatPart = await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'part_swap', parts: [{ nameZh: '泵', nameEn: 'Pump', priceFen: 12.5, quantity: 1 }] }, tech);
    expect(floatPart.body.error.details[0].path).toBe('parts.0.priceFen');
    const floatPay = await pay(o.id, { amountFen: 10.5 });
    expect(floatPay.body.error.details[0].path).toBe('amountFen');
    expect((await pay(o.id, { amountFen: 100, method: 'cheque' })).body.error.details[0].path).toBe('method');
    expect((await pay(o.id, { amountFen: 100, method: 'alipay' })).body.error.details[0].path).toBe('reference');
    expect((await pay(o.id, { amountFen: 100, collectedBy: 'neighbour' })).body.error.details[0].path).toBe('collectedBy');
    expect((await t.post(`/work-orders/${o.id}/payments`, { amountFen: 100, method: 'cash', collectedBy: 'maker' }, tech)).body.error.details[0].path).toBe('idempotencyKey');
    // Nothing is owed before the work is priced: a payment is refused.
    expect((await pay(o.id, { amountFen: 100 })).status).toBe(422);
    expect((await t.get(`/work-orders/${o.id}/quotes`, manager)).body.items).toEqual([]);
    expect((await t.get(`/work-orders/${o.id}/payments`, manager)).body.items).toEqual([]);
    expect((await t.post(`/work-orders/${o.id}/quotes/00000000-0000-4000-8000-000000000000/offer`, {}, tech)).status).toBe(404);
    expect((await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'adjustment' }, (await tokenFor(t.services, 'follow_up', 'quotes-fu')).headers)).status).toBe(403);
  });

  it('records a payment once however often a request is retried at the same moment', async () => {
    const o = await onSite();
    const q = (await t.post(`/work-orders/${o.id}/quotes`, { jobMode: 'adjustment' }, tech)).body;
    await t.post(`/work-orders/${o.id}/quotes/${q.id}/offer`, {}, tech);
    await t.post(`/work-orders/${o.id}/quotes/${q.id}/accept`, { signedName: '李先生', confirmed: true }, tech);
    expect((await complete(o.id)).status).toBe(200);
    const body = { idempotencyKey: 'retry-key-0001', amountFen: 4000, method: 'alipay', reference: 'ALI-77', collectedBy: 'technician' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.post(`/work-orders/${o.id}/payments`, body, tech)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(answers.filter((a) => a.body.replayed === false)).toHaveLength(1);
    const payments = (await t.get(`/work-orders/${o.id}/payments`, manager)).body;
    expect(payments.items).toHaveLength(1);
    expect(payments).toMatchObject({ paidFen: 4000, balanceFen: 8000 - 4000 });
    // The same key for another amount is refused.
    const other = await t.post(`/work-orders/${o.id}/payments`, { ...body, amountFen: 100 }, tech);
    expect(other.status).toBe(409);
    expect(other.body.error.details[0].path).toBe('idempotencyKey');
  });
});
