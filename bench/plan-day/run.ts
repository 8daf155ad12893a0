// "Plan the day" for one big city provider — 300 technicians with skills, homes and shifts,
// 2,000 orders (a fifth booked at fixed appointments, half with a wished half-day) — through the
// dispatch service, beside a greedy nearest-available baseline on the very same problem, in one
// run. Prints figures and ratios; never fails a build. With several budgets (`--seconds 10,30`)
// the same day is planned once per budget, one after the other, and the plans are set side by
// side; each run also prints its best plan so far as the optimizer reported it.
// usage: npx tsx bench/plan-day/run.ts [--seconds 30|10,30] [--threads 1] [--technicians 300] [--orders 2000] [--seed 1]
//                                      [--postgres URL] [--save-problem FILE]
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../src/db/database.js';
import { testDatabase } from '../../test/harness.js';
import { createServices } from '../../src/server/services.js';
import type { Caller } from '../../src/kernel/scopes.js';
import { haversineMetres } from '../../src/shared/geo.js';
import type { VroomProblem } from '../../src/modules/dispatch/solver/types.js';
import { zonedInstant } from '../../src/shared/zoned.js';
import { createRng } from '../../src/demo/prng.js';
import { writeFileSync } from 'node:fs';
import { arg } from '../kit.js';

const budgets = arg('--seconds', '30').split(',').map(Number);
const threads = Number(arg('--threads', '1'));
const saveProblem = arg('--save-problem', '');
const techCount = Number(arg('--technicians', '300'));
const orderCount = Number(arg('--orders', '2000'));
const seed = Number(arg('--seed', '1'));
const pgUrl = arg('--postgres', '');

const DATE = '2026-06-02'; // a Tuesday
const system: Caller = { principal: { kind: 'system', name: 'bench' }, address: null };
const roadFactor = 1.3;
const speedKmh = 30;

/** A city like Shanghai: 40 × 45 km, people clustered around twelve district centres. */
function cityPoint(rng: ReturnType<typeof createRng>, centres: [number, number][]): [number, number] {
  const [lng, lat] = rng.pick(centres);
  const jitter = () => (rng.int(0, 2000) - 1000) / 1000;
  return [Math.round((lng + jitter() * 0.06) * 1e6) / 1e6, Math.round((lat + jitter() * 0.05) * 1e6) / 1e6];
}

