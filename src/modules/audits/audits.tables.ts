import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigserial, boolean, timestamp, jsonb, doublePrecision, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { providers, technicians } from '../network/network.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import type { AuditKind, ItemResult, Scored, TemplateContent } from './audits.rules.js';

/**
 * A checklist template, versioned: (code, version) is one version; editing a version no audit used
 * changes it in place, editing a used one makes the next version (audits keep the version they
 * were scored on). `current` marks the version new audits use.
 */
export const auditTemplates = pgTable(
  'audit_templates',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    content: jsonb('content').$type<TemplateContent>().notNull(),
    current: boolean('current').notNull(),
    /** The row's own optimistic version (edits in place). */
    rowVersion: integer('row_version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('audit_templates_version_uq').on(t.code, t.version), uniqueIndex('audit_templates_current_uq').on(t.code).where(sql`${t.current}`)],
);

/** One audit: who was audited (provider, technician, the visit's order), how, the findings and the score they gave. */
export const serviceAudits = pgTable(
  'service_audits',
  {
    id: uuid('id').primaryKey(),
    templateId: uuid('template_id').notNull().references(() => auditTemplates.id),
    kind: text('kind').$type<AuditKind>().notNull(),
    providerId: uuid('provider_id').references(() => providers.id),
    technicianId: uuid('technician_id').references(() => technicians.id),
    orderId: uuid('order_id').references(() => workOrders.id),
    /** YYYY-MM, China time, of `auditedAt`: the month scores are counted in. */
    month: text('month').notNull(),
    findings: jsonb('findings').$type<{ itemCode: string; result: ItemResult; value?: number; photoId?: string; note?: string }[]>().notNull(),
    score: doublePrecision('score'),
    passed: boolean('passed').notNull(),
    stars: integer('stars').notNull(),
    sections: jsonb('sections').$type<Scored['sections']>().notNull(),
    note: text('note'),
    /** An audit made from something else (a follow-up survey or call): which, once (the unique index). */
    sourceRef: text('source_ref'),
    auditedBy: text('audited_by').notNull(),
    auditedAt: timestamp('audited_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_audits_provider_idx').on(t.providerId, t.month),
    index('service_audits_technician_idx').on(t.technicianId, t.month),
    index('service_audits_order_idx').on(t.orderId),
    uniqueIndex('service_audits_source_uq').on(t.sourceRef),
  ],
);

/** A failed item's corrective action: whose it is, by when, what was done, who verified it. */
export const auditActions = pgTable(
  'audit_corrective_actions',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    auditId: uuid('audit_id').notNull().references(() => serviceAudits.id),
    itemCode: text('item_code').notNull(),
    itemTextZh: text('item_text_zh').notNull(),
    itemTextEn: text('item_text_en').notNull(),
    /** The owner: the audited provider (its admin answers), and the technician when there was one. */
    providerId: uuid('provider_id').references(() => providers.id),
    technicianId: uuid('technician_id').references(() => technicians.id),
    status: text('status').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Set once by the overdue job (its history row is written with it). */
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    correction: text('correction'),
    verifiedBy: text('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('audit_actions_item_uq').on(t.auditId, t.itemCode),
    index('audit_actions_provider_idx').on(t.providerId, t.status),
    index('audit_actions_due_idx').on(t.dueAt).where(sql`${t.status} <> 'verified' and ${t.overdueAt} is null`),
  ],
);

/** Append-only: every change of a corrective action. */
export const auditActionHistory = pgTable(
  'audit_action_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    actionId: uuid('action_id').notNull().references(() => auditActions.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
  },
  (t) => [index('audit_action_history_action_idx').on(t.actionId, t.seq)],
);

/**
 * The module's settings, one row: the weight of audit scores in dispatch ranking, the days of audits
 * a provider's standing is averaged over, and how far the follow-up reader has read.
 */
export const auditSettings = pgTable('audit_settings', {
  id: integer('id').primaryKey(),
  dispatchWeight: doublePrecision('dispatch_weight').notNull(),
  standingDays: integer('standing_days').notNull(),
  followUpCursor: timestamp('follow_up_cursor', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
