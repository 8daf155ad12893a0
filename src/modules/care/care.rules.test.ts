import { describe, expect, it } from 'vitest';
import { attributed, birthdayOn, bodyPieces, campaignVariables, capAllows, chooseChannel, composeBody, consentAllows, holidayOn, isStopReply, noticeBody, occurrenceKey, selectorFor, templateProblems, triggerProblems, warrantyEnd, yearlyMatches, zoneFor, type BodyPiece, type ConsentRecord, type TemplateVars, type Trigger } from './care.rules.js';
import { notBefore } from '../notifications/index.js';

describe('birthdays', () => {
  it.each([
    // solar, 29 February kept on the 28th in a common year
    ['2027-02-28', '2000-02-29', true],
    ['2027-03-01', '2000-02-29', false],
    ['2028-02-28', '2000-02-29', false],
    ['2028-02-29', '2000-02-29', true],
    ['2027-02-28', '1990-02-28', true],
    ['2026-12-06', '1985-12-06', true],
    ['2026-12-07', '1985-12-06', false],
  ])('solar: on %s, born %s → %s', (day, birthday, want) => {
    expect(birthdayOn(day, { calendar: 'solar', birthday })).toBe(want);
  });

  it.each([
    // 2025 has a leap sixth month (闰六月, 2025-07-25 … 2025-08-22, 29 days); 2026 has none.
    ['2025-07-04', { month: 6, day: 10, leap: false }, true],
    ['2025-07-04', { month: 6, day: 10, leap: true }, false], // born in a leap month: waits for this year's leap month
    ['2025-08-03', { month: 6, day: 10, leap: true }, true],
    ['2025-08-03', { month: 6, day: 10, leap: false }, false],
    ['2026-07-23', { month: 6, day: 10, leap: true }, true], // no leap sixth month in 2026: kept in the ordinary one
    ['2026-07-23', { month: 6, day: 10, leap: false }, true],
    ['2025-08-22', { month: 6, day: 30, leap: true }, true], // the leap month has 29 days: the 30th on the 29th
    ['2025-07-24', { month: 6, day: 30, leap: false }, true], // the ordinary month has 30
    ['2026-07-13', { month: 5, day: 30, leap: false }, true], // 2026's fifth month has 29 days
    ['2026-07-12', { month: 5, day: 30, leap: false }, false],
    ['2026-02-17', { month: 1, day: 1, leap: false }, true],
  ] as const)('lunar: on %s, born %o → %s', (day, lunar, want) => {
    expect(birthdayOn(day, { calendar: 'lunar', lunar: { ...lunar } })).toBe(want);
  });
});

describe('holidays, lunar ones computed per year', () => {
  it.each([
    ['2026-02-17', 'spring_festival', true],
    ['2027-02-06', 'spring_festival', true],
    ['2026-03-03', 'lantern', true],
    ['2026-06-19', 'dragon_boat', true],
    ['2026-09-25', 'mid_autumn', true],
    ['2026-09-24', 'mid_autumn', false],
    ['2026-10-18', 'double_ninth', true],
    ['2026-10-01', 'national_day', true],
    ['2027-01-01', 'new_year', true],
  ] as const)('%s is %s: %s', (day, h, want) => expect(holidayOn(day, h)).toBe(want));
});

