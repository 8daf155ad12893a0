// One round of the kill -9 durability check (issue 14), shared by bench/durability/run.ts and
// test/durability.int.test.ts: the real server in a child process takes intakes and plan-applies
// from many clients, is killed with SIGKILL mid-load, and is started again on the same database.
// Then, with the server stopped, the database itself is read: every acknowledged intake must be
// there exactly once, no plan may be half applied, and a job put on the queue before the kill must
// have run after the restart.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createServices } from '../../src/server/services.js';
import { systemClock } from '../../src/shared/clock.js';
import { createJobQueue } from '../../src/jobs/queue.js';
import { defaultRolePermissions } from '../../src/kernel/permissions.js';
import { RECALENDAR_JOB } from '../../src/modules/promises/promises.service.js';
import { freshPostgres } from '../kit.js';
import { freePort, httpCaller, startServerProcess, stopServerProcess, type ServerProcess } from '../../test/server-process.js';

export type Engine = 'pglite' | 'postgres';

export type RoundOptions = {
  engine: Engine;
  /** Seconds of load before the kill (at least; the kill waits for the queue's marker job to be nearly due). */
  loadSeconds: number;
  clients: number;
  /** An existing PostgreSQL database to create the round's own database from. */
  pgUrl?: string;
  log?: (line: string) => void;
};

export type RoundResult = {
  engine: Engine;
  /** Intakes answered 201 before the kill; lost: not in the database once; duplicated: an externalRef stored more than once. */
  acknowledged: number;
  lost: number;
  duplicated: number;
  /** Requests sent but not answered when the process died (their fate is open either way). */
  inFlightAtKill: number;
  appliesInFlightAtKill: number;
  appliesAcknowledged: number;
  appliesLost: number;
  /** Plans whose orders are not all as the plan says (applied) or that left visits behind (not applied). */
  halfApplied: number;
  queueResumed: boolean;
  queueNote: string;
  servedAfterRestart: boolean;
};

const tianhe = { province: '广东省', city: '广州市', district: '天河区' };
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function rows<T>(database: Database, query: SQL): Promise<T[]> {
  const r = await database.db.execute(query);
  return (Array.isArray(r) ? r : (r as unknown as { rows: T[] }).rows) as T[];
}

/** A fresh database for the round: its own PostgreSQL database, or its own PGlite data folder. */
async function freshStore(options: RoundOptions) {
  if (options.engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'aftercare-durability-'));
    return { env: { AFTERCARE_DATA_DIR: dataDir } as Record<string, string>, open: () => openDatabase({ engine: 'pglite', dataDir }), remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { url, drop } = await freshPostgres(options.pgUrl ?? 'postgres://postgres@127.0.0.1:5432/test', 'aftercare_dur');
  return { env: { DATABASE_URL: url } as Record<string, string>, open: () => openDatabase({ engine: 'postgres', url, poolSize: 2 }), remove: drop };
}

/** Tomorrow's date in Shanghai, the providers' zone: a day that can be planned. */
function tomorrow(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 86_400_000));
}

