import { describe, expect, it } from 'vitest';
import { auditPenalty, buildDayProblem, judgeProviders, LATE_COST_PER_MINUTE, orderPriority, readSolution, slotStarts, tierBonus, type DayOrder, type DayTechnician } from './dispatch.rules.js';
import type { Solution } from './solver/types.js';
import type { ProviderView } from '../network/index.js';

const provider = (over: Partial<ProviderView>): ProviderView => ({
  id: 'p', code: 'P', name: 'P', nameEn: null, kind: 'contractor', contactName: 'x', contactPhone: '1', contactEmail: null, address: null, active: true,
  contractFrom: null, contractTo: null, categoryIds: ['ac'], serviceArea: { regions: [{ province: '广东省', city: '广州市' }], postalCodes: [], polygons: [] },
  capacity: 10, timeZone: 'Asia/Shanghai', version: 1, ...over,
});
const facts = { place: { province: '广东省', city: '广州市', district: '天河区' }, categoryId: 'ac', categoryCode: 'AC', requiredCertification: 'AC-INSTALL', at: new Date('2026-06-30T17:00:00Z') };

describe('dispatch rules', () => {
  it('puts eligible providers first, least loaded first, and names every reason for the rest', () => {
    const ranked = judgeProviders(
      [
        { provider: provider({ id: 'busy', code: 'B' }), certifiedTechnicians: 3, activeTechnicians: 3, openOrders: 8 },
        { provider: provider({ id: 'idle', code: 'I' }), certifiedTechnicians: 1, activeTechnicians: 2, openOrders: 1 },
        { provider: provider({ id: 'full', code: 'F' }), certifiedTechnicians: 1, activeTechnicians: 1, openOrders: 10 },
        { provider: provider({ id: 'none', code: 'N', categoryIds: [] }), certifiedTechnicians: 0, activeTechnicians: 4, openOrders: 0 },
      ],
      facts,
    );
    expect(ranked.map((v) => [v.providerId, v.eligible])).toEqual([['idle', true], ['busy', true], ['none', false], ['full', false]]);
    expect(ranked[2].reasons.map((r) => r.code)).toEqual(['category', 'certification']);
    expect(ranked[3].reasons.map((r) => r.code)).toEqual(['capacity']);
  });

  it("checks the contract on the provider's own date", () => {
    // 17:00 UTC on 30 June is already 1 July in Shanghai, still 30 June in New York.
    const ending = { contractTo: '2026-06-30', categoryIds: ['ac'] };
    const [sh] = judgeProviders([{ provider: provider({ ...ending }), certifiedTechnicians: 1, activeTechnicians: 1, openOrders: 0 }], facts);
    const [ny] = judgeProviders([{ provider: provider({ ...ending, timeZone: 'America/New_York' }), certifiedTechnicians: 1, activeTechnicians: 1, openOrders: 0 }], facts);
    expect(sh.reasons.map((r) => r.code)).toEqual(['contract']);
    expect(ny.eligible).toBe(true);
  });

  it('turns shifts into a time window with the gaps as breaks, and orders into jobs needing category, certification and technician', () => {
    const day = Date.parse('2026-06-02T00:00:00+08:00');
    const h = (x: number) => day + x * 3_600_000;
    const tech: DayTechnician = { id: 't1', name: '王', skills: ['AC'], certifications: new Set(['AC-INSTALL']), home: [113.3, 23.1], intervals: [[h(8), h(12)], [h(13), h(18)]], maxJobs: 8 };
    const off: DayTechnician = { ...tech, id: 't2', intervals: [] };
    const built = buildDayProblem(day, [tech, off], [
      { id: 'o1', version: 1, priority: 'normal', location: [113.31, 23.11], serviceSeconds: 3600, window: [h(14), h(16)], technicianId: 't1', booked: true, categoryCode: 'AC', requiredCertification: 'AC-INSTALL' },
      { id: 'o2', version: 1, priority: 'high', location: null, serviceSeconds: 3600, window: null, technicianId: null, booked: false, categoryCode: 'AC', requiredCertification: null },
    ]);
    expect(built.problem.vehicles).toHaveLength(1);
    expect(built.problem.vehicles[0]).toMatchObject({ time_window: [8 * 3600, 18 * 3600], breaks: [{ time_windows: [[12 * 3600, 12 * 3600]], service: 3600 }], max_tasks: 8 });
    const [job] = built.problem.jobs!;
    expect(job).toMatchObject({ time_windows: [[14 * 3600, 16 * 3600]], priority: 100, service: 3600 });
    expect(job.skills!.every((s) => built.problem.vehicles[0].skills!.includes(s))).toBe(true);
    expect([...built.skillIds.keys()].sort()).toEqual(['cat:AC', 'cert:AC-INSTALL', 'tech:t1']);
    expect(built.unplannable).toEqual([{ orderId: 'o2', code: 'no_coordinates', en: 'the address has no coordinates', zh: '地址没有坐标，无法排线' }]);
  });

  it('cuts a day into offerable windows', () => {
    expect(slotStarts(8 * 60, 18 * 60, 120)).toEqual([[480, 600], [600, 720], [720, 840], [840, 960], [960, 1080]]);
    expect(slotStarts(8 * 60, 9 * 60, 120)).toEqual([]);
  });

  it("weighs an order by its priority raised by its customer's tier, booked visits above all", () => {
    const tiers = ['ordinary', 'silver', 'gold', 'platinum'];
    expect(tiers.map((t) => tierBonus(tiers, t))).toEqual([0, 3, 6, 9]);
    expect(tierBonus(tiers, 'unknown')).toBe(0);
    expect(orderPriority({ booked: false, priority: 'normal', tierBonus: 9 })).toBe(19);
    expect(orderPriority({ booked: false, priority: 'high', tierBonus: 0 })).toBeGreaterThan(orderPriority({ booked: false, priority: 'normal', tierBonus: 9 }));
    expect(orderPriority({ booked: false, priority: 'urgent', tierBonus: 9 })).toBe(100);
    expect(orderPriority({ booked: true, priority: 'low' })).toBe(100);
  });

  it('passes a promise as a soft deadline, and reads back which promises the plan keeps and breaks, by how much', () => {
    const dayStart = Date.parse('2026-06-02T00:00:00+08:00');
    const at = (hhmm: string) => Date.parse(`2026-06-02T${hhmm}:00+08:00`);
    const tech: DayTechnician = { id: 't', name: 'T', skills: [], certifications: new Set(), home: [113.3, 23.1], intervals: [[at('08:00'), at('18:00')]], maxJobs: 8 };
    const order = (id: string, promiseDue: number | null): DayOrder => ({ id, version: 1, priority: 'normal', location: [113.31, 23.1], serviceSeconds: 3600, window: null, technicianId: null, booked: false, categoryCode: null, requiredCertification: null, promiseDue });
    const day = buildDayProblem(dayStart, [tech], [order('kept', at('10:00')), order('late', at('09:00')), order('lost', at('09:00')), order('free', null)]);
    expect(day.problem.jobs!.map((j) => [j.deadline, j.late_cost_per_minute])).toEqual([[10 * 3600, LATE_COST_PER_MINUTE], [9 * 3600, LATE_COST_PER_MINUTE], [9 * 3600, LATE_COST_PER_MINUTE], [undefined, undefined]]);
    const step = (id: number, start: number) => ({ type: 'job' as const, id, arrival: start, waiting_time: 0, service: 3600, duration: 0, distance: 0, setup: 0 });
    const solution = {
      routes: [{ vehicle: 1, duration: 0, distance: 0, steps: [step(1, 9.5 * 3600 + 30), step(2, 9 * 3600 + 61)] }],
      unassigned: [{ id: 3, type: 'job', reason: '', reason_code: 'no_room' }, { id: 4, type: 'job', reason: '', reason_code: 'no_room' }],
    } as unknown as Solution;
    const result = readSolution(day, solution, 0, [tech]);
    expect(result.promises).toEqual([
      { orderId: 'kept', dueAt: new Date(at('10:00')).toISOString(), start: new Date(at('09:30') + 30_000).toISOString(), outcome: 'kept', minutes: 29 },
      { orderId: 'late', dueAt: new Date(at('09:00')).toISOString(), start: new Date(at('09:01') + 1000).toISOString(), outcome: 'broken', minutes: 2 },
      { orderId: 'lost', dueAt: new Date(at('09:00')).toISOString(), start: null, outcome: 'unplanned', minutes: 0 },
    ]);
    expect(result.summary).toMatchObject({ promisesKept: 1, promisesBroken: 2 });
  });
});