async function setUp(db: Database) {
  const rng = createRng(seed);
  const clock = { now: () => new Date('2026-06-01T02:00:00Z') };
  const s = createServices(db, clock);
  const centres: [number, number][] = Array.from({ length: 12 }, () => [121.25 + rng.int(0, 1000) / 2500, 31.05 + rng.int(0, 1000) / 3000]);
  const specs = [
    { code: 'AC', cert: 'AC-INSTALL', minutes: { installation: 90, repair: 60 } },
    { code: 'WASHER', cert: null, minutes: { installation: 45, repair: 50 } },
    { code: 'FRIDGE', cert: null, minutes: { installation: 30, repair: 50 } },
  ];
  const cats = [];
  for (const c of specs) {
    const cat = await s.catalog.createCategory(system, { code: c.code, nameZh: c.code, nameEn: c.code, requiredCertification: c.cert });
    const model = await s.catalog.createModel(system, { categoryId: cat.id, code: `${c.code}-1`, nameZh: c.code, nameEn: c.code, wholeUnitMonths: 12, mainPartsMonths: 36, mainParts: [], dailyDepreciationRate: 0.0005, standardMinutes: c.minutes } as never);
    cats.push({ ...c, id: cat.id, modelId: model.id });
  }
  const course = await s.training.createCourse(system, { code: 'AC-COURSE', categoryId: cats[0].id, certificationCode: 'AC-INSTALL', titleZh: '空调', titleEn: 'AC', materialUrl: null, validityMonths: 24, warnDaysBefore: 30 });
  const provider = await s.network.createProvider(system, {
    code: 'CITY', name: '城市服务中心', kind: 'branch', contactName: '经理', contactPhone: '02100000000', categoryIds: cats.map((c) => c.id),
    serviceArea: { regions: [{ province: '上海市', city: '上海市' }], postalCodes: [], polygons: [] }, capacity: 100_000,
  });
  const shifts = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
  const techs: { id: string; home: [number, number]; skills: string[]; certified: boolean; booked: number }[] = [];
  for (let i = 0; i < techCount; i++) {
    const home = cityPoint(rng, centres);
    // Everyone does ACs or washers; two in three also the other; one in five lacks the AC certification.
    const skills = ['AC', 'WASHER', 'FRIDGE'].filter((_, k) => k === i % 2 || rng.int(0, 2) > 0);
    const t = await s.network.createTechnician(system, { providerId: provider.id, name: `师傅${i}`, phone: `139${String(10_000_000 + i)}`, skills, homeLat: home[1], homeLng: home[0], shifts, maxJobsPerDay: 10 });
    const certified = rng.int(0, 4) > 0;
    if (certified) await s.training.grantCertification(system, { technicianId: t.id, courseId: course.id, reason: 'bench' });
    techs.push({ id: t.id, home, skills, certified, booked: 0 });
  }
  const at = (hh: number) => zonedInstant(DATE, hh * 60, 'Asia/Shanghai').toISOString();
  let booked = 0;
  for (let i = 0; i < orderCount; i++) {
    const [lng, lat] = cityPoint(rng, centres);
    const cat = cats[rng.int(0, 9) < 5 ? 0 : rng.int(1, 2)];
    const c = await s.customers.create(system, {
      name: `客户${i}`, kind: 'person', tier: 'ordinary', preferredLanguage: 'zh', preferredChannel: 'sms', consentToContact: true, allowDuplicatePhone: true,
      phones: [{ phone: `138${String(10_000_000 + i)}`, label: 'mobile', isPrimary: true }],
      addresses: [{ label: 'home', province: '上海市', city: '上海市', district: '浦东新区', street: `${i} 号`, lat, lng, isDefault: true }],
    } as never);
    const unit = await s.units.register(system, { modelId: cat.modelId, ownerId: c.id, serials: [{ role: 'main', serial: `BENCH${seed}-${i}` }], purchaseDate: '2026-01-01', channel: 'store', priceFen: 100 } as never);
    const r = rng.int(0, 9);
    const wish = r >= 2 && r < 7 ? (rng.int(0, 1) ? [at(8), at(12)] : [at(13), at(18)]) : null;
    let o = (await s.workOrders.intake(system, { kind: rng.int(0, 2) ? 'repair' : 'installation', customerId: c.id, unitId: unit.id, symptom: 'bench', accept: true, priority: rng.int(0, 9) ? 'normal' : 'high', channel: 'phone', wishedFrom: wish?.[0], wishedTo: wish?.[1] } as never)).order;
    o = await s.workOrders.perform(system, o.id, 'dispatch', { version: o.version, providerId: provider.id });
    if (r < 2) {
      // A fifth are booked already: with the nearest able technician who has fewer than two bookings, at a 2-hour window.
      const able = techs.filter((t) => t.skills.includes(cat.code) && (cat.cert === null || t.certified) && t.booked < 2);
      const tech = able.sort((a, b) => haversineMetres(a.home, [lng, lat]) - haversineMetres(b.home, [lng, lat]))[0];
      if (tech) {
        const hh = tech.booked === 0 ? 9 + rng.int(0, 1) * 2 : 14 + rng.int(0, 1) * 2;
        tech.booked++;
        o = await s.workOrders.perform(system, o.id, 'assign', { version: o.version, technicianId: tech.id });
        await s.workOrders.perform(system, o.id, 'book', { version: o.version, from: at(hh), to: at(hh + 2) });
        booked++;
      }
    }
  }
  return { services: s, providerId: provider.id, booked };
}

/**
 * The baseline a dispatcher's spreadsheet would do: orders by window start (then priority), each
 * to the nearest technician who can still reach it in time and get home, appended to their day.
 */
function greedy(problem: VroomProblem) {
  const speed = (speedKmh * 1000) / 3600;
  const metres = (a: [number, number], b: [number, number]) => (a[0] === b[0] && a[1] === b[1] ? 0 : haversineMetres(a, b) * roadFactor);
  const secs = (m: number) => Math.round(m / speed);
  const vs = problem.vehicles.map((v) => ({ v, at: v.start!, time: v.time_window![0], jobs: 0, travel: 0, distance: 0, skills: new Set(v.skills) }));
  const jobs = [...(problem.jobs ?? [])].sort((a, b) => (a.time_windows?.[0][0] ?? 0) - (b.time_windows?.[0][0] ?? 0) || (b.priority ?? 0) - (a.priority ?? 0));
  let planned = 0;
  for (const j of jobs) {
    let best: (typeof vs)[number] | undefined;
    let bestMetres = Infinity;
    let bestStart = 0;
    for (const s of vs) {
      if (s.jobs >= (s.v.max_tasks ?? Infinity) || !(j.skills ?? []).every((k) => s.skills.has(k))) continue;
      const m = metres(s.at, j.location!);
      const arrival = s.time + secs(m);
      const [lo, hi] = j.time_windows?.[0] ?? [0, Infinity];
      const start = Math.max(arrival, lo);
      if (start > hi || start + (j.service ?? 0) + secs(metres(j.location!, s.v.end!)) > s.v.time_window![1]) continue;
      if (m < bestMetres) {
        best = s;
        bestMetres = m;
        bestStart = start;
      }
    }
    if (!best) continue;
    best.travel += secs(bestMetres);
    best.distance += bestMetres;
    best.at = j.location!;
    best.time = bestStart + (j.service ?? 0);
    best.jobs++;
    planned++;
  }
  let travel = 0;
  let distance = 0;
  for (const s of vs) {
    if (s.jobs === 0) continue;
    const back = metres(s.at, s.v.end!);
    travel += s.travel + secs(back);
    distance += s.distance + back;
  }
  return { planned, travel, distance, technicians: vs.filter((s) => s.jobs > 0).length };
}

