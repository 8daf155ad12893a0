import { describe, expect, it } from 'vitest';
import { defaultRules, explain, median, nextReviewStatus, paramProblem, ratesAgainstPeers, scoreOrder, statusAfterScore, type OrderSignals, type RuleCode } from './fraud.rules.js';

const t0 = new Date('2026-06-01T02:00:00Z');
const min = (m: number) => new Date(t0.getTime() + m * 60_000);

/** An order with nothing wrong: checked in on time, 60 minutes of a 60-minute job, serials its own. */
const clean: OrderSignals = {
  checkedInAt: t0,
  checkInRecordedAt: t0,
  doneAt: min(60),
  flags: [],
  standardMinutes: 60,
  confirmedSerials: ['SN1'],
  unitSerials: ['SN1'],
  serialsElsewhere: [],
  recent: { phone: 0, address: 0, unit: 0, windowDays: 30 },
  confirmedByOverride: false,
  overrides: null,
  followUp: { answer: 'fixed', fixedFirstTime: true },
  repeatVisits: [],
  partsNotReturned: 0,
};

const only = (code: RuleCode) => defaultRules.map((r) => ({ ...r, enabled: r.code === code ? true : false }));

describe('each fraud rule', () => {
  const cases: { code: RuleCode; facts: Partial<OrderSignals>; zh: string; en: string }[] = [
    { code: 'no_check_in', facts: { checkedInAt: null, checkInRecordedAt: null }, zh: '未签到即完工：完工时没有签到记录', en: 'Completed without check-in: no check-in recorded before completion' },
    { code: 'no_check_in', facts: { checkInRecordedAt: min(50) }, zh: '未签到即完工：签到为事后补录（晚 50 分钟）', en: 'Completed without check-in: check-in entered 50 minutes after the time it claims' },
    { code: 'check_in_far', facts: { flags: [{ kind: 'check_in_far', details: { distanceM: 3200, limitM: 500 } }] }, zh: '签到位置远离地址：签到距地址 3200 米', en: 'Check-in far from the address: checked in 3200 m from the address' },
    { code: 'check_in_outside_window', facts: { flags: [{ kind: 'check_in_outside_window', details: { minutes: 95 } }] }, zh: '签到不在预约时段：签到偏离预约时段 95 分钟', en: 'Check-in outside the booked window: checked in 95 minutes outside the booked window' },
    { code: 'short_job', facts: { doneAt: min(10) }, zh: '作业时长远低于标准工时：作业 10 分钟，标准工时 60 分钟', en: "Job far shorter than the model's standard minutes: job took 10 min against 60 standard minutes" },
    { code: 'photo_reused', facts: { flags: [{ kind: 'photo_reused', details: { otherNumber: 'WO-7' } }] }, zh: '照片与其他工单重复：照片与工单 WO-7 相同', en: 'Photo reused from another order: photo identical to one on order WO-7' },
    { code: 'serial_mismatch', facts: { confirmedSerials: ['SN9'] }, zh: '确认的序列号与设备不符：确认的序列号 SN9 不属于该设备', en: "Confirmed serial does not match the unit: confirmed serial SN9 is not the unit's" },
    { code: 'serial_on_two_customers', facts: { serialsElsewhere: ['SN1'] }, zh: '同一序列号出现在两位客户的设备上：序列号 SN1 也在其他客户的设备上', en: "Same serial on two customers' units: serial SN1 is also on another customer's unit" },
    { code: 'many_orders', facts: { recent: { phone: 3, address: 1, unit: 3, windowDays: 30 } }, zh: '短期内同一电话/地址/设备工单过多：30 天内同一电话 4 单、设备 4 单', en: 'Many orders for one phone, address or unit in a short time: 4 orders for one phone, 4 orders for one unit in 30 days' },
    { code: 'override_share', facts: { confirmedByOverride: true, overrides: { providerShare: 0.5, providerConfirmed: 10, peerShares: [0.1, 0.2, 0.1] } }, zh: '验收码强制确认比例高于同行：强制确认占 50%，同行中位数 10%', en: "Share of acceptance-code overrides above peers: overrides are 50% of the provider's confirmations, peer median 10%" },
    { code: 'follow_up_contradicts', facts: { followUp: { answer: 'nobody_came', fixedFirstTime: null } }, zh: '回访称未上门或未修好：回访时客户称无人上门', en: 'Follow-up says nobody came or not fixed: at follow-up the customer said nobody came' },
    { code: 'follow_up_contradicts', facts: { followUp: { answer: null, fixedFirstTime: false } }, zh: '回访称未上门或未修好：回访时客户称未修好', en: 'Follow-up says nobody came or not fixed: at follow-up the customer said it was not fixed' },
    { code: 'repeat_visit', facts: { repeatVisits: [{ number: 'WO-1' }, { number: 'WO-2' }] }, zh: '同一设备无新故障的重复上门：30 天内同一设备已上门 2 次且无新故障（WO-1、WO-2）', en: 'Repeat visit to the same unit without a new fault: 2 earlier visits to the unit in 30 days without a new fault (WO-1, WO-2)' },
    { code: 'part_not_returned', facts: { partsNotReturned: 2 }, zh: '消耗配件未返还旧件：2 个旧件未返还', en: 'Part consumed without the old part returned: 2 old parts not returned' },
  ];
  it.each(cases)('$code fires and explains itself ($en)', ({ code, facts, zh, en }) => {
    const weight = defaultRules.find((r) => r.code === code)!.weight;
    const s = scoreOrder(only(code), { ...clean, ...facts });
    expect(s.score).toBe(weight);
    expect(s.signals).toHaveLength(1);
    expect(s.signals[0]).toMatchObject({ code, points: weight, zh, en });
  });

  it.each(defaultRules.map((r) => r.code))('%s is quiet on a clean order', (code) => {
    expect(scoreOrder(only(code), clean)).toEqual({ score: 0, signals: [] });
  });

  const quiet: { name: string; code: RuleCode; facts: Partial<OrderSignals> }[] = [
    { name: 'a check-in entered within the tolerance', code: 'no_check_in', facts: { checkInRecordedAt: min(10) } },
    { name: 'a window miss under the minimum', code: 'check_in_outside_window', facts: { flags: [{ kind: 'check_in_outside_window', details: { minutes: 20 } }] } },
    { name: 'a job at 30 % of the standard', code: 'short_job', facts: { doneAt: min(18) } },
    { name: 'a model without standard minutes', code: 'short_job', facts: { doneAt: min(1), standardMinutes: null } },
    { name: 'a unit with no serials on record', code: 'serial_mismatch', facts: { confirmedSerials: ['X'], unitSerials: [] } },
    { name: 'three orders in the window', code: 'many_orders', facts: { recent: { phone: 2, address: 2, unit: 2, windowDays: 30 } } },
    { name: 'an override share under twice the median', code: 'override_share', facts: { confirmedByOverride: true, overrides: { providerShare: 0.15, providerConfirmed: 10, peerShares: [0.1] } } },
    { name: 'a high override share of too few orders', code: 'override_share', facts: { confirmedByOverride: true, overrides: { providerShare: 1, providerConfirmed: 2, peerShares: [0.1] } } },
    { name: 'a high share, but this order confirmed with the code', code: 'override_share', facts: { overrides: { providerShare: 1, providerConfirmed: 20, peerShares: [0.1] } } },
    { name: 'one earlier visit', code: 'repeat_visit', facts: { repeatVisits: [{ number: 'WO-1' }] } },
    { name: 'no follow-up yet', code: 'follow_up_contradicts', facts: { followUp: null } },
  ];
  it.each(quiet)('stays quiet on $name', ({ code, facts }) => {
    expect(scoreOrder(only(code), { ...clean, ...facts }).score).toBe(0);
  });

  it('follows its parameters as data', () => {
    const rules = only('short_job').map((r) => (r.code === 'short_job' ? { ...r, params: { shareOfStandard: 0.5 } } : r));
    expect(scoreOrder(rules, { ...clean, doneAt: min(25) }).score).toBe(20);
    expect(scoreOrder(only('short_job'), { ...clean, doneAt: min(25) }).score).toBe(0);
  });
});

