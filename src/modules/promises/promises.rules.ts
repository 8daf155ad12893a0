// Promise clocks and policies as pure rules: which policy an order gets, when a milestone is due,
// what pausing, resuming and meeting it do, and which alerts are due. No I/O, no clock reads.
import { roleNames, type Role } from '../../kernel/permissions.js';
import { addBusinessTime, businessTimeBetween, MINUTE, type Calendar } from './calendar.rules.js';
import { DateTime } from 'luxon';

export const milestones = ['first_response', 'on_site', 'resolution'] as const;
export type Milestone = (typeof milestones)[number];

export const milestoneNames: Record<Milestone, { zh: string; en: string }> = {
  first_response: { zh: '首次响应', en: 'First response' },
  on_site: { zh: '上门', en: 'On-site arrival' },
  resolution: { zh: '解决', en: 'Resolution' },
};

export const outcomes = ['beaten', 'kept', 'broken'] as const;
export type Outcome = (typeof outcomes)[number];

export const outcomeNames: Record<Outcome, { zh: string; en: string }> = {
  beaten: { zh: '超额兑现', en: 'Beaten' },
  kept: { zh: '按时兑现', en: 'Kept' },
  broken: { zh: '未兑现', en: 'Broken' },
};

/** The promise made to the customer, and optionally a tighter one the company holds itself to. */
export type Target = { customerMinutes: number; internalMinutes?: number | null };
export type Targets = Partial<Record<Milestone, Target>>;

/** What a policy matches on; null matches anything. */
export type Selectors = {
  orderKind: string | null;
  priority: string | null;
  customerTier: string | null;
  region: string | null;
  categoryId: string | null;
};
const selectorKeys = ['orderKind', 'priority', 'customerTier', 'region', 'categoryId'] as const satisfies readonly (keyof Selectors)[];

export type PolicyCandidate = Selectors & { id: string; active: boolean; createdAt: Date };
export type OrderFacts = { orderKind: string; priority: string; customerTier: string; regions: string[]; categoryId: string | null };

/**
 * A region as written on an address or a policy, compared without its administrative suffix:
 * "广州" and "广州市", "广东" and "广东省", "Guangzhou " and "guangzhou" are the same place.
 */
export function regionKey(region: string): string {
  return region.trim().toLowerCase().replace(/\s+/g, ' ').replace(/(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|省|市)$/u, '');
}

const inRegions = (region: string, regions: string[]) => regions.some((r) => regionKey(r) === regionKey(region));

function matches(p: Selectors, o: OrderFacts): boolean {
  return (
    (p.orderKind === null || p.orderKind === o.orderKind) &&
    (p.priority === null || p.priority === o.priority) &&
    (p.customerTier === null || p.customerTier === o.customerTier) &&
    (p.region === null || inRegions(p.region, o.regions)) &&
    (p.categoryId === null || p.categoryId === o.categoryId)
  );
}

/**
 * The most specific active policy that matches: the one naming the most selectors. Between equally
 * specific ones, the later selector in (kind, priority, tier, region, category) decides — a
 * category is more particular than a tier — and then the newer policy.
 */
export function selectPolicy<P extends PolicyCandidate>(policies: P[], order: OrderFacts): P | undefined {
  const score = (p: P) => selectorKeys.reduce((s, k, i) => (p[k] === null ? s : s + 100 + 2 ** i), 0);
  return policies
    .filter((p) => p.active && matches(p, order))
    .sort((a, b) => score(b) - score(a) || b.createdAt.getTime() - a.createdAt.getTime())[0];
}

export type CalendarCandidate = { id: string; isDefault: boolean; providerId: string | null; region: string | null };

/** The provider's own calendar, else the first of `regions` that has one, else (when allowed) the default. */
export function chooseCalendar<C extends CalendarCandidate>(calendars: C[], by: { providerId?: string | null; regions?: string[]; fallbackDefault?: boolean }): C | undefined {
  const regions = (by.regions ?? []).map(regionKey);
  const rank = (c: C) =>
    by.providerId && c.providerId === by.providerId ? 0 : c.region !== null && regions.includes(regionKey(c.region)) ? 1 + regions.indexOf(regionKey(c.region)) : by.fallbackDefault && c.isDefault ? 100 : -1;
  return calendars
    .filter((c) => rank(c) >= 0)
    .sort((a, b) => rank(a) - rank(b))[0];
}

export type ClockStatus = 'running' | 'paused' | 'met' | 'void';

