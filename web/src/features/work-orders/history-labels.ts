// A history row as staff read it: each changed field under its label in the reader's language,
// ids as the names they stand for, times in the reader's zone, codes as words — never a raw key
// or JSON. Pure: the words and the formatters come in, so a test can read it without a browser.
import type { HistoryRow } from './api';

export type Translate = (key: string, options?: Record<string, unknown>) => string;
export type Formats = { dateTime: (iso: string) => string; count: (n: number) => string };
/** Names for the ids a row may carry (providers, technicians, units), where this user may read them. */
export type Names = Record<string, string>;

export type ChangeLine = { field: string; label: string; from: string; to: string };

/** The fields that hold an id of something with a name. */
const idFields = new Set(['providerId', 'technicianId', 'unitId', 'customerId', 'complaintOfOrderId']);
/** Fields whose values are codes with words of their own, by the locale group that has them. */
const codeGroups: Record<string, string> = {
  status: 'status',
  statusBeforeHold: 'status',
  holdReason: 'hold',
  confirmedBy: 'confirmedBy',
  kind: 'kind',
  priority: 'priority',
  satisfaction: 'satisfaction',
  channel: 'channel',
};
const isoInstant = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** The label of a field: the history's own words, else the form's, else the key made readable. */
export function fieldLabel(field: string, t: Translate): string {
  const own = t(`change.${field}`, { defaultValue: '' });
  if (own) return own;
  const form = t(`field.${field}`, { defaultValue: '' });
  if (form) return form;
  // A field added later without words yet: split its camel case rather than show the key.
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

/** One value as words. */
export function valueWords(field: string, value: unknown, names: Names, t: Translate, f: Formats): string {
  if (value === null || value === undefined || value === '') return '—';
  if (idFields.has(field) && typeof value === 'string') return names[value] ?? t('change.someoneElse');
  if (codeGroups[field] && typeof value === 'string') return t(`${codeGroups[field]}.${value}`, { defaultValue: value });
  if (typeof value === 'boolean') return value ? t('change.yes') : t('change.no');
  if (field === 'checkInDistanceM' && typeof value === 'number') return t('change.metres', { n: f.count(value) });
  if (field.endsWith('Ms') && typeof value === 'number') return t('change.minutes', { n: f.count(Math.round(value / 60_000)) });
  if (typeof value === 'number') return f.count(value);
  if (typeof value === 'string') return isoInstant.test(value) ? f.dateTime(value) : value;
  if (Array.isArray(value)) return value.length ? value.map((v) => valueWords(field, v, names, t, f)).join(', ') : '—';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // An address reads as one line, without its coordinates.
    if ('street' in o && 'city' in o) return [o.province, o.city, o.district, o.street].filter((p) => typeof p === 'string' && p).join(' ');
    return Object.entries(o)
      .filter(([k]) => k !== 'version')
      .map(([k, v]) => `${fieldLabel(k, t)}: ${valueWords(k, v, names, t, f)}`)
      .join('; ');
  }
  return String(value);
}

/** What a row changed, each field labelled; the status is the row's own heading, not a change. */
export function changeLines(h: Pick<HistoryRow, 'changes'>, names: Names, t: Translate, f: Formats): ChangeLine[] {
  return Object.entries(h.changes)
    .filter(([k]) => k !== 'status')
    .map(([field, c]) => ({ field, label: fieldLabel(field, t), from: valueWords(field, c.from, names, t, f), to: valueWords(field, c.to, names, t, f) }));
}

/** Who acted, as staff know them: the username, never a token's id; the system and customers by role. */
export function actorWords(actor: string, t: Translate): string {
  const [kind, ...rest] = actor.split(':');
  if (kind === 'user') return rest.join(':');
  if (kind === 'token') return t('change.viaToken', { name: rest.slice(1).join(':') });
  if (kind === 'customer') return t('change.customer');
  if (kind === 'system') return t('change.system');
  return actor;
}

/**
 * A reason in the reader's language: automatic steps write "English / 中文"; a reason typed by a
 * person is shown as typed.
 */
export function reasonWords(reason: string, lang: string): string {
  const parts = reason.split(' / ');
  if (parts.length !== 2) return reason;
  const han = (s: string) => /\p{Script=Han}/u.test(s);
  const [a, b] = parts;
  if (han(a) === han(b)) return reason;
  const zh = han(a) ? a : b;
  const en = han(a) ? b : a;
  return lang.startsWith('zh') ? zh : en;
}
