import { pgTable, uuid, text, boolean, timestamp, index, uniqueIndex, integer, jsonb, date, doublePrecision } from 'drizzle-orm/pg-core';

/** Where a provider works: whole regions, postal codes, or polygons drawn on the map ([lng, lat] rings). */
export type ServiceArea = {
  regions: { province: string; city?: string | null; district?: string | null }[];
  postalCodes: string[];
  polygons: [number, number][][];
};

/** One working period of a weekday in the provider's time zone; weekday 1 = Monday … 7 = Sunday. */
export type Shift = { weekday: number; start: string; end: string };

export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The provider's English name, shown to English readers; none: the name as it is. */
    nameEn: text('name_en'),
    kind: text('kind', { enum: ['branch', 'contractor', 'agent'] }).notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    contactEmail: text('contact_email'),
    address: text('address'),
    active: boolean('active').notNull().default(true),
    contractFrom: date('contract_from'),
    contractTo: date('contract_to'),
    /** Product categories (ids) this provider is contracted to serve. */
    categoryIds: jsonb('category_ids').$type<string[]>().notNull().default([]),
    serviceArea: jsonb('service_area').$type<ServiceArea>().notNull().default({ regions: [], postalCodes: [], polygons: [] }),
    /** Open orders the provider takes at once; load = open orders ÷ capacity. */
    capacity: integer('capacity').notNull().default(50),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    /** A business calendar by reference; promises (issue 4) will resolve it. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('providers_code_uq').on(t.code)],
);

export const technicianStatuses = ['active', 'suspended', 'left'] as const;
export type TechnicianStatus = (typeof technicianStatuses)[number];

export const technicians = pgTable(
  'technicians',
  {
    id: uuid('id').primaryKey(),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    name: text('name').notNull(),
    /** The technician's name as English readers see it (pinyin); none: the name as it is. */
    nameEn: text('name_en'),
    phone: text('phone').notNull(),
    status: text('status', { enum: technicianStatuses }).notNull().default('active'),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    homeAddress: text('home_address'),
    homeLat: doublePrecision('home_lat'),
    homeLng: doublePrecision('home_lng'),
    shifts: jsonb('shifts').$type<Shift[]>().notNull().default([]),
    /** Visits a day at most. */
    maxJobsPerDay: integer('max_jobs_per_day').notNull().default(8),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('technicians_provider_idx').on(t.providerId)],
);

export const technicianAbsences = pgTable(
  'technician_absences',
  {
    id: uuid('id').primaryKey(),
    technicianId: uuid('technician_id').notNull().references(() => technicians.id),
    from: timestamp('from', { withTimezone: true }).notNull(),
    to: timestamp('to', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('technician_absences_tech_idx').on(t.technicianId, t.from)],
);
