import { and, asc, count, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { careCustomersSql, customersWithProvinceSql } from '../customers/index.js';
import { careUnitsSql, unitSerialMatchSql } from '../units/index.js';
import { careModelsSql } from '../catalog/index.js';
import { lastOrderAtSql } from '../work-orders/index.js';
import { enqueueMessagesSql, messageStatusSql } from '../notifications/index.js';
import { careCampaignHistory, careCampaigns, careConsentHistory, careConsents, careInbox, careOutcomes, careProfiles, careRunDays, careSends, careSettings } from './care.tables.js';
import type { Audience, BodyPiece, CareChannel, OccurrencePart, Purpose, Selector, SendVariable } from './care.rules.js';

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

/** The customer's zone as the care profile states it; null when none. */
export async function customerTimeZone(q: Queryable, customerId: string): Promise<string | null> {
  const [r] = await q.select({ zone: careProfiles.timeZone }).from(careProfiles).where(eq(careProfiles.customerId, customerId));
  return r?.zone ?? null;
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
  if (a.provinces?.length) out.push(sql`c.customer_id in ${customersWithProvinceSql(a.provinces)}`);
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

/** The selection's statement, or null when the selector picks nobody today. `facts`: the candidate's facts an occurrence key may name, as SQL. */
type Selection = { perUnit: boolean; from: SQL; where: SQL[]; extra: SQL; facts: { unitId: SQL; warrantyEnd: SQL; lastContact: SQL } };
function selectionSql(sel: Selector, a: Audience, day: string): Selection | null {
  const s = selectionParts(sel);
  return s && { ...s, where: [...s.where, ...audienceSql(a, day, s.perUnit)] };
}

function selectionParts(sel: Selector): Selection | null {
  const unitFrom = sql`${careUnitsSql()} u join ${careCustomersSql()} c on c.customer_id = u.owner_id join ${careModelsSql()} m on m.model_id = u.model_id`;
  const customerFrom = sql`${careCustomersSql()} c left join ${careProfiles} p on p.customer_id = c.customer_id`;
  const noUnit = sql`null::uuid as "unitId", null::text as "modelCode", null::text as "modelNameZh", null::text as "modelNameEn", null::text as "warrantyEnd"`;
  const unitCols = (end: SQL) => sql`u.unit_id as "unitId", m.model_code as "modelCode", m.model_name_zh as "modelNameZh", m.model_name_en as "modelNameEn", ${end}::text as "warrantyEnd"`;
  const noContact = sql`null::text as "lastContact"`;
  const unitFacts = (end: SQL) => ({ unitId: sql`u.unit_id`, warrantyEnd: end, lastContact: sql`null::text` });
  const customerFacts = (last: SQL) => ({ unitId: sql`null::uuid`, warrantyEnd: sql`null::text`, lastContact: last });
  switch (sel.kind) {
    case 'none':
      return null;
    case 'installed_on':
      return { perUnit: true, from: unitFrom, where: [sql`coalesce(u.installed_on, u.purchase_date) = ${sel.date}::date`], extra: sql`${unitCols(sql`null`)}, ${noContact}`, facts: unitFacts(sql`null::text`) };
    case 'warranty_ends':
      return { perUnit: true, from: unitFrom, where: [sql`${warrantyEndSql(sel.part)} = ${sel.date}::date`], extra: sql`${unitCols(warrantyEndSql(sel.part))}, ${noContact}`, facts: unitFacts(sql`${warrantyEndSql(sel.part)}::text`) };
    case 'purchase_yearly':
      return { perUnit: true, from: unitFrom, where: [inList(sql`to_char(u.purchase_date, 'MM-DD')`, sel.monthDays), sql`u.purchase_date <= ${sel.before}::date`], extra: sql`${unitCols(sql`null`)}, ${noContact}`, facts: unitFacts(sql`null::text`) };
    case 'recall': {
      const where = [inList(sql`m.model_code`, sel.modelCodes.length ? sel.modelCodes : ['']), ...(sel.serialFrom || sel.serialTo || sel.batch ? [unitSerialMatchSql(sql`u.unit_id`, { from: sel.serialFrom, to: sel.serialTo, batch: sel.batch })] : [])];
      return { perUnit: true, from: unitFrom, where, extra: sql`${unitCols(sql`null`)}, ${noContact}`, facts: unitFacts(sql`null::text`) };
    }
    case 'birthday': {
      const lunar = sel.lunar.length
        ? sql`(p.birthday_calendar = 'lunar' and (p.lunar_month, p.lunar_day, p.lunar_leap) in (${sql.join(sel.lunar.map((l) => sql`(${l.month}::int, ${l.day}::int, ${l.leap})`), sql`, `)}))`
        : sql`false`;
      const solar = sql`(coalesce(p.birthday_calendar, 'solar') = 'solar' and ${inList(sql`to_char(c.birthday, 'MM-DD')`, sel.solar)})`;
      return { perUnit: false, from: customerFrom, where: [sql`c.birthday is not null`, sql`(${solar} or ${lunar})`], extra: sql`${noUnit}, ${noContact}`, facts: customerFacts(sql`null::text`) };
    }
    case 'silent_since': {
      const last = sql`coalesce(${lastOrderAtSql(sql`c.customer_id`)}, c.created_at)`;
      const lastDay = sql`to_char(${last} at time zone 'UTC', 'YYYY-MM-DD')`;
      return { perUnit: false, from: customerFrom, where: [sql`${last} < ${sel.before}::date`], extra: sql`${noUnit}, ${lastDay} as "lastContact"`, facts: customerFacts(lastDay) };
    }
    case 'everyone':
      return { perUnit: false, from: customerFrom, where: [], extra: sql`${noUnit}, ${noContact}`, facts: customerFacts(sql`null::text`) };
  }
}

/** An occurrence key (care.rules occurrenceParts) built in SQL from the selection's facts, as occurrenceKey builds it. */
function occurrenceSql(parts: OccurrencePart[], facts: Selection['facts']): SQL {
  const pieces = parts.map((p) => (typeof p === 'string' ? sql`${p}::text` : p.fact === 'lastContact' ? sql`coalesce(${facts.lastContact}, 'never')` : sql`${facts[p.fact]}::text`));
  return sql`(${sql.join(pieces, sql` || `)})`;
}

/** The candidates (customer, and unit for a per-unit trigger) the selector and audience pick on `day`; `limit` for a sample. */
export async function selectCandidates(q: Queryable, sel: Selector, a: Audience, day: string, o: { limit?: number; afterKey?: string } = {}): Promise<Candidate[]> {
  const s = selectionSql(sel, a, day);
  if (!s) return [];
  const where = [...s.where];
  const key = s.perUnit ? sql`u.unit_id::text` : sql`c.customer_id::text`;
  if (o.afterKey) where.push(sql`${key} > ${o.afterKey}`);
  const rows = rowsOf<Candidate>(await q.execute(sql`select c.customer_id as "customerId", c.name, c.tier, c.language, c.province, ${s.extra}
    from ${s.from} ${where.length ? sql`where ${and(...where)}` : sql``} order by ${key} ${o.limit ? sql`limit ${o.limit}` : sql``}`));
  return rows;
}

export async function countCandidates(q: Queryable, sel: Selector, a: Audience, day: string): Promise<number> {
  const s = selectionSql(sel, a, day);
  if (!s) return 0;
  const where = s.where;
  const rows = rowsOf<{ n: number }>(await q.execute(sql`select count(*)::int as n from ${s.from} ${where.length ? sql`where ${and(...where)}` : sql``}`));
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Sends

/** Care's facts of these customers, by id. */
export async function careCustomers(q: Queryable, customerIds: string[]): Promise<Map<string, CustomerFacts>> {
  if (!customerIds.length) return new Map();
  const rows = rowsOf<CustomerFacts>(await q.execute(sql`select c.customer_id as "customerId", c.name, c.tier, c.language, c.preferred_channel as "preferredChannel", c.consent_to_contact as "consentToContact",
      c.email, c.phone, c.birthday::text as birthday, p.time_zone as "timeZone", p.wechat_open_id as "wechatOpenId"
    from ${careCustomersSql()} c left join ${careProfiles} p on p.customer_id = c.customer_id where ${inList(sql`c.customer_id::text`, customerIds)}`));
  return new Map(rows.map((r) => [r.customerId, r]));
}

/**
 * Settings for the day's statement, this transaction only: no JIT (compiling the selection's
 * expressions for a statement run once a day cost more than it saved — 4–7 s of a 1M-customer
 * day under load), and room for its sorts of tens of thousands of wide rows in memory (at the
 * default 4 MB they spill to disk).
 */
export async function daySettings(q: Queryable) {
  await q.execute(sql`set local jit = off`);
  await q.execute(sql`set local work_mem = '64MB'`);
}

/**
 * Serialises the capped claims of every server copy (one transaction-level lock): a copy's cap
 * count then sees what another copy committed. Service notices are not capped and skip it.
 */
export async function lockCappedClaims(q: Queryable) {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext('care:capped-claims'))`);
}

// ---------------------------------------------------------------------------------------------
// The day's selection, written as pending sends, and the claims

/**
 * The campaign's day, taken by this copy: true when this copy wrote the row (it then selects, in
 * the same transaction); false when another copy did. The insert waits for another copy's open
 * transaction on the same key, so a copy that loses finds the selection committed (or, when the
 * other copy died, takes the day itself).
 */
export async function takeRunDay(q: Queryable, x: { campaignId: string; day: string; at: Date; by: string }): Promise<boolean> {
  const r = await q.insert(careRunDays).values({ campaignId: x.campaignId, day: x.day, selected: 0, at: x.at, by: x.by }).onConflictDoNothing().returning({ day: careRunDays.day });
  return r.length === 1;
}
export async function setRunDaySelected(q: Queryable, campaignId: string, day: string, selected: number) {
  await q.update(careRunDays).set({ selected }).where(and(eq(careRunDays.campaignId, campaignId), eq(careRunDays.day, day)));
}
export async function runDaySelected(q: Queryable, campaignId: string, day: string): Promise<number> {
  const [r] = await q.select({ selected: careRunDays.selected }).from(careRunDays).where(and(eq(careRunDays.campaignId, campaignId), eq(careRunDays.day, day)));
  return r?.selected ?? 0;
}

type PendingTarget = { campaignId: string; runDay: string; now: Date };

/** The pending rows' insert from a selection (columns customer_id, unit_id, occurrence, language, facts), in one order on every copy so two never deadlock on the unique key. */
function insertPendingSql(x: PendingTarget, from: SQL): SQL {
  return sql`insert into ${careSends} (id, campaign_id, customer_id, unit_id, occurrence, run_day, status, language, facts, created_at)
    select gen_random_uuid(), ${x.campaignId}::uuid, customer_id, unit_id, occurrence, ${x.runDay}::text, 'pending', language, facts, ${x.now.toISOString()}::timestamptz
    from ${from} sel order by customer_id, occurrence
    on conflict (customer_id, occurrence) do nothing
    returning 1`;
}

/**
 * The day's audience written as pending sends in one statement (INSERT … SELECT … ON CONFLICT
 * (customer, occurrence) DO NOTHING): an occurrence claimed already — by another campaign, an
 * earlier run or another copy — is left out. Answers how many the selection found and how many
 * rows were new. Consent, reach and the cap are decided later, when a copy claims the row.
 */
export async function selectIntoPending(q: Queryable, x: PendingTarget & { sel: Selector; audience: Audience; day: string; occurrence: OccurrencePart[] }): Promise<{ selected: number; inserted: number }> {
  const s = selectionSql(x.sel, x.audience, x.day);
  if (!s) return { selected: 0, inserted: 0 };
  const facts = s.perUnit ? sql`jsonb_build_object('modelNameZh', m.model_name_zh, 'modelNameEn', m.model_name_en, 'warrantyEnd', ${s.facts.warrantyEnd})` : sql`null::jsonb`;
  const [r] = rowsOf<{ selected: number; inserted: number }>(
    await q.execute(sql`with sel as (
        select c.customer_id, ${s.facts.unitId} as unit_id, ${occurrenceSql(x.occurrence, s.facts)} as occurrence, c.language, ${facts} as facts
        from ${s.from} ${s.where.length ? sql`where ${and(...s.where)}` : sql``}
      ), ins as (${insertPendingSql(x, sql`sel`)})
      select (select count(*) from sel)::int as selected, (select count(*) from ins)::int as inserted`),
  );
  return { selected: Number(r.selected), inserted: Number(r.inserted) };
}

/** What a message says of the selected unit. */
export type SendFacts = { modelNameZh: string | null; modelNameEn: string | null; warrantyEnd: string | null };
/** A pending send for a candidate selected apart (the tests' selection, then a change, then the send). */
export type PendingRow = { customerId: string; unitId: string | null; occurrence: string; language: 'zh' | 'en'; facts: SendFacts | null };
export async function insertPending(q: Queryable, x: PendingTarget & { rows: PendingRow[] }): Promise<number> {
  if (!x.rows.length) return 0;
  const json = JSON.stringify(x.rows.map((r) => ({ customer_id: r.customerId, unit_id: r.unitId, occurrence: r.occurrence, language: r.language, facts: r.facts })));
  const from = sql`(select * from jsonb_to_recordset(${json}::jsonb) as k(customer_id uuid, unit_id uuid, occurrence text, language text, facts jsonb))`;
  const [r] = rowsOf<{ n: number }>(await q.execute(sql`with ins as (${insertPendingSql(x, from)}) select count(*)::int as n from ins`));
  return Number(r.n);
}

/**
 * What a campaign's messages are made of, for rendering and signing them in SQL: each language's
 * body as pieces (care.rules bodyPieces), the links' base and the link key's HMAC pads
 * (care.links linkKeyPads), the inbox title, the company's zone, the time written.
 */
export type MessageText = { zh: BodyPiece[]; en: BodyPiece[]; title: string; base: string; pads: { inner: string; outer: string }; companyZone: string; now: Date };

/** A signed link's token in SQL, as care.links signCareLink makes it: `kind.sendId.` and the first 22 characters of the base64url HMAC-SHA256. */
export function careLinkTokenSql(kind: 'c' | 'u', sendId: SQL, pads: MessageText['pads']): SQL {
  const body = sql`(${`${kind}.`}::text || ${sendId}::text)`;
  const mac = sql`sha256(decode(${pads.outer}::text, 'hex') || sha256(decode(${pads.inner}::text, 'hex') || convert_to(${body}, 'UTF8')))`;
  return sql`(${body} || '.' || translate(substr(encode(${mac}, 'base64'), 1, 22), '+/', '-_'))`;
}

/** A body in SQL from its pieces, over a row `d` of decided sends (name, facts, id): literals as bound parameters, each variable as composeBody fills it. */
function bodySql(pieces: BodyPiece[], lang: 'zh' | 'en', m: MessageText): SQL {
  if (!pieces.length) return sql`''::text`;
  const value = (v: SendVariable): SQL => {
    switch (v) {
      case 'name':
        return sql`coalesce(d.name, '')`;
      case 'model':
        return lang === 'en' ? sql`coalesce(d.facts->>'modelNameEn', '')` : sql`coalesce(d.facts->>'modelNameZh', '')`;
      case 'warrantyEnd':
        return sql`coalesce(d.facts->>'warrantyEnd', '')`;
      case 'link':
        return sql`${`${m.base}/care-links/click/`}::text || ${careLinkTokenSql('c', sql`d.id`, m.pads)}`;
      case 'unsubscribe':
        return sql`${`${m.base}/care-links/unsubscribe/`}::text || ${careLinkTokenSql('u', sql`d.id`, m.pads)}`;
    }
  };
  return sql`(${sql.join(
    pieces.map((p) => (typeof p === 'string' ? sql`${p}::text` : value(p.variable))),
    sql` || `,
  )})`;
}

/**
 * The CTEs writing the messages of the enqueued rows of `decided` (those `keep` holds): the outbox
 * (under the ids the decision gave them, with their history and delivery jobs) or the portal
 * inbox, each body rendered and its links signed in SQL. The zone is the customer's, else the
 * company's (a zone the profile could not have saved falls back to the company's at delivery).
 */
async function messagesSql(m: MessageText, keep: SQL): Promise<SQL> {
  const now = sql`${m.now.toISOString()}::timestamptz`;
  const outbox = await enqueueMessagesSql(
    sql`select d.message_id as id, d.channel, case d.channel when 'sms' then d.phone when 'email' then d.email else d.wechat end as recipient, d.customer_id,
        ${bodySql(m.zh, 'zh', m)} as body_zh, ${bodySql(m.en, 'en', m)} as body_en, d.language, coalesce(nullif(d.time_zone, ''), ${m.companyZone}::text) as time_zone,
        jsonb_build_object('kind', 'care_send', 'id', d.id) as subject
      from decided d where d.status = 'enqueued' and d.channel <> 'inbox' and ${keep}`,
    'care_message',
    m.now,
  );
  return sql`${outbox}, inbox_new as (
      insert into ${careInbox} (id, customer_id, send_id, title_zh, title_en, body, language, created_at)
      select gen_random_uuid(), d.customer_id, d.id, ${m.title}::text, ${m.title}::text, case when d.language = 'en' then ${bodySql(m.en, 'en', m)} else ${bodySql(m.zh, 'zh', m)} end, d.language, ${now}
      from decided d where d.status = 'enqueued' and d.channel = 'inbox' and ${keep}
    )`;
}

type Decision = { purpose: Purpose; channels: CareChannel[]; now: Date; cap: { maxMessages: number; periodDays: number } };

/**
 * The decision of each row of a CTE named `cand` (columns id, customer_id, occurrence, facts, name,
 * language, consent_to_contact, pref, phone, email, wechat, time_zone), as the CTEs `chosen` and
 * `decided`: consent and reach read as they are now, the status and channel decided as care.rules
 * decides them (consentAllows, chooseChannel, capAllows — this is their set-based form), and a new
 * outbox message id (`message_id`) for each enqueued send on an outbox channel. One text for the
 * claim of pending rows and for the daily run's selection, so the two decide alike.
 */
function decisionSql(x: Decision): SQL {
  const fallback = x.purpose === 'marketing' ? sql`false` : sql`cand.consent_to_contact`;
  const allowed = (ch: CareChannel) => sql`coalesce(g.${sql.raw(ch)}, ${fallback})`;
  const reach: Record<CareChannel, SQL> = { sms: sql`cand.phone is not null`, email: sql`cand.email is not null`, wechat: sql`cand.wechat is not null`, inbox: sql`true` };
  const ok = (ch: CareChannel) => sql`(${reach[ch]} and ${allowed(ch)})`;
  // chooseChannel: the preferred channel first when the campaign uses it, then the campaign's order.
  const choices = [...x.channels.map((ch) => sql`when cand.pref = ${ch} and ${ok(ch)} then ${ch}`), ...x.channels.map((ch) => sql`when ${ok(ch)} then ${ch}`)];
  const anyAllowed = sql.join(x.channels.map((ch) => allowed(ch)), sql` or `);
  const capped = x.purpose !== 'service';
  const since = new Date(x.now.getTime() - x.cap.periodDays * 86_400_000).toISOString();
  // The cap's count per candidate through the customer's index: the sends are read apart from the
  // campaigns (offset 0 keeps them apart), since a plan starting from the few campaigns reads every
  // send of the run for each candidate. Read only where the cap can matter (a capped purpose, a
  // channel found) and not carried as a column, which would read it for every row.
  const recent = sql`(select count(*) from (select s.campaign_id from ${careSends} s where s.customer_id = chosen.customer_id and s.status = 'enqueued' and s.created_at > ${since}::timestamptz offset 0) s
        join ${careCampaigns} cc on cc.id = s.campaign_id where cc.purpose in ('marketing', 'survey'))`;
  const overCap = capped ? sql`when ${recent} + row_number() over (partition by customer_id, channel is null order by occurrence) > ${x.cap.maxMessages}::int then 'skipped_cap'` : sql``;
  return sql`chosen as (
      select cand.*, case ${sql.join(choices, sql` `)} else null end as channel, (${anyAllowed}) as any_allowed
      from cand left join lateral (
        select bool_or(granted) filter (where channel = 'sms') as sms, bool_or(granted) filter (where channel = 'email') as email,
          bool_or(granted) filter (where channel = 'wechat') as wechat, bool_or(granted) filter (where channel = 'inbox') as inbox
        from ${careConsents} g where g.customer_id = cand.customer_id and g.purpose = ${x.purpose}
      ) g on true
    ), decided as (
      select d.*, case when d.status = 'enqueued' and d.channel <> 'inbox' then gen_random_uuid() end as message_id
      from (select chosen.*, case
        when channel is null then case when any_allowed then 'skipped_no_channel' else 'skipped_consent' end
        ${overCap}
        else 'enqueued' end as status
      from chosen) d
    )`;
}

/**
 * The claim of a batch of the campaign's pending sends in one statement: up to `limit` rows no
 * other copy holds (FOR UPDATE SKIP LOCKED), each one's customer facts, consent, reach and cap
 * count read in the same statement (a consent revoked after selection stops the message), decided
 * (decisionSql) and written back, with the messages of the enqueued ones (messagesSql). Answers
 * how many rows were claimed and how many of them were enqueued.
 */
export async function claimPending(q: Queryable, x: Decision & { campaignId: string; limit: number; message: MessageText }): Promise<{ claimed: number; enqueued: number }> {
  const rows = rowsOf<{ claimed: number; enqueued: number }>(
    await q.execute(sql`
    with picked as (
      select s.id, s.customer_id, s.occurrence, s.facts from ${careSends} s
      where s.campaign_id = ${x.campaignId}::uuid and s.status = 'pending'
      limit ${x.limit} for update skip locked
    ), cand as materialized (
      -- Materialised: each customer's phone is a subquery, read once here rather than in every expression naming it.
      select picked.id, picked.customer_id, picked.occurrence, picked.facts, c.name, c.language, c.consent_to_contact,
        case when c.preferred_channel = 'phone' then 'sms' else c.preferred_channel end as pref,
        nullif(c.phone, '') as phone, nullif(c.email, '') as email, nullif(p.wechat_open_id, '') as wechat, p.time_zone
      from picked join ${careCustomersSql()} c on c.customer_id = picked.customer_id left join ${careProfiles} p on p.customer_id = picked.customer_id
    ), ${decisionSql(x)}, upd as (
      update ${careSends} s set status = d.status, channel = case when d.status = 'enqueued' then d.channel end, language = d.language, created_at = ${x.now.toISOString()}::timestamptz,
        outbox_message_id = d.message_id
      from decided d where s.id = d.id
      returning s.id
    ), ${await messagesSql(x.message, sql`true`)}
    select (select count(*) from upd)::int as claimed, (select count(*) from decided where status = 'enqueued')::int as enqueued`),
  );
  const r = rows[0];
  return { claimed: Number(r.claimed), enqueued: Number(r.enqueued) };
}

/**
 * The daily run's day of a campaign in one statement: the audience selected with each one's
 * customer facts, the occurrences already sent left out, each candidate decided as a claim decides
 * (decisionSql: consent, reach and the cap read now) and written straight to its final status
 * (INSERT … ON CONFLICT (customer, occurrence) DO NOTHING: exactly once even beside a person's run
 * of another campaign naming the same occurrence), and the messages of the enqueued ones written
 * by the same statement (messagesSql) — no pending rows, no second pass, nothing per send through
 * JS. Answers how many the selection found, how many sends were written and how many enqueued.
 */
export async function selectDecided(
  q: Queryable,
  x: PendingTarget & Decision & { sel: Selector; audience: Audience; day: string; occurrence: OccurrencePart[]; message: MessageText },
): Promise<{ selected: number; written: number; enqueued: number }> {
  const s = selectionSql(x.sel, x.audience, x.day);
  if (!s) return { selected: 0, written: 0, enqueued: 0 };
  const facts = s.perUnit ? sql`jsonb_build_object('modelNameZh', m.model_name_zh, 'modelNameEn', m.model_name_en, 'warrantyEnd', ${s.facts.warrantyEnd})` : sql`null::jsonb`;
  const [r] = rowsOf<{ selected: number; written: number; enqueued: number }>(
    await q.execute(sql`with sel as (
        select c.customer_id, ${s.facts.unitId} as unit_id, ${occurrenceSql(x.occurrence, s.facts)} as occurrence, c.language, ${facts} as facts,
          c.name, c.consent_to_contact, case when c.preferred_channel = 'phone' then 'sms' else c.preferred_channel end as pref, nullif(c.phone, '') as phone, nullif(c.email, '') as email
        from ${s.from} ${s.where.length ? sql`where ${and(...s.where)}` : sql``}
      ), cand as materialized (
        select gen_random_uuid() as id, sel.*, nullif(cp.wechat_open_id, '') as wechat, cp.time_zone
        from sel left join ${careProfiles} cp on cp.customer_id = sel.customer_id
        where not exists (select 1 from ${careSends} done where done.customer_id = sel.customer_id and done.occurrence = sel.occurrence)
      ), ${decisionSql(x)}, ins as (
        insert into ${careSends} (id, campaign_id, customer_id, unit_id, occurrence, run_day, status, channel, language, outbox_message_id, facts, created_at)
        select id, ${x.campaignId}::uuid, customer_id, unit_id, occurrence, ${x.runDay}::text, status, case when status = 'enqueued' then channel end, language, message_id, facts, ${x.now.toISOString()}::timestamptz
        from decided order by customer_id, occurrence
        on conflict (customer_id, occurrence) do nothing
        returning id
      ), lost as (
        -- Enqueued but not written (another run wrote the occurrence meanwhile): a set difference, never a join of two CTEs;
        -- the messages leave these out by a hashed NOT IN.
        select id from decided where status = 'enqueued' except select id from ins
      ), ${await messagesSql(x.message, sql`d.id not in (select id from lost)`)}
      select (select count(*) from sel)::int as selected, (select count(*) from ins)::int as written,
        ((select count(*) from decided where status = 'enqueued') - (select count(*) from lost))::int as enqueued`),
  );
  return { selected: Number(r.selected), written: Number(r.written), enqueued: Number(r.enqueued) };
}

/** The send goes on another channel (its first could not reach the customer). */
export async function moveSend(q: Queryable, id: string, channel: CareChannel, outboxMessageId: string | null) {
  await q.update(careSends).set({ channel, outboxMessageId }).where(eq(careSends.id, id));
}

/** Inbox entries in one statement with one parameter (a chunk's thousand rows as bound values are slow to build and send). */
export async function insertInboxMany(q: Queryable, rows: Omit<typeof careInbox.$inferInsert, 'id'>[]) {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((r) => ({ id: newId(), customer_id: r.customerId, send_id: r.sendId ?? null, title_zh: r.titleZh, title_en: r.titleEn, body: r.body, language: r.language, created_at: r.createdAt })));
  await q.execute(sql`insert into ${careInbox} (id, customer_id, send_id, title_zh, title_en, body, language, created_at)
    select id, customer_id, send_id, title_zh, title_en, body, language, created_at
    from jsonb_to_recordset(${json}::jsonb) as r(id uuid, customer_id uuid, send_id uuid, title_zh text, title_en text, body text, language text, created_at timestamptz)`);
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
