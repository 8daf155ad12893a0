// Care campaigns as pure rules: which dates a trigger matches on a given day (the repo turns the
// answer into one SQL condition, so the daily run selects in the database), the occurrence key
// that makes a message exactly once per customer, lunar birthdays and festivals (computed per
// year with chinese-days, leap months included), consent, frequency caps, the channel with its
// fallback, quiet hours and the templates' variables. No I/O here; the table tests read these.
import chineseDays from 'chinese-days';
import { DateTime } from 'luxon';

export const channels = ['sms', 'email', 'wechat', 'inbox'] as const;
export type CareChannel = (typeof channels)[number];
export const purposes = ['service', 'marketing', 'survey'] as const;
export type Purpose = (typeof purposes)[number];
export const consentSources = ['console', 'portal', 'sms_reply', 'unsubscribe_link', 'import', 'registration'] as const;
export type ConsentSource = (typeof consentSources)[number];
export const campaignStatuses = ['draft', 'active', 'paused', 'archived'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
/** A send's status: pending between the day's selection and its claim (consent, cap and channel decided then). */
export const sendStatuses = ['pending', 'enqueued', 'skipped_consent', 'skipped_cap', 'skipped_no_channel'] as const;
export type SendStatus = (typeof sendStatuses)[number];
export const holidays = ['new_year', 'spring_festival', 'lantern', 'dragon_boat', 'mid_autumn', 'double_ninth', 'national_day'] as const;
export type Holiday = (typeof holidays)[number];
export const conversionKinds = ['order', 'registration', 'purchase'] as const;
export type ConversionKind = (typeof conversionKinds)[number];

export const triggerKinds = ['after_install', 'warranty_end', 'seasonal', 'birthday', 'holiday', 'anniversary', 'recall', 'win_back', 'monthly'] as const;
export type TriggerKind = (typeof triggerKinds)[number];

export type Trigger =
  | { kind: 'after_install'; days: number }
  | { kind: 'warranty_end'; days: number; part: 'unit' | 'main' }
  | { kind: 'seasonal'; month: number; day: number }
  | { kind: 'birthday' }
  | { kind: 'holiday'; holiday: Holiday }
  | { kind: 'anniversary' }
  | { kind: 'recall'; modelCodes: string[]; serialFrom?: string | null; serialTo?: string | null; batch?: string | null }
  | { kind: 'win_back'; months: number }
  | { kind: 'monthly'; dayOfMonth: number };

export type Audience = {
  tiers?: string[];
  provinces?: string[];
  categories?: string[];
  languages?: ('zh' | 'en')[];
  /** Units at least / at most this many months old (from purchase). */
  unitAgeMinMonths?: number | null;
  unitAgeMaxMonths?: number | null;
  /** Customers whose last order was at least / at most this many months ago. */
  silentMinMonths?: number | null;
  contactedWithinMonths?: number | null;
};

export const triggerNames: Record<TriggerKind, { zh: string; en: string }> = {
  after_install: { zh: '安装/购买后回访', en: 'Days after installation or purchase' },
  warranty_end: { zh: '保修到期提醒', en: 'Warranty ending' },
  seasonal: { zh: '季节保养', en: 'Seasonal maintenance' },
  birthday: { zh: '生日祝福', en: 'Birthday' },
  holiday: { zh: '节日问候', en: 'Holiday greeting' },
  anniversary: { zh: '购买周年', en: 'Purchase anniversary' },
  recall: { zh: '产品改进/召回通知', en: 'Improvement or recall notice' },
  win_back: { zh: '沉睡客户唤回', en: 'Win-back' },
  monthly: { zh: '每月关怀', en: 'Monthly thinking of you' },
};

/** Whether a trigger's messages concern a unit (one per unit) or the customer (one per customer). */
export function perUnit(t: Trigger): boolean {
  return t.kind === 'after_install' || t.kind === 'warranty_end' || t.kind === 'anniversary' || t.kind === 'recall';
}

// ---------------------------------------------------------------------------------------------
// Dates

function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
}
function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * The MM-DD of the dates whose yearly return falls on `day`: the date itself, and on 28 February
 * of a common year also 29 February (a birthday or purchase on a leap day is kept on the 28th).
 */
export function yearlyMatches(day: string): string[] {
  const y = Number(day.slice(0, 4));
  const md = day.slice(5);
  return md === '02-28' && !isLeapYear(y) ? ['02-28', '02-29'] : [md];
}

