import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../src/db/database.js';
import { databaseFromImage } from './database-images.js';
import { createServices, type ServiceOptions, type Services } from '../src/server/services.js';
import { createHttpApp } from '../src/server/http.js';
import type { Clock } from '../src/shared/clock.js';
import type { QueueOptions } from '../src/jobs/queue.js';
import { defaultRolePermissions, type Role } from '../src/kernel/permissions.js';
import type { Caller } from '../src/kernel/scopes.js';

/** PostgreSQL when TEST_DATABASE_URL is set (a fresh database per test file), else in-memory PGlite. */
export const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export async function testDatabase(): Promise<{ database: Database; drop: () => Promise<void>; url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await databaseFromImage('migrated', (d) => d.migrate());
    return { database, drop: () => database.close() };
  }
  const name = `aftercare_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = await openDatabase({ engine: 'postgres', url: dbUrl.toString() });
  await database.migrate();
  return {
    database,
    url: dbUrl.toString(),
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-06-01T02:00:00Z')) {
  let now = start.getTime();
  const clock: Clock & { advance: (ms: number) => void; set: (d: Date) => void } = {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (d) => {
      now = d.getTime();
    },
  };
  return clock;
}

export type TestApp = Awaited<ReturnType<typeof testApp<ReturnType<typeof manualClock>>>>;

export const systemCaller: Caller = { principal: { kind: 'system', name: 'test' }, address: null };

/** A signed-in user of this role, with an API token carrying every permission the role has. */
export async function tokenFor(services: Services, role: Role, username: string, scope: { providerId?: string; technicianId?: string } = {}) {
  const user = await services.access.createUser(systemCaller, { username, displayName: username, password: 'a-long-test-password', role, providerId: scope.providerId ?? null, technicianId: scope.technicianId ?? null });
  const { token } = await services.access.createToken(systemCaller, { name: `${username} test`, permissions: [...defaultRolePermissions[role]], userId: user.id });
  return { user, token, headers: { authorization: `Bearer ${token}` } };
}

/**
 * The HTTP app on a fresh database, calling as an administrator by API token (rate limits off:
 * a test sends more than a person would from one address; the access tests measure limits).
 */
/**
 * In-process requests on PGlite never wait for I/O, so a long test would keep the event loop from
 * reading the test runner's messages (vitest gives up after 60 s): let the loop turn once.
 */
export const breathe = () => new Promise<void>((ok) => setImmediate(ok));

export async function testApp<C extends Clock = ReturnType<typeof manualClock>>(options: { clock?: C; queue?: QueueOptions; services?: ServiceOptions } = {}) {
  const { database, drop, url } = await testDatabase();
  const clock = options.clock ?? (manualClock() as unknown as C);
  const services: Services = createServices(database, clock, { ...options.services, queue: options.queue });
  const app = createHttpApp(services, { bodyLimitBytes: 200_000, access: { perToken: null, perAddress: null } });
  const admin = await tokenFor(services, 'admin', 'tester');

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = admin.headers) {
    await breathe();
    const res = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  }

  return {
    app,
    services,
    database,
    clock,
    /** The test database's address on PostgreSQL, for a second server copy. */
    url,
    close: drop,
    admin,
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body ?? {}, headers),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    call,
  };
}

let counter = 0;
/** A phone number no other test in this file uses. */
export function uniquePhone(): string {
  counter += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(counter).padStart(4, '0')}`;
}

/** The smallest world an order needs: a category with a fault tree, a model, a customer with a unit, a provider with two technicians. */
export async function seedWorld(t: Pick<TestApp, 'post'>) {
  const cat = await t.post('/catalog/categories', { code: `AC${++counter}`, nameZh: '空调', nameEn: 'Air conditioner', requiredCertification: 'AC-INSTALL' });
  const symptom = await t.post('/catalog/fault-codes', { categoryId: cat.body.id, level: 'symptom', code: 'S01', nameZh: '漏水', nameEn: 'Leaks water' });
  const cause = await t.post('/catalog/fault-codes', { categoryId: cat.body.id, level: 'cause', code: 'C01', parentId: symptom.body.id, nameZh: '排水管堵塞', nameEn: 'Drain pipe blocked' });
  await t.post('/catalog/fault-codes', { categoryId: cat.body.id, level: 'remedy', code: 'R01', parentId: cause.body.id, nameZh: '疏通排水管', nameEn: 'Clear the drain pipe' });
  const model = await t.post('/catalog/models', {
    categoryId: cat.body.id,
    code: `KFR-35GW-${counter}`,
    nameZh: '挂壁式空调 1.5匹',
    nameEn: 'Wall AC 1.5 HP',
    wholeUnitMonths: 12,
    mainPartsMonths: 72,
    mainParts: ['COMPRESSOR'],
    dailyDepreciationRate: 0.0005,
    standardMinutes: { installation: 120, repair: 60 },
  });
  const phone = uniquePhone();
  const customer = await t.post('/customers', {
    name: '张伟',
    phones: [{ phone }],
    addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '体育西路 101 号', lat: 23.13, lng: 113.32, isDefault: true }],
  });
  const unit = await t.post('/units', {
    modelId: model.body.id,
    ownerId: customer.body.id,
    serials: [
      { role: 'indoor', serial: `IN${counter}X${Date.now()}` },
      { role: 'outdoor', serial: `OUT${counter}X${Date.now()}` },
    ],
    purchaseDate: '2026-03-01',
    channel: 'store',
    invoiceNumber: 'INV-001',
    priceFen: 329900,
  });
  const provider = await t.post('/providers', { code: `P${counter}`, name: '天河服务网点', kind: 'contractor', contactName: '李经理', contactPhone: '02088886666' });
  // Every day 08:00–18:00 (the provider's zone, Asia/Shanghai): bookings must fall inside a shift.
  const shifts = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
  const tech1 = await t.post('/technicians', { providerId: provider.body.id, name: '王师傅', phone: '13900000001', shifts, skills: [cat.body.code] });
  const tech2 = await t.post('/technicians', { providerId: provider.body.id, name: '赵师傅', phone: '13900000002', shifts, skills: [cat.body.code] });
  // Both technicians hold the certification and the skill the category needs, so they may be assigned its orders.
  const course = await t.post('/training/courses', { code: `COURSE-${cat.body.code}`, categoryId: cat.body.id, certificationCode: 'AC-INSTALL', titleZh: '空调安装', titleEn: 'AC installation' });
  const certs = [];
  for (const tech of [tech1, tech2]) certs.push(await t.post('/certifications', { technicianId: tech.body.id, courseId: course.body.id, reason: '厂家认证 / certified by the maker' }));
  for (const r of [cat, symptom, cause, model, customer, unit, provider, tech1, tech2, course, ...certs]) {
    if (r.status !== 201) throw new Error(`seed failed: ${JSON.stringify(r.body)}`);
  }
  return { phone, category: cat.body, model: model.body, customer: customer.body, unit: unit.body, provider: provider.body, technicians: [tech1.body, tech2.body], course: course.body };
}
