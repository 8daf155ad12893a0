import { describe, expect, it } from 'vitest';
import { compileCalendar, roundTheClock } from './calendar.rules.js';
import { cnNationalCalendar } from './cn-national.js';
import { alertText, chooseCalendar, clockEffect, dueAlerts, regionKey, meetClock, nextAlertAt, outcomeOf, pauseClock, resumeClock, selectPolicy, startClock, moveClock, type PolicyCandidate } from './promises.rules.js';

const H = 3600_000;
const cn = compileCalendar(cnNationalCalendar());
const shares = { warnShare: 0.75, beatenShare: 0.25 };
const at = (iso: string) => new Date(iso);

describe('choosing a policy', () => {
  const p = (id: string, sel: Partial<PolicyCandidate>, created = '2026-01-01T00:00:00Z'): PolicyCandidate => ({
    id, active: true, createdAt: at(created), orderKind: null, priority: null, customerTier: null, region: null, categoryId: null, ...sel,
  });
  const order = { orderKind: 'repair', priority: 'urgent', customerTier: 'gold', regions: ['广州市', '广东省'], categoryId: 'cat-ac' };

  it('the most specific match wins; a non-matching selector excludes the policy', () => {
    const policies = [p('any', {}), p('repair', { orderKind: 'repair' }), p('gold-repair', { orderKind: 'repair', customerTier: 'gold' }), p('silver-repair-urgent', { orderKind: 'repair', customerTier: 'silver', priority: 'urgent' })];
    expect(selectPolicy(policies, order)?.id).toBe('gold-repair');
  });

  it('between equally specific ones the category beats the tier, then the newer one wins; inactive ones never', () => {
    expect(selectPolicy([p('tier', { customerTier: 'gold' }), p('cat', { categoryId: 'cat-ac' })], order)?.id).toBe('cat');
    expect(selectPolicy([p('old', { region: '广东省' }), p('new', { region: '广州市' }, '2026-02-01T00:00:00Z')], order)?.id).toBe('new');
    expect(selectPolicy([p('off', { orderKind: 'repair', active: false }), p('any', {})], order)?.id).toBe('any');
    expect(selectPolicy([p('install', { orderKind: 'installation' })], order)).toBeUndefined();
  });

  it('a region matches with or without its suffix, and no other region', () => {
    expect(selectPolicy([p('gz', { region: '广州' })], order)?.id).toBe('gz');
    expect(selectPolicy([p('gd', { region: ' 广东 ' })], order)?.id).toBe('gd');
    expect(selectPolicy([p('sz', { region: '深圳市' })], order)).toBeUndefined();
    expect(selectPolicy([p('xj', { region: '新疆' })], { ...order, regions: ['乌鲁木齐市', '新疆维吾尔自治区'] })?.id).toBe('xj');
    expect(regionKey('Guangzhou ')).toBe(regionKey('guangzhou'));
  });
});

describe('choosing a calendar', () => {
  const c = (id: string, sel: { providerId?: string; region?: string; isDefault?: boolean }) => ({ id, providerId: sel.providerId ?? null, region: sel.region ?? null, isDefault: sel.isDefault ?? false });
  const calendars = [c('default', { isDefault: true }), c('gd', { region: '广东' }), c('gz', { region: '广州市' }), c('branch', { providerId: 'p1' })];

  it("the provider's own, else the nearest region (city before province, suffixes aside), else the default when allowed", () => {
    expect(chooseCalendar(calendars, { providerId: 'p1', regions: ['广州', '广东省'], fallbackDefault: true })?.id).toBe('branch');
    expect(chooseCalendar(calendars, { regions: ['广州', '广东省'], fallbackDefault: true })?.id).toBe('gz');
    expect(chooseCalendar(calendars, { regions: ['佛山市', '广东省'] })?.id).toBe('gd');
    expect(chooseCalendar(calendars, { regions: ['长沙市', '湖南省'], fallbackDefault: true })?.id).toBe('default');
    expect(chooseCalendar(calendars, { regions: ['长沙市', '湖南省'] })).toBeUndefined();
  });
});