/** One milestone's clock in one cycle (a reopened order starts new cycles). */
export type Clock = {
  milestone: Milestone;
  cycle: number;
  status: ClockStatus;
  startedAt: Date;
  targetMs: number;
  internalTargetMs: number | null;
  /** Business time used before `runningSince` (earlier stretches, before pauses). */
  consumedMs: number;
  runningSince: Date | null;
  dueAt: Date | null;
  internalDueAt: Date | null;
  warnAt: Date | null;
  metAt: Date | null;
  outcome: Outcome | null;
  /** Business time left at the customer deadline when met: positive beaten/kept by, negative broken by. */
  marginMs: number | null;
  internalKept: boolean | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
};

export type Shares = { warnShare: number; beatenShare: number };

const minutes = (m: number) => Math.round(m * MINUTE);

/** Deadlines of a running clock from where it stands: the rest of each target, added on the calendar. */
function withDeadlines(cal: Calendar, c: Clock, shares: Shares): Clock {
  if (c.status !== 'running' || !c.runningSince) return { ...c, dueAt: null, internalDueAt: null, warnAt: null };
  const left = (ms: number) => addBusinessTime(cal, c.runningSince as Date, Math.max(0, ms - c.consumedMs));
  // The warning comes at a share of the tighter target: that is the one staff work to.
  const warnBase = c.internalTargetMs ?? c.targetMs;
  return {
    ...c,
    dueAt: left(c.targetMs),
    internalDueAt: c.internalTargetMs === null ? null : left(c.internalTargetMs),
    warnAt: left(Math.round(warnBase * shares.warnShare)),
  };
}

export function startClock(cal: Calendar, milestone: Milestone, cycle: number, target: Target, at: Date, shares: Shares): Clock {
  const clock: Clock = {
    milestone,
    cycle,
    status: 'running',
    startedAt: at,
    targetMs: minutes(target.customerMinutes),
    internalTargetMs: target.internalMinutes == null ? null : minutes(target.internalMinutes),
    consumedMs: 0,
    runningSince: at,
    dueAt: null,
    internalDueAt: null,
    warnAt: null,
    metAt: null,
    outcome: null,
    marginMs: null,
    internalKept: null,
    warnedAt: null,
    breachedAt: null,
  };
  return withDeadlines(cal, clock, shares);
}

/** Business time used by `at`: what was used before the clock last started, plus what it ran since. */
export function usedAt(cal: Calendar, c: Clock, at: Date): number {
  return c.consumedMs + (c.runningSince ? Math.max(0, businessTimeBetween(cal, c.runningSince, at)) : 0);
}

export function pauseClock(cal: Calendar, c: Clock, at: Date): Clock {
  if (c.status !== 'running') return c;
  return { ...c, status: 'paused', consumedMs: usedAt(cal, c, at), runningSince: null, dueAt: null, internalDueAt: null, warnAt: null };
}

export function resumeClock(cal: Calendar, c: Clock, at: Date, shares: Shares): Clock {
  if (c.status !== 'paused') return c;
  return withDeadlines(cal, { ...c, status: 'running', runningSince: at }, shares);
}

/** The clock carries on from `at` on another calendar (the provider's), keeping the time used so far. */
export function moveClock(from: Calendar, to: Calendar, c: Clock, at: Date, shares: Shares): Clock {
  if (c.status !== 'running') return c;
  return withDeadlines(to, { ...c, consumedMs: usedAt(from, c, at), runningSince: at }, shares);
}

/**
 * The clock measured against another target from `at` (a correction chose another policy): the
 * business time used so far is kept, the deadlines are the new target's, on `to` (the new policy's
 * calendar, or the same). A paused clock takes the target and gets its deadlines when it resumes;
 * a met or void clock keeps its outcome.
 */
export function retargetClock(from: Calendar, to: Calendar, c: Clock, target: Target, at: Date, shares: Shares): Clock {
  if (c.status !== 'running' && c.status !== 'paused') return c;
  const next = { ...c, targetMs: minutes(target.customerMinutes), internalTargetMs: target.internalMinutes == null ? null : minutes(target.internalMinutes) };
  return c.status === 'running' ? moveClock(from, to, next, at, shares) : next;
}

/** Beaten when at least `beatenShare` of the target was left; kept when met in time; broken otherwise. */
export function outcomeOf(targetMs: number, usedMs: number, beatenShare: number): { outcome: Outcome; marginMs: number } {
  const marginMs = targetMs - usedMs;
  if (marginMs < 0) return { outcome: 'broken', marginMs };
  return { outcome: marginMs >= targetMs * beatenShare ? 'beaten' : 'kept', marginMs };
}

