import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

// Parts and stock through the API: the catalogue; locations seen by their owners only; the ledger
// (receive, transfer, request → approve → ship → receive, consume, count adjustments) with the
// floor kept; an order waits for its parts and resumes by itself when they reach the van; parts
// used are priced through fees (under warranty: the maker, at the issue price); consuming is
// idempotent per order line, also for two requests at once (the run that matters is PostgreSQL).
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let agent: Record<string, string>;
let providerAdmin: Record<string, string>;
let otherAdmin: Record<string, string>;
let tech: Record<string, string>;
let loc: { warehouse: string; store: string; van: string; otherStore: string };
let board: { id: string; number: string };
let pump: { id: string };

async function ok(res: { status: number; body: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An order of the seeded (in-warranty) unit, on site with technician 0 on `day`. */
async function onSite(day: string) {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '不制冷 / does not cool', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `${day}T02:00:00Z`, to: `${day}T03:59:00Z` });
  clock.set(new Date(`${day}T02:10:00Z`));
  return s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
}

async function put(path: string, body: unknown, headers: Record<string, string>) {
  const res = await t.app.request(path, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

const level = async (locationId: string, partId: string, who = manager) =>
  ((await ok(await t.get(`/stock?locationId=${locationId}&partId=${partId}`, who), 200)).items[0] ?? { onHand: 0, reserved: 0, serials: [] }) as { onHand: number; reserved: number; serials: string[] };

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'parts-manager')).headers;
  agent = (await tokenFor(t.services, 'agent', 'parts-desk')).headers;
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'parts-provider', { providerId: w.provider.id })).headers;
  tech = (await tokenFor(t.services, 'technician', 'parts-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const other = await ok(await t.post('/providers', { code: 'PARTS-OTHER', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099998888' }));
  otherAdmin = (await tokenFor(t.services, 'provider_admin', 'parts-other', { providerId: other.id })).headers;
  const location = async (body: Record<string, unknown>) => (await ok(await t.post('/stock/locations', body, manager))).id as string;
  loc = {
    warehouse: await location({ code: 'WH-GZ', kind: 'regional', nameZh: '广州区域仓', nameEn: 'Guangzhou regional warehouse' }),
    store: await location({ code: 'ST-1', kind: 'provider_store', nameZh: '天河网点库', nameEn: 'Tianhe store', providerId: w.provider.id }),
    van: await location({ code: 'VAN-1', kind: 'van', nameZh: '王师傅车载库', nameEn: "Wang's van", technicianId: w.technicians[0].id }),
    otherStore: await location({ code: 'ST-OTHER', kind: 'provider_store', nameZh: '别家网点库', nameEn: 'Other store', providerId: other.id }),
  };
});
afterAll(() => t.close());

