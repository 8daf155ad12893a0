import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { ok, onSiteOrder } from '../../../test/on-site.js';

// Old-part returns (旧件返厂) through the API: a returnable part used under warranty owes its old
// part once (a retry, or two at once, makes one obligation); the provider packs obligations into a
// box with a printable packing list and ships it (two boxes of one part at once: one wins); the
// warehouse receives, inspects each line (count, type, serial, state), decides its fate with
// ledger rows, raises a supplier claim line for a part confirmed faulty, marks a line missing; the
// on-time rate per provider counts on time, late and missing.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let providerAdmin: Record<string, string>;
let otherAdmin: Record<string, string>;
let tech: Record<string, string>;
let loc: { warehouse: string; van: string };
let pump: { id: string };
let board: { id: string };

const onSite = (day: string) => onSiteOrder(t, w, clock, day, { symptom: '不排水 / does not drain' });

const owed = async (orderId: string, who = manager) => (await ok(await t.get(`/old-parts/returns?orderId=${orderId}`, who), 200)).items as { id: string; status: string; version: number; dueAt: string; oldSerial: string | null; outcome: string }[];

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'op-manager')).headers;
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'op-provider', { providerId: w.provider.id })).headers;
  tech = (await tokenFor(t.services, 'technician', 'op-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const other = await ok(await t.post('/providers', { code: 'OP-OTHER', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099998888' }));
  otherAdmin = (await tokenFor(t.services, 'provider_admin', 'op-other', { providerId: other.id })).headers;
  loc = {
    warehouse: (await ok(await t.post('/stock/locations', { code: 'OP-WH', kind: 'regional', nameZh: '华南区域仓', nameEn: 'South warehouse' }, manager))).id,
    van: (await ok(await t.post('/stock/locations', { code: 'OP-VAN', kind: 'van', nameZh: '王师傅车载库', nameEn: "Wang's van", technicianId: w.technicians[0].id }, manager))).id,
  };
  pump = await ok(await t.post('/parts', { number: 'OP-PUMP', nameZh: '排水泵', nameEn: 'Drain pump', modelIds: [w.model.id], listFen: 9000, issueFen: 5000, returnable: true, returnDays: 15 }, manager));
  board = await ok(await t.post('/parts', { number: 'OP-CAP', nameZh: '电容', nameEn: 'Capacitor', listFen: 2000, issueFen: 800 }, manager));
  await ok(await t.post('/stock/receipts', { locationId: loc.van, partId: pump.id, quantity: 10 }, manager));
  await ok(await t.post('/stock/receipts', { locationId: loc.van, partId: board.id, quantity: 5 }, manager));
}, 120_000);
afterAll(() => t?.close());