describe('what a trigger selects on a day', () => {
  const cases: [Trigger, string, unknown][] = [
    [{ kind: 'after_install', days: 3 }, '2026-06-04', { kind: 'installed_on', date: '2026-06-01' }],
    [{ kind: 'warranty_end', days: 30, part: 'unit' }, '2026-06-01', { kind: 'warranty_ends', date: '2026-07-01', part: 'unit' }],
    [{ kind: 'seasonal', month: 5, day: 1 }, '2026-05-01', { kind: 'everyone' }],
    [{ kind: 'seasonal', month: 5, day: 1 }, '2026-05-02', { kind: 'none' }],
    [{ kind: 'seasonal', month: 2, day: 29 }, '2027-02-28', { kind: 'everyone' }],
    [{ kind: 'holiday', holiday: 'mid_autumn' }, '2026-09-25', { kind: 'everyone' }],
    [{ kind: 'holiday', holiday: 'mid_autumn' }, '2026-09-26', { kind: 'none' }],
    [{ kind: 'anniversary' }, '2027-02-28', { kind: 'purchase_yearly', monthDays: ['02-28', '02-29'], before: '2026-03-05' }],
    [{ kind: 'win_back', months: 6 }, '2026-08-31', { kind: 'silent_since', before: '2026-02-28' }],
    [{ kind: 'monthly', dayOfMonth: 31 }, '2026-06-30', { kind: 'everyone' }],
    [{ kind: 'monthly', dayOfMonth: 31 }, '2026-06-29', { kind: 'none' }],
    [{ kind: 'monthly', dayOfMonth: 15 }, '2026-06-15', { kind: 'everyone' }],
    [{ kind: 'recall', modelCodes: ['M1'], batch: 'B7' }, '2026-06-15', { kind: 'recall', modelCodes: ['M1'], serialFrom: null, serialTo: null, batch: 'B7' }],
  ];
  it.each(cases)('%o on %s', (t, day, want) => expect(selectorFor(t, day)).toEqual(want));

  it('birthday selects both calendars', () => {
    const s = selectorFor({ kind: 'birthday' }, '2027-02-28');
    expect(s).toMatchObject({ kind: 'birthday', solar: ['02-28', '02-29'] });
  });

  it('warranty ends a whole number of months after purchase (month ends clamp)', () => {
    expect(warrantyEnd('2025-06-01', 12)).toBe('2026-06-01');
    expect(warrantyEnd('2024-02-29', 12)).toBe('2025-02-28');
    expect(warrantyEnd('2026-01-31', 1)).toBe('2026-02-28');
    expect(yearlyMatches('2028-02-28')).toEqual(['02-28']);
  });

  it('names each occurrence once per customer', () => {
    const c = { customerId: 'c', unitId: 'u', warrantyEnd: '2026-07-01', lastContact: '2025-01-02' };
    expect(occurrenceKey({ kind: 'birthday' }, 'k1', '2026-06-01', c)).toBe(occurrenceKey({ kind: 'birthday' }, 'k2', '2026-06-01', c));
    expect(occurrenceKey({ kind: 'warranty_end', days: 30, part: 'unit' }, 'k', '2026-06-01', c)).toBe('warranty_end:unit:u:2026-07-01');
    expect(occurrenceKey({ kind: 'warranty_end', days: 7, part: 'unit' }, 'k', '2026-06-24', c)).toBe('warranty_end:unit:u:2026-07-01');
    expect(occurrenceKey({ kind: 'recall', modelCodes: [] }, 'k', '2026-06-01', c)).toBe('recall:k:u');
    expect(occurrenceKey({ kind: 'win_back', months: 6 }, 'k', '2026-06-01', c)).toBe('win_back:k:2025-01-02');
    expect(occurrenceKey({ kind: 'monthly', dayOfMonth: 1 }, 'k', '2026-06-01', c)).toBe('monthly:k:2026-06');
  });

  it('checks parameters', () => {
    expect(triggerProblems({ kind: 'seasonal', month: 2, day: 30 })[0].path).toBe('trigger.day');
    expect(triggerProblems({ kind: 'seasonal', month: 2, day: 29 })).toEqual([]);
    expect(triggerProblems({ kind: 'recall', modelCodes: ['M'], serialFrom: 'B', serialTo: 'A' })[0].path).toBe('trigger.serialTo');
    expect(triggerProblems({ kind: 'recall', modelCodes: ['M'], serialFrom: 'A', batch: 'X' })[0].path).toBe('trigger.batch');
  });
});