describe('audit scores in dispatch ranking', () => {
  it('ranks a well-audited provider above a less loaded poorly audited one when audits weigh in', () => {
    const candidates = [
      { provider: provider({ id: 'poor', code: 'A' }), certifiedTechnicians: 1, activeTechnicians: 1, openOrders: 1, auditScore: 50 },
      { provider: provider({ id: 'good', code: 'B' }), certifiedTechnicians: 1, activeTechnicians: 1, openOrders: 3, auditScore: 100 },
    ];
    expect(judgeProviders(candidates, facts).map((v) => v.providerId)).toEqual(['poor', 'good']);
    const weighed = judgeProviders(candidates, facts, { weight: 0.5, mean: 75 });
    expect(weighed.map((v) => [v.providerId, v.rankedLoad, v.auditScore])).toEqual([['good', 0.3, 100], ['poor', 0.35, 50]]);
  });

  it.each<[number, number | undefined, number | null, number]>([
    [0.5, 100, 80, 0],
    [0.5, 60, 80, 0.2],
    [0.5, undefined, 80, 0.1],
    [0, 10, 80, 0],
    [1, undefined, null, 0],
    [1, 150, null, 0],
  ])('weight %s, score %s, mean %s → %s added to the load', (weight, score, mean, penalty) => {
    expect(auditPenalty({ weight, mean }, score)).toBeCloseTo(penalty, 10);
  });
});
