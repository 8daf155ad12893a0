// Fraud signals: the rules that score an order, each with its weight and parameters as data, the
// words that explain a score, the review states, the peer median. Pure: no I/O, no clock.

export const ruleCodes = [
  'no_check_in',
  'check_in_far',
  'check_in_outside_window',
  'short_job',
  'photo_reused',
  'serial_mismatch',
  'serial_on_two_customers',
  'many_orders',
  'override_share',
  'follow_up_contradicts',
  'repeat_visit',
  'part_not_returned',
] as const;
export type RuleCode = (typeof ruleCodes)[number];

export type Words = { zh: string; en: string };
export type RuleConfig = { code: RuleCode; enabled: boolean; weight: number; params: Record<string, number> };

export const ruleNames: Record<RuleCode, Words> = {
  no_check_in: { zh: '未签到即完工', en: 'Completed without check-in' },
  check_in_far: { zh: '签到位置远离地址', en: 'Check-in far from the address' },
  check_in_outside_window: { zh: '签到不在预约时段', en: 'Check-in outside the booked window' },
  short_job: { zh: '作业时长远低于标准工时', en: "Job far shorter than the model's standard minutes" },
  photo_reused: { zh: '照片与其他工单重复', en: 'Photo reused from another order' },
  serial_mismatch: { zh: '确认的序列号与设备不符', en: 'Confirmed serial does not match the unit' },
  serial_on_two_customers: { zh: '同一序列号出现在两位客户的设备上', en: "Same serial on two customers' units" },
  many_orders: { zh: '短期内同一电话/地址/设备工单过多', en: 'Many orders for one phone, address or unit in a short time' },
  override_share: { zh: '验收码强制确认比例高于同行', en: 'Share of acceptance-code overrides above peers' },
  follow_up_contradicts: { zh: '回访称未上门或未修好', en: 'Follow-up says nobody came or not fixed' },
  repeat_visit: { zh: '同一设备无新故障的重复上门', en: 'Repeat visit to the same unit without a new fault' },
  part_not_returned: { zh: '消耗配件未返还旧件', en: 'Part consumed without the old part returned' },
};

/** What each parameter means, for the rules editor. */
export const paramNames: Record<string, Words> = {
  backdatedMinutes: { zh: '补签超过（分钟）', en: 'Check-in entered late by more than (minutes)' },
  minMinutes: { zh: '偏离时段至少（分钟）', en: 'Outside the window by at least (minutes)' },
  shareOfStandard: { zh: '低于标准工时的比例', en: 'Below this share of the standard minutes' },
  windowDays: { zh: '统计天数', en: 'Window (days)' },
  maxOrders: { zh: '最多工单数', en: 'Orders allowed in the window' },
  ratioToMedian: { zh: '高于同行中位数的倍数', en: 'Times the peer median' },
  minOrders: { zh: '至少已确认工单数', en: 'Confirmed orders at least' },
  maxVisits: { zh: '允许的此前上门次数', en: 'Earlier visits allowed' },
};

/** The rules as shipped (the migration seeds the same); a company edits the data. */
export const defaultRules: RuleConfig[] = [
  { code: 'no_check_in', enabled: true, weight: 40, params: { backdatedMinutes: 15 } },
  { code: 'check_in_far', enabled: true, weight: 20, params: {} },
  { code: 'check_in_outside_window', enabled: true, weight: 10, params: { minMinutes: 30 } },
  { code: 'short_job', enabled: true, weight: 20, params: { shareOfStandard: 0.3 } },
  { code: 'photo_reused', enabled: true, weight: 40, params: {} },
  { code: 'serial_mismatch', enabled: true, weight: 30, params: {} },
  { code: 'serial_on_two_customers', enabled: true, weight: 40, params: {} },
  { code: 'many_orders', enabled: true, weight: 15, params: { windowDays: 30, maxOrders: 3 } },
  { code: 'override_share', enabled: true, weight: 15, params: { ratioToMedian: 2, minOrders: 5, windowDays: 90 } },
  { code: 'follow_up_contradicts', enabled: true, weight: 50, params: {} },
  { code: 'repeat_visit', enabled: true, weight: 20, params: { windowDays: 30, maxVisits: 1 } },
  // The order's old-part obligations (parts module) late or missing when the order is scored.
  { code: 'part_not_returned', enabled: true, weight: 30, params: {} },
];
export const defaultHoldScore = 50;