describe('the score', () => {
  const bad: OrderSignals = { ...clean, checkedInAt: null, checkInRecordedAt: null, flags: [{ kind: 'photo_reused', details: { otherNumber: 'WO-3' } }, { kind: 'photo_reused', details: { otherNumber: 'WO-3' } }] };

  it('is the sum of the weights of the enabled rules that fire, each rule once', () => {
    const s = scoreOrder(defaultRules, bad);
    expect(s.score).toBe(80);
    expect(s.signals.map((x) => x.code)).toEqual(['no_check_in', 'photo_reused']);
  });

  it('leaves out a disabled rule; old parts not returned (read from the obligations) count', () => {
    const rules = defaultRules.map((r) => (r.code === 'photo_reused' ? { ...r, enabled: false } : r));
    expect(scoreOrder(rules, bad).score).toBe(40);
    expect(scoreOrder(defaultRules, { ...clean, partsNotReturned: 3 }).score).toBe(30);
  });

  it('explains itself in Chinese and English, strongest first', () => {
    const s = scoreOrder(defaultRules.map((r) => (r.code === 'photo_reused' ? { ...r, weight: 45 } : r)), bad);
    expect(explain(s, 'zh')).toBe('风险分 85：照片与其他工单重复：照片与工单 WO-3 相同 (+45)；未签到即完工：完工时没有签到记录 (+40)');
    expect(explain(s, 'en')).toBe('Score 85: Photo reused from another order: photo identical to one on order WO-3 (+45); Completed without check-in: no check-in recorded before completion (+40)');
    expect(explain({ score: 0, signals: [] }, 'zh')).toBe('无风险信号');
    expect(explain({ score: 0, signals: [] }, 'en')).toBe('No signals');
  });
});

