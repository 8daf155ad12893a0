// Our own generator of field-service days in the model of ../shared/bench/fieldservice/README.md
// (a 40 × 40 km city, districts plus spread, shifts, lunch breaks, skills, max_tasks, priorities,
// one or two service-start windows, more jobs than the day holds), for tuning beyond the ten shared days.
// npx tsx bench/fieldservice/generate.ts T J SEED [tight] > day.json
import { createRng } from '../../src/modules/dispatch/solver/rng.js';
import type { VroomJob, VroomProblem, VroomVehicle } from '../../src/modules/dispatch/solver/types.js';

const H = 3600;

export function generateDay(o: { technicians: number; jobs: number; seed: number; tight?: boolean }): VroomProblem {
  const rng = createRng(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const clamp = (x: number) => Math.min(40, Math.max(0, x));
  const districts = Array.from({ length: int(5, 8) }, () => ({ x: 4 + rng() * 32, y: 4 + rng() * 32, r: 1 + rng() * 2.5 }));
  const spread = o.tight ? 0.4 : 0.2;
  const place = (): [number, number] => {
    if (rng() < spread) return [rng() * 40, rng() * 40];
    const d = pick(districts);
    return [clamp(d.x + normal() * d.r), clamp(d.y + normal() * d.r)];
  };
  const depots = Array.from({ length: 3 }, () => [8 + rng() * 24, 8 + rng() * 24] as [number, number]);
  const points: [number, number][] = [];
  const vehicles: VroomVehicle[] = [];
  for (let v = 0; v < o.technicians; v++) {
    points.push(rng() < 0.3 ? pick(depots) : place());
    const x = rng();
    const partTime = x < (o.tight ? 0.25 : 0.15);
    const [s, e] = partTime ? [8 * H, 13 * H] : x < 0.6 ? [8 * H, 18 * H] : x < 0.85 ? [9 * H, 19 * H] : [8 * H, 18 * H];
    const skills = new Set<number>();
    const k = int(1, 3);
    while (skills.size < k) skills.add(rng() < 0.08 ? 1 : int(2, 6));
    const lunch = int(9, 12) * 300; // 45–60 min
    vehicles.push({
      id: v + 1,
      start_index: v,
      end_index: v,
      time_window: [s, e],
      skills: [...skills],
      ...(rng() < 0.25 ? { max_tasks: 8 } : {}),
      ...(partTime ? {} : { breaks: [{ id: v + 1, service: lunch, time_windows: [[11.5 * H, 13.5 * H - lunch]] as [number, number][] }] }),
    });
  }
  const jobs: VroomJob[] = [];
  for (let j = 0; j < o.jobs; j++) {
    points.push(place());
    const skill = rng() < 0.06 ? 1 : int(2, 6);
    const service = (skill === 1 ? int(18, 30) : int(6, 18)) * 300;
    const p = rng();
    const priority = p < 0.1 ? 100 : p < 0.85 ? 10 : 0;
    const w = rng();
    const slot = () => {
      const s = int(8, 17) * H;
      return [s, s + 2 * H] as [number, number];
    };
    let tws: [number, number][];
    if (w < 0.1) {
      const a = slot();
      let b = slot();
      while (Math.abs(b[0] - a[0]) < 2 * H) b = slot();
      tws = [a, b].sort((u, v) => u[0] - v[0]);
    } else if (w < 0.35) tws = [[8 * H, 12 * H]];
    else if (w < 0.6) tws = [[13 * H, 18 * H]];
    else if (w < 0.8) tws = [slot()];
    else tws = [[8 * H, 19 * H]];
    jobs.push({ id: 1000 + j, location_index: o.technicians + j, service, skills: [skill], priority, time_windows: tws });
  }
  const durations: number[][] = [];
  const distances: number[][] = [];
  for (const a of points) {
    const dr: number[] = [];
    const ds: number[] = [];
    for (const b of points) {
      const km = Math.hypot(a[0] - b[0], a[1] - b[1]) * 1.35;
      ds.push(Math.round(km * 1000));
      dr.push(Math.round((km / 30) * H));
    }
    durations.push(dr);
    distances.push(ds);
  }
  return { vehicles, jobs, matrices: { car: { durations, distances } } } as VroomProblem;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [t, j, s, tight] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(generateDay({ technicians: Number(t), jobs: Number(j), seed: Number(s), tight: tight === 'tight' })));
}