/** Which parameters a rule takes, and their bounds: the editor refuses others. */
export const paramBounds: Record<RuleCode, Record<string, { min: number; max: number }>> = {
  no_check_in: { backdatedMinutes: { min: 0, max: 24 * 60 } },
  check_in_far: {},
  check_in_outside_window: { minMinutes: { min: 0, max: 24 * 60 } },
  short_job: { shareOfStandard: { min: 0.01, max: 1 } },
  photo_reused: {},
  serial_mismatch: {},
  serial_on_two_customers: {},
  many_orders: { windowDays: { min: 1, max: 365 }, maxOrders: { min: 1, max: 1000 } },
  override_share: { ratioToMedian: { min: 1, max: 100 }, minOrders: { min: 1, max: 100000 }, windowDays: { min: 1, max: 365 } },
  follow_up_contradicts: {},
  repeat_visit: { windowDays: { min: 1, max: 365 }, maxVisits: { min: 0, max: 100 } },
  part_not_returned: {},
};

/** A parameter that is unknown or out of bounds, or null when they all fit. */
export function paramProblem(code: RuleCode, params: Record<string, number>): { path: string; en: string; zh: string } | null {
  const bounds = paramBounds[code];
  for (const [name, value] of Object.entries(params)) {
    const b = bounds[name];
    if (!b) return { path: `params.${name}`, en: `not a parameter of ${code}`, zh: `不是规则 ${code} 的参数` };
    if (!(value >= b.min && value <= b.max)) return { path: `params.${name}`, en: `must be between ${b.min} and ${b.max}`, zh: `须在 ${b.min} 与 ${b.max} 之间` };
  }
  const missing = Object.keys(bounds).find((k) => !(k in params));
  return missing ? { path: `params.${missing}`, en: 'required', zh: '必填' } : null;
}

/** Everything the rules read of one order, gathered by the service from the modules that own it. */
export type OrderSignals = {
  checkedInAt: Date | null;
  /** When the check-in was entered; later than `checkedInAt` when the time was given after the fact. */
  checkInRecordedAt: Date | null;
  doneAt: Date | null;
  /** The evidence module's flags on the order. */
  flags: { kind: string; details: Record<string, unknown> }[];
  standardMinutes: number | null;
  confirmedSerials: string[];
  unitSerials: string[];
  /** Confirmed serials carried by a unit of another customer. */
  serialsElsewhere: string[];
  /** Other orders opened in the window, by what they share with this one. */
  recent: { phone: number; address: number; unit: number; windowDays: number };
  /** This order was confirmed by an agent without the customer's code. */
  confirmedByOverride: boolean;
  /** The provider's share of overridden confirmations and its peers' shares. */
  overrides: { providerShare: number | null; providerConfirmed: number; peerShares: number[] } | null;
  followUp: { answer: 'fixed' | 'not_fixed' | 'nobody_came' | null; fixedFirstTime: boolean | null } | null;
  /** Earlier completed orders on the same unit in the window without a new fault (same or no symptom code). */
  repeatVisits: { number: string }[];
  partsNotReturned: number;
};