describe('a milestone clock', () => {
  it('beaten, kept and broken, with the margin in business time', () => {
    expect(outcomeOf(24 * H, 4 * H, 0.25)).toEqual({ outcome: 'beaten', marginMs: 20 * H });
    expect(outcomeOf(24 * H, 20 * H, 0.25)).toEqual({ outcome: 'kept', marginMs: 4 * H });
    expect(outcomeOf(24 * H, 24 * H, 0.25)).toEqual({ outcome: 'kept', marginMs: 0 });
    expect(outcomeOf(24 * H, 30 * H, 0.25)).toEqual({ outcome: 'broken', marginMs: -6 * H });
  });

  it('a pause that spans the National Day holiday stops the clock; the deadline moves by the business time left', () => {
    // Wednesday 30 Sep 2026 10:00 Shanghai, 8 business hours to resolve.
    let c = startClock(cn, 'resolution', 1, { customerMinutes: 8 * 60 }, at('2026-09-30T02:00:00Z'), shares);
    expect(c.dueAt?.toISOString()).toBe('2026-10-08T02:30:00.000Z'); // 6.5 h that day, Oct 1–7 off: Thursday 8 Oct 10:30
    // On hold for parts at 15:00 (3.5 h used), back on Friday 9 Oct 10:00.
    c = pauseClock(cn, c, at('2026-09-30T07:00:00Z'));
    expect([c.status, c.consumedMs, c.dueAt]).toEqual(['paused', 3.5 * H, null]);
    c = resumeClock(cn, c, at('2026-10-09T02:00:00Z'), shares);
    expect(c.dueAt?.toISOString()).toBe('2026-10-09T08:00:00.000Z'); // 4.5 h more: 10–12, 13:30–16:00
    // Warning at 75 % of 8 h = 6 h used: 2.5 business hours after resuming.
    expect(c.warnAt?.toISOString()).toBe('2026-10-09T06:00:00.000Z'); // 14:00, past lunch
    c = meetClock(cn, c, at('2026-10-09T06:30:00Z'), shares); // 14:30: 1.5 h to spare
    expect([c.status, c.outcome, c.marginMs]).toEqual(['met', 'kept', 1.5 * H]);
  });

  it('warns at a share of the tighter internal target and alerts each kind once', () => {
    const clock = compileCalendar(roundTheClock());
    let c = startClock(clock, 'first_response', 1, { customerMinutes: 240, internalMinutes: 120 }, at('2026-06-01T00:00:00Z'), shares);
    expect(c.warnAt?.toISOString()).toBe('2026-06-01T01:30:00.000Z');
    expect(c.internalDueAt?.toISOString()).toBe('2026-06-01T02:00:00.000Z');
    expect(nextAlertAt([c])?.toISOString()).toBe('2026-06-01T01:30:00.000Z');
    expect(dueAlerts(c, at('2026-06-01T05:00:00Z'))).toEqual(['warning', 'breach']);
    c = { ...c, warnedAt: at('2026-06-01T01:30:00Z') };
    expect(nextAlertAt([c])?.toISOString()).toBe('2026-06-01T04:00:00.000Z');
    expect(dueAlerts(c, at('2026-06-01T05:00:00Z'))).toEqual(['breach']);
    c = meetClock(clock, c, at('2026-06-01T05:00:00Z'), shares);
    expect([c.outcome, c.marginMs, c.internalKept]).toEqual(['broken', -1 * H, false]);
    expect(dueAlerts(c, at('2026-06-02T00:00:00Z'))).toEqual([]);
  });

  it('moving to another calendar keeps the time used', () => {
    const clock = compileCalendar(roundTheClock());
    let c = startClock(clock, 'on_site', 1, { customerMinutes: 10 * 60 }, at('2026-06-01T00:00:00Z'), shares); // 08:00 Shanghai, Monday
    c = moveClock(clock, cn, c, at('2026-06-01T01:00:00Z'), shares); // after 1 h, onto office hours
    expect(c.consumedMs).toBe(1 * H);
    // 9 h of office time from Monday 09:00: 7.5 h Monday, 1.5 h Tuesday → 10:30.
    expect(c.dueAt?.toISOString()).toBe('2026-06-02T02:30:00.000Z');
  });

  it('maps work-order steps to clock effects', () => {
    expect(clockEffect('book', 'assigned')).toEqual({ kind: 'meet', milestones: ['first_response'] });
    expect(clockEffect('close', 'intake')).toEqual({ kind: 'meet', milestones: ['first_response', 'resolution'], voidOthers: true });
    expect(clockEffect('reopen', 'closed')).toEqual({ kind: 'restart', milestones: ['on_site', 'resolution'], unlessMet: ['first_response'] });
    expect(clockEffect('assign', 'dispatched')).toEqual({ kind: 'none' });
  });
});

describe('alert texts', () => {
  it('write the deadline as local time in the calendar\'s zone, never a raw UTC timestamp', () => {
    const due = new Date('2026-12-07T01:30:00Z');
    const warning = alertText('warning', 'WO2612-000001', 'on_site', due, 'dispatcher', 'Asia/Shanghai');
    const breach = alertText('breach', 'WO2612-000001', 'on_site', due, 'manager', 'Asia/Shanghai');
    for (const text of [warning.zh, warning.en, breach.zh, breach.en]) expect(text).not.toMatch(/\d{4}-\d\d-\d\dT|Z\b/);
    expect(warning.zh).toContain('12月7日 09:30，Asia/Shanghai');
    expect(warning.en).toContain('7 Dec 09:30, Asia/Shanghai');
    expect(breach.en).toContain('escalated to the manager');
    expect(breach.zh).toContain('已升级至经理');
  });
});
