import { describe, expect, it } from 'vitest';
import { addMonths, certificationRefusal, drawPaper, retakeRefusal, scorePaper } from './training.rules.js';

const seq = (values: number[]) => {
  let i = 0;
  return (n: number) => values[i++ % values.length] % n;
};

describe('training rules', () => {
  it('draws n distinct questions with every option once', () => {
    const bank = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, optionCount: 4 }));
    const paper = drawPaper(bank, 3, seq([3, 1, 4, 1, 5, 9, 2, 6]));
    expect(new Set(paper.map((p) => p.questionId)).size).toBe(3);
    for (const p of paper) expect([...p.optionOrder].sort()).toEqual([0, 1, 2, 3]);
  });

  it('scores by the options as shown, all correct and nothing else', () => {
    const paper = [{ questionId: 'q1', optionOrder: [2, 0, 1] }, { questionId: 'q2', optionOrder: [0, 1, 2] }];
    const correct = new Map([['q1', [0]], ['q2', [1, 2]]]);
    // q1: bank option 0 is shown second (index 1).
    expect(scorePaper(paper, correct, [{ questionId: 'q1', choices: [1] }, { questionId: 'q2', choices: [1, 2] }])).toBe(100);
    expect(scorePaper(paper, correct, [{ questionId: 'q1', choices: [0] }, { questionId: 'q2', choices: [1] }])).toBe(0);
    expect(scorePaper(paper, correct, [{ questionId: 'q2', choices: [2, 1] }])).toBe(50);
  });

  it('applies the retake rules', () => {
    const rules = { retakeWaitHours: 24, maxAttempts: 2, attemptWindowDays: 30 };
    const now = new Date('2026-06-10T00:00:00Z');
    const at = (iso: string, outcome = 'failed') => ({ startedAt: new Date(iso), submittedAt: new Date(iso), deadline: new Date(iso), outcome });
    expect(retakeRefusal(rules, [], now)).toBeNull();
    expect(retakeRefusal(rules, [at('2026-06-09T12:00:00Z')], now)?.code).toBe('retake_wait');
    expect(retakeRefusal(rules, [at('2026-06-08T12:00:00Z')], now)).toBeNull();
    expect(retakeRefusal(rules, [at('2026-06-01T00:00:00Z'), at('2026-06-05T00:00:00Z')], now)).toMatchObject({ code: 'attempts_exhausted', retryAt: new Date('2026-07-01T00:00:00Z') });
  });

  it('says why a technician may not take certified work', () => {
    const at = new Date('2026-06-10T00:00:00Z');
    const held = (expires: string, revoked: Date | null = null) => ({ code: 'AC', issuedAt: new Date('2024-01-01T00:00:00Z'), expiresAt: new Date(expires), revokedAt: revoked });
    expect(certificationRefusal(null, [], at, '王')).toBeNull();
    expect(certificationRefusal('AC', [held('2027-01-01T00:00:00Z')], at, '王')).toBeNull();
    expect(certificationRefusal('AC', [], at, '王')?.code).toBe('certification_missing');
    expect(certificationRefusal('AC', [held('2026-05-01T00:00:00Z')], at, '王')).toMatchObject({ code: 'certification_expired', zh: '王的 AC 认证已于 2026-05-01 过期' });
    expect(certificationRefusal('AC', [held('2027-01-01T00:00:00Z', at)], at, '王')?.code).toBe('certification_revoked');
  });

  it('adds months without spilling into the next month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-06-15T00:00:00Z'), 24).toISOString()).toBe('2028-06-15T00:00:00.000Z');
  });
});
