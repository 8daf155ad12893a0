import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, seedWorld, testApp, uniquePhone, type TestApp } from '../../../test/harness.js';
import { serialChangesOf } from './units.repo.js';

let t: TestApp;
let world: Awaited<ReturnType<typeof seedWorld>>;
beforeAll(async () => {
  t = await testApp();
  world = await seedWorld(t);
});
afterAll(() => t.close());

let n = 0;
async function registerUnit(extra: Record<string, unknown> = {}) {
  n += 1;
  const res = await t.post('/units', {
    modelId: world.model.id,
    ownerId: world.customer.id,
    serials: [{ role: 'indoor', serial: `U${n}IN${Date.now()}` }, { role: 'outdoor', serial: `U${n}OUT${Date.now()}` }],
    purchaseDate: '2026-05-20',
    channel: 'store',
    invoiceNumber: `INV-${n}`,
    priceFen: 400000,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe(`catalogue on ${engine}`, () => {
  it('keeps the model terms and its category certification', async () => {
    const m = (await t.get(`/catalog/models/${world.model.id}`)).body;
    expect(m).toMatchObject({ wholeUnitMonths: 12, mainPartsMonths: 72, mainParts: ['COMPRESSOR'], dailyDepreciationRate: 0.0005, requiredCertification: 'AC-INSTALL' });
    expect(m.standardMinutes).toEqual({ installation: 120, repair: 60 });
  });

  it('serves the fault tree symptom → cause → remedy and guards its shape', async () => {
    const tree = (await t.get(`/catalog/categories/${world.category.id}/fault-codes`)).body.items;
    expect(tree.map((s: any) => s.code)).toEqual(['S01']);
    expect(tree[0].children[0].code).toBe('C01');
    expect(tree[0].children[0].children[0]).toMatchObject({ code: 'R01', level: 'remedy', children: [] });
    const badParent = await t.post('/catalog/fault-codes', { categoryId: world.category.id, level: 'remedy', code: 'R99', parentId: tree[0].id, nameZh: '错', nameEn: 'Wrong' });
    expect([badParent.status, badParent.body.error.details[0].path]).toEqual([400, 'parentId']);
    const orphan = await t.post('/catalog/fault-codes', { categoryId: world.category.id, level: 'cause', code: 'C99', nameZh: '错', nameEn: 'Wrong' });
    expect(orphan.status).toBe(400);
  });

  it('refuses inconsistent terms and duplicate codes', async () => {
    const base = { categoryId: world.category.id, code: 'X-1', nameZh: '型号', nameEn: 'Model', wholeUnitMonths: 36, mainPartsMonths: 12, dailyDepreciationRate: 0.001 };
    const res = await t.post('/catalog/models', base);
    expect([res.status, res.body.error.details[0].path]).toEqual([400, 'mainPartsMonths']);
    const dup = await t.post('/catalog/models', { ...base, code: world.model.code, mainPartsMonths: 36 });
    expect(dup.status).toBe(409);
    const badRegex = await t.post('/catalog/models', { ...base, mainPartsMonths: 36, code: 'X-2', serialPattern: '([' });
    expect([badRegex.status, badRegex.body.error.details[0].path]).toEqual([400, 'serialPattern']);
  });
});

describe(`units on ${engine}`, () => {
  it('registers a unit with serials and reports its warranty', async () => {
    const u = await registerUnit();
    expect(u.serials.map((s: any) => s.role).sort()).toEqual(['indoor', 'outdoor']);
    expect(u.warranty).toMatchObject({ rule: 'warranty.wholeUnit', periodStart: '2026-05-20' });
    expect(u.warranty.wholeUnit.endsOn).toBe('2027-05-20');
    const later = (await t.get(`/units/${u.id}/warranty?asOf=2028-01-01`)).body;
    expect(later.rule).toBe('warranty.mainPartsOnly');
    expect(later.reason.zh.length).toBeGreaterThan(0);
    expect(later.reason.en.length).toBeGreaterThan(0);
  });

  it('refuses a serial that is already registered, and writes nothing', async () => {
    const u = await registerUnit();
    const before = (await t.get(`/units?ownerId=${world.customer.id}`)).body.total;
    const dup = await t.post('/units', { modelId: world.model.id, ownerId: world.customer.id, serials: [{ serial: 'FRESH-1234' }, { serial: u.serials[0].serial }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 1 });
    expect([dup.status, dup.body.error.details[0].path]).toEqual([409, 'serials.1.serial']);
    expect((await t.get(`/units?ownerId=${world.customer.id}`)).body.total).toBe(before);
    expect((await t.get('/units?serial=FRESH-1234')).body.total).toBe(0);
  });

  it('answers the 三包 remedy with its rule and reason', async () => {
    const u = await registerUnit({ purchaseDate: '2026-05-28' });
    const seven = await t.post(`/units/${u.id}/sanbao`, { faultCode: 'S01', reportedOn: '2026-06-01' });
    expect(seven.status).toBe(200);
    expect(seven.body).toMatchObject({ rule: 'sanbao.7day', options: ['refund', 'replace', 'repair'], free: true, refundAmountFen: 400000 });
    expect(seven.body.reason.zh).toBeTruthy();
    const misuse = await t.post(`/units/${u.id}/sanbao`, { faultCode: 'S01', reportedOn: '2026-06-01', misuse: true });
    expect(misuse.body).toMatchObject({ rule: 'sanbao.excluded.misuse', free: false });
    const mismatch = await t.post(`/units/${u.id}/sanbao`, { faultCode: 'S01', reportedOn: '2026-06-01', modelFound: 'OTHER-1' });
    expect(mismatch.body.rule).toBe('sanbao.excluded.modelMismatch');
    const same = await t.post(`/units/${u.id}/sanbao`, { faultCode: 'S01', reportedOn: '2026-06-01', modelFound: world.model.code });
    expect(same.body.rule).toBe('sanbao.7day');
    const before = await t.post(`/units/${u.id}/sanbao`, { faultCode: 'S01', reportedOn: '2026-01-01' });
    expect([before.status, before.body.error.details[0].path]).toEqual([400, 'reportedOn']);
  });

  it('counts finished repair orders toward the two-failed-repairs rule', async () => {
    const u = await registerUnit({ purchaseDate: '2026-01-10' });
    for (let i = 0; i < 2; i++) {
      let o = (await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, unitId: u.id, symptom: '漏水', accept: true })).body;
      const go = async (a: string, b: Record<string, unknown> = {}) => {
        const r = await t.post(`/work-orders/${o.id}/${a}`, { version: o.version, ...b });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        o = r.body;
      };
      await go('dispatch', { providerId: world.provider.id });
      await go('assign', { technicianId: world.technicians[0].id });
      // An hour from now (the clock moves a day each round): a booking never lies in the past.
      const from = t.clock.now().getTime() + 3_600_000;
      await go('book', { from: new Date(from).toISOString(), to: new Date(from + 2 * 3_600_000).toISOString() });
      await go('check-in', { lat: 23.13, lng: 113.32 });
      t.clock.advance(86_400_000);
      await go('complete', { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' });
    }
    const detail = (await t.get(`/units/${u.id}`)).body;
    expect(detail.orders).toHaveLength(2);
    expect(detail.orders.every((o: any) => o.symptomCode === 'S01')).toBe(true);
    // The list reads each unit's model and orders in its page's statement: the same unit, the same warranty, as the unit's own page.
    const { ownerships: _o, orders: _h, ...asListed } = detail;
    const listed = (await t.get(`/units?ownerId=${world.customer.id}&limit=200`)).body;
    expect(listed.items.find((x: any) => x.id === u.id)).toEqual(asListed);
    // A page past the end has no unit to carry the count: it is counted on its own.
    expect((await t.get(`/units?ownerId=${world.customer.id}&limit=1&offset=${listed.total + 5}`)).body).toEqual({ items: [], total: listed.total, limit: 1, offset: listed.total + 5 });
    const third = await t.post(`/units/${u.id}/sanbao`, { faultCode: 'S01', kind: 'other' });
    expect(third.body.rule).toBe('sanbao.twoFailedRepairs');
    expect(third.body.options).toEqual(['replace', 'refund']);
    expect(third.body.refundAmountFen).toBeLessThan(400000);
  });

  it('transfers ownership with a history, and restarts warranty on replacement', async () => {
    const u = await registerUnit({ purchaseDate: '2025-01-01' });
    const buyer = (await t.post('/customers', { name: '新主人', phones: [{ phone: uniquePhone() }] })).body;
    const moved = await t.post(`/units/${u.id}/transfer`, { version: u.version, toCustomerId: buyer.id, onDate: '2026-02-01', reason: '二手转让' });
    expect([moved.status, moved.body.ownerId, moved.body.version]).toEqual([200, buyer.id, 2]);
    const stale = await t.post(`/units/${u.id}/transfer`, { version: 1, toCustomerId: world.customer.id, onDate: '2026-03-01', reason: 'x' });
    expect(stale.status).toBe(409);
    const detail = (await t.get(`/units/${u.id}`)).body;
    expect(detail.ownerships.map((o: any) => [o.customerId, o.fromDate, o.toDate])).toEqual([
      [world.customer.id, '2025-01-01', '2026-02-01'],
      [buyer.id, '2026-02-01', null],
    ]);
    const expired = (await t.get(`/units/${u.id}/warranty?asOf=2026-03-01`)).body;
    expect(expired.rule).toBe('warranty.mainPartsOnly');
    const oldSerial = detail.serials.find((s: any) => s.role === 'indoor')?.serial ?? null;
    const newSerial = `RPL${Date.now()}`;
    const replaced = await t.post(`/units/${u.id}/replacement`, { version: 2, onDate: '2026-02-15', serials: [{ role: 'indoor', serial: newSerial }], reason: '三包换机' });
    expect(replaced.status).toBe(200);
    // The serial history keeps what the plate said before.
    expect((await serialChangesOf(t.database.db, u.id)).map((c) => [c.role, c.fromSerial, c.toSerial, c.replacement, c.orderId])).toEqual([['indoor', oldSerial, newSerial, 'unit', null]]);
    expect(replaced.body.warranty).toMatchObject({ restartedByReplacement: true, periodStart: '2026-02-15' });
    expect((await t.get(`/units/${u.id}/warranty?asOf=2026-03-01`)).body.rule).toBe('warranty.wholeUnit');
    // The new owner's list shows the unit as its own page does (serials, model, warranty), without the page's history.
    const { ownerships: _o, orders: _r, ...own } = (await t.get(`/units/${u.id}`)).body;
    expect((await t.get(`/units?ownerId=${buyer.id}`)).body.items).toEqual([own]);
  });

  it('names the field for bad unit input', async () => {
    const base = { modelId: world.model.id, ownerId: world.customer.id, serials: [{ serial: 'OK-12345' }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 100 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, modelId: '00000000-0000-4000-8000-000000000000' }, 'modelId'],
      [{ ...base, ownerId: '00000000-0000-4000-8000-000000000000' }, 'ownerId'],
      [{ ...base, priceFen: 12.5 }, 'priceFen'],
      [{ ...base, channel: 'tv' }, 'channel'],
      [{ ...base, installedOn: '2026-04-01' }, 'installedOn'],
      [{ ...base, serials: [{ serial: 'x' }] }, 'serials.0.serial'],
    ];
    for (const [body, path] of cases) {
      const res = await t.post('/units', body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
  });
});