export type Signal = { code: RuleCode; points: number; zh: string; en: string; details: Record<string, unknown> };
export type Score = { score: number; signals: Signal[] };

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Whether a rule fires on the order, with what it saw (and the words for it); null when it does not. */
function judge(rule: RuleConfig, f: OrderSignals): { details: Record<string, unknown>; zh: string; en: string } | null {
  const p = rule.params;
  switch (rule.code) {
    case 'no_check_in': {
      if (!f.checkedInAt) return { details: {}, zh: '完工时没有签到记录', en: 'no check-in recorded before completion' };
      const late = f.checkInRecordedAt ? Math.round((f.checkInRecordedAt.getTime() - f.checkedInAt.getTime()) / 60_000) : 0;
      if (late > (p.backdatedMinutes ?? 15)) return { details: { lateMinutes: late }, zh: `签到为事后补录（晚 ${late} 分钟）`, en: `check-in entered ${late} minutes after the time it claims` };
      return null;
    }
    case 'check_in_far': {
      const flag = f.flags.find((x) => x.kind === 'check_in_far');
      if (!flag) return null;
      const m = Number(flag.details.distanceM);
      return { details: { distanceM: m }, zh: `签到距地址 ${m} 米`, en: `checked in ${m} m from the address` };
    }
    case 'check_in_outside_window': {
      const flag = f.flags.find((x) => x.kind === 'check_in_outside_window' && Number(x.details.minutes) >= (p.minMinutes ?? 0));
      if (!flag) return null;
      const m = Number(flag.details.minutes);
      return { details: { minutes: m }, zh: `签到偏离预约时段 ${m} 分钟`, en: `checked in ${m} minutes outside the booked window` };
    }
    case 'short_job': {
      if (!f.checkedInAt || !f.doneAt || !f.standardMinutes) return null;
      const minutes = Math.round((f.doneAt.getTime() - f.checkedInAt.getTime()) / 60_000);
      if (minutes >= f.standardMinutes * (p.shareOfStandard ?? 0.3)) return null;
      return { details: { minutes, standardMinutes: f.standardMinutes }, zh: `作业 ${minutes} 分钟，标准工时 ${f.standardMinutes} 分钟`, en: `job took ${minutes} min against ${f.standardMinutes} standard minutes` };
    }
    case 'photo_reused': {
      const reused = f.flags.filter((x) => x.kind === 'photo_reused');
      if (!reused.length) return null;
      const others = [...new Set(reused.map((x) => String(x.details.otherNumber)))];
      return { details: { otherOrders: others }, zh: `照片与工单 ${others.join('、')} 相同`, en: `photo identical to one on order ${others.join(', ')}` };
    }
    case 'serial_mismatch': {
      const known = new Set(f.unitSerials);
      const off = f.confirmedSerials.filter((s) => !known.has(s));
      if (!off.length || !f.unitSerials.length) return null;
      return { details: { serials: off }, zh: `确认的序列号 ${off.join('、')} 不属于该设备`, en: `confirmed serial ${off.join(', ')} is not the unit's` };
    }
    case 'serial_on_two_customers': {
      if (!f.serialsElsewhere.length) return null;
      return { details: { serials: f.serialsElsewhere }, zh: `序列号 ${f.serialsElsewhere.join('、')} 也在其他客户的设备上`, en: `serial ${f.serialsElsewhere.join(', ')} is also on another customer's unit` };
    }
    case 'many_orders': {
      const max = p.maxOrders ?? 3;
      const over = (['phone', 'address', 'unit'] as const).filter((k) => f.recent[k] + 1 > max);
      if (!over.length) return null;
      const zhOf = { phone: '电话', address: '地址', unit: '设备' };
      const counts = Object.fromEntries(over.map((k) => [k, f.recent[k] + 1]));
      return {
        details: { ...counts, windowDays: f.recent.windowDays },
        zh: `${f.recent.windowDays} 天内同一${over.map((k) => `${zhOf[k]} ${f.recent[k] + 1} 单`).join('、')}`,
        en: `${over.map((k) => `${f.recent[k] + 1} orders for one ${k}`).join(', ')} in ${f.recent.windowDays} days`,
      };
    }
    case 'override_share': {
      const o = f.overrides;
      if (!f.confirmedByOverride || !o || o.providerShare === null || o.providerConfirmed < (p.minOrders ?? 5)) return null;
      const peers = median(o.peerShares);
      if (peers === null || o.providerShare <= peers * (p.ratioToMedian ?? 2) || o.providerShare === 0) return null;
      return { details: { providerShare: o.providerShare, peerMedian: peers }, zh: `强制确认占 ${pct(o.providerShare)}，同行中位数 ${pct(peers)}`, en: `overrides are ${pct(o.providerShare)} of the provider's confirmations, peer median ${pct(peers)}` };
    }
    case 'follow_up_contradicts': {
      const a = f.followUp;
      if (!a) return null;
      if (a.answer === 'nobody_came') return { details: { answer: a.answer }, zh: '回访时客户称无人上门', en: 'at follow-up the customer said nobody came' };
      if (a.answer === 'not_fixed' || a.fixedFirstTime === false) return { details: { answer: 'not_fixed' }, zh: '回访时客户称未修好', en: 'at follow-up the customer said it was not fixed' };
      return null;
    }
    case 'repeat_visit': {
      if (f.repeatVisits.length <= (p.maxVisits ?? 1)) return null;
      const numbers = f.repeatVisits.map((v) => v.number);
      return { details: { orders: numbers, windowDays: p.windowDays ?? 30 }, zh: `${p.windowDays ?? 30} 天内同一设备已上门 ${numbers.length} 次且无新故障（${numbers.join('、')}）`, en: `${numbers.length} earlier visits to the unit in ${p.windowDays ?? 30} days without a new fault (${numbers.join(', ')})` };
    }
    case 'part_not_returned': {
      if (f.partsNotReturned <= 0) return null;
      return { details: { parts: f.partsNotReturned }, zh: `${f.partsNotReturned} 个旧件未返还`, en: `${f.partsNotReturned} old parts not returned` };
    }
  }
}