/** The date a warranty of `months` running from `from` ends (the last covered day is the day before). */
export function warrantyEnd(from: string, months: number): string {
  return DateTime.fromISO(from, { zone: 'utc' }).plus({ months }).toISODate()!;
}

/** A lunar date: month 1–12, day 1–30, and whether the month is the year's leap month. */
export type LunarDate = { month: number; day: number; leap: boolean };

/** The lunar date of a solar date (chinese-days' tables). */
export function lunarOf(date: string): LunarDate & { year: number; monthDays: number } {
  const l = chineseDays.getLunarDate(date);
  // Days in this lunar month: the day after its last day is day 1 of the next.
  let last = l.lunarDay;
  for (let i = 1; i <= 30 - l.lunarDay; i++) {
    const next = chineseDays.getLunarDate(plusDays(date, i));
    if (next.lunarDay === 1) break;
    last = next.lunarDay;
  }
  return { year: l.lunarYear, month: l.lunarMon, day: l.lunarDay, leap: l.isLeap, monthDays: last };
}

/**
 * The lunar birth dates whose birthday falls on `day`. A birthday is kept in the ordinary month of
 * its number; one born in a leap month is kept in the leap month only in a year that has it (it
 * is then in the ordinary month's place); the 30th of a month that has 29 days this year is kept
 * on the 29th.
 */
export function lunarBirthdayMatches(day: string): LunarDate[] {
  const t = lunarOf(day);
  const days = t.day === t.monthDays && t.monthDays < 30 ? [t.day, 30] : [t.day];
  const out: LunarDate[] = [];
  if (t.leap) {
    // In the leap month only those born in a leap month of this number.
    for (const d of days) out.push({ month: t.month, day: d, leap: true });
    return out;
  }
  const leapThisYear = lunarYearHasLeap(t.year, t.month);
  for (const d of days) {
    out.push({ month: t.month, day: d, leap: false });
    if (!leapThisYear) out.push({ month: t.month, day: d, leap: true });
  }
  return out;
}

function lunarYearHasLeap(lunarYear: number, month: number): boolean {
  // getYearLeapMonth takes the solar year; the lunar year's leap month lies in the solar year of the same number.
  return chineseDays.getYearLeapMonth(lunarYear).leapMonth === month;
}

/** Whether a birthday (solar date of birth, or its lunar date) is kept on `day`. */
export function birthdayOn(day: string, b: { calendar: 'solar'; birthday: string } | { calendar: 'lunar'; lunar: LunarDate }): boolean {
  if (b.calendar === 'solar') return yearlyMatches(day).includes(b.birthday.slice(5));
  return lunarBirthdayMatches(day).some((m) => m.month === b.lunar.month && m.day === b.lunar.day && m.leap === b.lunar.leap);
}

const lunarFestivals: Partial<Record<Holiday, { month: number; day: number }>> = {
  spring_festival: { month: 1, day: 1 },
  lantern: { month: 1, day: 15 },
  dragon_boat: { month: 5, day: 5 },
  mid_autumn: { month: 8, day: 15 },
  double_ninth: { month: 9, day: 9 },
};
const solarFestivals: Partial<Record<Holiday, string>> = { new_year: '01-01', national_day: '10-01' };

/** Whether `day` is the holiday (lunar festivals in an ordinary month, never the leap one). */
export function holidayOn(day: string, h: Holiday): boolean {
  const solar = solarFestivals[h];
  if (solar) return day.slice(5) === solar;
  const f = lunarFestivals[h]!;
  const l = lunarOf(day);
  return !l.leap && l.month === f.month && l.day === f.day;
}

/** Months between two dates, whole (from purchase to today: a unit's age). */
export function monthsBetween(from: string, to: string): number {
  return Math.floor(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'months').months);
}

// ---------------------------------------------------------------------------------------------
// What a trigger selects on a day, as data the repo turns into SQL

