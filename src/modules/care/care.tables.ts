import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, boolean, bigserial, timestamp, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.tables.js';
import type { Audience, Trigger } from './care.rules.js';

const channel = (name: string) => text(name, { enum: ['sms', 'email', 'wechat', 'inbox'] });
const purpose = (name: string) => text(name, { enum: ['service', 'marketing', 'survey'] });

/**
 * What care knows of a customer beyond the customer record: the calendar their birthday is kept
 * in (a lunar one is stored as its lunar date, computed once from the solar date of birth), their
 * time zone for quiet hours (null: the company's), and their WeChat openid for template messages.
 */
export const careProfiles = pgTable(
  'care_profiles',
  {
    customerId: uuid('customer_id').primaryKey().references(() => customers.id),
    birthdayCalendar: text('birthday_calendar', { enum: ['solar', 'lunar'] }).notNull().default('solar'),
    lunarMonth: integer('lunar_month'),
    lunarDay: integer('lunar_day'),
    lunarLeap: boolean('lunar_leap'),
    timeZone: text('time_zone'),
    wechatOpenId: text('wechat_open_id'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('care_profiles_lunar_idx').on(t.lunarMonth, t.lunarDay).where(sql`birthday_calendar = 'lunar'`)],
);

/** The current consent per customer × channel × purpose; every change is also a history row (kept, never deleted). */
export const careConsents = pgTable(
  'care_consents',
  {
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    channel: channel('channel').notNull(),
    purpose: purpose('purpose').notNull(),
    granted: boolean('granted').notNull(),
    source: text('source').notNull(),
    evidence: text('evidence').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    changedBy: text('changed_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.channel, t.purpose] })],
);

export const careConsentHistory = pgTable(
  'care_consent_history',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    channel: channel('channel').notNull(),
    purpose: purpose('purpose').notNull(),
    granted: boolean('granted').notNull(),
    source: text('source').notNull(),
    evidence: text('evidence').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('care_consent_history_customer_idx').on(t.customerId, t.seq)],
);

/** Frequency cap across all campaigns and the conversion window: one row (id 'default'). */
export const careSettings = pgTable('care_settings', {
  id: text('id').primaryKey(),
  capMessages: integer('cap_messages').notNull(),
  capDays: integer('cap_days').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const careCampaigns = pgTable(
  'care_campaigns',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    purpose: purpose('purpose').notNull(),
    trigger: jsonb('trigger').$type<Trigger>().notNull(),
    audience: jsonb('audience').$type<Audience>().notNull(),
    templateZh: text('template_zh').notNull(),
    templateEn: text('template_en').notNull(),
    /** In order of preference; the customer's preferred channel goes first when listed. */
    channels: jsonb('channels').$type<('sms' | 'email' | 'wechat' | 'inbox')[]>().notNull(),
    status: text('status', { enum: ['draft', 'active', 'paused', 'archived'] }).notNull(),
    /** The daily run sends it on these days (inclusive; null: open). */
    startsOn: text('starts_on'),
    endsOn: text('ends_on'),
    /** A conversion (order, registration, purchase) within this many days of a send is the campaign's. */
    conversionDays: integer('conversion_days').notNull(),
    /** Where the message's link leads (the portal page of the offer). */
    linkUrl: text('link_url'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('care_campaigns_status_idx').on(t.status)],
);

export const careCampaignHistory = pgTable(
  'care_campaign_history',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    campaignId: uuid('campaign_id').notNull().references(() => careCampaigns.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: text('by').notNull(),
    action: text('action').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('care_campaign_history_campaign_idx').on(t.campaignId, t.seq)],
);

/**
 * One row per customer per occurrence (this birthday, this warranty end, this recall): the unique
 * key is what makes a message exactly once across campaigns, re-runs and server copies. The daily
 * run writes it in its final status with its message, in one transaction per campaign and day; a
 * person's run writes it `pending`, and a copy then claims a batch of pending rows (FOR UPDATE SKIP
 * LOCKED), decides each one's status, and writes the outbox message (or inbox entry) in the same
 * transaction, so a kill leaves both or neither.
 */
export const careSends = pgTable(
  'care_sends',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull().references(() => careCampaigns.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    unitId: uuid('unit_id'),
    occurrence: text('occurrence').notNull(),
    /** The local date of the run that wrote it. */
    runDay: text('run_day').notNull(),
    status: text('status', { enum: ['pending', 'enqueued', 'skipped_consent', 'skipped_cap', 'skipped_no_channel'] }).notNull(),
    channel: channel('channel'),
    language: text('language', { enum: ['zh', 'en'] }).notNull(),
    outboxMessageId: uuid('outbox_message_id'),
    /** What the message says of the selected unit (model names, warranty end), kept from the selection for the claim. */
    facts: jsonb('facts').$type<{ modelNameZh: string | null; modelNameEn: string | null; warrantyEnd: string | null }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    clickedAt: timestamp('clicked_at', { withTimezone: true }),
    convertedAt: timestamp('converted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('care_sends_occurrence_uq').on(t.customerId, t.occurrence),
    index('care_sends_campaign_idx').on(t.campaignId, t.status),
    index('care_sends_customer_idx').on(t.customerId, t.createdAt),
  ],
);

/**
 * A campaign's day sent: the first server copy to write this row selects and sends the day's
 * audience in the same transaction; another copy's insert waits for that transaction and, finding
 * the row, moves on. A copy killed while sending leaves no row (rolled back).
 */
export const careRunDays = pgTable(
  'care_run_days',
  {
    campaignId: uuid('campaign_id').notNull().references(() => careCampaigns.id),
    day: text('day').notNull(),
    selected: integer('selected').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: text('by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day] })],
);

/** The portal inbox: a care message the customer reads when signed in. */
export const careInbox = pgTable(
  'care_inbox',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    sendId: uuid('send_id').references(() => careSends.id),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    body: text('body').notNull(),
    language: text('language', { enum: ['zh', 'en'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('care_inbox_customer_idx').on(t.customerId, t.createdAt)],
);

/** Clicks and conversions, each attributed to a send; a conversion counts once per reference. */
export const careOutcomes = pgTable(
  'care_outcomes',
  {
    id: uuid('id').primaryKey(),
    sendId: uuid('send_id').notNull().references(() => careSends.id),
    campaignId: uuid('campaign_id').notNull().references(() => careCampaigns.id),
    kind: text('kind', { enum: ['click', 'conversion'] }).notNull(),
    conversionKind: text('conversion_kind', { enum: ['order', 'registration', 'purchase'] }),
    /** The order number, unit or product reference that converted; '' for a click. */
    ref: text('ref').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('care_outcomes_uq').on(t.sendId, t.kind, t.ref), index('care_outcomes_campaign_idx').on(t.campaignId, t.kind)],
);
