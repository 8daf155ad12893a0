// Calendar feeds: an unguessable, revocable address per technician (their booked visits) or
// provider (its days), read by any calendar app. Only the token's hash is kept.
import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey(),
    subjectKind: text('subject_kind', { enum: ['technician', 'provider'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
  },
  (t) => [uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash), uniqueIndex('calendar_feeds_one_live').on(t.subjectKind, t.subjectId).where(sql`revoked_at is null`)],
);
