import { describe, expect, it } from 'vitest';
import { actionDueAt, actionStatusAfter, chinaMonth, followUpResult, gbGrading, grade, isOverdue, itemResult, scoreAudit, templateProblems, type ItemResult, type TemplateContent, type TemplateItem } from './audits.rules.js';
import { homeVisitTemplate, selfAssessmentTemplate } from './audits.seed.js';

const item = (code: string, weight: number, more: Partial<TemplateItem> = {}): TemplateItem => ({ code, weight, textZh: code, textEn: code, evidence: 'pass_fail', ...more });
const content = (items: TemplateItem[][], grading = gbGrading): TemplateContent => ({ grading, dueDays: 7, sections: items.map((its, i) => ({ code: `s${i}`, nameZh: 's', nameEn: 's', items: its })) });
const results = (r: Record<string, ItemResult>) => new Map(Object.entries(r));

describe('grading: GB/T 27922 bands', () => {
  it.each([
    [null, true, 0],
    [0, false, 0],
    [69.9, false, 0],
    [70, true, 0],
    [79.9, true, 0],
    [80, true, 3],
    [89.9, true, 3],
    [90, true, 4],
    [94.9, true, 4],
    [95, true, 5],
    [100, true, 5],
  ])('%s points → passed %s, %s stars', (score, passed, stars) => {
    expect(grade(gbGrading, score)).toEqual({ passed, stars });
  });
  it('a failed red line fails whatever the score', () => {
    expect(grade(gbGrading, 98, true)).toEqual({ passed: false, stars: 0 });
  });
});

describe('scoring: weights over the applicable items, scaled to 100', () => {
  const c = content([[item('a', 10), item('b', 30)], [item('c', 60, { critical: true })]]);
  it.each<[string, Record<string, ItemResult>, number | null, boolean, number]>([
    ['all pass', { a: 'pass', b: 'pass', c: 'pass' }, 100, true, 5],
    ['the light one fails', { a: 'fail', b: 'pass', c: 'pass' }, 90, true, 4],
    ['the middle one fails', { a: 'pass', b: 'fail', c: 'pass' }, 70, true, 0],
    ['a not applicable item leaves both sides', { a: 'na', b: 'fail', c: 'pass' }, 66.7, false, 0],
    ['the critical item fails', { a: 'pass', b: 'pass', c: 'fail' }, 40, false, 0],
    ['nothing applicable', { a: 'na', b: 'na', c: 'na' }, null, true, 0],
    ['a missing result counts as not applicable', { a: 'pass' }, 100, true, 5],
  ])('%s', (_, r, score, passed, stars) => {
    const s = scoreAudit(c, results(r));
    expect([s.score, s.passed, s.stars]).toEqual([score, passed, stars]);
  });
  it('weights not summing to 100 are scaled (3 of 7 points → 42.9)', () => {
    expect(scoreAudit(content([[item('a', 3), item('b', 4)]]), results({ a: 'pass', b: 'fail' })).score).toBe(42.9);
  });
  it('scores each section (indicator class) on its own', () => {
    const s = scoreAudit(selfAssessmentTemplate.content, results({ organisation: 'pass', management: 'fail', resources: 'pass', delivery: 'pass', installation: 'pass', repair: 'pass', returns: 'pass', promises: 'pass', complaints: 'pass', satisfaction: 'fail' }));
    expect(s.score).toBe(80);
    expect(s.stars).toBe(3);
    expect(s.sections.map((x) => [x.indicatorClass, x.score, x.earned, x.possible])).toEqual([['system', 66.7, 20, 30], ['goods', 100, 40, 40], ['customer', 66.7, 20, 30]]);
  });
});

describe('the seeded templates', () => {
  it('are 100-point checklists without problems', () => {
    for (const t of [homeVisitTemplate, selfAssessmentTemplate]) {
      expect(templateProblems(t.content)).toEqual([]);
      expect(t.content.sections.flatMap((s) => s.items).reduce((n, i) => n + i.weight, 0)).toBe(100);
    }
    expect(selfAssessmentTemplate.content.sections.map((s) => s.indicatorClass)).toEqual(['system', 'goods', 'customer']);
  });
  it('fail a visit where a tip was taken, however good the rest', () => {
    const all = Object.fromEntries(homeVisitTemplate.content.sections.flatMap((s) => s.items).map((i) => [i.code, 'pass' as ItemResult]));
    const s = scoreAudit(homeVisitTemplate.content, results({ ...all, no_tips: 'fail' }));
    expect([s.score, s.passed, s.criticalFailed]).toEqual([90, false, true]);
  });
});

