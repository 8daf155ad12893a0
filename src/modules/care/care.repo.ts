import { and, asc, count, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { careCustomersSql } from '../customers/index.js';
import { careUnitsSql, unitSerialMatchSql } from '../units/index.js';
import { careModelsSql } from '../catalog/index.js';
import { lastOrderAtSql } from '../work-orders/index.js';
import { messageStatusSql } from '../notifications/index.js';
import { careCampaignHistory, careCampaigns, careConsentHistory, careConsents, careInbox, careOutcomes, careProfiles, careSends, careSettings } from './care.tables.js';
import type { Audience, CareChannel, Purpose, Selector } from './care.rules.js';

export type CampaignRow = typeof careCampaigns.$inferSelect;
export type CampaignInsert = typeof careCampaigns.$inferInsert;
export type ConsentRow = typeof careConsents.$inferSelect;
export type ProfileRow = typeof careProfiles.$inferSelect;
export type SendRow = typeof careSends.$inferSelect;

/** The rows of a raw statement (node-postgres and PGlite both answer `{ rows }`). */
function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

// ---------------------------------------------------------------------------------------------
// Campaigns

export async function insertCampaign(q: Queryable, row: CampaignInsert): Promise<CampaignRow> {
  const [r] = await q.insert(careCampaigns).values(row).returning();
  return r;
}
export async function findCampaign(q: Queryable, id: string): Promise<CampaignRow | undefined> {
  const [r] = await q.select().from(careCampaigns).where(eq(careCampaigns.id, id));
  return r;
}
export async function updateCampaignAtVersion(q: Queryable, id: string, version: number, patch: Partial<CampaignInsert>): Promise<CampaignRow | undefined> {
  const [r] = await q
    .update(careCampaigns)
    .set({ ...patch, version: sql`${careCampaigns.version} + 1` })
    .where(and(eq(careCampaigns.id, id), eq(careCampaigns.version, version)))
    .returning();
  return r;
}
export async function listCampaigns(q: Queryable, f: { status?: string; limit: number; offset: number }) {
  const where = f.status ? eq(careCampaigns.status, f.status as CampaignRow['status']) : undefined;
  const rows = await q.select().from(careCampaigns).where(where).orderBy(desc(careCampaigns.createdAt), asc(careCampaigns.id)).limit(f.limit).offset(f.offset);
  const [{ n }] = await q.select({ n: count() }).from(careCampaigns).where(where);
  return { rows, total: n };
}
export async function activeCampaigns(q: Queryable, day: string): Promise<CampaignRow[]> {
  return q
    .select()
    .from(careCampaigns)
    .where(and(eq(careCampaigns.status, 'active'), sql`(${careCampaigns.startsOn} is null or ${careCampaigns.startsOn} <= ${day})`, sql`(${careCampaigns.endsOn} is null or ${careCampaigns.endsOn} >= ${day})`))
    .orderBy(asc(careCampaigns.createdAt), asc(careCampaigns.id));
}
export async function insertCampaignHistory(q: Queryable, row: { campaignId: string; at: Date; by: string; action: string; details?: Record<string, unknown> | null }) {
  await q.insert(careCampaignHistory).values({ id: newId(), ...row, details: row.details ?? null });
}
export async function campaignHistory(q: Queryable, campaignId: string) {
  return q.select().from(careCampaignHistory).where(eq(careCampaignHistory.campaignId, campaignId)).orderBy(asc(careCampaignHistory.seq));
}

// ---------------------------------------------------------------------------------------------
// Settings

export async function settings(q: Queryable) {
  const [r] = await q.select().from(careSettings).where(eq(careSettings.id, 'default'));
  return r;
}
export async function saveSettings(q: Queryable, row: { capMessages: number; capDays: number; at: Date; by: string }, version: number | null): Promise<boolean> {
  if (version === null) {
    const r = await q.insert(careSettings).values({ id: 'default', capMessages: row.capMessages, capDays: row.capDays, updatedAt: row.at, updatedBy: row.by }).onConflictDoNothing().returning();
    return r.length === 1;
  }
  const r = await q
    .update(careSettings)
    .set({ capMessages: row.capMessages, capDays: row.capDays, updatedAt: row.at, updatedBy: row.by, version: sql`${careSettings.version} + 1` })
    .where(and(eq(careSettings.id, 'default'), eq(careSettings.version, version)))
    .returning();
  return r.length === 1;
}

// ---------------------------------------------------------------------------------------------
// Consent and profiles

export async function consentsOf(q: Queryable, customerId: string): Promise<ConsentRow[]> {
  return q.select().from(careConsents).where(eq(careConsents.customerId, customerId)).orderBy(asc(careConsents.channel), asc(careConsents.purpose));
}
export async function consentHistoryOf(q: Queryable, customerId: string) {
  return q.select().from(careConsentHistory).where(eq(careConsentHistory.customerId, customerId)).orderBy(desc(careConsentHistory.seq)).limit(200);
}
/** The consent as now stated, and its history row; unchanged when it already says so (no history row). */
export async function setConsent(q: Queryable, c: { customerId: string; channel: CareChannel; purpose: Purpose; granted: boolean; source: string; evidence: string; at: Date; by: string }): Promise<boolean> {
  const changed = await q
    .insert(careConsents)
    .values({ customerId: c.customerId, channel: c.channel, purpose: c.purpose, granted: c.granted, source: c.source, evidence: c.evidence, changedAt: c.at, changedBy: c.by })
    .onConflictDoUpdate({
      target: [careConsents.customerId, careConsents.channel, careConsents.purpose],
      set: { granted: c.granted, source: c.source, evidence: c.evidence, changedAt: c.at, changedBy: c.by },
      setWhere: sql`${careConsents.granted} <> ${c.granted}`,
    })
    .returning({ customerId: careConsents.customerId });
  if (!changed.length) return false;
  await q.insert(careConsentHistory).values({ id: newId(), customerId: c.customerId, channel: c.channel, purpose: c.purpose, granted: c.granted, source: c.source, evidence: c.evidence, at: c.at, by: c.by });
  return true;
}

export async function profileOf(q: Queryable, customerId: string): Promise<ProfileRow | undefined> {
  const [r] = await q.select().from(careProfiles).where(eq(careProfiles.customerId, customerId));
  return r;
}
export async function saveProfile(q: Queryable, row: Omit<typeof careProfiles.$inferInsert, 'version'>, version: number | null): Promise<ProfileRow | undefined> {
  if (version === null) {
    const [r] = await q.insert(careProfiles).values(row).onConflictDoNothing().returning();
    return r;
  }
  const [r] = await q
    .update(careProfiles)
    .set({ ...row, version: sql`${careProfiles.version} + 1` })
    .where(and(eq(careProfiles.customerId, row.customerId), eq(careProfiles.version, version)))
    .returning();
  return r;
}

/** The customer as care reads them: contact, language, consent to contact, zone; undefined when unknown. */
export async function careCustomer(q: Queryable, customerId: string): Promise<CustomerFacts | undefined> {
  return (await careCustomers(q, [customerId])).get(customerId);
}
export type CustomerFacts = { customerId: string; name: string; tier: string; language: 'zh' | 'en'; preferredChannel: string; consentToContact: boolean; email: string | null; phone: string | null; birthday: string | null; timeZone: string | null; wechatOpenId: string | null };

// ---------------------------------------------------------------------------------------------
// Selection: one statement per campaign and day

export type Candidate = {
  customerId: string;
  unitId: string | null;
  name: string;
  tier: string;
  language: 'zh' | 'en';
  province: string | null;
  modelCode: string | null;
  modelNameZh: string | null;
  modelNameEn: string | null;
  warrantyEnd: string | null;
  lastContact: string | null;
};

const inList = (col: SQL, values: readonly string[]) => sql`${col} in (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

/** The audience's conditions on the customer (c) and, for a per-unit trigger, the unit (u, m). */
function audienceSql(a: Audience, day: string, perUnit: boolean): SQL[] {
  const out: SQL[] = [];
  if (a.tiers?.length) out.push(inList(sql`c.tier`, a.tiers));
  if (a.provinces?.length) out.push(inList(sql`c.province`, a.provinces));
  if (a.languages?.length) out.push(inList(sql`c.language`, a.languages));
  const unitConds: SQL[] = [];
  if (a.categories?.length) unitConds.push(inList(sql`m.category_code`, a.categories));
  if (a.unitAgeMinMonths != null) unitConds.push(sql`u.purchase_date <= (${day}::date - make_interval(months => ${a.unitAgeMinMonths}::int))::date`);
  if (a.unitAgeMaxMonths != null) unitConds.push(sql`u.purchase_date >= (${day}::date - make_interval(months => ${a.unitAgeMaxMonths}::int))::date`);
  if (unitConds.length) {
    if (perUnit) out.push(...unitConds);
    else out.push(sql`exists (select 1 from ${careUnitsSql()} u join ${careModelsSql()} m on m.model_id = u.model_id where u.owner_id = c.customer_id and ${and(...unitConds)})`);
  }
  if (a.silentMinMonths != null) out.push(sql`coalesce(${lastOrderAtSql(sql`c.customer_id`)}, c.created_at) < (${day}::date - make_interval(months => ${a.silentMinMonths}::int))`);
  if (a.contactedWithinMonths != null) out.push(sql`${lastOrderAtSql(sql`c.customer_id`)} >= (${day}::date - make_interval(months => ${a.contactedWithinMonths}::int))`);
  return out;
}

function warrantyEndSql(part: 'unit' | 'main'): SQL {
  return sql`(u.warranty_from + make_interval(months => ${part === 'unit' ? sql`m.whole_unit_months` : sql`m.main_parts_months`}))::date`;
}

/** The selection's statement, or null when the selector picks nobody today. */
function selectionSql(sel: Selector, a: Audience, day: string): { perUnit: boolean; from: SQL; where: SQL[]; extra: SQL } | null {
  const unitFrom = sql`${careUnitsSql()} u join ${careCustomersSql()} c on c.customer_id = u.owner_id join ${careModelsSql()} m on m.model_id = u.model_id`;
  const customerFrom = sql`${careCustomersSql()} c left join ${careProfiles} p on p.customer_id = c.customer_id`;
  const noUnit = sql`null::uuid as "unitId", null::text as "modelCode", null::text as "modelNameZh", null::text as "modelNameEn", null::text as "warrantyEnd"`;
  const unitCols = (end: SQL) => sql`u.unit_id as "unitId", m.model_code as "modelCode", m.model_name_zh as "modelNameZh", m.model_name_en as "modelNameEn", ${end}::text as "warrantyEnd"`;
  const noContact = sql`null::text as "lastContact"`;
  switch (sel.kind) {
    case 'none':
      return null;
    case 'installed_on':
      return { perUnit: true, from: unitFrom, where: [sql`coalesce(u.installed_on, u.purchase_date) = ${sel.date}::date`], extra: sql`${unitCols(sql`null`)}, ${noContact}` };
    case 'warranty_ends':
      return { perUnit: true, from: unitFrom, where: [sql`${warrantyEndSql(sel.part)} = ${sel.date}::date`], extra: sql`${unitCols(warrantyEndSql(sel.part))}, ${noContact}` };
    case 'purchase_yearly':
      return { perUnit: true, from: unitFrom, where: [inList(sql`to_char(u.purchase_date, 'MM-DD')`, sel.monthDays), sql`u.purchase_date <= ${sel.before}::date`], extra: sql`${unitCols(sql`null`)}, ${noContact}` };
    case 'recall': {
      const where = [inList(sql`m.model_code`, sel.modelCodes.length ? sel.modelCodes : ['']), ...(sel.serialFrom || sel.serialTo || sel.batch ? [unitSerialMatchSql(sql`u.unit_id`, { from: sel.serialFrom, to: sel.serialTo, batch: sel.batch })] : [])];
      return { perUnit: true, from: unitFrom, where, extra: sql`${unitCols(sql`null`)}, ${noContact}` };
    }
    case 'birthday': {
      const lunar = sel.lunar.length
        ? sql`(p.birthday_calendar = 'lunar' and (p.lunar_month, p.lunar_day, p.lunar_leap) in (${sql.join(sel.lunar.map((l) => sql`(${l.month}::int, ${l.day}::int, ${l.leap})`), sql`, `)}))`
        : sql`false`;
      const solar = sql`(coalesce(p.birthday_calendar, 'solar') = 'solar' and ${inList(sql`to_char(c.birthday, 'MM-DD')`, sel.solar)})`;
      return { perUnit: false, from: customerFrom, where: [sql`c.birthday is not null`, sql`(${solar} or ${lunar})`], extra: sql`${noUnit}, ${noContact}` };
    }
    case 'silent_since': {
      const last = sql`coalesce(${lastOrderAtSql(sql`c.customer_id`)}, c.created_at)`;
      return { perUnit: false, from: customerFrom, where: [sql`${last} < ${sel.before}::date`], extra: sql`${noUnit}, to_char(${last} at time zone 'UTC', 'YYYY-MM-DD') as "lastContact"` };
    }
    case 'everyone':
      return { perUnit: false, from: customerFrom, where: [], extra: sql`${noUnit}, ${noContact}` };
  }
}

/** The candidates (customer, and unit for a per-unit trigger) the selector and audience pick on `day`; `limit` for a sample. */
export async function selectCandidates(q: Queryable, sel: Selector, a: Audience, day: string, o: { limit?: number; afterKey?: string } = {}): Promise<Candidate[]> {
  const s = selectionSql(sel, a, day);
  if (!s) return [];
  const where = [...s.where, ...audienceSql(a, day, s.perUnit)];
  const key = s.perUnit ? sql`u.unit_id::text` : sql`c.customer_id::text`;
  if (o.afterKey) where.push(sql`${key} > ${o.afterKey}`);
  const rows = rowsOf<Candidate>(await q.execute(sql`select c.customer_id as "customerId", c.name, c.tier, c.language, c.province, ${s.extra}
    from ${s.from} ${where.length ? sql`where ${and(...where)}` : sql``} order by ${key} ${o.limit ? sql`limit ${o.limit}` : sql``}`));
  return rows;
}

export async function countCandidates(q: Queryable, sel: Selector, a: Audience, day: string): Promise<number> {
  const s = selectionSql(sel, a, day);
  if (!s) return 0;
  const where = [...s.where, ...audienceSql(a, day, s.perUnit)];
  const rows = rowsOf<{ n: number }>(await q.execute(sql`select count(*)::int as n from ${s.from} ${where.length ? sql`where ${and(...where)}` : sql``}`));
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Sends

/** Serialises these customers' sends across server copies, in one order everywhere (no deadlock between copies). */
export async function lockCustomers(q: Queryable, customerIds: string[]) {
  const ids = [...new Set(customerIds)].sort();
  await q.execute(sql`select pg_advisory_xact_lock(hashtext('care:' || x)) from unnest(${sql`array[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::text[]`}) with ordinality as t(x, n) order by n`);
}

/** Care's facts of these customers, by id. */
export async function careCustomers(q: Queryable, customerIds: string[]): Promise<Map<string, CustomerFacts>> {
  if (!customerIds.length) return new Map();
  const rows = rowsOf<CustomerFacts>(await q.execute(sql`select c.customer_id as "customerId", c.name, c.tier, c.language, c.preferred_channel as "preferredChannel", c.consent_to_contact as "consentToContact",
      c.email, c.phone, c.birthday::text as birthday, p.time_zone as "timeZone", p.wechat_open_id as "wechatOpenId"
    from ${careCustomersSql()} c left join ${careProfiles} p on p.customer_id = c.customer_id where ${inList(sql`c.customer_id::text`, customerIds)}`));
  return new Map(rows.map((r) => [r.customerId, r]));
}

/** The consents of these customers, by customer. */
export async function consentsOfMany(q: Queryable, customerIds: string[]): Promise<Map<string, ConsentRow[]>> {
  const out = new Map<string, ConsentRow[]>();
  if (!customerIds.length) return out;
  for (const r of await q.select().from(careConsents).where(inArray(careConsents.customerId, customerIds))) out.set(r.customerId, [...(out.get(r.customerId) ?? []), r]);
  return out;
}

/** When these customers' earlier capped care messages were written (since `since`), by customer. */
export async function recentSendTimesMany(q: Queryable, customerIds: string[], since: Date): Promise<Map<string, Date[]>> {
  const out = new Map<string, Date[]>();
  if (!customerIds.length) return out;
  const rows = await q
    .select({ customerId: careSends.customerId, at: careSends.createdAt })
    .from(careSends)
    .innerJoin(careCampaigns, eq(careCampaigns.id, careSends.campaignId))
    .where(and(inArray(careSends.customerId, customerIds), eq(careSends.status, 'enqueued'), gt(careSends.createdAt, since), inArray(careCampaigns.purpose, ['marketing', 'survey'])));
  for (const r of rows) out.set(r.customerId, [...(out.get(r.customerId) ?? []), r.at]);
  return out;
}

/** Which of these (customer, occurrence) pairs are already claimed (read under the customers' locks). */
export async function claimedOccurrences(q: Queryable, pairs: { customerId: string; occurrence: string }[]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const ids = [...new Set(pairs.map((p) => p.customerId))];
  const occ = [...new Set(pairs.map((p) => p.occurrence))];
  const rows = await q.select({ customerId: careSends.customerId, occurrence: careSends.occurrence }).from(careSends).where(and(inArray(careSends.customerId, ids), inArray(careSends.occurrence, occ)));
  return new Set(rows.map((r) => `${r.customerId} ${r.occurrence}`));
}

/** The claims of a batch; a pair another copy claimed meanwhile is left out (counted by the caller from the answer). */
export async function claimOccurrences(q: Queryable, rows: (typeof careSends.$inferInsert)[]): Promise<number> {
  if (!rows.length) return 0;
  const r = await q.insert(careSends).values(rows).onConflictDoNothing({ target: [careSends.customerId, careSends.occurrence] }).returning({ id: careSends.id });
  return r.length;
}

export async function insertInboxMany(q: Queryable, rows: Omit<typeof careInbox.$inferInsert, 'id'>[]) {
  if (rows.length) await q.insert(careInbox).values(rows.map((r) => ({ id: newId(), ...r })));
}

export async function findSend(q: Queryable, id: string): Promise<SendRow | undefined> {
  const [r] = await q.select().from(careSends).where(eq(careSends.id, id));
  return r;
}
export async function sendsOfCampaign(q: Queryable, campaignId: string, limit: number) {
  return q.select().from(careSends).where(eq(careSends.campaignId, campaignId)).orderBy(desc(careSends.createdAt), asc(careSends.id)).limit(limit);
}

export async function inboxOf(q: Queryable, customerId: string, limit: number, offset: number) {
  const rows = await q.select().from(careInbox).where(eq(careInbox.customerId, customerId)).orderBy(desc(careInbox.createdAt), desc(careInbox.id)).limit(limit).offset(offset);
  const [{ n }] = await q.select({ n: count() }).from(careInbox).where(eq(careInbox.customerId, customerId));
  return { rows, total: n };
}
export async function markInboxRead(q: Queryable, id: string, customerId: string, at: Date): Promise<typeof careInbox.$inferSelect | undefined> {
  const [r] = await q
    .update(careInbox)
    .set({ readAt: sql`coalesce(${careInbox.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(careInbox.id, id), eq(careInbox.customerId, customerId)))
    .returning();
  return r;
}

