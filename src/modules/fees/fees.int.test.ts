import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { haversineMetres } from '../../shared/geo.js';
import { remoteFee } from './fees.rules.js';

// Fees at the door: price lists kept as versioned data, an order priced on completion from the
// version in force that day (the provider's contract first), a remote fee from the provider's
// base, who pays from the unit's 三包 answer, one household's units priced as one visit, staff
// corrections with history, and the customer's own plain view.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let agent: Record<string, string>;
let tech: Record<string, string>;
let oldUnitId: string;
let nationalId: string;
let contractId: string;
// The provider's base, about 30 km east of the customer (113.32, 23.13).
const base = { lat: 23.13, lng: 113.6175 };

const content = (categoryId: string, adjustmentFen = 5000) => ({
  labour: [
    { categoryId, kind: 'repair', mode: 'part_swap', callOutFen: 3000, labourFen: 12000 },
    { categoryId, kind: 'repair', mode: 'adjustment', callOutFen: 3000, labourFen: adjustmentFen },
    { categoryId: null, kind: 'repair', mode: 'adjustment', callOutFen: 2000, labourFen: 4000 },
  ],
  extras: [{ code: 'pipe_m', nameZh: '加长铜管（每米）', nameEn: 'Pipe extension (per metre)', unit: 'metre', priceFen: 6500, customerPays: true }],
  distance: [
    { areaType: 'city', freeKm: 20, ratePerKmFen: 200 },
    { areaType: 'town', freeKm: 10, ratePerKmFen: 200 },
  ],
  areas: [],
  defaultAreaType: 'city',
});

/** A repair of `unitId` with technician `techIndex`, done on `day` between `hour`:00 and +1 h UTC (Shanghai 08:00–18:00 is 00–10 UTC). */
async function doneOrder(unitId: string, day: string, techIndex = 0, hour = 2, replacement?: string) {
  const s = t.services.workOrders;
  // A visit is never booked into the past: an earlier day's order is made half an hour before its visit.
  const visitAt = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  if (clock.now() > visitAt) clock.set(new Date(visitAt.getTime() - 30 * 60_000));
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId, symptom: '漏水 / leaks', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[techIndex].id });
  const h = String(hour).padStart(2, '0');
  clock.set(new Date(Date.parse(`${day}T${h}:00:00Z`) - 3_600_000)); // booked an hour ahead
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `${day}T${h}:00:00Z`, to: `${day}T${h}:59:00Z` });
  clock.set(new Date(`${day}T${h}:10:00Z`));
  o = await s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
  if (unitId === oldUnitId) await quoteAccepted(o.id);
  clock.set(new Date(`${day}T${h}:40:00Z`));
  return s.perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01', ...(replacement ? { replacement } : {}) } as never);
}

/** Out of warranty the customer accepts a quote before the work is completed (fees.quotes.int.test.ts tests the quotes). */
async function quoteAccepted(orderId: string) {
  const q = await t.services.fees.quotes.create(systemCaller, orderId, { jobMode: 'adjustment', extras: [], parts: [] });
  await t.services.fees.quotes.offer(systemCaller, orderId, q.id, { sendSms: false });
  await t.services.fees.quotes.accept(systemCaller, orderId, q.id, { signedName: '王女士', confirmed: true });
}

const fees = async (orderId: string, headers = manager) => (await t.get(`/work-orders/${orderId}/fees`, headers)).body;
const sum = (lines: { amountFen: number }[]) => lines.reduce((n, l) => n + l.amountFen, 0);
/** Totals always add up: per payer to the whole, and the whole to the lines. */
function addsUp(f: { lines: { amountFen: number; payer: string }[]; totals: { amountFen: number; byPayer: { payer: string; amountFen: number }[] } }) {
  expect(f.totals.amountFen).toBe(sum(f.lines));
  expect(sum(f.totals.byPayer)).toBe(f.totals.amountFen);
  for (const p of f.totals.byPayer) expect(p.amountFen).toBe(sum(f.lines.filter((l) => l.payer === p.payer)));
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'fees-manager')).headers;
  agent = (await tokenFor(t.services, 'agent', 'fees-desk')).headers;
  tech = (await tokenFor(t.services, 'technician', 'fees-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const old = await t.post('/units', { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'main', serial: `OLD-${Date.now()}` }], purchaseDate: '2023-01-10', channel: 'store', invoiceNumber: 'INV-OLD', priceFen: 259900 });
  expect(old.status).toBe(201);
  oldUnitId = old.body.id;
});
afterAll(() => t.close());

