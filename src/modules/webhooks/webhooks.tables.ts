// Webhooks: endpoints subscribed to event types, the events, and each event's delivery to each
// endpoint with every attempt (the delivery log). Signing follows Standard Webhooks.
import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, jsonb, index, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';
import { deliveryStatuses } from './webhooks.events.js';

export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  eventTypes: text('event_types').array().notNull(),
  /** `whsec_` + base64 key; the previous one stays valid until `previousSecretUntil` after a rotation. */
  secret: text('secret').notNull(),
  previousSecret: text('previous_secret'),
  previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true }),
  /** Who is told (by email, through the outbox) when the endpoint is disabled. */
  contactEmail: text('contact_email').notNull(),
  status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
  /** The first failure since the last success: the endpoint is disabled when it is days old. */
  failingSince: timestamp('failing_since', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: text('created_by').notNull(),
});

export const webhookEvents = pgTable(
  'webhook_events',
  {
    /** `msg_…`: the webhook-id header, the same on every attempt, so a receiver drops repeats. */
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webhook_events_type_idx').on(t.type, t.occurredAt)],
);


export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id),
    eventId: text('event_id').notNull().references(() => webhookEvents.id),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('webhook_deliveries_once').on(t.endpointId, t.eventId), index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt), index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`)],
);

/** Every attempt and every change of a delivery's status (a replay, a give-up): append-only. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id').notNull().references(() => webhookDeliveries.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action', { enum: ['attempt', 'replay', 'gave_up'] }).notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    actor: text('actor').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