describe(`parts and stock on ${engine}`, () => {
  it('keeps a catalogue with its bill of materials; bad input names the field', async () => {
    const made = await t.post('/parts', { number: 'PCB-35', nameZh: '室内机主板', nameEn: 'Indoor control board', modelIds: [w.model.id], isMain: false, listFen: 38000, issueFen: 21000, serialised: true, returnable: true, returnDays: 15, warrantyMonths: 12 }, manager);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ number: 'PCB-35', modelIds: [w.model.id], listPrice: { amountFen: 38000, currency: 'CNY' }, issuePrice: { amountFen: 21000 }, serialised: true, returnDays: 15 });
    board = made.body;
    pump = await ok(await t.post('/parts', { number: 'PUMP-1', nameZh: '排水泵', nameEn: 'Drain pump', listFen: 9000, issueFen: 5000 }, manager));
    expect((await t.post('/parts', { number: 'PCB-35', nameZh: '重复', nameEn: 'Again', listFen: 1, issueFen: 1 }, manager)).status).toBe(409);
    const noDays = await t.post('/parts', { number: 'X-1', nameZh: '件', nameEn: 'Part', listFen: 1, issueFen: 1, returnable: true }, manager);
    expect(noDays.status).toBe(400);
    expect(noDays.body.error.details[0]).toMatchObject({ path: 'returnDays', zh: expect.stringContaining('返厂期限') });
    const noModel = await t.post('/parts', { number: 'X-2', nameZh: '件', nameEn: 'Part', listFen: 1, issueFen: 1, modelIds: ['00000000-0000-4000-8000-000000000000'] }, manager);
    expect(noModel.body.error.details[0].path).toBe('modelIds.0');
    expect((await t.post('/parts', { number: 'X-3', nameZh: '件', nameEn: 'Part', listFen: 1.5, issueFen: 1 }, manager)).status).toBe(400);
    expect((await t.post('/parts', { number: 'X-4', nameZh: '件', nameEn: 'Part', listFen: 1, issueFen: 1 }, providerAdmin)).status).toBe(403);
    const byModel = await ok(await t.get(`/parts?modelId=${w.model.id}`, tech), 200);
    expect(byModel.items.map((p: { number: string }) => p.number)).toEqual(['PCB-35']);
    const changed = await put(`/parts/${pump.id}`, { version: 1, number: 'PUMP-1', nameZh: '排水泵', nameEn: 'Drain pump', listFen: 9500, issueFen: 5000, modelIds: [w.model.id] }, manager);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ listPrice: { amountFen: 9500 }, version: 2, modelIds: [w.model.id] });
    expect((await put(`/parts/${pump.id}`, { version: 1, number: 'PUMP-1', nameZh: '排水泵', nameEn: 'Drain pump', listFen: 1, issueFen: 1 }, manager)).status).toBe(409);
  });

  it("shows a provider only their store and vans, a technician only their van", async () => {
    const codes = async (h: Record<string, string>) => (await ok(await t.get('/stock/locations', h), 200)).items.map((l: { code: string }) => l.code).sort();
    expect(await codes(manager)).toEqual(['ST-1', 'ST-OTHER', 'VAN-1', 'WH-GZ']);
    expect(await codes(providerAdmin)).toEqual(['ST-1', 'VAN-1']);
    expect(await codes(otherAdmin)).toEqual(['ST-OTHER']);
    expect(await codes(tech)).toEqual(['VAN-1']);
    // A van names its technician; its provider follows from them.
    const van = (await ok(await t.get('/stock/locations?kind=van', manager), 200)).items[0];
    expect(van).toMatchObject({ providerId: w.provider.id, technicianId: w.technicians[0].id, kindName: { zh: '师傅车载库' } });
    const noTech = await t.post('/stock/locations', { code: 'VAN-X', kind: 'van', nameZh: '车', nameEn: 'Van' }, manager);
    expect(noTech.body.error.details[0].path).toBe('technicianId');
    expect((await t.post('/stock/locations', { code: 'VAN-2', kind: 'van', nameZh: '车', nameEn: 'Van', technicianId: w.technicians[0].id }, manager)).status).toBe(409);
  });

  it('receives and transfers with serials at exactly one place; never below zero', async () => {
    await ok(await t.post('/stock/receipts', { locationId: loc.warehouse, partId: board.id, quantity: 3, serials: ['SN-A', 'SN-B', 'SN-C'], reason: '到货 / delivery' }, manager));
    await ok(await t.post('/stock/receipts', { locationId: loc.warehouse, partId: pump.id, quantity: 10 }, manager));
    const again = await t.post('/stock/receipts', { locationId: loc.warehouse, partId: board.id, quantity: 1, serials: ['SN-A'] }, manager);
    expect(again.status).toBe(409);
    const missing = await t.post('/stock/receipts', { locationId: loc.warehouse, partId: board.id, quantity: 2, serials: ['SN-Z'] }, manager);
    expect(missing.body.error.details[0].path).toBe('serials');
    // The other provider cannot put stock into ours.
    expect((await t.post('/stock/receipts', { locationId: loc.store, partId: pump.id, quantity: 1 }, otherAdmin)).body.error.details[0].path).toBe('locationId');
    await ok(await t.post('/stock/transfers', { fromLocationId: loc.warehouse, toLocationId: loc.store, partId: pump.id, quantity: 4 }, manager));
    const tooMany = await t.post('/stock/transfers', { fromLocationId: loc.store, toLocationId: loc.van, partId: pump.id, quantity: 5 }, providerAdmin);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('out_of_stock');
    await ok(await t.post('/stock/transfers', { fromLocationId: loc.store, toLocationId: loc.van, partId: pump.id, quantity: 2 }, providerAdmin));
    expect(await level(loc.warehouse, pump.id)).toMatchObject({ onHand: 6, reserved: 0 });
    expect(await level(loc.store, pump.id, providerAdmin)).toMatchObject({ onHand: 2 });
    expect(await level(loc.van, pump.id, tech)).toMatchObject({ onHand: 2 });
    expect(await level(loc.warehouse, board.id)).toMatchObject({ onHand: 3, serials: ['SN-A', 'SN-B', 'SN-C'] });
    const ledger = await ok(await t.get(`/stock/movements?locationId=${loc.store}`, providerAdmin), 200);
    expect(ledger.items.map((m: { kind: string; onHandDelta: number; onHandAfter: number }) => [m.kind, m.onHandDelta, m.onHandAfter])).toEqual([
      ['transfer_out', -2, 2],
      ['transfer_in', 4, 4],
    ]);
    expect((await t.get(`/stock/movements?locationId=${loc.store}`, otherAdmin)).status).toBe(400);
  });

  it('holds an order for its part, resumes it when the part reaches the van, and prices the part used under warranty to the maker', async () => {
    const o = await onSite('2026-06-02');
    const asked = await t.post('/part-requests', { orderId: o.id, partId: board.id, quantity: 1, note: '主板烧坏' }, tech);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'requested', toLocationId: loc.van, orderId: o.id });
    const held = await ok(await t.get(`/work-orders/${o.id}`, agent), 200);
    expect(held).toMatchObject({ status: 'on_hold', holdReason: 'waiting_for_parts' });
    // The other provider sees nothing of it; the technician may not approve from a warehouse they do not keep.
    expect((await t.get(`/part-requests/${asked.body.id}`, otherAdmin)).status).toBe(404);
    expect((await t.post(`/part-requests/${asked.body.id}/approve`, { version: 1, fromLocationId: loc.warehouse }, tech)).body.error.details[0].path).toBe('fromLocationId');
    const approved = await ok(await t.post(`/part-requests/${asked.body.id}/approve`, { version: 1, fromLocationId: loc.warehouse }, manager), 200);
    expect(approved.status).toBe('approved');
    expect(await level(loc.warehouse, board.id)).toMatchObject({ onHand: 3, reserved: 1 });
    expect((await t.post(`/part-requests/${asked.body.id}/ship`, { version: 2, serials: ['SN-X'] }, manager)).body.error.details[0].path).toBe('serials.0');
    await ok(await t.post(`/part-requests/${asked.body.id}/ship`, { version: 2, serials: ['SN-B'] }, manager), 200);
    expect(await level(loc.warehouse, board.id)).toMatchObject({ onHand: 2, reserved: 0, serials: ['SN-A', 'SN-C'] });
    const received = await ok(await t.post(`/part-requests/${asked.body.id}/receive`, { version: 3 }, tech), 200);
    expect(received).toMatchObject({ status: 'received', orderResumed: true });
    expect(received.history.map((h: { action: string }) => h.action)).toEqual(['request', 'approve', 'ship', 'receive']);
    expect(await level(loc.van, board.id, tech)).toMatchObject({ onHand: 1, serials: ['SN-B'] });
    const resumed = await ok(await t.get(`/work-orders/${o.id}`, agent), 200);
    expect(resumed).toMatchObject({ status: 'on_site', holdReason: null });
    const history = (await ok(await t.get(`/work-orders/${o.id}/history`, agent), 200)).items;
    const resume = history.find((h: { action: string }) => h.action === 'resume');
    expect(resume).toMatchObject({ actor: 'system:parts' });
    expect(JSON.stringify(resume)).toContain('Parts arrived');

    // The part used, with its serial; the retry records it once.
    const used = { lineKey: 'line-1', partId: board.id, serial: 'SN-B', oldSerial: 'OLD-1' };
    const first = await t.post(`/work-orders/${o.id}/parts-used`, used, tech);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ underWarranty: true, payer: 'maker', amount: { amountFen: 21000, currency: 'CNY' }, serial: 'SN-B', locationId: loc.van, returnDueAt: '2026-06-17T02:10:00.000Z' });
    const retry = await t.post(`/work-orders/${o.id}/parts-used`, used, tech);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect((await t.post(`/work-orders/${o.id}/parts-used`, { ...used, serial: 'SN-A' }, tech)).status).toBe(409);
    expect(await level(loc.van, board.id, tech)).toMatchObject({ onHand: 0, serials: [] });
    const fees = await ok(await t.get(`/work-orders/${o.id}/fees`, manager), 200);
    const line = fees.lines.find((l: { id: string }) => l.id === first.body.feeLineId);
    expect(line).toMatchObject({ kind: 'part', payer: 'maker', amountFen: 21000, nameEn: 'Part: Indoor control board' });
    expect(fees.lines.filter((l: { kind: string; payer: string }) => l.kind === 'part' && l.payer === 'customer')).toEqual([]);
    // Completion re-prices the order; the part line stays.
    clock.set(new Date('2026-06-02T02:50:00Z'));
    const now = await ok(await t.get(`/work-orders/${o.id}`, agent), 200);
    await t.services.workOrders.perform(systemCaller, o.id, 'complete', { version: now.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never);
    const after = await ok(await t.get(`/work-orders/${o.id}/fees`, manager), 200);
    expect(after.lines.some((l: { id: string }) => l.id === first.body.feeLineId)).toBe(true);
    const parts = await ok(await t.get(`/work-orders/${o.id}/parts`, agent), 200);
    expect(parts.consumptions).toHaveLength(1);
    expect(parts.requests.map((r: { status: string }) => r.status)).toEqual(['received']);
    const audit = await ok(await t.get(`/audit?subjectKind=part_request&subjectId=${asked.body.id}`), 200);
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(['parts.request.approve', 'parts.request.receive', 'parts.request.request', 'parts.request.ship']);
  });

  it('lets one of two consumes of the last unit win, and records one row for two retries at once', async () => {
    const o = await onSite('2026-06-03');
    await ok(await t.post('/stock/receipts', { locationId: loc.van, partId: pump.id, quantity: 1 }, tech));
    const onVan = (await level(loc.van, pump.id, tech)).onHand;
    // Take the van down to one free unit.
    if (onVan > 1) await ok(await t.post('/stock/transfers', { fromLocationId: loc.van, toLocationId: loc.store, partId: pump.id, quantity: onVan - 1 }, providerAdmin));
    const race = await Promise.all(['a', 'b'].map((k) => t.post(`/work-orders/${o.id}/parts-used`, { lineKey: `race-${k}`, partId: pump.id }, tech)));
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(race.find((r) => r.status === 409)!.body.error.code).toBe('out_of_stock');
    expect(await level(loc.van, pump.id, tech)).toMatchObject({ onHand: 0 });

    await ok(await t.post('/stock/receipts', { locationId: loc.van, partId: pump.id, quantity: 2 }, tech));
    const retries = await Promise.all([1, 2].map(() => t.post(`/work-orders/${o.id}/parts-used`, { lineKey: 'same-line', partId: pump.id }, tech)));
    expect(retries.map((r) => r.status)).toEqual([201, 201]);
    expect(retries[0].body.id).toBe(retries[1].body.id);
    expect(await level(loc.van, pump.id, tech)).toMatchObject({ onHand: 1 });
    const parts = await ok(await t.get(`/work-orders/${o.id}/parts`, tech), 200);
    expect(parts.consumptions.map((c: { lineKey: string }) => c.lineKey).sort()).toEqual([race.find((r) => r.status === 201)!.body.lineKey, 'same-line'].sort());
    const fees = await ok(await t.get(`/work-orders/${o.id}/fees`, manager), 200);
    expect(fees.lines.filter((l: { kind: string }) => l.kind === 'part')).toHaveLength(2);
    const moves = await ok(await t.get(`/stock/movements?orderId=${o.id}`, manager), 200);
    expect(moves.items.filter((m: { kind: string }) => m.kind === 'consume')).toHaveLength(2);
  });

  it('posts a count’s differences as adjustments only after approval by a role that may', async () => {
    const before = await level(loc.store, pump.id, providerAdmin);
    const count = await ok(await t.post('/stock/counts', { locationId: loc.store }, providerAdmin));
    expect(count).toMatchObject({ status: 'open', scope: 'full' });
    expect(count.lines.find((l: { partId: string }) => l.partId === pump.id)).toMatchObject({ expected: before.onHand, counted: null });
    expect((await t.post('/stock/counts', { locationId: loc.store }, otherAdmin)).status).toBe(400);
    const submitted = await ok(await t.post(`/stock/counts/${count.id}/submit`, { version: 1, lines: [{ partId: pump.id, counted: before.onHand - 1 }], reason: '一个泵损坏报废 / one pump broken' }, providerAdmin), 200);
    expect(submitted.status).toBe('submitted');
    expect((await t.post(`/stock/counts/${count.id}/approve`, { version: 2 }, providerAdmin)).status).toBe(403);
    const approved = await ok(await t.post(`/stock/counts/${count.id}/approve`, { version: 2, note: '核实' }, manager), 200);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: expect.stringContaining('parts-manager') });
    expect(approved.history.map((h: { action: string }) => h.action)).toEqual(['open', 'submit', 'approve']);
    expect(await level(loc.store, pump.id, providerAdmin)).toMatchObject({ onHand: before.onHand - 1 });
    const ledger = await ok(await t.get(`/stock/movements?locationId=${loc.store}&partId=${pump.id}`, providerAdmin), 200);
    expect(ledger.items[0]).toMatchObject({ kind: 'adjust', onHandDelta: -1, countId: count.id, reason: expect.stringContaining('one pump broken') });
    expect((await t.post(`/stock/counts/${count.id}/approve`, { version: 3 }, manager)).status).toBe(409);
  });

  it('lets the desk ask for parts for an order and cancels an approved request with its reservation released', async () => {
    const o = await onSite('2026-06-04');
    const asked = await ok(await t.post('/part-requests', { orderId: o.id, partId: pump.id, quantity: 2 }, agent));
    expect(asked.toLocationId).toBe(loc.van);
    const before = await level(loc.warehouse, pump.id);
    await ok(await t.post(`/part-requests/${asked.id}/approve`, { version: 1, fromLocationId: loc.warehouse }, manager), 200);
    expect(await level(loc.warehouse, pump.id)).toMatchObject({ reserved: before.reserved + 2 });
    const cancelled = await ok(await t.post(`/part-requests/${asked.id}/cancel`, { version: 2, note: '客户改期' }, manager), 200);
    expect(cancelled.status).toBe('cancelled');
    expect(await level(loc.warehouse, pump.id)).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    // Nothing arrived: the order stays on hold for a person to decide.
    expect((await ok(await t.get(`/work-orders/${o.id}`, agent), 200)).status).toBe('on_hold');
    expect((await t.post('/part-requests', { partId: pump.id, quantity: 1 }, agent)).body.error.details[0].path).toBe('toLocationId');
  });
});
