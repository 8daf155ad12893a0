// One-off messages of other modules (a contract's renewal reminder, a loyalty upgrade notice) sent
// through care's rules rather than straight to the outbox: consent by channel and purpose (a
// marketing message needs an explicit grant; a service notice follows the customer's consent to be
// contacted and carries no marketing), the customer's own zone for quiet hours (the company's when
// unknown), and the reply opt-out on every marketing message.
import type { Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { enqueueMessage } from '../notifications/index.js';
import * as repo from './care.repo.js';
import { consentAllows, noticeBody, zoneFor, type Purpose } from './care.rules.js';

export type CareNotice = {
  customerId: string;
  purpose: Purpose;
  /** The outbox template (its title and urgency). */
  template: string;
  bodyZh: string;
  bodyEn: string;
  subject: { kind: string; id: string };
  /** Quiet hours' zone when the customer has none of their own (default Asia/Shanghai). */
  companyZone?: string;
};
export type CareNoticeResult = { status: 'enqueued' | 'skipped_consent' | 'skipped_no_channel' | 'unknown_customer'; messageId: string | null };

/** The notice by SMS, in the caller's transaction, when consent allows; what happened otherwise. */
export async function sendCareNotice(q: Queryable, clock: Clock, n: CareNotice): Promise<CareNoticeResult> {
  const f = await repo.careCustomer(q, n.customerId);
  if (!f) return { status: 'unknown_customer', messageId: null };
  if (!consentAllows(await repo.consentsOf(q, n.customerId), 'sms', n.purpose, f.consentToContact)) return { status: 'skipped_consent', messageId: null };
  if (!f.phone) return { status: 'skipped_no_channel', messageId: null };
  const messageId = await enqueueMessage(q, clock, {
    channel: 'sms',
    recipient: f.phone,
    customerId: n.customerId,
    template: n.template,
    bodyZh: noticeBody(n.bodyZh, 'zh', n.purpose),
    bodyEn: noticeBody(n.bodyEn, 'en', n.purpose),
    subject: n.subject,
    language: f.language,
    timeZone: zoneFor(f.timeZone, n.companyZone ?? 'Asia/Shanghai'),
  });
  return { status: 'enqueued', messageId };
}