// A fresh database: PostgreSQL with --postgres, else in-memory PGlite (the test harness's own).
if (pgUrl) process.env.TEST_DATABASE_URL = pgUrl;
const { database: db, drop } = await testDatabase();
try {
  process.stdout.write(`plan-day: ${techCount} technicians, ${orderCount} orders on ${db.engine}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
  const t0 = performance.now();
  const { services, providerId, booked } = await setUp(db);
  process.stdout.write(`set up through the services in ${((performance.now() - t0) / 1000).toFixed(1)} s (${booked} booked at fixed appointments)\n`);

  const day = await services.dispatch.dayProblem(providerId, DATE);
  const g0 = performance.now();
  const base = greedy(day.problem);
  const greedyMs = performance.now() - g0;

  if (saveProblem) writeFileSync(saveProblem, JSON.stringify(day.problem));
  const hours = (s: number) => (s / 3600).toFixed(1);
  const runs = [];
  for (const seconds of budgets) {
    // Each budget plans the same day (nothing is applied until the last one).
    const timeline: string[] = [];
    const plan = createServices(db, { now: () => new Date('2026-06-01T02:00:00Z') }, {
      planBudget: {
        timeLimitMs: seconds * 1000, iterations: 10_000_000, threads, progressEveryMs: 2000,
        onProgress: (p) => timeline.push(`${(p.elapsedMs / 1000).toFixed(0)}s ${p.jobs}/${hours(p.travel)}h`),
      },
    });
    const p0 = performance.now();
    const preview = await plan.dispatch.previewPlan(system, { providerId, date: DATE });
    runs.push({ seconds, preview, ms: performance.now() - p0, plan });
    process.stdout.write(`${seconds} s: best so far (planned/travel) ${timeline.join(', ')}\n`);
  }
  const last = runs[runs.length - 1];
  const a0 = performance.now();
  const applied = await last.plan.dispatch.applyPlan(system, last.preview.id);
  const applyMs = performance.now() - a0;

  const head = ['', ...runs.map((r) => `Aftercare ${r.seconds} s`), 'greedy nearest', ...(runs.length > 1 ? [`${runs[0].seconds} s / ${last.seconds} s`] : ['ratio'])];
  const ratio = (a: number, b: number) => (a / b).toFixed(3);
  const first = runs[0].preview.summary;
  const lastS = last.preview.summary;
  const compare = (pick: (s: typeof first) => number, g: number) => (runs.length > 1 ? ratio(pick(first), pick(lastS)) : ratio(pick(first), g));
  const rows: string[][] = [
    head,
    ['orders planned', ...runs.map((r) => String(r.preview.summary.planned)), String(base.planned), compare((s) => s.planned, base.planned)],
    ['orders left out', ...runs.map((r) => String(r.preview.unplanned.length)), String(orderCount - base.planned), ''],
    ['technicians used', ...runs.map((r) => String(r.preview.summary.technicians)), String(base.technicians), ''],
    ['travel, hours', ...runs.map((r) => hours(r.preview.summary.travelSeconds)), hours(base.travel), compare((s) => s.travelSeconds, base.travel)],
    ['travel per planned order, min', ...runs.map((r) => (r.preview.summary.travelSeconds / 60 / r.preview.summary.planned).toFixed(1)), (base.travel / 60 / base.planned).toFixed(1), ''],
    ['distance, km', ...runs.map((r) => (r.preview.summary.distanceMetres / 1000).toFixed(0)), (base.distance / 1000).toFixed(0), compare((s) => s.distanceMetres, base.distance)],
    ['time, s', ...runs.map((r) => (r.ms / 1000).toFixed(1)), (greedyMs / 1000).toFixed(3), ''],
  ];
  for (const r of rows) process.stdout.write(`${r[0].padEnd(32)}${r.slice(1, -1).map((x) => x.padStart(16)).join('')}${r[r.length - 1].padStart(12)}\n`);
  for (const r of runs) process.stdout.write(`${r.seconds} s preview: optimizer ${(r.preview.summary.computeMs / 1000).toFixed(1)} s of ${(r.ms / 1000).toFixed(1)} s, ${threads} thread(s)\n`);
  process.stdout.write(`apply (one transaction, ${applied.stops.length} visits): ${(applyMs / 1000).toFixed(1)} s\n`);
  const reasons = new Map<string, number>();
  for (const u of last.preview.unplanned) reasons.set(u.code, (reasons.get(u.code) ?? 0) + 1);
  process.stdout.write(`left out by reason: ${JSON.stringify(Object.fromEntries(reasons))}\n`);
} finally {
  await drop();
}
