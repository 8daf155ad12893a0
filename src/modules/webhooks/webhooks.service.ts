// Webhooks: subscriptions, signed delivery on the job queue with retries over about a day, the
// delivery log and replay. Order events come from the module's follower of work orders.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import type { EnqueueMany } from '../../jobs/queue.js';
import { enqueueMessage } from '../notifications/index.js';
import type { OrderFollower, OrderRow } from '../work-orders/index.js';
import * as repo from './webhooks.repo.js';
import { webhookErrors } from './webhooks.errors.js';
import { delivered, eventNames, newSecret, nextAttemptAt, rotationOverlapMs, secretsInForce, shouldDisable, signature, type EventType } from './webhooks.rules.js';
import type { deliveriesQuery, endpointCreate, endpointUpdate } from './webhooks.contract.js';

export const DELIVER_JOB = 'webhooks.deliver';
/** How long one attempt may take (the receiver's answer included) before it counts as failed. */
const attemptTimeoutMs = 10_000;
/** A claimed attempt is not claimed again by another worker for this long (a crashed worker's attempt is retried after). */
const leaseMs = 60_000;

export type WebhooksDeps = { db: Db; clock: Clock; audit: AuditFn; jobs: { enqueueMany: EnqueueMany } };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function endpointView(e: repo.EndpointRow) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes as EventType[],
    contactEmail: e.contactEmail,
    status: e.status,
    failingSince: iso(e.failingSince),
    disabledAt: iso(e.disabledAt),
    previousSecretUntil: iso(e.previousSecretUntil),
    version: e.version,
    createdAt: e.createdAt.toISOString(),
  };
}

/** The body a receiver gets: the same bytes on every attempt of one event (its webhook-id). */
export function bodyOf(event: repo.EventRow): string {
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.payload });
}

const orderGist = (o: OrderRow) => ({ id: o.id, number: o.number, kind: o.kind, status: o.status, providerId: o.providerId ?? null, externalRef: o.externalRef ?? null });

