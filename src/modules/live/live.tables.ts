import { pgTable, uuid, text, bigserial, bigint, timestamp, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';
import { users } from '../access/access.tables.js';

/**
 * What happened to an order that people should hear of at once (an assignment, a booking, a
 * check-in, a completion, a customer's confirmation, a promise's warning or escalation), one row
 * per event. Who hears of it is decided when it is read, by the reader's order scope: the
 * provider and technician the order had at that moment are kept for that. `seq` is the stream's
 * event id (Last-Event-ID): a reconnecting console is sent what it missed from here.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    orderId: uuid('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    providerId: uuid('provider_id'),
    technicianId: uuid('technician_id'),
    status: text('status').notNull(),
    /** A few facts for the bell's line (milestone, due time); never a name, phone or address. */
    detail: jsonb('detail').$type<Record<string, string | null>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('live_events_provider_idx').on(t.providerId, t.seq), index('live_events_technician_idx').on(t.technicianId, t.seq)],
);

/** Each user's notifications read, one by one; `liveReadMarks` says "everything up to here" (mark all read). */
export const liveReads = pgTable(
  'live_reads',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.seq] })],
);

export const liveReadMarks = pgTable('live_read_marks', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  readThrough: bigint('read_through', { mode: 'number' }).notNull(),
  readAt: timestamp('read_at', { withTimezone: true }).notNull(),
});
