import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';
import { regionKey } from './work-orders.rules.js';
import { regionKeySql } from './work-orders.tables.js';

// The order list as people work it: filters by provider, region, promise state, booked and
// deadline ranges and words; sorts; bulk steps judged order by order; the export; saved views.
// Provider B's admin never sees nor acts on provider A's orders through any of them.
const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
const allDay = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);

let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let providerB: { id: string };
let techB: { id: string };
let as: Record<'dispatcher' | 'adminA' | 'adminB' | 'agent', Record<string, string>>;
/** A's three dispatched orders, one awaiting dispatch, B's one, a Shanghai one. */
let o: Record<'a1' | 'a2' | 'a3' | 'waiting' | 'b1' | 'sh', { id: string; number: string; version: number; createdAt: string }>;

async function ok(res: { status: number; body: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function openOrder(customerId: string, symptom: string, providerId?: string) {
  // A minute apart: their deadlines and opening times sort in the order they were opened.
  clock.advance(60_000);
  let order = await ok(await t.post('/work-orders', { kind: 'repair', customerId, symptom, accept: true, priority: 'normal' }));
  if (providerId) order = await ok(await t.post(`/work-orders/${order.id}/dispatch`, { version: order.version, providerId }), 200);
  return order;
}

const numbers = (body: { items: { number: string }[] }) => body.items.map((i) => i.number).sort();

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  await t.services.promises.createCalendar(systemCaller, { code: 'ALLDAY', nameZh: '全天', nameEn: 'All day', timeZone: 'Asia/Shanghai', week: allDay, isDefault: true, days: [] });
  // Resolution in an hour, warned at half of it: 30 minutes on, at risk; past 60, broken.
  await t.services.promises.createPolicy(systemCaller, { code: 'FAST', nameZh: '一小时', nameEn: 'One hour', active: true, targets: { resolution: { customerMinutes: 60 } }, warnShare: 0.5, beatenShare: 0.25, warnRole: 'dispatcher', escalateRole: 'manager' });
  providerB = await ok(await t.post('/providers', { code: 'PB', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099998888' }));
  techB = await ok(await t.post('/technicians', { providerId: providerB.id, name: '钱师傅', phone: uniquePhone(), shifts: [] }));
  const shanghai = await ok(await t.post('/customers', { name: '上海客户', phones: [{ phone: uniquePhone() }], addresses: [{ province: '上海市', city: '上海市', district: '浦东新区', street: '世纪大道 1 号', lat: 31.23, lng: 121.5, isDefault: true }] }));
  o = {
    a1: await openOrder(w.customer.id, '不制冷 外机异响', w.provider.id),
    a2: await openOrder(w.customer.id, '漏水', w.provider.id),
    a3: await openOrder(w.customer.id, '漏水严重', w.provider.id),
    waiting: await openOrder(w.customer.id, '噪音'),
    b1: await openOrder(w.customer.id, '不开机', providerB.id),
    sh: await openOrder(shanghai.id, '显示故障'),
  };
  as = {
    dispatcher: (await tokenFor(t.services, 'dispatcher', 'l-dispatcher')).headers,
    agent: (await tokenFor(t.services, 'agent', 'l-agent')).headers,
    adminA: (await tokenFor(t.services, 'provider_admin', 'l-admin-a', { providerId: w.provider.id })).headers,
    adminB: (await tokenFor(t.services, 'provider_admin', 'l-admin-b', { providerId: providerB.id })).headers,
  };
});
afterAll(() => t.close());

describe(`the order list: filters, sorts, bulk steps, export, saved views (${engine})`, () => {
  it('filters by provider, region, words of the symptom, kind and priority; a provider sees only its own', async () => {
    expect(numbers(await ok(await t.get(`/work-orders?providerId=${w.provider.id}`, as.dispatcher), 200))).toEqual([o.a1.number, o.a2.number, o.a3.number].sort());
    expect(numbers(await ok(await t.get(`/work-orders?region=${encodeURIComponent('上海市')}`, as.dispatcher), 200))).toEqual([o.sh.number]);
    // Written without its suffix (or with it, on an address written without) the region is the same place.
    expect(numbers(await ok(await t.get(`/work-orders?region=${encodeURIComponent('上海')}`, as.dispatcher), 200))).toEqual([o.sh.number]);
    expect(numbers(await ok(await t.get(`/work-orders?region=${encodeURIComponent('广州')}`, as.dispatcher), 200))).toEqual([o.a1.number, o.a2.number, o.a3.number, o.waiting.number, o.b1.number].sort());
    expect(numbers(await ok(await t.get(`/work-orders?q=${encodeURIComponent('漏水')}`, as.dispatcher), 200))).toEqual([o.a2.number, o.a3.number].sort());
    // A % in the words is a character, not a wildcard.
    expect((await ok(await t.get(`/work-orders?q=${encodeURIComponent('%')}`, as.dispatcher), 200)).total).toBe(0);
    expect((await ok(await t.get('/work-orders?kind=installation&priority=urgent', as.dispatcher), 200)).total).toBe(0);
    // Provider B asking for A's orders gets none; its own list holds only its own.
    expect((await ok(await t.get(`/work-orders?providerId=${w.provider.id}`, as.adminB), 200)).total).toBe(0);
    expect(numbers(await ok(await t.get('/work-orders', as.adminB), 200))).toEqual([o.b1.number]);
  });

  it('filters by promise state as the clock runs: at risk past the warning point, broken past the deadline', async () => {
    expect((await ok(await t.get('/work-orders?promise=at_risk,broken', as.dispatcher), 200)).total).toBe(0);
    clock.advance(40 * 60_000);
    const atRisk = await ok(await t.get('/work-orders?promise=at_risk', as.dispatcher), 200);
    expect(atRisk.total).toBe(6);
    expect((await ok(await t.get(`/work-orders?promise=at_risk&providerId=${w.provider.id}`, as.dispatcher), 200)).total).toBe(3);
    // Deadlines: an hour from intake (minutes 1–6), now 46 minutes on: all inside the next 30 minutes, none before now.
    const now = clock.now().getTime();
    expect((await ok(await t.get(`/work-orders?deadlineFrom=${new Date(now).toISOString()}&deadlineTo=${new Date(now + 30 * 60_000).toISOString()}`, as.dispatcher), 200)).total).toBe(6);
    expect((await ok(await t.get(`/work-orders?deadlineTo=${new Date(now).toISOString()}`, as.dispatcher), 200)).total).toBe(0);
    clock.advance(30 * 60_000);
    expect((await ok(await t.get('/work-orders?promise=broken', as.dispatcher), 200)).total).toBe(6);
    expect((await ok(await t.get('/work-orders?promise=at_risk', as.dispatcher), 200)).total).toBe(0);
    expect((await ok(await t.get('/work-orders?promise=kept', as.dispatcher), 200)).total).toBe(0);
    expect((await ok(await t.get('/work-orders?promise=broken', as.adminB), 200)).total).toBe(1);
  });

  it('sorts by deadline, priority and booked visit, the orders without one last', async () => {
    const byDeadline = await ok(await t.get('/work-orders?sort=deadline&limit=10', as.dispatcher), 200);
    // Opened one after the other, so their deadlines come in the order they were opened.
    expect(byDeadline.items.map((i: { number: string }) => i.number)).toEqual([o.a1, o.a2, o.a3, o.waiting, o.b1, o.sh].map((x) => x.number));
    // Each item carries its deadline: an hour after it was opened.
    expect(byDeadline.items[0].deadline).toBe(new Date(Date.parse(byDeadline.items[0].createdAt) + 3_600_000).toISOString());
    const desc = await ok(await t.get('/work-orders?sort=-deadline&limit=10', as.dispatcher), 200);
    expect(desc.items[0].number).toBe(o.sh.number);
    const booked = await ok(await t.get('/work-orders?sort=bookedAt', as.dispatcher), 200);
    expect(booked.total).toBe(6);
    expect((await ok(await t.get(`/work-orders?bookedFrom=2026-06-01T00:00:00Z`, as.dispatcher), 200)).total).toBe(0);
  });

  it('answers bad filters with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['promise=late', 'promise'],
      ['sort=deadlines', 'sort'],
      ['createdFrom=2026-06-02T00:00:00Z&createdTo=2026-06-01T00:00:00Z', 'createdTo'],
      ['bookedFrom=yesterday', 'bookedFrom'],
      [`region=${'x'.repeat(41)}`, 'region'],
      ['providerId=A', 'providerId'],
    ];
    for (const [q, field] of cases) {
      const res = await t.get(`/work-orders?${q}`, as.dispatcher);
      expect(res.status, q).toBe(400);
      expect(JSON.stringify(res.body.error.details), q).toContain(field);
      expect((await t.get(`/work-orders/export?${q}`, as.dispatcher)).status, q).toBe(400);
    }
  });

  it('assigns many orders at once, each judged on its own; a retry changes nothing; the refusal says why', async () => {
    const ids = [o.a1.id, o.a2.id, o.waiting.id];
    const first = await ok(await t.post('/work-orders/bulk', { action: 'assign', ids, technicianId: w.technicians[0].id }, as.adminA), 200);
    expect(first).toMatchObject({ done: 2, unchanged: 0, refused: 1 });
    const refusal = first.items.find((i: { id: string }) => i.id === o.waiting.id);
    // The order awaiting dispatch is not provider A's: out of its scope, as if it did not exist.
    expect(refusal).toMatchObject({ outcome: 'refused', error: { code: 'work_order_not_found' } });
    // The dispatcher sees it; it is refused for its state, the message naming it in both languages.
    const byDispatcher = await ok(await t.post('/work-orders/bulk', { action: 'assign', ids, technicianId: w.technicians[0].id }, as.dispatcher), 200);
    expect(byDispatcher).toMatchObject({ done: 0, unchanged: 2, refused: 1 });
    const why = byDispatcher.items.find((i: { id: string }) => i.id === o.waiting.id).error;
    expect(why.code).toBe('illegal_transition');
    expect(why.message).toMatch(/awaiting_dispatch/);
    expect(why.message).toMatch(/[\u4e00-\u9fff]/);
    for (const id of [o.a1.id, o.a2.id]) {
      const order = await ok(await t.get(`/work-orders/${id}`, as.dispatcher), 200);
      expect(order).toMatchObject({ status: 'assigned', technicianId: w.technicians[0].id });
      const history = await ok(await t.get(`/work-orders/${id}/history`, as.dispatcher), 200);
      expect(history.items.filter((h: { action: string }) => h.action === 'assign')).toHaveLength(1);
    }
  });

  it("never lets provider B act on A's orders through a bulk step", async () => {
    const res = await ok(await t.post('/work-orders/bulk', { action: 'assign', ids: [o.a3.id, o.b1.id], technicianId: techB.id }, as.adminB), 200);
    expect(res.items.find((i: { id: string }) => i.id === o.a3.id)).toMatchObject({ outcome: 'refused', number: null, error: { code: 'work_order_not_found' } });
    const a3 = await ok(await t.get(`/work-orders/${o.a3.id}`, as.dispatcher), 200);
    expect(a3).toMatchObject({ status: 'dispatched', technicianId: null, version: o.a3.version });
    // Cancelling is not a provider's step at all.
    expect((await t.post('/work-orders/bulk', { action: 'cancel', ids: [o.b1.id], reason: '不要了' }, as.adminB)).status).toBe(403);
  });

  it('cancels and dispatches in bulk, with the reason on each history row', async () => {
    const cancelled = await ok(await t.post('/work-orders/bulk', { action: 'cancel', ids: [o.sh.id, o.sh.id], reason: '客户取消' }, as.agent), 200);
    expect(cancelled).toMatchObject({ done: 1, refused: 0 });
    const history = await ok(await t.get(`/work-orders/${o.sh.id}/history`, as.dispatcher), 200);
    expect(history.items.at(-1)).toMatchObject({ action: 'cancel', reason: '客户取消', toStatus: 'cancelled' });
    const dispatched = await ok(await t.post('/work-orders/bulk', { action: 'dispatch', ids: [o.waiting.id], providerId: w.provider.id }, as.dispatcher), 200);
    expect(dispatched).toMatchObject({ done: 1 });
    expect((await ok(await t.post('/work-orders/bulk', { action: 'dispatch', ids: [o.waiting.id], providerId: w.provider.id }, as.dispatcher), 200)).unchanged).toBe(1);
  });

  it('bounds a bulk request and checks its fields', async () => {
    const many = Array.from({ length: 201 }, () => o.a1.id);
    const cases: [unknown, string][] = [
      [{ action: 'assign', ids: many, technicianId: w.technicians[0].id }, 'ids'],
      [{ action: 'assign', ids: [], technicianId: w.technicians[0].id }, 'ids'],
      [{ action: 'close', ids: [o.a1.id] }, 'action'],
      [{ action: 'cancel', ids: [o.a1.id] }, 'reason'],
      [{ action: 'dispatch', ids: ['nope'], providerId: w.provider.id }, 'ids'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/work-orders/bulk', body, as.dispatcher);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain(field);
    }
  });

  it("exports the filtered list as CSV and XLSX with both languages' headers, only the caller's orders", async () => {
    const csv = await t.app.request(`/work-orders/export?providerId=${w.provider.id}&sort=createdAt`, { headers: as.dispatcher });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Number 工单号');
    expect(lines[0]).toContain('Provider 服务商');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([o.a1, o.a2, o.a3, o.waiting].map((x) => x.number));
    expect(lines[1]).toContain('天河服务网点');
    expect(lines[1]).toContain('王师傅');

    const xlsx = await t.app.request('/work-orders/export?format=xlsx&status=dispatched,assigned', { headers: as.adminB });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Number 工单号');
    const rows = sheet.getSheetValues().slice(2).filter(Boolean) as unknown[][];
    expect(rows.map((r) => r[1])).toEqual([o.b1.number]);

    // Provider B's export holds none of A's orders, whatever it asks for.
    const theirs = await t.app.request(`/work-orders/export?providerId=${w.provider.id}`, { headers: as.adminB });
    expect((await theirs.text()).replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
    // The export is on the audit record.
    const audit = await t.services.access.searchAudit(systemCaller, { action: 'work_orders.export', limit: 10, offset: 0 } as never);
    expect(audit.total).toBeGreaterThanOrEqual(3);
  });

  it('keeps saved views per user: made, renamed, deleted; nobody else sees or changes them', async () => {
    const made = await ok(await t.post('/saved-views', { name: '天河 超时', filters: { providerId: w.provider.id, promise: 'broken' }, sort: 'deadline' }, as.dispatcher));
    expect(made).toMatchObject({ name: '天河 超时', filters: { providerId: w.provider.id, promise: 'broken' }, sort: 'deadline', version: 1 });
    expect((await t.post('/saved-views', { name: '天河 超时', filters: {}, sort: 'deadline' }, as.dispatcher)).status).toBe(409);
    // Another user has none, and cannot rename or delete this one.
    expect((await ok(await t.get('/saved-views', as.agent), 200)).items).toEqual([]);
    expect((await t.call('PATCH', `/saved-views/${made.id}`, { version: 1, name: '我的' }, as.agent)).status).toBe(404);
    expect((await t.call('DELETE', `/saved-views/${made.id}`, undefined, as.agent)).status).toBe(404);
    const renamed = await ok(await t.call('PATCH', `/saved-views/${made.id}`, { version: 1, name: '天河 已超时' }, as.dispatcher), 200);
    expect(renamed).toMatchObject({ name: '天河 已超时', version: 2, filters: made.filters });
    expect((await t.call('PATCH', `/saved-views/${made.id}`, { version: 1, name: '旧版本' }, as.dispatcher)).status).toBe(409);
    expect((await ok(await t.get('/saved-views', as.dispatcher), 200)).items.map((v: { name: string }) => v.name)).toEqual(['天河 已超时']);
    expect((await t.call('DELETE', `/saved-views/${made.id}`, undefined, as.dispatcher)).status).toBe(204);
    expect((await ok(await t.get('/saved-views', as.dispatcher), 200)).items).toEqual([]);
  });

  it('stores each address\'s region as regionKey writes it, so the filter matches every spelling', async () => {
    const names = ['广州', '广州市', ' 广州市 ', '广东省', '番禺区', '从化县', '广西壮族自治区', '新疆维吾尔自治区', '内蒙古自治区', '香港特别行政区', '延边朝鲜族自治州', '大兴安岭地区', '津市', '沙县', '北  京 市', 'Guangzhou', '市', ''];
    const keys = (await t.database.db.execute(sql.raw(`select ${names.map((n, i) => `${regionKeySql(`'${n}'::text`)} as k${i}`).join(', ')}`))) as unknown as { rows?: Record<string, string>[] } | Record<string, string>[];
    const row = (Array.isArray(keys) ? keys : keys.rows!)[0];
    expect(names.map((_, i) => row[`k${i}`])).toEqual(names.map(regionKey));
  });

  // After the tests that count every order: it opens orders of its own.
  it("lists a region as its province's orders and its city's, one page newest first, each order once", async () => {
    const customer = async (province: string, city: string) =>
      ok(await t.post('/customers', { name: `${province}${city}客户`, phones: [{ phone: uniquePhone() }], addresses: [{ province, city, district: '区', street: '路 1 号', lat: 43.8, lng: 125.3, isDefault: true }] }));
    // 吉林 is a province and a city of it; the second customer's city of the name is elsewhere (a made-up address),
    // so the list needs both of its halves, and the third is in both and must come once.
    const [inProvince, inCity, inBoth] = [await customer('吉林省', '长春市'), await customer('黑龙江省', '吉林市'), await customer('吉林', '吉林市')];
    const p1 = await openOrder(inProvince.id, '不制冷');
    const c1 = await openOrder(inCity.id, '漏水');
    const b1 = await openOrder(inBoth.id, '噪音');
    const p2 = await openOrder(inProvince.id, '不开机');
    const page = async (query: string) => ok(await t.get(`/work-orders?${query}`, as.dispatcher), 200);
    const first = await page(`region=${encodeURIComponent('吉林')}&sort=-createdAt&limit=2`);
    expect({ items: first.items.map((i: { number: string }) => i.number), total: first.total }).toEqual({ items: [p2.number, b1.number], total: 4 });
    const second = await page(`region=${encodeURIComponent('吉林市')}&sort=-createdAt&limit=2&offset=2`);
    expect({ items: second.items.map((i: { number: string }) => i.number), total: second.total }).toEqual({ items: [c1.number, p1.number], total: 4 });
    const oldest = await page(`region=${encodeURIComponent('吉林省')}&sort=createdAt&limit=3`);
    expect(oldest.items.map((i: { number: string }) => i.number)).toEqual([p1.number, c1.number, b1.number]);
    // With another filter the halves keep it: only the province's orders of this customer.
    expect(numbers(await page(`region=${encodeURIComponent('吉林')}&customerId=${inProvince.id}`))).toEqual([p1.number, p2.number].sort());
    // A page past the end has no order to carry the count: it is counted on its own, for both halves and for one filter.
    expect(await page(`region=${encodeURIComponent('吉林')}&limit=2&offset=10`)).toEqual({ items: [], total: 4, limit: 2, offset: 10 });
    expect(await page(`customerId=${inProvince.id}&limit=2&offset=10`)).toEqual({ items: [], total: 2, limit: 2, offset: 10 });
    expect(await page(`customerId=${inProvince.id}&q=nothing-like-it`)).toMatchObject({ items: [], total: 0 });
  });

  it("refuses a saved view's filters the list does not take, naming them", async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x', filters: { colour: 'red' }, sort: 'deadline' }, 'filters'],
      [{ name: 'x', filters: { promise: 'late' }, sort: 'deadline' }, 'filters.promise'],
      [{ name: '', filters: {}, sort: 'deadline' }, 'name'],
      [{ name: 'x', filters: {}, sort: 'colour' }, 'sort'],
    ];
    for (const [body, field] of cases) {
      const res = await t.post('/saved-views', body, as.dispatcher);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain(field);
    }
  });
});
