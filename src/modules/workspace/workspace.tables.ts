import { pgTable, uuid, text, integer, boolean, timestamp, index, primaryKey } from 'drizzle-orm/pg-core';
import { productCategories } from '../catalog/catalog.tables.js';
import { customers } from '../customers/customers.tables.js';
import { users } from '../access/access.tables.js';

/**
 * Symptom templates per product category ("no cooling", "drips indoors"): a manager keeps them, the
 * desk picks one on the new-order form to fill the symptom. `faultCode`, when set, is a symptom
 * code of the category's fault tree. Never deleted (an archived one is `active = false`).
 */
export const symptomTemplates = pgTable(
  'symptom_templates',
  {
    id: uuid('id').primaryKey(),
    categoryId: uuid('category_id').notNull().references(() => productCategories.id),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    symptom: text('symptom').notNull(),
    faultCode: text('fault_code'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('symptom_templates_category_idx').on(t.categoryId)],
);

/** The customers a staff member opened lately, one row per pair (opening again moves it up). */
export const recentCustomers = pgTable(
  'recent_customers',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.customerId] }), index('recent_customers_user_idx').on(t.userId, t.openedAt)],
);
