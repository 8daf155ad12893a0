import { pgTable, uuid, text, integer, jsonb, numeric, index, uniqueIndex, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const productCategories = pgTable(
  'product_categories',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** Certification a technician needs to install or repair products of this category. */
    requiredCertification: text('required_certification'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('product_categories_code_uq').on(t.code)],
);

export type StandardDurations = Partial<Record<'installation' | 'repair' | 'maintenance' | 'inspection' | 'return_exchange', number>>;

export const productModels = pgTable(
  'product_models',
  {
    id: uuid('id').primaryKey(),
    categoryId: uuid('category_id').notNull().references(() => productCategories.id),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    wholeUnitMonths: integer('whole_unit_months').notNull(),
    mainPartsMonths: integer('main_parts_months').notNull(),
    mainParts: jsonb('main_parts').$type<string[]>().notNull(),
    /** Refund depreciation per day used, as a decimal fraction of the price (e.g. 0.0005). */
    dailyDepreciationRate: numeric('daily_depreciation_rate', { precision: 8, scale: 6 }).notNull(),
    /** Overrides the category's certification when one model needs more. */
    requiredCertification: text('required_certification'),
    standardMinutes: jsonb('standard_minutes').$type<StandardDurations>().notNull(),
    /** Regex a serial of this model must match; used to spot mismatched barcodes. */
    serialPattern: text('serial_pattern'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('product_models_code_uq').on(t.code), index('product_models_category_idx').on(t.categoryId)],
);

export const faultCodes = pgTable(
  'fault_codes',
  {
    id: uuid('id').primaryKey(),
    categoryId: uuid('category_id').notNull().references(() => productCategories.id),
    level: text('level', { enum: ['symptom', 'cause', 'remedy'] }).notNull(),
    code: text('code').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => faultCodes.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
  },
  (t) => [uniqueIndex('fault_codes_category_code_uq').on(t.categoryId, t.code), index('fault_codes_parent_idx').on(t.parentId)],
);
