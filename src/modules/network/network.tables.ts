import { pgTable, uuid, text, boolean, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';

export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['branch', 'contractor', 'agent'] }).notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('providers_code_uq').on(t.code)],
);

export const technicians = pgTable(
  'technicians',
  {
    id: uuid('id').primaryKey(),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('technicians_provider_idx').on(t.providerId)],
);