describe(`old-part returns on ${engine}`, () => {
  const o: string[] = [];
  let box: { id: string; version: number; items: { id: string; version: number; status: string }[] };

  it('owes the old part once per part used under warranty (retries and two at once: one obligation); a part that need not return owes nothing', async () => {
    o.push((await onSite('2026-06-02')).id);
    const used = { lineKey: 'l1', partId: pump.id, oldSerial: 'OLD-P-0' };
    const twice = await Promise.all([1, 2].map(() => t.post(`/work-orders/${o[0]}/parts-used`, used, tech)));
    expect(twice.map((r) => r.status)).toEqual([201, 201]);
    await ok(await t.post(`/work-orders/${o[0]}/parts-used`, used, tech));
    await ok(await t.post(`/work-orders/${o[0]}/parts-used`, { lineKey: 'l2', partId: board.id }, tech));
    for (const [i, day] of ['2026-06-03', '2026-06-04', '2026-06-05', '2026-06-06'].entries()) {
      o.push((await onSite(day)).id);
      await ok(await t.post(`/work-orders/${o.at(-1)}/parts-used`, { lineKey: 'l1', partId: pump.id, oldSerial: `OLD-P-${i + 1}` }, tech));
    }
    const first = await owed(o[0]);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ status: 'due', oldSerial: 'OLD-P-0', dueAt: '2026-06-17T02:10:00.000Z', outcome: 'open' });
    // The provider and its technician see them; another provider does not.
    expect((await ok(await t.get('/old-parts/returns?status=due', providerAdmin), 200)).total).toBe(5);
    expect((await ok(await t.get('/old-parts/returns', tech), 200)).total).toBe(5);
    expect((await ok(await t.get('/old-parts/returns', otherAdmin), 200)).total).toBe(0);
  });

  it('packs returns into a box with a printable packing list; two boxes of one part at once: one wins; bad input names the field', async () => {
    const ids = (await Promise.all(o.slice(0, 3).map((id) => owed(id)))).map((r) => r[0].id);
    const fourth = (await owed(o[3]))[0].id;
    const notWarehouse = await t.post('/old-parts/shipments', { returnIds: ids, toLocationId: loc.van }, providerAdmin);
    expect([notWarehouse.status, notWarehouse.body.error.details[0].path]).toEqual([400, 'toLocationId']);
    const dup = await t.post('/old-parts/shipments', { returnIds: [ids[0], ids[0]], toLocationId: loc.warehouse }, providerAdmin);
    expect(dup.body.error.details[0].path).toBe('returnIds.1');
    expect((await t.post('/old-parts/shipments', { returnIds: ids, toLocationId: loc.warehouse }, otherAdmin)).body.error.details[0].path).toBe('returnIds.0');
    clock.set(new Date('2026-06-10T03:00:00Z'));
    box = await ok(await t.post('/old-parts/shipments', { returnIds: ids, toLocationId: loc.warehouse, note: '6月第一箱' }, providerAdmin));
    expect(box).toMatchObject({ status: 'packed', lines: 3, statusName: { zh: '已装箱' } });
    expect((await t.post('/old-parts/shipments', { returnIds: [ids[0]], toLocationId: loc.warehouse }, providerAdmin)).status).toBe(409);
    const race = await Promise.all([1, 2].map(() => t.post('/old-parts/shipments', { returnIds: [fourth], toLocationId: loc.warehouse }, providerAdmin)));
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await owed(o[3]))[0].status).toBe('packed');
    const zh = await t.app.request(`/old-parts/shipments/${box.id}/packing-list?lang=zh`, { headers: providerAdmin });
    const zhText = await zh.text();
    expect([zh.status, zhText.includes('旧件返厂装箱单'), zhText.includes('OLD-P-1')]).toEqual([200, true, true]);
    expect(await (await t.app.request(`/old-parts/shipments/${box.id}/packing-list?lang=en`, { headers: providerAdmin })).text()).toContain('Old parts packing list');
    expect((await t.app.request(`/old-parts/shipments/${box.id}/packing-list`, { headers: otherAdmin })).status).toBe(404);
  });

  it('ships, the warehouse receives and inspects: ledger rows for the fate, a supplier claim for a faulty part, a line missing; rules refuse a wrong fate', async () => {
    box = await ok(await t.post(`/old-parts/shipments/${box.id}/ship`, { version: box.version, carrier: '顺丰', tracking: 'SF100' }, providerAdmin), 200);
    expect(box.items.every((i: { status: string }) => i.status === 'shipped')).toBe(true);
    expect((await t.post(`/old-parts/shipments/${box.id}/receive`, { version: box.version }, providerAdmin)).status).toBe(403);
    const [a, b, c] = box.items;
    // Not received yet: no inspection.
    expect((await t.post(`/old-parts/returns/${a.id}/inspect`, { version: a.version, quantityReceived: 1, typeMatches: true, serial: 'OLD-P-0', state: 'confirmed_faulty', fate: 'supplier' }, manager)).status).toBe(409);
    clock.set(new Date('2026-06-12T03:00:00Z'));
    box = await ok(await t.post(`/old-parts/shipments/${box.id}/receive`, { version: box.version }, manager), 200);
    const wrong = await t.post(`/old-parts/returns/${a.id}/inspect`, { version: a.version, quantityReceived: 1, typeMatches: true, serial: 'OLD-P-0', state: 'confirmed_faulty', fate: 'stock' }, manager);
    expect([wrong.status, wrong.body.error.details[0].path, wrong.body.error.details[0].zh]).toEqual([400, 'fate', '仅未发现故障的旧件可回库']);
    expect((await t.post(`/old-parts/returns/${a.id}/inspect`, { version: a.version, quantityReceived: 2, typeMatches: true, serial: null, state: 'confirmed_faulty', fate: 'supplier' }, manager)).body.error.details[0].path).toBe('quantityReceived');
    const faulty = await ok(await t.post(`/old-parts/returns/${a.id}/inspect`, { version: a.version, quantityReceived: 1, typeMatches: true, serial: 'old-p-0', state: 'confirmed_faulty', fate: 'supplier' }, manager), 200);
    expect(faulty).toMatchObject({ status: 'inspected', outcome: 'on_time', inspection: { serialMatches: true, state: 'confirmed_faulty', fate: 'supplier', fateName: { zh: '退回供应商' } } });
    const good = await ok(await t.post(`/old-parts/returns/${b.id}/inspect`, { version: b.version, quantityReceived: 1, typeMatches: true, serial: 'OTHER', state: 'no_fault_found', fate: 'stock' }, manager), 200);
    expect(good.inspection).toMatchObject({ serialMatches: false, fate: 'stock' });
    expect((await t.post(`/old-parts/returns/${b.id}/inspect`, { version: good.version, quantityReceived: 1, typeMatches: true, serial: null, state: 'no_fault_found', fate: 'stock' }, manager)).status).toBe(409);
    const missing = await ok(await t.post(`/old-parts/returns/${c.id}/missing`, { version: c.version, note: '箱内无此件' }, manager), 200);
    expect(missing).toMatchObject({ status: 'missing', outcome: 'missing' });
    // The ledger at the warehouse: the faulty one in and out again (to the supplier), the good one back to stock.
    const moves = (await ok(await t.get(`/stock/movements?locationId=${loc.warehouse}`, manager), 200)).items as { kind: string; onHandDelta: number; orderId: string }[];
    expect(moves.map((m) => [m.kind, m.onHandDelta, m.orderId]).reverse()).toEqual([
      ['return_in', 1, o[0]],
      ['return_old', -1, o[0]],
      ['return_in', 1, o[1]],
    ]);
    const claims = await ok(await t.get('/old-parts/claims', manager), 200);
    expect(claims.items).toMatchObject([{ partNumber: 'OP-PUMP', orderId: o[0], amountFen: 5000, quantity: 1, serial: 'old-p-0' }]);
    expect((await t.get('/old-parts/claims', providerAdmin)).status).toBe(403);
    const detail = await ok(await t.get(`/old-parts/shipments/${box.id}`, providerAdmin), 200);
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['pack', 'ship', 'receive']);
  });

  it('counts the on-time return rate per provider: on time, late, missing', async () => {
    // The fourth was packed in time but ships after its deadline; the fifth is never shipped.
    clock.set(new Date('2026-06-22T03:00:00Z'));
    const fourth = (await ok(await t.get('/old-parts/shipments?status=packed', providerAdmin), 200)).items[0];
    await ok(await t.post(`/old-parts/shipments/${fourth.id}/ship`, { version: fourth.version }, providerAdmin), 200);
    expect((await owed(o[3]))[0].outcome).toBe('late');
    expect((await ok(await t.get('/old-parts/returns?overdue=true', providerAdmin), 200)).items.map((r: { orderId: string }) => r.orderId)).toEqual([o[4]]);
    const rate = await ok(await t.get('/old-parts/on-time?from=2026-06-01&to=2026-07-01', manager), 200);
    expect(rate.items).toEqual([{ providerId: w.provider.id, providerName: expect.any(String), providerNameEn: null, onTime: 2, late: 1, missing: 2, open: 0, rate: 0.4 }]);
    expect((await ok(await t.get('/old-parts/on-time?from=2026-06-01&to=2026-07-01', otherAdmin), 200)).items).toEqual([]);
    expect((await t.get('/old-parts/on-time?from=2026-06-31&to=2026-07-01', manager)).body.error.details[0].path).toBe('from');
  });
});