// ---------------------------------------------------------------------------------------------
// Outcomes

/** The first click of a send counts; later ones change nothing. */
export async function recordClick(q: Queryable, send: SendRow, at: Date) {
  const r = await q.insert(careOutcomes).values({ id: newId(), sendId: send.id, campaignId: send.campaignId, kind: 'click', conversionKind: null, ref: '', at }).onConflictDoNothing().returning({ id: careOutcomes.id });
  if (r.length) await q.update(careSends).set({ clickedAt: at }).where(eq(careSends.id, send.id));
}

/** The customer's latest sent message whose campaign's conversion window holds `at`. */
export async function attributableSend(q: Queryable, customerId: string, at: Date): Promise<SendRow | undefined> {
  const [r] = await q
    .select({ send: careSends })
    .from(careSends)
    .innerJoin(careCampaigns, eq(careCampaigns.id, careSends.campaignId))
    .where(
      and(
        eq(careSends.customerId, customerId),
        eq(careSends.status, 'enqueued'),
        sql`${careSends.createdAt} <= ${at.toISOString()}::timestamptz`,
        sql`${careSends.createdAt} > ${at.toISOString()}::timestamptz - make_interval(days => ${careCampaigns.conversionDays})`,
      ),
    )
    .orderBy(desc(careSends.createdAt))
    .limit(1);
  return r?.send;
}
export async function recordConversion(q: Queryable, send: SendRow, kind: 'order' | 'registration' | 'purchase', ref: string, at: Date): Promise<boolean> {
  const r = await q.insert(careOutcomes).values({ id: newId(), sendId: send.id, campaignId: send.campaignId, kind: 'conversion', conversionKind: kind, ref, at }).onConflictDoNothing().returning({ id: careOutcomes.id });
  if (r.length) await q.update(careSends).set({ convertedAt: sql`coalesce(${careSends.convertedAt}, ${at.toISOString()}::timestamptz)` }).where(eq(careSends.id, send.id));
  return r.length === 1;
}
/** Whether any send is recent enough to be converted (intake's follower stays out of the way otherwise). */
export async function anySendSince(q: Queryable, since: Date): Promise<boolean> {
  const [r] = await q.select({ id: careSends.id }).from(careSends).where(and(eq(careSends.status, 'enqueued'), gt(careSends.createdAt, since))).limit(1);
  return !!r;
}

/** A campaign's figures: sends by status and channel, outbox delivery, clicks, conversions by kind. */
export async function campaignReport(q: Queryable, campaignId: string) {
  const byStatus = rowsOf<{ status: string; channel: string | null; delivery: string | null; n: number }>(await q.execute(sql`
    select s.status, s.channel, case when s.channel = 'inbox' then 'delivered' else ${messageStatusSql(sql`s.outbox_message_id`)} end as delivery, count(*)::int as n
    from ${careSends} s where s.campaign_id = ${campaignId} group by 1, 2, 3 order by 1, 2, 3`));
  const outcomes = rowsOf<{ kind: string; conversion_kind: string | null; n: number }>(await q.execute(sql`
    select kind, conversion_kind, count(*)::int as n from ${careOutcomes} where campaign_id = ${campaignId} group by 1, 2 order by 1, 2`));
  return { rows: byStatus.map((r) => ({ ...r, n: Number(r.n) })), outcomes: outcomes.map((r) => ({ kind: r.kind, conversionKind: r.conversion_kind, n: Number(r.n) })) };
}

/** A condition that always holds (what care's intake follower knows does not go stale). */
export function alwaysSql(): SQL {
  return sql`true`;
}
