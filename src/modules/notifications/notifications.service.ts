import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { MessagingConfig } from '../../config/config.js';
import { enqueueJob, type Enqueue } from '../../jobs/queue.js';
import { newId } from '../../shared/ids.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';
import { auditWith, type AuditFn } from '../../kernel/audit.js';
import * as repo from './notifications.repo.js';
import { channelsFor, DeliveryFailure, verifySignature, type Channel, type Outgoing } from './notifications.channels.js';
import { maskBody, maskRecipient, notBefore, retryDelayMs, templateOf } from './notifications.rules.js';
import { notificationErrors } from './notifications.errors.js';
import { receiptRequest } from './notifications.contract.js';
import { readReports } from './notifications.receipts.js';
import type { MessageStatus } from './notifications.tables.js';

export type OutgoingMessage = {
  channel: 'sms' | 'email' | 'wechat';
  recipient: string;
  template: string;
  bodyZh: string;
  bodyEn: string;
  subject?: { kind: string; id: string };
  /** The customer the message is for, so the outbox can be read by customer; taken from a `customer` subject when not given. */
  customerId?: string | null;
  /** Which body leaves; Chinese unless said. */
  language?: 'zh' | 'en';
  /** The recipient's zone for quiet hours (IANA); the configured default when absent. */
  timeZone?: string;
  /** Values for a provider's registered template (Aliyun, Tencent). */
  params?: Record<string, string>;
};

export const DELIVER_JOB = 'notifications.deliver';
export const SWEEP_JOB = 'notifications.sweep';

/** A send that has not answered by then is taken to have died with its server copy; the message is tried again. */
const leaseMs = 2 * 60_000;
/** A message still unsent this long after it was written fails: a day-old code or notice misleads. */
const maxAgeMs = 24 * 3600_000;
const retryCapMs = 3600_000;

function messageRow(m: OutgoingMessage, id: string, now: Date): repo.MessageInsert {
  return {
    id,
    channel: m.channel,
    recipient: m.recipient,
    customerId: m.customerId ?? (m.subject?.kind === 'customer' ? m.subject.id : null),
    template: m.template,
    bodyZh: m.bodyZh,
    bodyEn: m.bodyEn,
    language: m.language ?? 'zh',
    timeZone: m.timeZone ?? null,
    params: m.params ?? null,
    subject: m.subject ?? null,
    urgent: templateOf(m.template).urgent,
    createdAt: now,
    nextAttemptAt: now,
    status: 'queued',
  };
}

/**
 * Written inside the caller's transaction: the message and its delivery job exist exactly when
 * the change does. Urgency comes from the template, so callers need not say it.
 */
export async function enqueueMessage(q: Queryable, clock: Clock, m: OutgoingMessage): Promise<string> {
  const id = newId();
  const now = clock.now();
  await repo.insertMessage(q, messageRow(m, id, now));
  await repo.insertHistory(q, { messageId: id, at: now, fromStatus: null, toStatus: 'queued' });
  await enqueueJob(q, DELIVER_JOB, { messageId: id });
  return id;
}

/**
 * Messages written as `enqueueMessage` writes one — the message, its history row and its delivery
 * job — by CTEs of the caller's statement (named outbox_new, outbox_new_history, outbox_new_jobs),
 * from `source`: a select of id, channel, recipient, customer_id, body_zh, body_en, language,
 * time_zone, subject, every row of one template. A campaign's thousands of messages are made in
 * the database; nothing per message goes through JS.
 */
export function enqueueMessagesSql(source: repo.MessageSource, template: string, now: Date) {
  return repo.enqueueMessagesSql(source, { template, urgent: templateOf(template).urgent, now, job: DELIVER_JOB });
}

export const defaultMessaging: MessagingConfig = { sms: { kind: 'log' }, smtp: null, quietHours: { from: '21:00', to: '08:00', zone: 'Asia/Shanghai' }, maxAttempts: 8, retryBaseMs: 30_000 };

export type NotificationsDeps = {
  db: Db;
  clock: Clock;
  messaging?: MessagingConfig;
  /** The channels by kind; built from `messaging` unless given (tests give a log that records). */
  channels?: Record<Outgoing['channel'], Channel>;
  enqueue?: Enqueue;
  /** Records each reveal of clear text; the kernel's writer unless given. */
  audit?: AuditFn;
};

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** Equal without telling by timing how much of it was right (hashes make the lengths equal). */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A message its channel cannot reach the recipient on (a WeChat user who does not follow the account). */
export type Unreachable = { id: string; channel: OutgoingMessage['channel']; customerId: string | null; subject: { kind: string; id: string } | null; reason: string; bodyZh: string; bodyEn: string; language: 'zh' | 'en'; timeZone: string | null };
/** Told in the failure's transaction, so a message sent instead commits with it (care's next channel). */
export type Fallback = (tx: Tx, m: Unreachable) => Promise<void>;

