import { describe, expect, it } from 'vitest';
import { answerProblems, dayPartAt, policyFor, rate, sampleBucket, surveyWaitUntil, unreachable } from './follow-ups.rules.js';

const policy = (over: Partial<Parameters<typeof policyFor>[0][number]>) => ({ id: 'p', rank: 10, orderKind: null, customerTier: null, providerId: null, samplePercent: 100, active: true, ...over });
const order = { id: '3f1c2a9e-0000-4000-8000-000000000001', kind: 'repair', customerTier: 'vip', providerId: 'prov-a' };

describe('follow-up rules', () => {
  it('samples by the order id: the same order, the same answer, about the share asked', () => {
    expect(sampleBucket(order.id)).toBe(sampleBucket(order.id));
    const ids = Array.from({ length: 10_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const picked = ids.filter((id) => policyFor([policy({ samplePercent: 30 })], { ...order, id })!.sampled).length;
    expect(picked).toBeGreaterThan(2_700);
    expect(picked).toBeLessThan(3_300);
    expect(policyFor([policy({ samplePercent: 0 })], order)!.sampled).toBe(false);
    expect(policyFor([policy({ samplePercent: 100 })], order)!.sampled).toBe(true);
  });

  it('takes the first active policy by rank whose kind, tier and provider match', () => {
    const ps = [policy({ id: 'all', rank: 100 }), policy({ id: 'vip-repair', rank: 5, orderKind: 'repair', customerTier: 'vip' }), policy({ id: 'other-prov', rank: 1, providerId: 'prov-b' }), policy({ id: 'off', rank: 0, active: false })];
    expect(policyFor(ps, order)!.policy.id).toBe('vip-repair');
    expect(policyFor(ps, { ...order, customerTier: 'standard' })!.policy.id).toBe('all');
    expect(policyFor(ps, { ...order, providerId: 'prov-b' })!.policy.id).toBe('other-prov');
    expect(policyFor([policy({ orderKind: 'installation' })], order)).toBeNull();
  });

  it("reads the time of day in the customer's zone; 21:00–09:00 is quiet", () => {
    expect(dayPartAt(new Date('2026-06-01T01:00:00Z'), 'Asia/Shanghai')).toBe('morning');
    expect(dayPartAt(new Date('2026-06-01T00:59:00Z'), 'Asia/Shanghai')).toBe('quiet');
    expect(dayPartAt(new Date('2026-06-01T01:00:00Z'), 'Asia/Urumqi')).toBe('quiet');
    expect(dayPartAt(new Date('2026-06-01T03:59:00Z'), 'Asia/Shanghai')).toBe('morning');
    expect(dayPartAt(new Date('2026-06-01T04:00:00Z'), 'Asia/Shanghai')).toBe('afternoon');
    expect(dayPartAt(new Date('2026-06-01T10:00:00Z'), 'Asia/Shanghai')).toBe('evening');
    expect(dayPartAt(new Date('2026-06-01T13:00:00Z'), 'Asia/Shanghai')).toBe('quiet');
  });

  it('counts failed calls once per time of day; a wrong number ends the calls', () => {
    expect(unreachable([{ result: 'no_answer', dayPart: 'morning' }, { result: 'busy', dayPart: 'morning' }, { result: 'no_answer', dayPart: 'morning' }], 3)).toBe(false);
    expect(unreachable([{ result: 'no_answer', dayPart: 'morning' }, { result: 'busy', dayPart: 'afternoon' }], 3)).toBe(false);
    expect(unreachable([{ result: 'no_answer', dayPart: 'morning' }, { result: 'busy', dayPart: 'afternoon' }, { result: 'no_answer', dayPart: 'evening' }], 3)).toBe(true);
    expect(unreachable([{ result: 'no_answer', dayPart: 'morning' }, { result: 'busy', dayPart: 'afternoon' }], 2)).toBe(true);
    expect(unreachable([{ result: 'wrong_number', dayPart: 'morning' }], 3)).toBe(true);
  });

  it('waits the configured days after a customer’s last survey', () => {
    const sent = new Date('2026-06-01T00:00:00Z');
    expect(surveyWaitUntil(null, sent, 7)).toBeNull();
    expect(surveyWaitUntil(sent, new Date('2026-06-07T23:59:59Z'), 7)).toEqual(new Date('2026-06-08T00:00:00Z'));
    expect(surveyWaitUntil(sent, new Date('2026-06-08T00:00:00Z'), 7)).toBeNull();
    expect(surveyWaitUntil(sent, sent, 0)).toBeNull();
  });

  it("checks answers against the script's questions", () => {
    const qs = [{ code: 'fixed', zh: '修好了吗', en: 'Fixed?', answer: 'yes_no' as const, required: true }, { code: 'score', zh: '分', en: 'Score', answer: 'score' as const, required: false }];
    expect(answerProblems(qs, { fixed: true })).toEqual([]);
    expect(answerProblems(qs, {}).map((p) => p.path)).toEqual(['answers.fixed']);
    expect(answerProblems(qs, { fixed: 'yes', score: 6, extra: 1 }).map((p) => p.path)).toEqual(['answers.extra', 'answers.fixed', 'answers.score']);
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(0, 0)).toBe(0);
  });
});