export function meetClock(cal: Calendar, c: Clock, at: Date, shares: Shares): Clock {
  if (c.status !== 'running' && c.status !== 'paused') return c;
  const usedMs = usedAt(cal, c, at);
  const { outcome, marginMs } = outcomeOf(c.targetMs, usedMs, shares.beatenShare);
  return {
    ...c,
    status: 'met',
    consumedMs: usedMs,
    runningSince: null,
    metAt: at,
    outcome,
    marginMs,
    internalKept: c.internalTargetMs === null ? null : usedMs <= c.internalTargetMs,
    dueAt: null,
    internalDueAt: null,
    warnAt: null,
  };
}

/** A cancelled order's clocks stop without an outcome. */
export function voidClock(c: Clock): Clock {
  if (c.status !== 'running' && c.status !== 'paused') return c;
  return { ...c, status: 'void', runningSince: null, dueAt: null, internalDueAt: null, warnAt: null };
}

export type AlertKind = 'warning' | 'breach';

/** Alerts due at `now` and not yet delivered, for one clock. */
export function dueAlerts(c: Clock, now: Date): AlertKind[] {
  if (c.status !== 'running') return [];
  const due: AlertKind[] = [];
  if (c.warnAt && !c.warnedAt && c.warnAt.getTime() <= now.getTime()) due.push('warning');
  if (c.dueAt && !c.breachedAt && c.dueAt.getTime() <= now.getTime()) due.push('breach');
  return due;
}

/** The next instant an undelivered alert falls due among these clocks. */
export function nextAlertAt(clocks: Clock[]): Date | null {
  const times = clocks
    .filter((c) => c.status === 'running')
    .flatMap((c) => [c.warnedAt ? null : c.warnAt, c.breachedAt ? null : c.dueAt])
    .filter((d): d is Date => d !== null);
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}

export function earliest(dates: (Date | null)[]): Date | null {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

/** What a work-order step does to the promise clocks. */
export type ClockEffect =
  | { kind: 'meet'; milestones: Milestone[]; voidOthers?: boolean }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'void' }
  | { kind: 'restart'; milestones: Milestone[]; unlessMet?: Milestone[] }
  | { kind: 'provider' }
  | { kind: 'none' };

/**
 * First response is met when a visit is agreed with the customer (booked) — the first real
 * contact; on-site arrival at check-in; resolution when the work is done. A consultation closed
 * at intake was answered and resolved there. Reopening restarts arrival and resolution (and the
 * first response only if it was never met); sending a job back to be redone restarts arrival and
 * resolution.
 */
export function clockEffect(action: string, fromStatus: string): ClockEffect {
  switch (action) {
    case 'book':
      return { kind: 'meet', milestones: ['first_response'] };
    case 'check_in':
      return { kind: 'meet', milestones: ['first_response', 'on_site'] };
    case 'complete':
      return { kind: 'meet', milestones: ['first_response', 'on_site', 'resolution'] };
    case 'close':
      return fromStatus === 'intake' ? { kind: 'meet', milestones: ['first_response', 'resolution'], voidOthers: true } : { kind: 'void' };
    case 'cancel':
      return { kind: 'void' };
    case 'hold':
      return { kind: 'pause' };
    case 'resume':
      return { kind: 'resume' };
    case 'reopen':
      return { kind: 'restart', milestones: ['on_site', 'resolution'], unlessMet: ['first_response'] };
    case 'redo':
      return { kind: 'restart', milestones: ['on_site', 'resolution'] };
    case 'dispatch':
      return { kind: 'provider' };
    default:
      return { kind: 'none' };
  }
}

/** The clocks a new promise starts with: one per milestone the policy sets a target for. */
export function openClocks(cal: Calendar, targets: Targets, at: Date, shares: Shares): Clock[] {
  return milestones.flatMap((m) => {
    const target = targets[m];
    return target ? [startClock(cal, m, 1, target, at, shares)] : [];
  });
}

/** The latest cycle of each milestone. */
function latestCycles(clocks: Clock[]): Set<Clock> {
  const m = new Map<Milestone, Clock>();
  for (const c of clocks) if ((m.get(c.milestone)?.cycle ?? 0) < c.cycle) m.set(c.milestone, c);
  return new Set(m.values());
}

export type StepFacts = {
  at: Date;
  /** When the technician checked in and finished: arrival and resolution are met then. */
  checkedInAt: Date | null;
  doneAt: Date | null;
  /** For a provider effect: the provider's own calendar, when the clocks move to it. */
  movesTo?: Calendar;
};

export type StepOutcome = { clocks: Clock[]; changed: Clock[]; pause: 'start' | 'end' | null };