export function createWebhooksService(deps: WebhooksDeps) {
  const { db, clock } = deps;

  async function endpointOf(q: Queryable, id: string, lock = false) {
    const e = await repo.findEndpoint(q, id, lock);
    if (!e) throw webhookErrors.endpointNotFound(id);
    return e;
  }

  /** Records events and, for each active subscriber, a delivery and its first job; inside the caller's transaction. */
  async function publish(tx: Queryable, events: { type: EventType; payload: Record<string, unknown> }[]) {
    const now = clock.now();
    const byType = new Map<string, { id: string }[]>();
    const rows: repo.EventRow[] = [];
    const deliveries: { id: string; endpointId: string; eventId: string; nextAttemptAt: Date; createdAt: Date }[] = [];
    for (const e of events) {
      if (!byType.has(e.type)) byType.set(e.type, await repo.subscribers(tx, e.type));
      const endpoints = byType.get(e.type)!;
      if (endpoints.length === 0) continue;
      const id = `msg_${randomBytes(16).toString('base64url')}`;
      rows.push({ id, type: e.type, payload: e.payload, occurredAt: now });
      for (const ep of endpoints) deliveries.push({ id: newId(), endpointId: ep.id, eventId: id, nextAttemptAt: now, createdAt: now });
    }
    await repo.insertEvents(tx, rows);
    const made = await repo.insertDeliveries(tx, deliveries);
    await deps.jobs.enqueueMany(tx, made.map((deliveryId) => ({ name: DELIVER_JOB, data: { deliveryId } })));
  }

  /** Follows orders: every new order and every change of status is an event. */
  const orderFollower: OrderFollower = {
    name: 'webhooks',
    async intake(q) {
      const listening = (await repo.subscribers(q, 'order.created')).length > 0;
      return {
        acts: listening,
        unchanged: repo.listeningIsSql('order.created', listening),
        stale: async (q2) => (await repo.subscribers(q2, 'order.created')).length > 0 !== listening,
        opened: (tx, opened) => publish(tx, opened.map(({ order }) => ({ type: 'order.created', payload: orderGist(order) }))),
      };
    },
    async stepped(tx, before, after, action) {
      if (before.status === after.status) return;
      await publish(tx, [{ type: 'order.status_changed', payload: { ...orderGist(after), fromStatus: before.status, action } }]);
    },
  };

  /** One attempt of one delivery (the job): claimed under a lease, posted, its outcome recorded; a retry or a give-up follows. */
  async function deliver(deliveryId: string) {
    const claimed = await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await repo.claimDelivery(tx, deliveryId, now);
      if (!row) return null;
      await repo.updateDelivery(tx, deliveryId, { nextAttemptAt: new Date(now.getTime() + leaseMs) });
      return row;
    });
    if (!claimed) return;
    const { endpoint, event, delivery } = claimed;
    const body = bodyOf(event);
    const sentAt = clock.now();
    const timestamp = Math.floor(sentAt.getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    const started = performance.now();
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(attemptTimeoutMs),
        headers: { 'content-type': 'application/json', 'user-agent': 'Aftercare-Webhooks/1', 'webhook-id': event.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature(secretsInForce(endpoint, sentAt), event.id, timestamp, body) },
        body,
      });
      status = res.status;
      await res.body?.cancel();
    } catch (err) {
      error = (err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)).slice(0, 500);
    }
    const durationMs = Math.round(performance.now() - started);
    await db.transaction(async (tx) => {
      const now = clock.now();
      const attempts = delivery.attempts + 1;
      await repo.insertAttempt(tx, { deliveryId, at: now, action: 'attempt', statusCode: status, error, durationMs, actor: 'system:webhooks' });
      const ep = await endpointOf(tx, endpoint.id, true);
      if (delivered(status)) {
        await repo.updateDelivery(tx, deliveryId, { status: 'succeeded', attempts, lastStatusCode: status, nextAttemptAt: null, finishedAt: now });
        if (ep.failingSince) await repo.updateEndpoint(tx, ep.id, { failingSince: null });
        return;
      }
      const next = ep.status === 'active' ? nextAttemptAt(attempts, now) : null;
      if (next) {
        await repo.updateDelivery(tx, deliveryId, { attempts, lastStatusCode: status, nextAttemptAt: next });
        await deps.jobs.enqueueMany(tx, [{ name: DELIVER_JOB, data: { deliveryId }, options: { startAfter: next } }]);
      } else {
        await repo.updateDelivery(tx, deliveryId, { status: 'failed', attempts, lastStatusCode: status, nextAttemptAt: null, finishedAt: now });
        await repo.insertAttempt(tx, { deliveryId, at: now, action: 'gave_up', statusCode: null, error: null, durationMs: null, actor: 'system:webhooks' });
      }
      const failingSince = ep.failingSince ?? now;
      if (ep.status === 'active' && shouldDisable(failingSince, now)) {
        await repo.updateEndpoint(tx, ep.id, { status: 'disabled', disabledAt: now, failingSince });
        await enqueueMessage(tx, clock, {
          channel: 'email',
          recipient: ep.contactEmail,
          template: 'webhook_disabled',
          bodyZh: `Webhook 端点 ${ep.url} 自 ${failingSince.toISOString()} 起持续投递失败，已停用。修复后请在控制台重新启用并重放失败的投递。`,
          bodyEn: `The webhook endpoint ${ep.url} has failed every delivery since ${failingSince.toISOString()} and is now disabled. Once it is fixed, enable it in the console and replay the failed deliveries.`,
          subject: { kind: 'webhook_endpoint', id: ep.id },
        });
      } else if (!ep.failingSince) {
        await repo.updateEndpoint(tx, ep.id, { failingSince });
      }
    });
  }

  return {
    orderFollower,
    publish,
    deliver,

    async create(caller: Caller, input: z.infer<typeof endpointCreate>) {
      requirePermission(caller.principal, 'webhooks.manage');
      return db.transaction(async (tx) => {
        const row = await repo.insertEndpoint(tx, { id: newId(), url: input.url, description: input.description, eventTypes: [...new Set(input.eventTypes)], contactEmail: input.contactEmail, secret: newSecret(), createdAt: clock.now(), createdBy: actorName(caller.principal) });
        await deps.audit(tx, { caller, action: 'webhooks.create', subjectKind: 'webhook_endpoint', subjectId: row.id, details: { url: row.url, eventTypes: row.eventTypes } });
        return { ...endpointView(row), secret: row.secret };
      });
    },

    async list(caller: Caller) {
      requirePermission(caller.principal, 'webhooks.manage');
      return { items: (await repo.listEndpoints(db)).map(endpointView), eventTypes: Object.entries(eventNames).map(([type, name]) => ({ type, ...name })) };
    },

    async get(caller: Caller, id: string) {
      requirePermission(caller.principal, 'webhooks.manage');
      return endpointView(await endpointOf(db, id));
    },

    async update(caller: Caller, id: string, input: z.infer<typeof endpointUpdate>) {
      requirePermission(caller.principal, 'webhooks.manage');
      return db.transaction(async (tx) => {
        const e = await endpointOf(tx, id);
        const patch: Parameters<typeof repo.updateEndpointAtVersion>[3] = {};
        if (input.url !== undefined) patch.url = input.url;
        if (input.description !== undefined) patch.description = input.description;
        if (input.eventTypes !== undefined) patch.eventTypes = [...new Set(input.eventTypes)];
        if (input.contactEmail !== undefined) patch.contactEmail = input.contactEmail;
        if (input.enabled === true && e.status === 'disabled') Object.assign(patch, { status: 'active', disabledAt: null, failingSince: null });
        if (input.enabled === false && e.status === 'active') Object.assign(patch, { status: 'disabled', disabledAt: clock.now() });
        const row = await repo.updateEndpointAtVersion(tx, id, input.version, patch);
        if (!row) throw webhookErrors.staleVersion(e.version);
        await deps.audit(tx, { caller, action: 'webhooks.update', subjectKind: 'webhook_endpoint', subjectId: id, details: { fields: Object.keys(patch), status: row.status } });
        return endpointView(row);
      });
    },

    /** A new secret; the old one keeps signing beside it for a day, so receivers switch without losing a message. */
    async rotateSecret(caller: Caller, id: string, version: number) {
      requirePermission(caller.principal, 'webhooks.manage');
      return db.transaction(async (tx) => {
        const e = await endpointOf(tx, id);
        const now = clock.now();
        const row = await repo.updateEndpointAtVersion(tx, id, version, { secret: newSecret(), previousSecret: e.secret, previousSecretUntil: new Date(now.getTime() + rotationOverlapMs) });
        if (!row) throw webhookErrors.staleVersion(e.version);
        await deps.audit(tx, { caller, action: 'webhooks.rotate_secret', subjectKind: 'webhook_endpoint', subjectId: id });
        return { ...endpointView(row), secret: row.secret };
      });
    },

    async deliveries(caller: Caller, id: string, query: z.infer<typeof deliveriesQuery>) {
      requirePermission(caller.principal, 'webhooks.manage');
      await endpointOf(db, id);
      const { rows, total } = await repo.listDeliveries(db, id, query.limit, query.offset);
      const log = await repo.attemptsOf(db, rows.map((r) => r.delivery.id));
      return {
        items: rows.map(({ delivery: d, type }) => ({
          id: d.id,
          eventId: d.eventId,
          eventType: type as EventType,
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
          lastStatusCode: d.lastStatusCode,
          createdAt: d.createdAt.toISOString(),
          finishedAt: iso(d.finishedAt),
          log: log.filter((a) => a.deliveryId === d.id).map((a) => ({ at: a.at.toISOString(), action: a.action, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs, actor: a.actor })),
        })),
        total,
        limit: query.limit,
        offset: query.offset,
      };
    },

    /** Sends a finished delivery again, now, with the same webhook-id (a receiver that kept it drops the repeat). */
    async replay(caller: Caller, id: string, deliveryId: string) {
      requirePermission(caller.principal, 'webhooks.manage');
      await db.transaction(async (tx: Tx) => {
        const e = await endpointOf(tx, id);
        const d = await repo.findDelivery(tx, deliveryId);
        if (!d || d.endpointId !== id) throw webhookErrors.deliveryNotFound(deliveryId);
        if (d.status === 'pending') throw webhookErrors.stillPending();
        if (e.status !== 'active') throw webhookErrors.endpointDisabled();
        const now = clock.now();
        await repo.updateDelivery(tx, deliveryId, { status: 'pending', attempts: 0, nextAttemptAt: now, finishedAt: null });
        await repo.insertAttempt(tx, { deliveryId, at: now, action: 'replay', statusCode: null, error: null, durationMs: null, actor: actorName(caller.principal) });
        await deps.jobs.enqueueMany(tx, [{ name: DELIVER_JOB, data: { deliveryId } }]);
        await deps.audit(tx, { caller, action: 'webhooks.replay', subjectKind: 'webhook_delivery', subjectId: deliveryId });
      });
      return { replayed: true };
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