describe(`fees on ${engine}`, () => {
  it('keeps price lists as versioned data: drafts change, published versions never do', async () => {
    const national = await t.post('/price-lists', { scope: 'national', nameZh: '全国收费标准', nameEn: 'National price list' }, manager);
    expect(national.status).toBe(201);
    nationalId = national.body.id;
    expect((await t.post('/price-lists', { scope: 'national', nameZh: '再来一个', nameEn: 'Another' }, manager)).status).toBe(409);
    const v1 = await t.post(`/price-lists/${nationalId}/versions`, { effectiveFrom: '2026-01-01', content: content(w.category.id) }, manager);
    expect(v1.body).toMatchObject({ number: 1, status: 'draft', version: 1 });
    const edited = await t.call('PUT', `/price-list-versions/${v1.body.id}`, { version: 1, effectiveFrom: '2026-01-01', content: content(w.category.id), note: '2026 标准' }, manager);
    expect(edited.body).toMatchObject({ version: 2, note: '2026 标准' });
    expect((await t.call('PUT', `/price-list-versions/${v1.body.id}`, { version: 1, effectiveFrom: '2026-01-01', content: content(w.category.id) }, manager)).status).toBe(409);
    const published = await t.post(`/price-list-versions/${v1.body.id}/publish`, { version: 2 }, manager);
    expect(published.body).toMatchObject({ status: 'published', publishedBy: expect.stringContaining('fees-manager') });
    const change = await t.call('PUT', `/price-list-versions/${v1.body.id}`, { version: 3, effectiveFrom: '2026-01-01', content: content(w.category.id, 1) }, manager);
    expect(change.status).toBe(409);
    expect(change.body.error.code).toBe('price_list_version_published');
    expect(change.body.error.message).toContain('已发布');
    // A draft copying the latest, on a day a published version already holds: refused at publishing.
    const copy = await t.post(`/price-lists/${nationalId}/versions`, { effectiveFrom: '2026-01-01' }, manager);
    expect(copy.body).toMatchObject({ number: 2, status: 'draft', content: { labour: expect.any(Array) } });
    const sameDay = await t.post(`/price-list-versions/${copy.body.id}/publish`, { version: 1 }, manager);
    expect(sameDay.status).toBe(400);
    expect(sameDay.body.error.details[0].path).toBe('effectiveFrom');
    // The provider's contract, measured from its base, in force from 2 June with dearer adjustment labour.
    const contract = await t.post('/price-lists', { scope: 'provider', providerId: w.provider.id, nameZh: '天河网点合同价', nameEn: 'Tianhe contract', base }, manager);
    expect(contract.status).toBe(201);
    contractId = contract.body.id;
    const cv = await t.post(`/price-lists/${contractId}/versions`, { effectiveFrom: '2026-06-02', content: content(w.category.id, 6000) }, manager);
    expect((await t.post(`/price-list-versions/${cv.body.id}/publish`, { version: 1 }, manager)).status).toBe(200);
    const history = await t.get(`/price-lists/${nationalId}/history`, manager);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(['list_created', 'draft_created', 'draft_changed', 'published', 'draft_created']);
    // Only managers keep lists; the desk reads them.
    expect((await t.post('/price-lists', { scope: 'provider', providerId: w.provider.id, nameZh: 'x', nameEn: 'x' }, agent)).status).toBe(403);
    expect((await t.get('/price-lists', agent)).body.items).toHaveLength(2);
  });

  it('refuses bad lists and versions, naming the field', async () => {
    const noProvider = await t.post('/price-lists', { scope: 'provider', nameZh: '合同', nameEn: 'Contract' }, manager);
    expect(noProvider.status).toBe(400);
    expect(noProvider.body.error.details[0].path).toBe('providerId');
    const unknownProvider = await t.post('/price-lists', { scope: 'provider', providerId: '00000000-0000-4000-8000-000000000000', nameZh: '合同', nameEn: 'Contract' }, manager);
    expect(unknownProvider.body.error.details[0].path).toBe('providerId');
    const floatFen = await t.post(`/price-lists/${nationalId}/versions`, { effectiveFrom: '2026-09-01', content: { ...content(w.category.id), labour: [{ categoryId: null, kind: 'repair', mode: 'adjustment', callOutFen: 30.5, labourFen: 100 }] } }, manager);
    expect(floatFen.status).toBe(400);
    expect(floatFen.body.error.details[0].path).toBe('content.labour.0.callOutFen');
    const badMode = await t.post(`/price-lists/${nationalId}/versions`, { effectiveFrom: '2026-09-01', content: { ...content(w.category.id), labour: [{ categoryId: null, kind: 'repair', mode: 'magic', callOutFen: 1, labourFen: 1 }] } }, manager);
    expect(badMode.body.error.details[0].path).toBe('content.labour.0.mode');
    const twice = await t.post(`/price-lists/${nationalId}/versions`, { effectiveFrom: '2026-09-01', content: { ...content(w.category.id), distance: [{ areaType: 'city', freeKm: 20, ratePerKmFen: 200 }, { areaType: 'city', freeKm: 5, ratePerKmFen: 100 }] } }, manager);
    expect(twice.body.error.details[0].path).toBe('content.distance');
    const badDay = await t.post(`/price-lists/${nationalId}/versions`, { effectiveFrom: '2026-02-30' }, manager);
    expect(badDay.body.error.details[0].path).toBe('effectiveFrom');
    expect((await t.get('/price-list-versions/00000000-0000-4000-8000-000000000000', manager)).status).toBe(404);
  });

  it('prices an out-of-warranty repair on completion, with a remote fee from the provider’s base, all the customer’s', async () => {
    const o = await doneOrder(oldUnitId, '2026-06-01');
    const f = await fees(o.id);
    expect(f.lines.map((l: any) => [l.kind, l.amountFen, l.payer, l.rule])).toEqual([
      ['call_out', 3000, 'customer', 'sanbao.outOfWarranty'],
      ['labour', 5000, 'customer', 'sanbao.outOfWarranty'],
      ['remote', expect.any(Number), 'customer', 'sanbao.outOfWarranty'],
    ]);
    // The national version (the contract starts tomorrow); road distance = the great circle × 1.3 (the default travel).
    const national = (await t.get(`/price-lists/${nationalId}`, manager)).body.versions.find((v: any) => v.number === 1);
    expect(f.pricing).toMatchObject({ priceVersionId: national.id, workDay: '2026-06-01', jobMode: 'adjustment', areaType: 'city', distanceFlags: [] });
    const straight = haversineMetres([base.lng, base.lat], [113.32, 23.13]);
    expect(f.pricing.roadMetres / straight).toBeGreaterThan(1.29);
    expect(f.pricing.roadMetres / straight).toBeLessThan(1.31);
    const remote = f.lines[2];
    expect(remote.amountFen).toBe(remoteFee({ areaType: 'city', freeKm: 20, ratePerKmFen: 200, maxKm: null }, f.pricing.roadMetres).amountFen);
    expect(remote.amountFen).toBeGreaterThan(3000);
    expect(remote.reason.zh).toContain('保修');
    expect(f.totals.byPayer).toEqual([{ payer: 'customer', amountFen: 8000 + remote.amountFen }]);
    addsUp(f);
    expect(f.history.filter((h: any) => h.action === 'priced')).toHaveLength(3);
  });

  it('charges an in-warranty repair to the maker, on the contract from its effective day', async () => {
    const o = await doneOrder(w.unit.id, '2026-06-02', 1);
    const f = await fees(o.id);
    expect(new Set(f.lines.map((l: any) => l.payer))).toEqual(new Set(['maker']));
    expect(f.lines.find((l: any) => l.kind === 'labour')).toMatchObject({ amountFen: 6000, rule: 'sanbao.inWarrantyRepair' });
    const contract = (await t.get(`/price-lists/${contractId}`, manager)).body.versions[0];
    expect(f.pricing.priceVersionId).toBe(contract.id);
    expect(f.totals.byPayer.map((p: any) => p.payer)).toEqual(['maker']);
    addsUp(f);
  });

  it('prices a household’s units in one visit together: one remote fee, one call-out', async () => {
    const first = await doneOrder(oldUnitId, '2026-06-03', 0, 1);
    const alone = await fees(first.id);
    expect(alone.lines.map((l: any) => l.kind)).toEqual(['call_out', 'labour', 'remote']);
    const second = await doneOrder(w.unit.id, '2026-06-03', 0, 4);
    const [a, b] = [await fees(first.id), await fees(second.id)];
    const all = [...a.lines, ...b.lines];
    expect(all.filter((l: any) => l.kind === 'remote')).toHaveLength(1);
    expect(all.filter((l: any) => l.kind === 'call_out').map((l: any) => l.amountFen).sort()).toEqual([0, 3000]);
    expect(b.lines.find((l: any) => l.kind === 'call_out')).toMatchObject({ amountFen: 0, rule: 'visit.callOutOncePerVisit' });
    // The first order's lines were priced again with the visit; its old ones are voided in its history.
    expect(a.history.filter((h: any) => h.action === 'voided')).toHaveLength(3);
    addsUp(a);
    addsUp(b);
  });

  it('lets staff add an extra, charge a line to someone else with a reason, and re-price, keeping history', async () => {
    const o = await doneOrder(oldUnitId, '2026-06-01', 1, 6);
    const before = await fees(o.id);
    const pipe = await t.post(`/work-orders/${o.id}/fees/lines`, { kind: 'extra', code: 'pipe_m', quantity: 3 }, agent);
    expect(pipe.status).toBe(201);
    expect(pipe.body.lines.find((l: any) => l.kind === 'extra')).toMatchObject({ amountFen: 19500, payer: 'customer', source: 'staff', rule: 'fees.extraCustomerPays' });
    const part = await t.post(`/work-orders/${o.id}/fees/lines`, { kind: 'part', nameZh: '排水泵', nameEn: 'Drain pump', priceFen: 8850, quantity: 1 }, agent);
    expect(part.body.lines.find((l: any) => l.kind === 'part')).toMatchObject({ amountFen: 8850, payer: 'customer' });
    const labour = before.lines.find((l: any) => l.kind === 'labour');
    const moved = await t.post(`/work-orders/${o.id}/fees/lines/${labour.id}/payer`, { version: labour.version, payer: 'provider', reason: '鉴定：安装不当 / appraisal: bad installation' }, agent);
    expect(moved.status).toBe(200);
    expect(moved.body.lines.find((l: any) => l.id === labour.id)).toMatchObject({ payer: 'provider', rule: 'fees.staffDecision' });
    expect(moved.body.history.at(-1)).toMatchObject({ action: 'payer_changed', reason: expect.stringContaining('鉴定'), changes: { payer: { from: 'customer', to: 'provider' } } });
    addsUp(moved.body);
    const stale = await t.post(`/work-orders/${o.id}/fees/lines/${labour.id}/payer`, { version: labour.version, payer: 'dealer', reason: 'x' }, agent);
    expect(stale.status).toBe(409);
    // Re-priced as a part swap: the list's lines replaced, the staff lines kept.
    const again = await t.post(`/work-orders/${o.id}/fees/reprice`, { jobMode: 'part_swap', reason: '实际更换了配件 / a part was swapped' }, agent);
    expect(again.status).toBe(200);
    expect(again.body.lines.map((l: any) => [l.kind, l.source])).toEqual([
      ['extra', 'staff'],
      ['part', 'staff'],
      ['call_out', 'auto'],
      ['labour', 'auto'],
      ['remote', 'auto'],
    ]);
    expect(again.body.lines.find((l: any) => l.kind === 'labour').amountFen).toBe(12000);
    expect(again.body.pricing.jobMode).toBe('part_swap');
    addsUp(again.body);
    const actions = again.body.history.map((h: any) => h.action);
    expect(actions.filter((a: string) => a === 'voided')).toHaveLength(3);
    expect(actions.filter((a: string) => a === 'added')).toHaveLength(2);
    // A line staff added may be taken off; a list line may not.
    const extra = again.body.lines.find((l: any) => l.kind === 'extra');
    const off = await t.post(`/work-orders/${o.id}/fees/lines/${extra.id}/remove`, { version: extra.version, reason: '客户自备铜管 / customer brought pipe' }, agent);
    expect(off.body.lines.some((l: any) => l.id === extra.id)).toBe(false);
    const listLine = again.body.lines.find((l: any) => l.kind === 'labour');
    expect((await t.post(`/work-orders/${o.id}/fees/lines/${listLine.id}/remove`, { version: listLine.version, reason: 'x' }, agent)).body.error.details[0].path).toBe('lineId');
    // The audit has the payer change.
    const audit = await t.get('/audit?action=fees.payer_changed', manager);
    expect(JSON.stringify(audit.body)).toContain(labour.id);
  });

  it('previews an order under a draft without writing anything', async () => {
    const o = await doneOrder(oldUnitId, '2026-06-04', 1, 2);
    const draft = await t.post(`/price-lists/${contractId}/versions`, { effectiveFrom: '2026-07-01', content: content(w.category.id, 9900) }, manager);
    const preview = await t.get(`/price-list-versions/${draft.body.id}/preview?orderId=${o.id}`, manager);
    expect(preview.status).toBe(200);
    expect(preview.body.lines.find((l: any) => l.kind === 'labour').amountFen).toBe(9900);
    expect(preview.body.current.amountFen).toBe((await fees(o.id)).totals.amountFen);
    expect(preview.body.totals.amountFen - preview.body.current.amountFen).toBe(9900 - 6000);
    expect((await fees(o.id)).lines.find((l: any) => l.kind === 'labour').amountFen).toBe(6000);
    expect((await t.get(`/price-list-versions/${draft.body.id}/preview?orderId=${o.id}`, agent)).status).toBe(403);
  });

  it('refuses changes that do not fit: an order not done, bad lines, an unknown extra', async () => {
    const s = t.services.workOrders;
    const open = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: oldUnitId, symptom: '异响', accept: true, priority: 'normal', channel: 'phone' })).order;
    const notDone = await t.post(`/work-orders/${open.id}/fees/reprice`, { reason: '试试' }, agent);
    expect(notDone.status).toBe(409);
    expect(notDone.body.error.message).toContain('完工');
    const o = await doneOrder(oldUnitId, '2026-06-05', 0, 2);
    const zero = await t.post(`/work-orders/${o.id}/fees/lines`, { kind: 'extra', code: 'pipe_m', quantity: 0 }, agent);
    expect(zero.status).toBe(400);
    expect(zero.body.error.details[0].path).toBe('quantity');
    const floatPrice = await t.post(`/work-orders/${o.id}/fees/lines`, { kind: 'part', nameZh: '泵', nameEn: 'Pump', priceFen: 12.5, quantity: 1 }, agent);
    expect(floatPrice.body.error.details[0].path).toBe('priceFen');
    const unknown = await t.post(`/work-orders/${o.id}/fees/lines`, { kind: 'extra', code: 'gold_leaf', quantity: 1 }, agent);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0].path).toBe('code');
    const noReason = await t.post(`/work-orders/${o.id}/fees/reprice`, { jobMode: 'adjustment' }, agent);
    expect(noReason.body.error.details[0].path).toBe('reason');
    const badPayer = await t.post(`/work-orders/${o.id}/fees/lines/${(await fees(o.id)).lines[0].id}/payer`, { version: 1, payer: 'nobody', reason: 'x' }, agent);
    expect(badPayer.body.error.details[0].path).toBe('payer');
    // Nothing half-written: the lines are as priced.
    expect((await fees(o.id)).lines.map((l: any) => l.source)).toEqual(['auto', 'auto', 'auto']);
    // A technician reads the fees of their order but does not change them.
    expect((await t.get(`/work-orders/${o.id}/fees`, tech)).status).toBe(200);
    expect((await t.post(`/work-orders/${o.id}/fees/reprice`, { reason: 'x' }, tech)).status).toBe(403);
  });

  it('lets only one of two drafts for the same day be published, and prices two completions of one visit one after the other', async () => {
    const drafts = [];
    for (let i = 0; i < 2; i++) drafts.push((await t.post(`/price-lists/${contractId}/versions`, { effectiveFrom: '2026-12-01' }, manager)).body);
    const answers = await Promise.all(drafts.map((d) => t.post(`/price-list-versions/${d.id}/publish`, { version: d.version }, manager)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    // Two units of one household, booked one after the other, finished at the same moment.
    const s = t.services.workOrders;
    const onSite = [];
    for (const [unitId, hour] of [[oldUnitId, 1], [w.unit.id, 3]] as const) {
      let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId, symptom: '漏水 / leaks', accept: true, priority: 'normal', channel: 'phone' })).order;
      o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
      o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[1].id });
      o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `2026-06-09T0${hour}:00:00Z`, to: `2026-06-09T0${hour}:59:00Z` });
      clock.set(new Date(`2026-06-09T0${hour}:10:00Z`));
      onSite.push(await s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 }));
      if (unitId === oldUnitId) await quoteAccepted(o.id);
    }
    clock.set(new Date('2026-06-09T04:30:00Z'));
    await Promise.all(onSite.map((o) => s.perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never)));
    const lines = [...(await fees(onSite[0].id)).lines, ...(await fees(onSite[1].id)).lines];
    expect(lines.filter((l: any) => l.kind === 'remote')).toHaveLength(1);
    expect(lines.filter((l: any) => l.kind === 'call_out' && l.amountFen > 0)).toHaveLength(1);
  });

  it('shows the customer their own lines in plain words, and the prices for their product and region', async () => {
    const o = await doneOrder(oldUnitId, '2026-06-06', 1, 2);
    const link = await t.services.access.customerLink(systemCaller, w.customer.id, 600);
    const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    const mine = await t.app.request(`/work-orders/${o.id}/fees`, { headers: { cookie } });
    expect(mine.status).toBe(200);
    const body = (await mine.json()) as any;
    expect(body.lines[0]).toEqual({ nameZh: '上门费', nameEn: 'Call-out fee', quantity: 1, unitFen: 3000, amountFen: 3000, currency: 'CNY', payer: 'customer', payerZh: '客户', payerEn: 'Customer', reason: expect.objectContaining({ zh: expect.any(String) }) });
    const text = JSON.stringify(body);
    for (const secret of ['fees-', 'system', 'rule', 'createdBy', 'history', 'facts', w.technicians[1].id]) expect(text).not.toContain(secret);
    expect(body.totals.amountFen).toBe(sum(body.lines));
    const prices = await t.app.request(`/fee-schedule?categoryId=${w.category.id}&province=${encodeURIComponent('广东省')}&city=${encodeURIComponent('广州市')}`, { headers: { cookie } });
    expect(prices.status).toBe(200);
    const schedule = (await prices.json()) as any;
    // The national list: contracts are between the maker and its providers.
    expect(schedule).toMatchObject({ effectiveFrom: '2026-01-01', areaType: 'city', distance: { freeKm: 20, ratePerKmFen: 200 } });
    expect(schedule.labour.map((l: any) => [l.mode, l.labourFen])).toEqual([
      ['part_swap', 12000],
      ['adjustment', 5000],
    ]);
    expect(schedule.versionId).toBeUndefined();
    const bad = await t.app.request('/fee-schedule?categoryId=nope', { headers: { cookie } });
    expect(bad.status).toBe(400);
  });
});
