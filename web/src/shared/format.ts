// Dates, times and money in the reader's language and region.
import i18n from '../i18n';

/** zh → zh-CN; en → the browser's English (en-US, en-GB …) when it has one. */
export function locale(): string {
  if (i18n.language?.startsWith('zh')) return 'zh-CN';
  const english = navigator.languages?.find((l) => l.startsWith('en'));
  return english ?? 'en';
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar date ("2026-05-01") as the reader writes dates; no time zone shift. */
export function date(isoDay: string | null | undefined): string {
  if (!isoDay) return '—';
  const [y, m, d] = isoDay.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function timeWindow(from: string | null, to: string | null): string {
  if (!from || !to) return '—';
  const f = new Date(from);
  const t = new Date(to);
  const day = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(locale(), { timeStyle: 'short' });
  return `${day.format(f)} ${time.format(f)}–${time.format(t)}`;
}

/** Money is kept in the currency's minor unit (fen). */
export function money(minor: number, currency = 'CNY'): string {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(minor / 100);
}

export function count(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** The zh or en text of a bilingual pair, in the reader's language. */
export function pick(pair: { zh: string; en: string }): string {
  return i18n.language?.startsWith('zh') ? pair.zh : pair.en;
}

/** A name in the reader's language: the English one for English readers when there is one. */
export function localName(name: string, nameEn?: string | null): string {
  return !i18n.language?.startsWith('zh') && nameEn ? nameEn : name;
}

/** A provider's, technician's or user's record name in the reader's language. */
export function nameOf(r: { name: string; nameEn?: string | null }): string {
  return localName(r.name, r.nameEn);
}

/** "nameZh"/"nameEn" records (models, fault codes) in the reader's language. */
export function named(r: { nameZh: string; nameEn: string }): string {
  return i18n.language?.startsWith('zh') ? r.nameZh : r.nameEn;
}

/** A value for <input type="datetime-local"> in local time, and back to ISO with offset. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(v: string): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** Business minutes as hours and minutes ("2 h 30 min"); business days differ per calendar, so no days. */
export function businessTime(minutes: number, t: T): string {
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return t('promise.minutes', { n: m });
  return m === 0 ? t('promise.hours', { n: h }) : `${t('promise.hours', { n: h })} ${t('promise.minutes', { n: m })}`;
}

/** The first day of the month `back` months before this one, as YYYY-MM-DD. */
export function monthStart(back: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - back, 1));
  return d.toISOString().slice(0, 10);
}

export function monthName(key: string): string {
  const [y, m] = key.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}