/** The order's score: the sum of the weights of the enabled rules that fire, each signal explained. */
export function scoreOrder(rules: RuleConfig[], facts: OrderSignals): Score {
  const signals: Signal[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const hit = judge(rule, facts);
    if (!hit) continue;
    const name = ruleNames[rule.code];
    signals.push({ code: rule.code, points: rule.weight, zh: `${name.zh}：${hit.zh}`, en: `${name.en}: ${hit.en}`, details: hit.details });
  }
  return { score: signals.reduce((s, x) => s + x.points, 0), signals };
}

/** The whole explanation in one language, strongest signal first. */
export function explain(score: Score, lang: 'zh' | 'en'): string {
  if (!score.signals.length) return lang === 'zh' ? '无风险信号' : 'No signals';
  const parts = [...score.signals].sort((a, b) => b.points - a.points).map((s) => `${s[lang]} (+${s.points})`);
  return lang === 'zh' ? `风险分 ${score.score}：${parts.join('；')}` : `Score ${score.score}: ${parts.join('; ')}`;
}

export const reviewStatuses = ['clear', 'held', 'released', 'confirmed'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const statusNames: Record<ReviewStatus, Words> = {
  clear: { zh: '无需审核', en: 'Clear' },
  held: { zh: '暂扣待审', en: 'Held for review' },
  released: { zh: '已放行', en: 'Released' },
  confirmed: { zh: '确认欺诈', en: 'Confirmed fraud' },
};

/**
 * The status after a (re-)score: a score at or over the threshold holds a clear order; a held order
 * stays held until a reviewer decides (a lower score does not release it by itself); a decision stands.
 */
export function statusAfterScore(current: ReviewStatus | null, score: number, holdScore: number): ReviewStatus {
  if (current === 'released' || current === 'confirmed' || current === 'held') return current;
  return score >= holdScore ? 'held' : 'clear';
}

/** A reviewer decides only a held order. */
export function nextReviewStatus(current: ReviewStatus, action: 'release' | 'confirm'): ReviewStatus | null {
  if (current !== 'held') return null;
  return action === 'release' ? 'released' : 'confirmed';
}

/** Per rule, the provider's share of scored orders flagged against the median of the providers' shares. */
export function ratesAgainstPeers(rows: { providerId: string; scored: number; flagged: Partial<Record<RuleCode, number>> }[]) {
  const shares = (code: RuleCode) => rows.filter((r) => r.scored > 0).map((r) => (r.flagged[code] ?? 0) / r.scored);
  const medians = Object.fromEntries(ruleCodes.map((c) => [c, median(shares(c))])) as Record<RuleCode, number | null>;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    medians: Object.fromEntries(ruleCodes.map((c) => [c, medians[c] === null ? null : round(medians[c]!)])) as Record<RuleCode, number | null>,
    providers: rows.map((r) => ({
      providerId: r.providerId,
      scored: r.scored,
      rules: ruleCodes.map((code) => {
        const flagged = r.flagged[code] ?? 0;
        const share = r.scored ? round(flagged / r.scored) : 0;
        const m = medians[code];
        return { code, flagged, share, peerMedian: m === null ? null : round(m), aboveMedian: m !== null && share > m };
      }),
    })),
  };
}