export function createNotificationsService({ db, clock, messaging = defaultMessaging, channels = channelsFor(messaging), enqueue = enqueueJob, audit = auditWith(clock) }: NotificationsDeps) {
  const fallbacks: Fallback[] = [];
  function outgoing(row: repo.MessageRow): Outgoing {
    const t = templateOf(row.template);
    const en = row.language === 'en';
    return { id: row.id, channel: row.channel, recipient: row.recipient, template: row.template, title: en ? t.titleEn : t.titleZh, text: en ? row.bodyEn : row.bodyZh, params: row.params ?? null };
  }

  /** Takes the message if it is due and nobody holds it; answers what to send, or null. */
  async function claim(id: string, now: Date) {
    return db.transaction(async (tx) => {
      const row = await repo.lockClaimable(tx, id, now);
      if (!row) return null;
      const from = row.status;
      if (now.getTime() - row.createdAt.getTime() > maxAgeMs) {
        await repo.updateMessage(tx, id, { status: 'failed', failedAt: now, leaseUntil: null, lastError: 'expired: not sent within 24 hours' });
        await repo.insertHistory(tx, { messageId: id, at: now, fromStatus: from, toStatus: 'failed', detail: 'expired: not sent within 24 hours / 24 小时内未能发出，已过期' });
        return null;
      }
      const when = notBefore(now, row.urgent, messaging.quietHours, row.timeZone);
      if (when > now) {
        await repo.updateMessage(tx, id, { status: 'queued', nextAttemptAt: when, leaseUntil: null });
        await repo.insertHistory(tx, { messageId: id, at: now, fromStatus: from, toStatus: 'queued', detail: `quiet hours: waits until ${when.toISOString()} / 免打扰时段，延后发送` });
        await enqueue(tx, DELIVER_JOB, { messageId: id }, { startAfter: when });
        return null;
      }
      const channel = channels[row.channel];
      const attempt = row.attempts + 1;
      await repo.updateMessage(tx, id, { status: 'sending', attempts: attempt, leaseUntil: new Date(now.getTime() + leaseMs), provider: channel.name });
      await repo.insertHistory(tx, { messageId: id, at: now, fromStatus: from, toStatus: 'sending', attempt, provider: channel.name, detail: from === 'sending' ? 'the previous attempt never answered (its server stopped); sent again with the same key' : null });
      return { row, attempt, channel };
    });
  }

  /**
   * Sends one message if it is due and no other copy holds it; records the outcome and, after a
   * failure that may pass, puts the next attempt on the queue with exponential backoff. A job the
   * queue repeats finds nothing to take.
   */
  async function deliver(id: string): Promise<MessageStatus | null> {
    const claimed = await claim(id, clock.now());
    if (!claimed) return null;
    const { row, attempt, channel } = claimed;
    let result: { ok: true; providerMessageId: string | null } | { ok: false; error: string; permanent: boolean; unreachable: boolean };
    try {
      result = { ok: true, ...(await channel.send(outgoing(row))) };
    } catch (err) {
      const failure = err instanceof DeliveryFailure ? err : null;
      result = { ok: false, error: (err as Error).message.slice(0, 500), permanent: !!failure?.permanent, unreachable: !!failure?.unreachable };
    }
    const done = clock.now();
    return db.transaction(async (tx) => {
      if (result.ok) {
        const written = await repo.finishAttempt(tx, id, attempt, { status: 'sent', sentAt: done, leaseUntil: null, providerMessageId: result.providerMessageId, lastError: null });
        if (written) await repo.insertHistory(tx, { messageId: id, at: done, fromStatus: 'sending', toStatus: 'sent', attempt, provider: channel.name, detail: result.providerMessageId });
        return 'sent';
      }
      if (!result.permanent && attempt < messaging.maxAttempts) {
        const next = notBefore(new Date(done.getTime() + retryDelayMs(attempt, messaging.retryBaseMs, retryCapMs)), row.urgent, messaging.quietHours, row.timeZone);
        if (await repo.finishAttempt(tx, id, attempt, { status: 'queued', nextAttemptAt: next, leaseUntil: null, lastError: result.error })) {
          await repo.insertHistory(tx, { messageId: id, at: done, fromStatus: 'sending', toStatus: 'queued', attempt, provider: channel.name, detail: `${result.error} — next attempt ${next.toISOString()}` });
          await enqueue(tx, DELIVER_JOB, { messageId: id }, { startAfter: next });
        }
        return 'queued';
      }
      if (await repo.finishAttempt(tx, id, attempt, { status: 'failed', failedAt: done, leaseUntil: null, lastError: result.error })) {
        await repo.insertHistory(tx, { messageId: id, at: done, fromStatus: 'sending', toStatus: 'failed', attempt, provider: channel.name, detail: result.error });
        if (result.unreachable) for (const f of fallbacks) await f(tx, { id, channel: row.channel, customerId: row.customerId, subject: row.subject ?? null, reason: result.error, bodyZh: row.bodyZh, bodyEn: row.bodyEn, language: row.language, timeZone: row.timeZone });
      }
      return 'failed';
    });
  }

  function view(row: repo.MessageRow, mask: boolean) {
    const secret = templateOf(row.template).secret;
    return {
      id: row.id,
      channel: row.channel,
      recipient: mask ? maskRecipient(row.recipient) : row.recipient,
      customerId: row.customerId,
      template: row.template,
      urgent: row.urgent,
      bodyZh: mask ? maskBody(row.bodyZh, secret) : row.bodyZh,
      bodyEn: mask ? maskBody(row.bodyEn, secret) : row.bodyEn,
      subject: row.subject ?? null,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.status === 'queued' ? iso(row.nextAttemptAt) : null,
      provider: row.provider,
      lastError: row.lastError && mask ? maskBody(row.lastError, secret) : row.lastError,
      createdAt: row.createdAt.toISOString(),
      sentAt: iso(row.sentAt),
      deliveredAt: iso(row.deliveredAt),
      failedAt: iso(row.failedAt),
    };
  }

  /**
   * A receipt's outcome on a locked message. The first final word stands: a message already
   * delivered or failed is left as it is (and no history row is written), so a repeated or
   * contrary report changes nothing.
   */
  async function applyReceipt(tx: Tx, row: repo.MessageRow, r: { status: 'delivered' | 'failed'; at: Date | null; error: string | null; by: string }): Promise<MessageStatus> {
    if (row.status === 'delivered' || row.status === 'failed') return row.status;
    const now = clock.now();
    const at = r.at ?? now;
    await repo.updateMessage(tx, row.id, {
      status: r.status,
      leaseUntil: null,
      sentAt: row.sentAt ?? at,
      ...(r.status === 'delivered' ? { deliveredAt: at } : { failedAt: at, lastError: r.error ?? 'the provider reported a failure' }),
    });
    await repo.insertHistory(tx, { messageId: row.id, at: now, fromStatus: row.status, toStatus: r.status, provider: row.provider, detail: `receipt from ${r.by}${r.error ? `: ${r.error}` : ''} (${at.toISOString()})` });
    return r.status;
  }

  /** Clear text was asked for (the permission already checked): recorded with what was shown, before it is answered. */
  async function recordReveal(caller: Caller, reveal: boolean, shown: Record<string, unknown>) {
    if (!reveal) return;
    await audit(db, { caller, action: 'outbox_revealed', subjectKind: 'outbox_message', subjectId: typeof shown.messageId === 'string' ? shown.messageId : null, details: shown });
  }

  return {
    deliver,
    /** Set while the modules are built (care): who sends a message another way when its channel cannot reach the recipient. */
    onUnreachable(f: Fallback) {
      fallbacks.push(f);
    },

    /**
     * Once a minute on one copy: whatever is due and was not taken (its job gave up or was lost,
     * or its server copy stopped mid-send), four at a time.
     */
    async sweep(limit = 500): Promise<number> {
      const ids = await repo.dueMessageIds(db, clock.now(), limit);
      let sent = 0;
      for (let i = 0; i < ids.length; i += 4) {
        const outcomes = await Promise.all(ids.slice(i, i + 4).map((id) => deliver(id)));
        sent += outcomes.filter((o) => o === 'sent').length;
      }
      return sent;
    },

    /**
     * A delivery receipt from the HTTP gateway, signed with the shared secret over the raw body.
     * The first final word stands: a later or repeated receipt changes nothing.
     */
    async receipt(rawBody: string, timestamp: string | undefined, signature: string | undefined): Promise<{ messageId: string; status: MessageStatus }> {
      if (messaging.sms.kind !== 'http') throw notificationErrors.receiptsOff();
      // Freshness is judged on the wall clock both machines share, not the business clock.
      if (!verifySignature(messaging.sms.secret, timestamp, signature, rawBody, new Date())) throw notificationErrors.badSignature();
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw notificationErrors.badReceipt('(body)', 'not JSON');
      }
      const parsed = receiptRequest.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw notificationErrors.badReceipt(issue.path.join('.') || '(body)', issue.message);
      }
      const r = parsed.data;
      return db.transaction(async (tx) => {
        const row = await repo.lockForReceipt(tx, r.messageId);
        if (!row) throw notificationErrors.messageNotFound(r.messageId);
        const status = await applyReceipt(tx, row, { status: r.status, at: r.at ? new Date(r.at) : null, error: r.error ?? null, by: 'the gateway' });
        return { messageId: row.id, status };
      });
    },

    /**
     * Delivery reports pushed by Aliyun or Tencent (a JSON array, several reports a request),
     * authenticated by the configured receipt token. Each report finds its message by the id the
     * provider's send answered (Aliyun also by our OutId); one it cannot place is counted, not
     * refused, so the provider does not push the whole batch again. Repeated reports change nothing.
     */
    async providerReceipts(provider: 'aliyun' | 'tencent', rawBody: string, token: string | undefined): Promise<{ applied: number; unchanged: number; unknown: number }> {
      if (!messaging.receiptToken) throw notificationErrors.providerReceiptsOff();
      if (!sameSecret(token, messaging.receiptToken)) throw notificationErrors.badReceiptToken();
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw notificationErrors.badReceipt('(body)', 'not JSON');
      }
      const read = readReports(provider, json);
      if ('path' in read) throw notificationErrors.badReceipt(read.path, read.message);
      const reports = read.reports;
      const counts = { applied: 0, unchanged: 0, unknown: 0 };
      for (const report of reports) {
        await db.transaction(async (tx) => {
          const row = (await repo.lockByProviderId(tx, report.provider, report.providerMessageId)) ?? (report.outId ? await repo.lockForReceipt(tx, report.outId) : undefined);
          if (!row) {
            counts.unknown++;
            return;
          }
          const before = row.status;
          const after = await applyReceipt(tx, row, { status: report.status, at: report.at, error: report.error, by: `${report.provider} ${report.providerMessageId}` });
          if (after === before) counts.unchanged++;
          else counts.applied++;
        });
      }
      return counts;
    },

    /** Masked unless the caller holds `outbox.reveal` and asks (`reveal`); each reveal is audited with the ids shown. */
    async list(caller: Caller, s: repo.MessageFilter & { limit: number; offset: number; reveal: boolean }) {
      requirePermission(caller.principal, 'outbox.read');
      if (s.reveal) requirePermission(caller.principal, 'outbox.reveal');
      const { rows, total } = await repo.listMessages(db, s);
      const { reveal, limit, offset, ...filter } = s;
      await recordReveal(caller, reveal, { filter, limit, offset, messageIds: rows.map((r) => r.id) });
      return { items: rows.map((r) => view(r, !reveal)), total, limit, offset };
    },

    async templates(caller: Caller) {
      requirePermission(caller.principal, 'outbox.read');
      const used = await repo.templatesInUse(db);
      return { items: used.map((name) => ({ name, urgent: templateOf(name).urgent, titleZh: templateOf(name).titleZh, titleEn: templateOf(name).titleEn })) };
    },

    /** Every status change and attempt of one message, oldest first. */
    async history(caller: Caller, id: string, reveal: boolean) {
      requirePermission(caller.principal, 'outbox.read');
      if (reveal) requirePermission(caller.principal, 'outbox.reveal');
      const row = await repo.findMessage(db, id);
      if (!row) throw notificationErrors.messageNotFound(id);
      await recordReveal(caller, reveal, { messageId: id, history: true });
      const mask = !reveal;
      const secret = templateOf(row.template).secret;
      const entries = await repo.historyOf(db, id);
      return {
        items: entries.map((e) => ({ at: e.at.toISOString(), fromStatus: e.fromStatus, toStatus: e.toStatus, attempt: e.attempt, provider: e.provider, detail: e.detail && mask ? maskBody(e.detail, secret) : e.detail })),
      };
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