export async function durabilityRound(options: RoundOptions): Promise<RoundResult> {
  const log = options.log ?? (() => undefined);
  const store = await freshStore(options);
  let server: ServerProcess | undefined;
  try {
    // Tokens made in the database before the server opens it (PGlite allows one process at a time).
    let database = await store.open();
    await database.migrate();
    const services = createServices(database, systemClock);
    const user = await services.access.createUser({ principal: { kind: 'system', name: 'durability' }, address: null }, { username: 'durability', displayName: 'durability', password: 'a-long-bench-password', role: 'admin', providerId: null, technicianId: null });
    const tokens: string[] = [];
    for (let i = 0; i < Math.max(8, options.clients); i++) {
      tokens.push((await services.access.createToken({ principal: { kind: 'system', name: 'durability' }, address: null }, { name: `durability ${i}`, permissions: [...defaultRolePermissions.admin], userId: user.id })).token);
    }
    await database.close();

    const port = await freePort();
    const env: Record<string, string> = { ...store.env, AFTERCARE_TRUSTED_PROXIES: '127.0.0.1', AFTERCARE_PLAN_SECONDS: '1' };
    let started = performance.now();
    server = await startServerProcess(env, port);
    const startupMs = performance.now() - started;
    const call = httpCaller(() => server!.base, tokens, 60_000);
    const ok = async (method: string, path: string, body: unknown, status: number) => {
      const r = await call(method, path, body);
      if (r.status !== status) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body ?? r.error).slice(0, 300)}`);
      return r.body as { id: string; version: number };
    };

    // The world: planners each own a provider with two certified technicians and six dispatched orders for tomorrow.
    // Each preview runs the optimizer for a second in two worker threads; two planners keep the
    // machine's cores for the intakes too.
    const planners = Math.max(1, Math.round(options.clients / 8));
    const intakers = options.clients - planners;
    const date = tomorrow();
    let phone = 0;
    const nextPhone = () => `137${String(++phone).padStart(8, '0')}`;
    const cat = await ok('POST', '/catalog/categories', { code: 'DUR', nameZh: '空调', nameEn: 'AC', requiredCertification: 'AC-INSTALL' }, 201);
    const model = await ok('POST', '/catalog/models', { categoryId: cat.id, code: 'DUR-1', nameZh: '空调', nameEn: 'AC', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005, standardMinutes: { installation: 90, repair: 60 } }, 201);
    const course = await ok('POST', '/training/courses', { code: 'DUR-COURSE', categoryId: cat.id, certificationCode: 'AC-INSTALL', titleZh: '空调安装', titleEn: 'AC installation' }, 201);
    const customerAt = (lat: number, lng: number) => ok('POST', '/customers', { name: '耐久客户', phones: [{ phone: nextPhone() }], addresses: [{ ...tianhe, street: '体育西路 1 号', lat, lng, isDefault: true }] }, 201);
    const providerIds: string[] = [];
    for (let p = 0; p < planners; p++) {
      const provider = await ok('POST', '/providers', { code: `DUR${p}`, name: `耐久网点${p}`, kind: 'contractor', contactName: '经理', contactPhone: '02088880001', categoryIds: [cat.id], serviceArea: { regions: [tianhe] }, capacity: 100 }, 201);
      providerIds.push(provider.id);
      for (let k = 0; k < 2; k++) {
        const tech = await ok('POST', '/technicians', { providerId: provider.id, name: `师傅${p}-${k}`, phone: nextPhone(), skills: ['DUR'], homeLat: 23.12 + k * 0.01, homeLng: 113.3 + k * 0.01, shifts: everyDay, maxJobsPerDay: 12 }, 201);
        await ok('POST', '/certifications', { technicianId: tech.id, courseId: course.id, reason: '厂家认证' }, 201);
      }
      for (let o = 0; o < 6; o++) {
        const c = await customerAt(23.11 + o * 0.006, 113.3 + ((o * 7) % 5) * 0.008);
        const unit = await ok('POST', '/units', { modelId: model.id, ownerId: c.id, serials: [{ role: 'indoor', serial: `DUR${p}X${o}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 300000 }, 201);
        const order = await ok('POST', '/work-orders', { kind: 'installation', customerId: c.id, unitId: unit.id, symptom: '安装', accept: true }, 201);
        await ok('POST', `/work-orders/${order.id}/dispatch`, { version: order.version, providerId: provider.id }, 200);
      }
    }
    // One preview per provider made now, so each planner's first act under load is an apply.
    const firstPreviews = await Promise.all(providerIds.map((providerId) => ok('POST', '/dispatch/plans', { providerId, date }, 201)));
    const intakeCustomers: string[] = [];
    for (let i = 0; i < intakers; i++) intakeCustomers.push((await customerAt(23.13, 113.32)).id);
    await stopServerProcess(server);

    // The queue's marker: a job due shortly after the kill is planned, so the killed server cannot have taken it.
    const calendarId = randomUUID();
    const due = Date.now() + 2 * startupMs + options.loadSeconds * 1000 + 5000;
    database = await store.open();
    await createJobQueue(database).enqueue(database.db, RECALENDAR_JOB, { calendarId }, { startAfter: new Date(due) });
    await database.close();

    started = performance.now();
    server = await startServerProcess(env, port);
    const loadFrom = Date.now();
    const killAt = Math.max(loadFrom + options.loadSeconds * 1000, due - 4000);
    log(`${options.engine}: server up in ${((performance.now() - started) / 1000).toFixed(1)} s; ${options.clients} clients (${intakers} intake, ${planners} plan-apply) for ${((killAt - loadFrom) / 1000).toFixed(1)} s, then SIGKILL`);

    const acked = new Map<string, string>(); // externalRef → order id
    const appliesAcked: string[] = [];
    const planApplyMs: number[] = [];
    let inFlight = 0;
    let inFlightAtKill = 0;
    let appliesInFlight = 0;
    let appliesInFlightAtKill = 0;
    let killed = false;
    const tracked = async <T>(p: Promise<T>) => {
      inFlight += 1;
      try {
        return await p;
      } finally {
        inFlight -= 1;
      }
    };
    // Past the planned instant, the kill waits (while the marker job is not yet due) for an apply in flight: the case that could half apply a plan.
    const kill = () => {
      if (appliesInFlight === 0 && Date.now() < due - 500) {
        killTimer = setTimeout(kill, 5);
        return;
      }
      inFlightAtKill = inFlight;
      appliesInFlightAtKill = appliesInFlight;
      killed = true;
      server!.child.kill('SIGKILL');
    };
    let killTimer = setTimeout(kill, killAt - Date.now());
    const intake = async (k: number) => {
      for (let i = 0; !killed; i++) {
        const externalRef = `dur-${k}-${i}`;
        const r = await tracked(call('POST', '/work-orders', { kind: 'repair', customerId: intakeCustomers[k], symptom: '空调漏水', externalRef }));
        if (r.status === 201) acked.set(externalRef, (r.body as { id: string }).id);
        else if (!killed) throw new Error(`intake answered ${r.status} ${JSON.stringify(r.body ?? r.error).slice(0, 300)}`);
      }
    };
    const plan = async (p: number) => {
      for (let first = true; !killed; first = false) {
        const t0 = performance.now();
        const preview = first ? { status: 201, body: firstPreviews[p], error: undefined } : await tracked(call('POST', '/dispatch/plans', { providerId: providerIds[p], date }));
        if (preview.status !== 201) {
          if (killed) return;
          throw new Error(`plan answered ${preview.status} ${JSON.stringify(preview.body ?? preview.error).slice(0, 300)}`);
        }
        const id = (preview.body as { id: string }).id;
        appliesInFlight += 1;
        const applied = await tracked(call('POST', `/dispatch/plans/${id}/apply`)).finally(() => (appliesInFlight -= 1));
        if (applied.status === 200) {
          appliesAcked.push(id);
          planApplyMs.push(performance.now() - t0);
        }
        else if (!killed) throw new Error(`apply answered ${applied.status} ${JSON.stringify(applied.body ?? applied.error).slice(0, 300)}`);
      }
    };
    try {
      await Promise.all([...Array.from({ length: intakers }, (_, k) => intake(k)), ...Array.from({ length: planners }, (_, p) => plan(p))]);
    } catch (err) {
      clearTimeout(killTimer);
      server.child.kill('SIGKILL');
      throw err;
    }
    await server.exited;
    const killedAt = Date.now();
    const meanPlanApply = planApplyMs.length ? planApplyMs.reduce((a, b) => a + b, 0) / planApplyMs.length : NaN;
    log(`${options.engine}: killed with ${inFlightAtKill} requests in flight (${appliesInFlightAtKill} plan-applies); ${acked.size} intakes and ${appliesAcked.length} plan-applies acknowledged (plan + apply ${(meanPlanApply / 1000).toFixed(1)} s on average)`);

    // The same database, a new process; it must serve at once and work the queue by itself.
    server = await startServerProcess(env, port);
    const after = await call('POST', '/work-orders', { kind: 'repair', customerId: intakeCustomers[0], symptom: '重启后', externalRef: 'dur-after-restart' });
    const servedAfterRestart = after.status === 201;
    // Long enough for the marker job to come due and a worker to poll for it (every 2 s).
    await sleep(Math.max(0, due - Date.now()) + 6000);
    await stopServerProcess(server);
    server = undefined;

    database = await store.open();
    try {
      const refs = [...acked.keys()];
      const stored = await rows<{ id: string; external_ref: string }>(database, sql`select id, external_ref from work_orders where external_ref like 'dur-%'`);
      const byRef = new Map<string, string[]>();
      for (const r of stored) byRef.set(r.external_ref, [...(byRef.get(r.external_ref) ?? []), r.id]);
      const lost = refs.filter((ref) => !(byRef.get(ref) ?? []).includes(acked.get(ref)!)).length;
      const duplicated = [...byRef.values()].filter((ids) => ids.length > 1).length;

      const plans = await rows<{ id: string; status: string; stops: { orderId: string; technicianId: string }[] | string; visits: number }>(
        database,
        sql`select p.id, p.status, p.result->'stops' as stops, (select count(*)::int from planned_visits v where v.plan_id = p.id) as visits from day_plans p`,
      );
      const technicianOf = new Map((await rows<{ id: string; technician_id: string | null }>(database, sql`select id, technician_id from work_orders where provider_id is not null`)).map((r) => [r.id, r.technician_id]));
      let halfApplied = 0;
      for (const p of plans) {
        const stops = typeof p.stops === 'string' ? (JSON.parse(p.stops) as { orderId: string; technicianId: string }[]) : p.stops;
        if (p.status === 'preview' && p.visits !== 0) halfApplied += 1;
        if (p.status === 'applied' && (p.visits !== stops.length || stops.some((s) => technicianOf.get(s.orderId) !== s.technicianId))) halfApplied += 1;
      }
      const statusOf = new Map(plans.map((p) => [p.id, p.status]));
      const appliesLost = appliesAcked.filter((id) => statusOf.get(id) !== 'applied' && statusOf.get(id) !== 'superseded').length;

      const [job] = await rows<{ state: string; completed_on: string | Date | null }>(database, sql`select state, completed_on from pgboss.job where name = ${RECALENDAR_JOB} and data->>'calendarId' = ${calendarId}`);
      const completedOn = job?.completed_on ? new Date(job.completed_on).getTime() : null;
      const queueResumed = job?.state === 'completed' && completedOn !== null && completedOn > killedAt;
      const queueNote = !job ? 'marker job missing' : job.state !== 'completed' ? `marker job ${job.state}` : queueResumed ? 'marker job ran after the restart' : 'marker job ran before the kill (inconclusive)';
      return { engine: options.engine, acknowledged: acked.size, lost, duplicated, inFlightAtKill, appliesInFlightAtKill, appliesAcknowledged: appliesAcked.length, appliesLost, halfApplied, queueResumed, queueNote, servedAfterRestart };
    } finally {
      await database.close();
    }
  } finally {
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await store.remove();
  }
}
