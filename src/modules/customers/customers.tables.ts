import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, boolean, date, timestamp, integer, doublePrecision, index, uniqueIndex, pgSequence } from 'drizzle-orm/pg-core';

export const customerNumberSeq = pgSequence('customer_number_seq', { startWith: 1 });

/** Tiers are data: a company adds "platinum" without a release. */
export const customerTiers = pgTable('customer_tiers', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  rank: integer('rank').notNull(),
});

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    kind: text('kind', { enum: ['person', 'company'] }).notNull(),
    name: text('name').notNull(),
    tier: text('tier').notNull().references(() => customerTiers.code),
    birthday: date('birthday'),
    preferredLanguage: text('preferred_language', { enum: ['zh', 'en'] }).notNull(),
    preferredChannel: text('preferred_channel', { enum: ['phone', 'sms', 'wechat', 'email'] }).notNull(),
    consentToContact: boolean('consent_to_contact').notNull(),
    consentChangedAt: timestamp('consent_changed_at', { withTimezone: true }),
    email: text('email'),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('customers_number_uq').on(t.number), index('customers_name_idx').on(t.name)],
);

export const customerPhones = pgTable(
  'customer_phones',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    label: text('label', { enum: ['mobile', 'home', 'work', 'other'] }).notNull(),
    isPrimary: boolean('is_primary').notNull(),
  },
  (t) => [
    index('customer_phones_phone_idx').on(t.phone),
    index('customer_phones_customer_idx').on(t.customerId),
    // A search by the last digits ("the one ending 8000") is a prefix of the reversed number.
    index('customer_phones_reversed_idx').on(sql`reverse(${t.phone}) text_pattern_ops`),
  ],
);

export const customerAddresses = pgTable(
  'customer_addresses',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    district: text('district').notNull(),
    street: text('street').notNull(),
    postalCode: text('postal_code'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** The position is an estimate (a district's or postal code's centre, or a coarse geocoder answer), not the door. */
    coordinatesApproximate: boolean('coordinates_approximate').notNull().default(false),
    /** Who placed it: null when given with the address; 'geocoder', 'postal_code' or 'district' (the centre of placed addresses there). */
    placedBy: text('placed_by'),
    isDefault: boolean('is_default').notNull(),
  },
  (t) => [index('customer_addresses_customer_idx').on(t.customerId)],
);