export type Selector =
  /** Units whose installation (or purchase, when not installed) was on this date. */
  | { kind: 'installed_on'; date: string }
  /** Units whose warranty (whole unit or main parts, from purchase or the last replacement) ends on this date. */
  | { kind: 'warranty_ends'; date: string; part: 'unit' | 'main' }
  /** Units bought on one of these MM-DD, at least a year before `date`. */
  | { kind: 'purchase_yearly'; monthDays: string[]; before: string }
  /** Customers with a solar birthday on one of these MM-DD, or a lunar one on one of these lunar dates. */
  | { kind: 'birthday'; solar: string[]; lunar: LunarDate[] }
  /** Units of these models, optionally by serial range or batch (serial prefix). */
  | { kind: 'recall'; modelCodes: string[]; serialFrom: string | null; serialTo: string | null; batch: string | null }
  /** Customers whose last order (or registration, when none) was before this date. */
  | { kind: 'silent_since'; before: string }
  /** Every customer in the audience (seasonal, holidays, monthly: the day decides). */
  | { kind: 'everyone' }
  /** Not today. */
  | { kind: 'none' };

/** What the trigger selects on `day` (the company's local date). */
export function selectorFor(t: Trigger, day: string): Selector {
  switch (t.kind) {
    case 'after_install':
      return { kind: 'installed_on', date: plusDays(day, -t.days) };
    case 'warranty_end':
      return { kind: 'warranty_ends', date: plusDays(day, t.days), part: t.part };
    case 'seasonal':
      return yearlyMatches(day).includes(`${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`) ? { kind: 'everyone' } : { kind: 'none' };
    case 'birthday':
      return { kind: 'birthday', solar: yearlyMatches(day), lunar: lunarBirthdayMatches(day) };
    case 'holiday':
      return holidayOn(day, t.holiday) ? { kind: 'everyone' } : { kind: 'none' };
    case 'anniversary':
      return { kind: 'purchase_yearly', monthDays: yearlyMatches(day), before: plusDays(day, -360) };
    case 'recall':
      return { kind: 'recall', modelCodes: t.modelCodes, serialFrom: t.serialFrom ?? null, serialTo: t.serialTo ?? null, batch: t.batch ?? null };
    case 'win_back':
      return { kind: 'silent_since', before: DateTime.fromISO(day, { zone: 'utc' }).minus({ months: t.months }).toISODate()! };
    case 'monthly': {
      // A day past the month's end (31 in June) is kept on its last day.
      const last = DateTime.fromISO(day, { zone: 'utc' }).endOf('month').day;
      const d = Number(day.slice(8));
      return d === Math.min(t.dayOfMonth, last) ? { kind: 'everyone' } : { kind: 'none' };
    }
  }
}

/** One candidate as the selection found it. */
export type CandidateFacts = { customerId: string; unitId: string | null; warrantyEnd: string | null; lastContact: string | null };

/** A part of an occurrence key: fixed text, or a fact of the candidate. */
export type OccurrencePart = string | { fact: 'unitId' | 'warrantyEnd' | 'lastContact' };

/**
 * The occurrence a message is about, unique per customer: "this birthday", "this warranty end",
 * "this recall". Two campaigns of the same occurrence (a birthday by SMS and one by e-mail), a
 * re-run, a second server copy: the key lets one through. Given as parts, so the selection can
 * build the same key in SQL (care.repo's set-based selection) as occurrenceKey builds it here.
 */
export function occurrenceParts(t: Trigger, campaignId: string, day: string): OccurrencePart[] {
  const year = day.slice(0, 4);
  const unit = { fact: 'unitId' } as const;
  switch (t.kind) {
    case 'after_install':
      return ['checkin:', unit];
    case 'warranty_end':
      return [`warranty_end:${t.part}:`, unit, ':', { fact: 'warrantyEnd' }];
    case 'seasonal':
      return [`seasonal:${campaignId}:${year}`];
    case 'birthday':
      return [`birthday:${year}`];
    case 'holiday':
      return [`holiday:${t.holiday}:${year}`];
    case 'anniversary':
      return ['anniversary:', unit, `:${year}`];
    case 'recall':
      return [`recall:${campaignId}:`, unit];
    case 'win_back':
      // Once per silence: a customer who comes back and falls silent again is a new occurrence.
      return [`win_back:${campaignId}:`, { fact: 'lastContact' }];
    case 'monthly':
      return [`monthly:${campaignId}:${day.slice(0, 7)}`];
  }
}

/** The occurrence key of one candidate (a missing last contact reads "never"). */
export function occurrenceKey(t: Trigger, campaignId: string, day: string, c: CandidateFacts): string {
  return occurrenceParts(t, campaignId, day)
    .map((p) => (typeof p === 'string' ? p : p.fact === 'lastContact' ? (c.lastContact ?? 'never') : String(c[p.fact])))
    .join('');
}