/** What one work-order step does to an order's clocks. Clocks that did not change are the same objects. */
export function applyStep(cal: Calendar, shares: Shares, clocks: Clock[], effect: ClockEffect, facts: StepFacts): StepOutcome {
  const current = latestCycles(clocks);
  const changed: Clock[] = [];
  const track = (before: Clock, after: Clock) => {
    if (after !== before) changed.push(after);
    return after;
  };
  const { at } = facts;
  switch (effect.kind) {
    case 'meet': {
      const metAt = (m: Milestone) => (m === 'on_site' && facts.checkedInAt ? facts.checkedInAt : m === 'resolution' && facts.doneAt ? facts.doneAt : at);
      const next = clocks.map((c) => {
        if (!current.has(c)) return c;
        if (effect.milestones.includes(c.milestone)) return track(c, meetClock(cal, c, metAt(c.milestone), shares));
        return effect.voidOthers ? track(c, voidClock(c)) : c;
      });
      return { clocks: next, changed, pause: null };
    }
    case 'pause':
      return { clocks: clocks.map((c) => track(c, pauseClock(cal, c, at))), changed, pause: 'start' };
    case 'resume':
      return { clocks: clocks.map((c) => track(c, resumeClock(cal, c, at, shares))), changed, pause: 'end' };
    case 'void':
      return { clocks: clocks.map((c) => track(c, voidClock(c))), changed, pause: 'end' };
    case 'restart': {
      const everMet = new Set(clocks.filter((c) => c.status === 'met').map((c) => c.milestone));
      const restart = (m: Milestone) => effect.milestones.includes(m) || (effect.unlessMet?.includes(m) === true && !everMet.has(m));
      const next = clocks.map((c) => (current.has(c) && restart(c.milestone) ? track(c, voidClock(c)) : c));
      for (const c of current) {
        if (!restart(c.milestone)) continue;
        const target = { customerMinutes: c.targetMs / MINUTE, internalMinutes: c.internalTargetMs === null ? null : c.internalTargetMs / MINUTE };
        const fresh = startClock(cal, c.milestone, c.cycle + 1, target, at, shares);
        next.push(fresh);
        changed.push(fresh);
      }
      return { clocks: next, changed, pause: null };
    }
    case 'provider': {
      const to = facts.movesTo;
      if (!to) return { clocks, changed, pause: null };
      return { clocks: clocks.map((c) => track(c, moveClock(cal, to, c, at, shares))), changed, pause: null };
    }
    case 'none':
      return { clocks, changed, pause: null };
  }
}

/** The order's next customer deadline, warning point and undelivered alert. */
export function promiseNext(clocks: Clock[]): { nextDueAt: Date | null; nextWarnAt: Date | null; nextAlertAt: Date | null } {
  const running = clocks.filter((c) => c.status === 'running');
  return { nextDueAt: earliest(running.map((c) => c.dueAt)), nextWarnAt: earliest(running.map((c) => c.warnAt)), nextAlertAt: nextAlertAt(clocks) };
}

/** Due times and outcome of a clock, as a history row shows them. */
export function clockSummary(c: Clock): Record<string, unknown> {
  return { milestone: c.milestone, cycle: c.cycle, status: c.status, dueAt: c.dueAt?.toISOString() ?? null, warnAt: c.warnAt?.toISOString() ?? null, outcome: c.outcome, marginMs: c.marginMs };
}

/**
 * The message an alert carries, in both languages; the deadline as people read it in the
 * calendar's zone, which it names (the console writes it again in its reader's zone).
 */
export function alertText(kind: AlertKind, orderNumber: string, milestone: Milestone, dueAt: Date | null, role: Role, timeZone: string) {
  const name = milestoneNames[milestone];
  const local = dueAt ? DateTime.fromJSDate(dueAt, { zone: timeZone }) : null;
  const when = {
    zh: local ? `${local.toFormat('M月d日 HH:mm')}，${timeZone}` : '',
    en: local ? `${local.setLocale('en-GB').toFormat('d LLL HH:mm')}, ${timeZone}` : '',
  };
  return kind === 'warning'
    ? {
        zh: `工单 ${orderNumber} 的「${name.zh}」承诺即将到期（${when.zh}），请及时处理`,
        en: `Order ${orderNumber}: the ${name.en.toLowerCase()} promise is due soon (${when.en})`,
      }
    : {
        zh: `工单 ${orderNumber} 的「${name.zh}」承诺已超时（${when.zh}），已升级至${roleNames[role].zh}`,
        en: `Order ${orderNumber}: the ${name.en.toLowerCase()} promise was broken (${when.en}); escalated to the ${roleNames[role].en.toLowerCase()}`,
      };
}