describe('template problems', () => {
  it('names duplicate codes, empty sections, a measured item without its target, star bands out of order', () => {
    const bad = content([[item('a', 1), item('a', 1), item('m', 1, { evidence: 'measured' })], []], { pass: 70, stars: [{ min: 90, stars: 4 }, { min: 80, stars: 3 }] });
    expect(templateProblems(bad).map((p) => p.path)).toEqual(['content.sections.0.items.1.code', 'content.sections.0.items.2.target', 'content.sections.1.items', 'content.grading.stars']);
  });
});

describe('one item’s evidence', () => {
  const measured = item('t', 10, { evidence: 'measured', target: 12, tolerance: 4 });
  const photo = item('p', 5, { evidence: 'photo' });
  it.each<[string, TemplateItem, Parameters<typeof itemResult>[1], ItemResult | 'problem']>([
    ['measured inside the tolerance', measured, { itemCode: 't', value: 8 }, 'pass'],
    ['measured at the upper edge', measured, { itemCode: 't', value: 16 }, 'pass'],
    ['measured outside', measured, { itemCode: 't', value: 16.5 }, 'fail'],
    ['measured without a value', measured, { itemCode: 't', result: 'pass' }, 'problem'],
    ['measured not applicable', measured, { itemCode: 't', result: 'na' }, 'na'],
    ['a photo item with its photo', photo, { itemCode: 'p', result: 'pass', photoId: '00000000-0000-4000-8000-000000000000' }, 'pass'],
    ['a photo item passed without a photo', photo, { itemCode: 'p', result: 'pass' }, 'problem'],
    ['a photo item failed without a photo', photo, { itemCode: 'p', result: 'fail' }, 'fail'],
    ['no finding', item('x', 1), undefined, 'problem'],
    ['pass/fail without a result', item('x', 1), { itemCode: 'x' }, 'problem'],
  ])('%s', (_, it_, f, expected) => {
    const r = itemResult(it_, f);
    expect(typeof r === 'object' ? 'problem' : r).toBe(expected);
  });
});

describe('what a follow-up answer says', () => {
  const tidy = item('site_cleaned', 10, { fromFollowUp: { key: 'aspects.tidiness', failAtOrBelow: 2 } });
  it.each<[Record<string, unknown>, ItemResult | null]>([
    [{ aspects: { tidiness: 1 } }, 'fail'],
    [{ aspects: { tidiness: 2 } }, 'fail'],
    [{ aspects: { tidiness: 3 } }, 'pass'],
    [{ aspects: {} }, null],
    [{}, null],
  ])('%j → %s', (answers, expected) => expect(followUpResult(tidy, answers)).toBe(expected));
  it('reads a call script’s yes/no question', () => {
    const q = item('site_cleaned', 10, { fromFollowUp: { key: 'site_clean' } });
    expect(followUpResult(q, { site_clean: false })).toBe('fail');
    expect(followUpResult(q, { site_clean: true })).toBe('pass');
    expect(followUpResult(item('x', 1), { site_clean: false })).toBeNull();
  });
  it('tries several keys in turn: the survey’s aspect, else the call’s answer', () => {
    const polite = item('courteous', 5, { fromFollowUp: { key: 'aspects.attitude|attitude', failAtOrBelow: 2 } });
    expect(followUpResult(polite, { aspects: { attitude: 5 }, attitude: 1 })).toBe('pass');
    expect(followUpResult(polite, { satisfaction: 'neutral', attitude: 1 })).toBe('fail');
  });
});

describe('corrective actions', () => {
  it('go open → submitted → verified, or back to open when rejected', () => {
    expect(actionStatusAfter('open', 'submit')).toBe('submitted');
    expect(actionStatusAfter('submitted', 'verify')).toBe('verified');
    expect(actionStatusAfter('submitted', 'reject')).toBe('open');
    expect(actionStatusAfter('open', 'verify')).toBeNull();
    expect(actionStatusAfter('verified', 'submit')).toBeNull();
  });
  it('fall due after the item’s days, else the template’s, and are overdue past it until verified', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(actionDueAt(at, {}, 7).toISOString()).toBe('2026-06-08T00:00:00.000Z');
    expect(actionDueAt(at, { dueDays: 2 }, 7).toISOString()).toBe('2026-06-03T00:00:00.000Z');
    const due = new Date('2026-06-08T00:00:00Z');
    expect(isOverdue({ status: 'submitted', dueAt: due }, new Date('2026-06-09T00:00:00Z'))).toBe(true);
    expect(isOverdue({ status: 'verified', dueAt: due }, new Date('2026-06-09T00:00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'open', dueAt: due }, new Date('2026-06-07T00:00:00Z'))).toBe(false);
  });
  it('counts an audit in its China-time month', () => {
    expect(chinaMonth(new Date('2026-06-30T16:30:00Z'))).toBe('2026-07');
    expect(chinaMonth(new Date('2026-06-30T15:30:00Z'))).toBe('2026-06');
  });
});
