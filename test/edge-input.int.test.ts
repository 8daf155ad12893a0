import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, seedWorld, testApp, uniquePhone, type TestApp } from './harness.js';
import { createHttpApp } from '../src/server/http.js';

// Input the database cannot store or that cannot be true is refused at the edge, naming the field
// (issue 14, defects 3 and 6). Each of these answered 500 or was accepted before.
let t: TestApp;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  t = await testApp();
  world = await seedWorld(t);
});
afterAll(() => t.close());

type Res = { status: number; body: { error?: { code: string; details: { path: string; message: string }[] } } };
const refused = (res: Res, path: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error?.details.map((d) => d.path)).toContain(path);
};

const customer = (extra: Record<string, unknown>) => ({ name: '李娜', phones: [{ phone: uniquePhone() }], ...extra });
const order = (extra: Record<string, unknown>) => ({ kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: '漏水', ...extra });

describe(`text the database cannot store, ${engine}`, () => {
  it('refuses NUL in body text, naming the field', async () => {
    refused(await t.post('/customers', customer({ name: 'Zhang\u0000Wei' })), 'name');
    refused(await t.post('/customers', customer({ notes: 'call after 6\u0000' })), 'notes');
    refused(await t.post('/work-orders', order({ symptom: 'drips\u0000' })), 'symptom');
    refused(await t.post('/customers', customer({ addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: 'x\u0000', isDefault: true }] })), 'addresses.0.street');
  });

  it('refuses lone UTF-16 surrogates in body text', async () => {
    // Written as JSON escapes: JSON.stringify would keep them escaped too, but this is what a client sends.
    const raw = `{"name":"\\ud800Wei","phones":[{"phone":"${uniquePhone()}"}]}`;
    refused(await t.call('POST', '/customers', raw), 'name');
    refused(await t.post('/work-orders', order({ symptom: 'drips \udc00' })), 'symptom');
  });

  it('refuses NUL in query parameters', async () => {
    refused(await t.get('/customers?q=%00'), 'q');
    refused(await t.get('/units?serial=AB%00'), 'serial');
  });

  it('writes nothing when it refuses', async () => {
    const before = (await t.get('/customers?limit=1')).body.total;
    await t.post('/customers', customer({ name: '\u0000' }));
    expect((await t.get('/customers?limit=1')).body.total).toBe(before);
  });
});

describe(`dates out of range, ${engine}`, () => {
  it('refuses year 0 and far-off years in body dates', async () => {
    refused(await t.post('/customers', customer({ birthday: '0000-01-01' })), 'birthday');
    refused(await t.post('/work-orders', order({ wishedFrom: '0000-01-01T00:00:00Z' })), 'wishedFrom');
    refused(await t.post('/work-orders', order({ wishedFrom: '9999-12-31T00:00:00Z' })), 'wishedFrom');
  });

  it('refuses them in query dates', async () => {
    refused(await t.get('/dispatch/visits?date=0000-01-01'), 'date');
    refused(await t.get('/audit?from=0000-01-01T00:00:00Z'), 'from');
    refused(await t.get('/promises/report?by=period&from=0001-01-01&to=9999-12-31'), 'from');
    refused(await t.get('/promises/report?by=period&from=2026-01-01&to=9999-12-31'), 'to');
  });

  it('refuses boards, visits and plans for 1900', async () => {
    refused(await t.get(`/dispatch/board?providerId=${world.provider.id}&date=1900-01-01`), 'date');
    refused(await t.get(`/dispatch/visits?technicianId=${world.technicians[0].id}&date=1900-06-01`), 'date');
    refused(await t.post('/dispatch/plans', { providerId: world.provider.id, date: '1900-01-01' }), 'date');
  });
});

describe(`plausibility against the service's clock, ${engine}`, () => {
  // The harness clock stands at 2026-06-01.
  it('refuses a birthday in the future, on create and on update', async () => {
    refused(await t.post('/customers', customer({ birthday: '2030-01-01' })), 'birthday');
    const ok = await t.post('/customers', customer({ birthday: '1990-05-17' }));
    expect(ok.status).toBe(201);
    refused(await t.patch(`/customers/${ok.body.id}`, { version: ok.body.version, birthday: '2027-01-01' }), 'birthday');
  });

  it('refuses a purchase, receipt or installation in the future', async () => {
    const unit = { modelId: world.model.id, ownerId: world.customer.id, serials: [{ role: 'indoor', serial: `FUT${Date.now()}` }, { role: 'outdoor', serial: `FUTO${Date.now()}` }], channel: 'store', invoiceNumber: 'INV-9', priceFen: 100 };
    refused(await t.post('/units', { ...unit, purchaseDate: '2027-03-01' }), 'purchaseDate');
    refused(await t.post('/units', { ...unit, purchaseDate: '2026-03-01', installedOn: '2026-12-01' }), 'installedOn');
  });

  it('refuses a replacement or a transfer dated in the future', async () => {
    const unit = (await t.get(`/units/${world.unit.id}`)).body;
    refused(await t.post(`/units/${world.unit.id}/replacement`, { version: unit.version, onDate: '2026-09-01', serials: [{ role: 'indoor', serial: `R${Date.now()}` }], reason: 'lemon' }), 'onDate');
    const other = await t.post('/customers', customer({}));
    refused(await t.post(`/units/${world.unit.id}/transfer`, { version: unit.version, toCustomerId: other.body.id, onDate: '2027-01-01', reason: 'sold' }), 'onDate');
  });

  it('refuses a wished window years ahead, and takes one within reach', async () => {
    refused(await t.post('/work-orders', order({ wishedFrom: '2030-01-01T08:00:00+08:00', wishedTo: '2030-01-01T12:00:00+08:00' })), 'wishedFrom');
    refused(await t.post('/work-orders', order({ wishedTo: '2099-01-01T12:00:00+08:00' })), 'wishedTo');
    const ok = await t.post('/work-orders', order({ wishedFrom: '2026-06-03T08:00:00+08:00', wishedTo: '2026-06-03T12:00:00+08:00' }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});

describe(`query parameters a route does not know, ${engine}`, () => {
  it('refuses them, naming the parameter, instead of answering everything', async () => {
    refused(await t.get(`/units?customerId=${world.customer.id}`), 'customerId');
    refused(await t.get('/customers?limit=5&nmae=x'), 'nmae');
    refused(await t.get(`/units/${world.unit.id}?expand=all`), 'expand');
    // A route without query parameters refuses any.
    refused(await t.post(`/customers?dryRun=true`, customer({})), 'dryRun');
    expect((await t.get(`/units?ownerId=${world.customer.id}`)).status).toBe(200);
  });
});

describe(`the log of an internal error, ${engine}`, () => {
  it("keeps the statement and the database's code, never the parameters or the values quoted back", async () => {
    // A server of its own, with one route whose query fails the way a bad value made queries fail.
    const app = createHttpApp(t.services, { bodyLimitBytes: 10_000, access: { perToken: null, perAddress: null } });
    app.get('/failing-query', async () => {
      await t.database.db.execute(sql`select ${'Zhang Wei 13912345678'}::date as d, ${'Room 1203, Tianhe'} as street`);
      throw new Error('unreachable');
    });
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    let res: Response;
    try {
      res = await app.request('/failing-query', { headers: t.admin.headers });
    } finally {
      process.stderr.write = write;
    }
    expect(res.status).toBe(500);
    const logged = written.join('');
    expect(logged).toContain('select $1::date');
    expect(logged).toMatch(/22007|invalid input syntax/);
    expect(logged).not.toContain('13912345678');
    expect(logged).not.toContain('Tianhe');
  });
});