describe('consent', () => {
  const recs: ConsentRecord[] = [
    { channel: 'sms', purpose: 'marketing', granted: true },
    { channel: 'email', purpose: 'marketing', granted: false },
    { channel: 'sms', purpose: 'service', granted: false },
  ];
  it.each([
    ['sms', 'marketing', true, true],
    ['email', 'marketing', true, false], // refused
    ['wechat', 'marketing', true, false], // no record: no marketing
    ['sms', 'service', true, false], // refused explicitly
    ['email', 'service', true, true], // no record: general consent
    ['email', 'service', false, false],
    ['inbox', 'survey', true, true],
  ] as const)('%s %s (consentToContact %s) → %s', (ch, p, general, want) => expect(consentAllows(recs, ch, p, general)).toBe(want));

  it.each([
    ['退订', true],
    [' td ', true],
    ['TD。', true],
    ['T', true],
    ['stop', true],
    ['好的', false],
    ['TD 谢谢', false],
  ] as const)('reply %s stops: %s', (text, want) => expect(isStopReply(text)).toBe(want));
});

describe('frequency caps across campaigns', () => {
  const now = new Date('2026-06-30T10:00:00Z');
  const day = (d: number) => new Date(now.getTime() - d * 86_400_000);
  it.each([
    [[], { maxMessages: 1, periodDays: 7 }, true],
    [[day(3)], { maxMessages: 1, periodDays: 7 }, false],
    [[day(8)], { maxMessages: 1, periodDays: 7 }, true],
    [[day(1), day(20)], { maxMessages: 2, periodDays: 30 }, false],
    [[day(1), day(31)], { maxMessages: 2, periodDays: 30 }, true],
  ])('earlier %o, cap %o → %s', (sent, cap, want) => expect(capAllows(sent, now, cap)).toBe(want));
});

describe('channel with fallback', () => {
  const reach = { sms: '13800000000', email: null, wechat: null, inbox: true as const };
  it.each([
    [['sms', 'email'], 'email', () => true, 'sms'], // no e-mail address: SMS
    [['sms', 'email', 'inbox'], 'phone', (c: string) => c !== 'sms', 'inbox'], // SMS refused: the inbox
    [['wechat', 'sms'], 'wechat', () => true, 'sms'],
    [['email'], 'sms', () => true, null],
    [['inbox', 'sms'], 'sms', () => true, 'sms'], // preferred first
  ] as const)('%o, preferred %s → %s', (ch, pref, allowed, want) => expect(chooseChannel([...ch], pref, reach, allowed)).toBe(want));
});

describe('quiet hours in the customer zone', () => {
  const quiet = { from: '21:00', to: '08:00', zone: 'Asia/Shanghai' };
  it.each([
    // A campaign run at 20:50 Shanghai crosses into the quiet window: what is written after 21:00 waits for 08:00.
    ['2026-06-01T12:50:00Z', null, '2026-06-01T12:50:00.000Z'],
    ['2026-06-01T13:05:00Z', null, '2026-06-02T00:00:00.000Z'],
    // A customer in Urumqi (UTC+6 by the clock they live by): 21:05 Shanghai is 19:05 there, sent.
    ['2026-06-01T13:05:00Z', 'Asia/Urumqi', '2026-06-01T13:05:00.000Z'],
    // An unknown zone is the company's: held, never "send anyway".
    ['2026-06-01T13:05:00Z', 'Mars/Olympus', '2026-06-02T00:00:00.000Z'],
  ])('written at %s, zone %s → leaves %s', (at, zone, want) => {
    expect(notBefore(new Date(at), false, quiet, zoneFor(zone, quiet.zone)).toISOString()).toBe(want);
  });
});

