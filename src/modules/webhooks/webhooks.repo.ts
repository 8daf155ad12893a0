// All of webhooks' SQL.
import { and, desc, eq, lte, sql, count } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from './webhooks.tables.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;
export type EventRow = typeof webhookEvents.$inferSelect;

export async function insertEndpoint(q: Queryable, row: typeof webhookEndpoints.$inferInsert) {
  const [made] = await q.insert(webhookEndpoints).values(row).returning();
  return made;
}

export async function listEndpoints(q: Queryable): Promise<EndpointRow[]> {
  return q.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
}

export async function findEndpoint(q: Queryable, id: string, lock = false): Promise<EndpointRow | undefined> {
  const query = q.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateEndpointAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof webhookEndpoints.$inferInsert>) {
  const [row] = await q
    .update(webhookEndpoints)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.version, version)))
    .returning();
  return row;
}

export async function updateEndpoint(q: Queryable, id: string, patch: Partial<typeof webhookEndpoints.$inferInsert>) {
  await q.update(webhookEndpoints).set({ ...patch, version: sql`${webhookEndpoints.version} + 1` }).where(eq(webhookEndpoints.id, id));
}

/** Active endpoints subscribed to any of these event types. */
export async function subscribers(q: Queryable, type: string): Promise<{ id: string }[]> {
  return q.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.status, 'active'), sql`${type} = any(${webhookEndpoints.eventTypes})`));
}

export async function insertEvents(q: Queryable, rows: (typeof webhookEvents.$inferInsert)[]) {
  if (rows.length > 0) await q.insert(webhookEvents).values(rows);
}

/** One delivery per (endpoint, event): inserting again changes nothing. */
export async function insertDeliveries(q: Queryable, rows: (typeof webhookDeliveries.$inferInsert)[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const made = await q.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning({ id: webhookDeliveries.id });
  return made.map((r) => r.id);
}

/** The delivery, locked, with its endpoint and event: only one worker attempts it at a time. */
export async function claimDelivery(q: Queryable, id: string, now: Date) {
  const [row] = await q
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: webhookEvents })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .for('update', { of: webhookDeliveries, skipLocked: true });
  return row;
}

export async function findDelivery(q: Queryable, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await q.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

export async function updateDelivery(q: Queryable, id: string, patch: Partial<typeof webhookDeliveries.$inferInsert>) {
  await q.update(webhookDeliveries).set(patch).where(eq(webhookDeliveries.id, id));
}

export async function insertAttempt(q: Queryable, row: typeof webhookAttempts.$inferInsert) {
  await q.insert(webhookAttempts).values(row);
}

export async function listDeliveries(q: Queryable, endpointId: string, limit: number, offset: number) {
  const rows = await q
    .select({ delivery: webhookDeliveries, type: webhookEvents.type })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit)
    .offset(offset);
  const [{ total }] = await q.select({ total: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  return { rows, total };
}

export async function attemptsOf(q: Queryable, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return q.select().from(webhookAttempts).where(sql`${webhookAttempts.deliveryId} = any(${sql.param(deliveryIds)}::uuid[])`).orderBy(webhookAttempts.id);
}

/** Intake's check that what the follower read still holds: whether anyone listens to this event type. */
export function listeningIsSql(type: string, listening: boolean) {
  return sql`(exists (select 1 from ${webhookEndpoints} where ${webhookEndpoints.status} = 'active' and ${type} = any(${webhookEndpoints.eventTypes}))) = ${listening}`;
}