describe('review states', () => {
  it.each([
    [null, 49, 'clear'],
    [null, 50, 'held'],
    ['clear', 80, 'held'],
    ['held', 0, 'held'],
    ['released', 99, 'released'],
    ['confirmed', 0, 'confirmed'],
  ] as const)('from %s a score of %i leaves it %s (hold at 50)', (from, score, to) => {
    expect(statusAfterScore(from, score, 50)).toBe(to);
  });

  it('decides only a held order', () => {
    expect(nextReviewStatus('held', 'release')).toBe('released');
    expect(nextReviewStatus('held', 'confirm')).toBe('confirmed');
    expect(nextReviewStatus('released', 'confirm')).toBeNull();
    expect(nextReviewStatus('clear', 'release')).toBeNull();
  });
});

describe('rule parameters', () => {
  it('refuses an unknown, out of bounds or missing parameter', () => {
    expect(paramProblem('short_job', { shareOfStandard: 0.4 })).toBeNull();
    expect(paramProblem('short_job', { shareOfStandard: 2 })).toMatchObject({ path: 'params.shareOfStandard', en: 'must be between 0.01 and 1' });
    expect(paramProblem('photo_reused', { x: 1 })).toMatchObject({ path: 'params.x' });
    expect(paramProblem('many_orders', { windowDays: 7 })).toMatchObject({ path: 'params.maxOrders', en: 'required' });
  });
});

describe('rates against the peer median', () => {
  it('is the median of the middle, or the mean of the two middles', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it("puts each provider's flagged share beside the median of the providers", () => {
    const r = ratesAgainstPeers([
      { providerId: 'a', scored: 10, flagged: { photo_reused: 5 } },
      { providerId: 'b', scored: 20, flagged: { photo_reused: 2 } },
      { providerId: 'c', scored: 10, flagged: {} },
    ]);
    expect(r.medians.photo_reused).toBe(0.1);
    const a = r.providers[0].rules.find((x) => x.code === 'photo_reused')!;
    expect(a).toEqual({ code: 'photo_reused', flagged: 5, share: 0.5, peerMedian: 0.1, aboveMedian: true });
    expect(r.providers[2].rules.find((x) => x.code === 'photo_reused')!.aboveMedian).toBe(false);
    expect(r.medians.no_check_in).toBe(0);
  });
});