describe('templates', () => {
  it('adds the opt-out to marketing, never to service', () => {
    expect(composeBody('{name}，保修将于{warrantyEnd}到期', 'zh', 'marketing', { name: '张伟', warrantyEnd: '2026-07-01', unsubscribe: 'https://x/u/1' })).toBe('张伟，保修将于2026-07-01到期 退订回TD，或点击 https://x/u/1');
    expect(composeBody('Hello {name}', 'en', 'service', { name: 'Li' })).toBe('Hello Li');
    expect(templateProblems({ zh: '{nmae}', en: 'ok' }, 'marketing')[0]).toMatchObject({ path: 'template.zh' });
    expect(templateProblems({ zh: '{unsubscribe}', en: 'ok' }, 'service')[0]).toMatchObject({ path: 'template.zh' });
  });
  it('attributes a conversion within the window', () => {
    const sent = new Date('2026-06-01T00:00:00Z');
    expect(attributed(sent, new Date('2026-06-10T00:00:00Z'), 14)).toBe(true);
    expect(attributed(sent, new Date('2026-06-20T00:00:00Z'), 14)).toBe(false);
    expect(attributed(sent, new Date('2026-05-20T00:00:00Z'), 14)).toBe(false);
  });
});

describe("another module's one-off notice (renewal, upgrade)", () => {
  it.each<[string, 'zh' | 'en', 'service' | 'marketing', string]>([
    ['marketing ends with the reply opt-out (zh)', 'zh', 'marketing', '您的延保将到期，如需续约请联系客服。 退订回TD'],
    ['marketing ends with the reply opt-out (en)', 'en', 'marketing', 'Your warranty ends soon. Reply TD to stop'],
    ['a service notice goes as written, no opt-out and no offer added', 'zh', 'service', '恭喜您升级为金卡会员。'],
  ])('%s', (_name, lang, purpose, expected) => {
    const text = expected.replace(/ 退订回TD$| Reply TD to stop$/, '');
    expect(noticeBody(text, lang, purpose)).toBe(expected);
  });
});

describe('message bodies as pieces (rendered in SQL)', () => {
  const values = { name: '王{name}五', model: 'Wall AC $1 {link}', warrantyEnd: '2027-03-01', link: 'https://care.test/care-links/click/c.x.y', unsubscribe: 'https://care.test/care-links/unsubscribe/u.x.y' };
  const join = (pieces: BodyPiece[]) => pieces.map((p) => (typeof p === 'string' ? p : values[p.variable])).join('');
  const warranty: Trigger = { kind: 'warranty_end', days: 30, part: 'unit' };
  const holiday: Trigger = { kind: 'holiday', holiday: 'mid_autumn' };
  it.each([
    ['{name}您好，您的{model}整机保修将于{warrantyEnd}到期，{days}天后：{link}', 'zh', 'marketing', warranty],
    ['Dear {name}, {model} ends {warrantyEnd} in {days} days {link}', 'en', 'marketing', warranty],
    ['{name}，{holiday}快乐', 'zh', 'service', holiday],
    ['Happy {holiday}, {name}! {unknown} {days}', 'en', 'service', holiday],
    ['{name} {unsubscribe} only', 'en', 'marketing', warranty],
    ['no variables at all', 'zh', 'survey', warranty],
    ['', 'zh', 'service', warranty],
    ['{{name}} {name}{name}{link}{link}', 'zh', 'marketing', warranty],
  ] as const)('%s (%s, %s): joined with a send\'s values, the pieces are composeBody\'s text', (template, lang, purpose, trigger) => {
    const fixed = campaignVariables(trigger, lang);
    const pieces = bodyPieces(template, lang, purpose, fixed);
    const vars: TemplateVars = { ...values, ...fixed };
    expect(join(pieces)).toBe(composeBody(template, lang, purpose, vars));
    // Literal runs are merged: no two strings side by side, no empty string.
    pieces.forEach((p, i) => {
      if (typeof p === 'string') expect(p === '' || typeof pieces[i + 1] === 'string').toBe(false);
    });
  });
  it('keeps the send\'s own variables as variables, the campaign\'s as text', () => {
    expect(bodyPieces('{name} {days} {holiday} {link}', 'zh', 'service', campaignVariables({ kind: 'after_install', days: 7 }, 'zh'))).toEqual([{ variable: 'name' }, ' 7  ', { variable: 'link' }]);
  });
});