/** Problems with a trigger's parameters, by field (empty: fine). */
export function triggerProblems(t: Trigger): { path: string; en: string; zh: string }[] {
  const out: { path: string; en: string; zh: string }[] = [];
  if (t.kind === 'seasonal' && !DateTime.fromObject({ year: 2024, month: t.month, day: t.day }).isValid) out.push({ path: 'trigger.day', en: 'not a day of that month', zh: '该月无此日' });
  if (t.kind === 'recall') {
    if (t.serialFrom && t.serialTo && t.serialFrom > t.serialTo) out.push({ path: 'trigger.serialTo', en: 'must not be before serialFrom', zh: '不得早于起始序列号' });
    if ((t.serialFrom || t.serialTo) && t.batch) out.push({ path: 'trigger.batch', en: 'a serial range or a batch, not both', zh: '序列号区间与批次只能选其一' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Consent

export type ConsentRecord = { channel: CareChannel; purpose: Purpose; granted: boolean };

/**
 * May this purpose reach the customer on this channel? An explicit record decides (the latest
 * refusal stops it). Without one: marketing never (no consent = no marketing); service notices
 * and surveys follow the customer's general consent to be contacted (customers.consentToContact).
 */
export function consentAllows(records: ConsentRecord[], channel: CareChannel, purpose: Purpose, consentToContact: boolean): boolean {
  const r = records.find((x) => x.channel === channel && x.purpose === purpose);
  if (r) return r.granted;
  return purpose === 'marketing' ? false : consentToContact;
}

/** SMS replies that mean "stop" (退订, TD, T, N, STOP, UNSUBSCRIBE), trimmed and any case. */
export function isStopReply(text: string): boolean {
  const t = text.trim().replace(/[\s。.!！]+$/g, '').toUpperCase();
  return ['退订', 'TD', 'T', 'N', 'STOP', 'UNSUBSCRIBE', '退订短信', '取消订阅'].includes(t);
}

// ---------------------------------------------------------------------------------------------
// Frequency caps

export type Cap = { maxMessages: number; periodDays: number };

/** Whether one more message fits the cap, given when the customer's earlier care messages were sent. */
export function capAllows(sentAt: Date[], now: Date, cap: Cap): boolean {
  const since = now.getTime() - cap.periodDays * 86_400_000;
  return sentAt.filter((d) => d.getTime() > since).length < cap.maxMessages;
}

// ---------------------------------------------------------------------------------------------
// Channel with fallback

export type Reach = { sms: string | null; email: string | null; wechat: string | null; inbox: true };

/**
 * The first channel, the customer's preferred one first (when the campaign uses it), then the
 * campaign's order, that the customer can be reached on and consented to; null when none.
 */
export function chooseChannel(campaign: CareChannel[], preferred: string, reach: Reach, allowed: (c: CareChannel) => boolean): CareChannel | null {
  const pref = (preferred === 'phone' ? 'sms' : preferred) as CareChannel;
  const order = campaign.includes(pref) ? [pref, ...campaign.filter((c) => c !== pref)] : campaign;
  for (const c of order) {
    const address = c === 'inbox' ? true : reach[c];
    if (address && allowed(c)) return c;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Quiet hours: the outbox holds a message until the window opens, in the customer's zone.

/** The zone quiet hours are read in: the customer's when known and valid, else the company's — never "send anyway". */
export function zoneFor(customerZone: string | null | undefined, companyZone: string): string {
  if (customerZone && DateTime.local().setZone(customerZone).isValid) return customerZone;
  return companyZone;
}

// ---------------------------------------------------------------------------------------------
// Templates

export const templateVariables = ['name', 'model', 'warrantyEnd', 'days', 'holiday', 'link', 'unsubscribe'] as const;
export type TemplateVars = Partial<Record<(typeof templateVariables)[number], string>>;

/** Variables a template names that are not known: {name} is, {nmae} is not. */
export function unknownVariables(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((v) => !(templateVariables as readonly string[]).includes(v));
}

export function render(text: string, vars: TemplateVars): string {
  return text.replace(/\{(\w+)\}/g, (whole, v: string) => (v in vars ? (vars[v as keyof TemplateVars] ?? '') : whole));
}

const optOutLine = { zh: '退订回TD，或点击 {unsubscribe}', en: 'Reply TD to stop, or open {unsubscribe}' };

/**
 * The body as it leaves: the template with its variables, and for marketing the opt-out line
 * (both the reply keyword and the signed one-click link) whether or not the template wrote it.
 */
export function composeBody(template: string, lang: 'zh' | 'en', purpose: Purpose, vars: TemplateVars): string {
  return render(withOptOut(template, lang, purpose), vars);
}

function withOptOut(template: string, lang: 'zh' | 'en', purpose: Purpose): string {
  return purpose === 'marketing' && !template.includes('{unsubscribe}') ? `${template} ${optOutLine[lang]}` : template;
}

/** The variables each send fills with its own value; the others are the campaign's (days, holiday). */
export const sendVariables = ['name', 'model', 'warrantyEnd', 'link', 'unsubscribe'] as const;
export type SendVariable = (typeof sendVariables)[number];
/** A body as literal text and the variables each send fills. */
export type BodyPiece = string | { variable: SendVariable };

/**
 * composeBody as pieces, for rendering in SQL: literal text (the campaign's own variables, `fixed`,
 * already in it; an unknown {x} left as written) and the send's variables. Joined with a send's
 * values it is composeBody's text for that send.
 */
export function bodyPieces(template: string, lang: 'zh' | 'en', purpose: Purpose, fixed: TemplateVars): BodyPiece[] {
  const text = withOptOut(template, lang, purpose);
  const out: BodyPiece[] = [];
  const literal = (t: string) => {
    if (!t) return;
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += t;
    else out.push(t);
  };
  let at = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    literal(text.slice(at, m.index));
    const v = m[1];
    if ((sendVariables as readonly string[]).includes(v)) out.push({ variable: v as SendVariable });
    else literal(v in fixed ? (fixed[v as keyof TemplateVars] ?? '') : m[0]);
    at = m.index + m[0].length;
  }
  literal(text.slice(at));
  return out;
}

/** The campaign's own variables in one language: the trigger's days and the holiday's name. */
export function campaignVariables(t: Trigger, lang: 'zh' | 'en'): Pick<TemplateVars, 'days' | 'holiday'> {
  return { days: t.kind === 'warranty_end' || t.kind === 'after_install' ? String(t.days) : '', holiday: t.kind === 'holiday' ? holidayNames[t.holiday][lang] : '' };
}

const replyOptOut = { zh: '退订回TD', en: 'Reply TD to stop' };

/** A one-off notice's body (no campaign, so no signed link): marketing ends with the reply opt-out; a service notice goes as written. */
export function noticeBody(text: string, lang: 'zh' | 'en', purpose: Purpose): string {
  return purpose === 'marketing' && !text.includes('TD') ? `${text} ${replyOptOut[lang]}` : text;
}

/** Problems of a template for the purpose: a service notice carries no offer and no marketing link. */
export function templateProblems(t: { zh: string; en: string }, purpose: Purpose): { path: string; en: string; zh: string }[] {
  const out: { path: string; en: string; zh: string }[] = [];
  for (const lang of ['zh', 'en'] as const) {
    const unknown = unknownVariables(t[lang]);
    if (unknown.length) out.push({ path: `template.${lang}`, en: `unknown variables: ${unknown.join(', ')}`, zh: `未知变量：${unknown.join(', ')}` });
    if (purpose !== 'marketing' && t[lang].includes('{unsubscribe}')) out.push({ path: `template.${lang}`, en: 'only a marketing message carries an unsubscribe link', zh: '仅营销消息带退订链接' });
  }
  return out;
}

/** The holiday's name in the customer's language, for {holiday}. */
export const holidayNames: Record<Holiday, { zh: string; en: string }> = {
  new_year: { zh: '元旦', en: "New Year's Day" },
  spring_festival: { zh: '春节', en: 'Spring Festival' },
  lantern: { zh: '元宵节', en: 'Lantern Festival' },
  dragon_boat: { zh: '端午节', en: 'Dragon Boat Festival' },
  mid_autumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  double_ninth: { zh: '重阳节', en: 'Double Ninth Festival' },
  national_day: { zh: '国庆节', en: 'National Day' },
};

/** Whether a conversion at `at` is attributed to a send at `sentAt` (within `days` after it). */
export function attributed(sentAt: Date, at: Date, days: number): boolean {
  return at.getTime() >= sentAt.getTime() && at.getTime() - sentAt.getTime() <= days * 86_400_000;
}
