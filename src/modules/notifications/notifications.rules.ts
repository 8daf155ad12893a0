import { DateTime } from 'luxon';
import { maskPhone } from '../../shared/phone.js';

/**
 * What the outbox knows of each template. `urgent` messages leave at any hour (codes the reader
 * is waiting for, the technician at the door); the others wait for the end of quiet hours.
 * `secret`: the body carries a code, masked wherever staff read it. A template not named here
 * is neither.
 */
export const messageTemplates: Record<string, { urgent: boolean; secret: boolean; titleZh: string; titleEn: string }> = {
  portal_code: { urgent: true, secret: true, titleZh: '登录验证码', titleEn: 'Sign-in code' },
  acceptance_code: { urgent: true, secret: true, titleZh: '验收码', titleEn: 'Acceptance code' },
  technician_on_site: { urgent: true, secret: false, titleZh: '师傅已到达', titleEn: 'Technician arrived' },
  visit_booked: { urgent: false, secret: false, titleZh: '上门预约', titleEn: 'Visit booked' },
  certification_expiring: { urgent: false, secret: false, titleZh: '认证即将到期', titleEn: 'Certification expiring' },
  care_message: { urgent: false, secret: false, titleZh: '客户关怀', titleEn: 'From your service team' },
  certification_expiring_provider: { urgent: false, secret: false, titleZh: '师傅认证即将到期', titleEn: 'Technician certification expiring' },
  scorecard_monthly: { urgent: false, secret: false, titleZh: '月度平衡计分卡', titleEn: 'Monthly scorecard' },
};

export function templateOf(name: string) {
  return messageTemplates[name] ?? { urgent: false, secret: false, titleZh: name, titleEn: name };
}

/** Quiet hours as local clock times; `from` after `to` spans midnight (21:00–08:00). */
export type QuietHours = { from: string; to: string; zone: string };

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The earliest instant at or after `at` a message may leave: `at` itself unless quiet hours hold it back. */
export function notBefore(at: Date, urgent: boolean, quiet: QuietHours | null, zone?: string | null): Date {
  if (urgent || !quiet || quiet.from === quiet.to) return at;
  const local = DateTime.fromJSDate(at, { zone: zone || quiet.zone });
  if (!local.isValid) return notBefore(at, urgent, quiet, null);
  const now = local.hour * 60 + local.minute;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const quietNow = from < to ? now >= from && now < to : now >= from || now < to;
  if (!quietNow) return at;
  // The end of this quiet spell: today's `to`, or tomorrow's when the spell began before midnight.
  const day = from > to && now >= from ? local.plus({ days: 1 }) : local;
  return day.set({ hour: Math.floor(to / 60), minute: to % 60, second: 0, millisecond: 0 }).toJSDate();
}

/** Exponential backoff: base, 2×base, 4×base … never more than `capMs`. */
export function retryDelayMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export const maskedCode = '••••••';

/** a***@example.com */
export function maskEmail(address: string): string {
  const at = address.indexOf('@');
  if (at < 1) return maskPhone(address);
  return `${address[0]}***${address.slice(at)}`;
}

export function maskRecipient(recipient: string): string {
  return recipient.includes('@') ? maskEmail(recipient) : maskPhone(recipient);
}

/**
 * A body as staff may read it: phone numbers and e-mail addresses masked, and in a secret
 * template every free-standing run of 4–8 digits (the code; an order number's digits follow a
 * hyphen and stay).
 */
export function maskBody(text: string, secret: boolean): string {
  let out = text.replace(/(?<![\d])(\+?86)?1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m.replace(/^\+?86/, '')));
  out = out.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, (m) => maskEmail(m));
  if (secret) out = out.replace(/(?<![\w-])\d{4,8}(?![\w-])/g, maskedCode);
  return out;
}
