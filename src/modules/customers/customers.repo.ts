import { and, asc, desc, eq, getTableColumns, ilike, inArray, or, sql, count, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { insertRowsSql } from '../../db/json-rows.js';
import type { OrderScope } from '../../kernel/scopes.js';
import { customers, customerPhones, customerAddresses, customerTiers, customerNumberSeq } from './customers.tables.js';
import { parseSort } from '../../shared/paging.js';
import type { CustomerSearch } from './customers.contract.js';

export type CustomerRow = typeof customers.$inferSelect;
export type PhoneRow = typeof customerPhones.$inferSelect;

/** The customers a phone number belongs to (for the portal's sign-in by code). */
export async function customersWithPhone(q: Queryable, phone: string): Promise<{ id: string; name: string; language: string }[]> {
  return q
    .selectDistinct({ id: customers.id, name: customers.name, language: customers.preferredLanguage })
    .from(customerPhones)
    .innerJoin(customers, eq(customers.id, customerPhones.customerId))
    .where(eq(customerPhones.phone, phone));
}

/** Whether the customer exists (for other modules' checks). */
export async function customerExists(q: Queryable, id: string): Promise<boolean> {
  const [row] = await q.select({ id: customers.id }).from(customers).where(eq(customers.id, id));
  return row !== undefined;
}
export type AddressRow = typeof customerAddresses.$inferSelect;

export async function nextCustomerSeq(q: Queryable): Promise<number> {
  const r = await q.execute(sql`select nextval(${customerNumberSeq.seqName}) as n`);
  return Number((r as unknown as { rows: { n: string }[] }).rows[0].n);
}

/** A condition on a customer, given its id as a value of the statement: the customers a caller may see. */
export type CustomerCondition = (customerId: SQL) => SQL;

/** Conditions on customers that other modules own, passed in by the root (their import would make a cycle). */
export type ForeignConditions = {
  /** A condition on a customer id column: the customer has an order this scope can see (from work-orders). */
  customerVisibleSql: (scope: OrderScope, customerId: SQL) => SQL;
  /** A condition on a customer id column: they own a unit with this serial (from units). */
  ownsSerialSql: (customerId: SQL, serial: string) => SQL;
};

/** A customer row with its phones and addresses read by the same statement (a view needs both). */
export type CustomerWithContacts = CustomerRow & { contacts?: { phones: PhoneRow[]; addresses: AddressRow[] } };

/**
 * The customer's phones and addresses as one JSON value of the caller's statement, in the order
 * phonesAndAddresses gives them: a page of customers then costs one statement, not three. The
 * customer's id is named with its table: a column in a select list is written bare ("id"), which
 * inside the subquery would be the phone's own id.
 */
const contactsSql = sql<{ phones: PhoneRow[]; addresses: AddressRow[] } | string>`json_build_object(
  'phones', coalesce((select json_agg(json_build_object('id', p.id, 'customerId', p.customer_id, 'phone', p.phone, 'label', p.label, 'isPrimary', p.is_primary) order by p.is_primary desc, p.phone)
                      from ${customerPhones} p where p.customer_id = ${customers}.id), '[]'),
  'addresses', coalesce((select json_agg(json_build_object('id', a.id, 'customerId', a.customer_id, 'label', a.label, 'province', a.province, 'city', a.city, 'district', a.district,
                           'street', a.street, 'postalCode', a.postal_code, 'lat', a.lat, 'lng', a.lng, 'coordinatesApproximate', a.coordinates_approximate, 'placedBy', a.placed_by,
                           'isDefault', a.is_default) order by a.is_default desc, a.label)
                         from ${customerAddresses} a where a.customer_id = ${customers}.id), '[]'))`;
const withContacts = { ...getTableColumns(customers), contacts: contactsSql };
const contactsOf = ({ contacts, ...row }: CustomerRow & { contacts: { phones: PhoneRow[]; addresses: AddressRow[] } | string }): CustomerWithContacts => ({ ...row, contacts: parseJson(contacts) });

export async function findCustomer(q: Queryable, id: string, visible?: CustomerCondition): Promise<CustomerWithContacts | undefined> {
  const [row] = await q.select(withContacts).from(customers).where(visible ? and(eq(customers.id, id), visible(sql`${customers.id}`)) : eq(customers.id, id));
  return row && contactsOf(row);
}

export async function insertCustomer(q: Queryable, row: typeof customers.$inferInsert): Promise<CustomerRow> {
  const [made] = await q.insert(customers).values(row).returning();
  return made;
}

/** Writes the patch and the next version when the customer is still at `version`; undefined otherwise. */
export async function updateCustomerAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof customers.$inferInsert>): Promise<CustomerRow | undefined> {
  const [row] = await q.update(customers).set({ ...patch, version: version + 1 }).where(and(eq(customers.id, id), eq(customers.version, version))).returning();
  return row;
}

/** Replaces the customer's phones with these. */
export async function replacePhones(q: Queryable, customerId: string, phones: Omit<typeof customerPhones.$inferInsert, 'customerId'>[]) {
  await q.delete(customerPhones).where(eq(customerPhones.customerId, customerId));
  if (phones.length) await q.insert(customerPhones).values(phones.map((p) => ({ customerId, ...p })));
}

/** Replaces the customer's addresses with these. */
export async function replaceAddresses(q: Queryable, customerId: string, addresses: Omit<typeof customerAddresses.$inferInsert, 'customerId'>[]) {
  await q.delete(customerAddresses).where(eq(customerAddresses.customerId, customerId));
  if (addresses.length) await q.insert(customerAddresses).values(addresses.map((a) => ({ customerId, ...a })));
}

/** Inserts the tier; undefined when its code is taken. */
export async function insertTier(q: Queryable, row: typeof customerTiers.$inferInsert) {
  const [made] = await q.insert(customerTiers).values(row).onConflictDoNothing().returning();
  return made;
}

export async function phonesAndAddresses(q: Queryable, ids: string[]) {
  if (ids.length === 0) return { phones: [] as PhoneRow[], addresses: [] as AddressRow[] };
  const [phones, addresses] = await Promise.all([
    q.select().from(customerPhones).where(inArray(customerPhones.customerId, ids)).orderBy(desc(customerPhones.isPrimary), asc(customerPhones.phone)),
    q.select().from(customerAddresses).where(inArray(customerAddresses.customerId, ids)).orderBy(desc(customerAddresses.isDefault), asc(customerAddresses.label)),
  ]);
  return { phones, addresses };
}

export async function customersWithPhones(q: Queryable, phones: string[], exceptCustomerId?: string) {
  if (phones.length === 0) return [];
  const conditions = [inArray(customerPhones.phone, phones)];
  if (exceptCustomerId) conditions.push(sql`${customerPhones.customerId} <> ${exceptCustomerId}`);
  return q
    .select({ customerId: customers.id, number: customers.number, name: customers.name, phone: customerPhones.phone })
    .from(customerPhones)
    .innerJoin(customers, eq(customers.id, customerPhones.customerId))
    .where(and(...conditions));
}

export async function tierExists(q: Queryable, code: string): Promise<boolean> {
  const [row] = await q.select({ code: customerTiers.code }).from(customerTiers).where(eq(customerTiers.code, code));
  return row !== undefined;
}

const sortColumns = { name: customers.name, number: customers.number, createdAt: customers.createdAt, tier: customers.tier };

/** `ownsSerial`: a condition on a customer id, true when they own a unit with that serial (from units). */
export async function searchCustomers(q: Queryable, s: CustomerSearch, normalizedPhone: string | undefined, visible: CustomerCondition, ownsSerial: (customerId: SQL, serial: string) => SQL) {
  const serialMatches = (serial: string) => ownsSerial(sql`${customers.id}`, serial);
  const where: SQL[] = [visible(sql`${customers.id}`)];
  if (s.phone && normalizedPhone) where.push(phoneMatches(normalizedPhone));
  if (s.name) where.push(ilike(customers.name, `%${escapeLike(s.name)}%`));
  if (s.serial) where.push(serialMatches(s.serial));
  if (s.tier) where.push(eq(customers.tier, s.tier));
  if (s.q) {
    const anyOf: SQL[] = [ilike(customers.name, `%${escapeLike(s.q)}%`), eq(customers.number, s.q), serialMatches(s.q)];
    if (normalizedPhone) anyOf.push(phoneMatches(normalizedPhone));
    where.push(or(...anyOf)!);
  }
  const condition = where.length ? and(...where) : undefined;
  const { field, desc: isDesc } = parseSort(s.sort);
  const column = sortColumns[field as keyof typeof sortColumns];
  // The count rides on the page's statement (one round trip): a subquery on its own customers, which names
  // none of the page's, is an InitPlan PostgreSQL runs once, and each row carries its result.
  const counted = sql<number>`(select count(*) from ${customers} where ${condition})`.mapWith(Number);
  const page = await q
    .select({ ...withContacts, total: counted })
    .from(customers)
    .where(condition)
    .orderBy(isDesc ? desc(column) : asc(column), asc(customers.id))
    .limit(s.limit)
    .offset(s.offset);
  const rows = page.map(({ total: _t, ...row }) => contactsOf(row));
  // No row to carry it: none at all, or a page past the end (which wants the count alone).
  if (page.length > 0 || s.offset === 0) return { rows, total: page[0]?.total ?? 0 };
  const [{ total }] = await q.select({ total: count() }).from(customers).where(condition);
  return { rows, total };
}

// A caller often has only the last digits ("the one ending 8000"); a full number matches exactly.
// The last digits are a prefix of the reversed number, which customer_phones_reversed_idx serves
// (a `like '%8000'` reads every phone).
function phoneMatches(phone: string): SQL {
  const sub = phone.length >= 11
    ? sql`select 1 from ${customerPhones} where ${customerPhones.customerId} = ${customers.id} and ${customerPhones.phone} = ${phone}`
    : sql`select 1 from ${customerPhones} where ${customerPhones.customerId} = ${customers.id} and reverse(${customerPhones.phone}) like ${`${escapeLike([...phone].reverse().join(''))}%`}`;
  return sql`exists (${sub})`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listTiers(q: Queryable) {
  return q.select().from(customerTiers).orderBy(asc(customerTiers.rank));
}

export type ContactCard = {
  id: string;
  tier: string;
  phones: { phone: string; isPrimary: boolean }[];
  addresses: { id: string; province: string; city: string; district: string; street: string; postalCode: string | null; lat: number | null; lng: number | null; approximate: boolean; isDefault: boolean }[];
};

/** What intake needs of a customer, in one round trip: it sits on the hottest path. */
export async function contactCard(q: Queryable, id: string): Promise<ContactCard | undefined> {
  const r = await q.execute(sql`
    select c.id, c.tier,
      coalesce((select json_agg(json_build_object('phone', p.phone, 'isPrimary', p.is_primary) order by p.is_primary desc, p.phone)
                from customer_phones p where p.customer_id = c.id), '[]') as phones,
      coalesce((select json_agg(json_build_object('id', a.id, 'province', a.province, 'city', a.city, 'district', a.district, 'street', a.street,
                  'postalCode', a.postal_code, 'lat', a.lat, 'lng', a.lng, 'approximate', a.coordinates_approximate, 'isDefault', a.is_default) order by a.is_default desc, a.label)
                from customer_addresses a where a.customer_id = c.id), '[]') as addresses
    from customers c where c.id = ${id}`);
  const row = (r as unknown as { rows: ContactCard[] }).rows[0];
  if (!row) return undefined;
  // PGlite hands json back parsed, node-postgres too; a string would mean a driver change.
  return { id: row.id, tier: row.tier, phones: parseJson(row.phones), addresses: parseJson(row.addresses) };
}

function parseJson<T>(v: T | string): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v;
}

/**
 * For each intake request (a relation with id, customer_id, phone, address_id, address), the
 * customer's (request_id, id, tier, phone, address): the given phone and address, or else the
 * primary phone and the chosen or default address on record (null when the customer has none).
 * A request for no customer yields no row. Intake composes it into its insert statement.
 */
export function intakeContactsSql(requests: SQL): SQL {
  return sql`select r.id as request_id, c.id, c.tier,
      coalesce(r.phone, (select p.phone from ${customerPhones} p where p.customer_id = c.id order by p.is_primary desc, p.phone limit 1)) as phone,
      coalesce(r.address,
        (select jsonb_build_object('province', a.province, 'city', a.city, 'district', a.district, 'street', a.street,
                                   'postalCode', a.postal_code, 'lat', a.lat, 'lng', a.lng, 'approximate', a.coordinates_approximate)
           from ${customerAddresses} a
          where a.customer_id = c.id and (r.address_id is null or a.id = r.address_id)
          order by a.is_default desc, a.label limit 1)) as address
    from ${requests} r join ${customers} c on c.id = r.customer_id`;
}

// Placing addresses (the geocoding module asks, through index.ts).

export type AddressToPlace = { id: string; customerId: string; province: string; city: string; district: string; street: string; postalCode: string | null; lat: number | null; lng: number | null; approximate: boolean };

/**
 * Addresses without coordinates (and, with `roughToo`, those only roughly placed), one customer's
 * or everyone's, in id order after `after` for a backfill that walks them in batches.
 */
export async function addressesToPlace(q: Queryable, o: { customerId?: string; roughToo: boolean; after?: string; limit: number }): Promise<AddressToPlace[]> {
  const a = customerAddresses;
  const unplaced = o.roughToo ? or(sql`${a.lat} is null`, eq(a.coordinatesApproximate, true)) : sql`${a.lat} is null`;
  return q
    .select({ id: a.id, customerId: a.customerId, province: a.province, city: a.city, district: a.district, street: a.street, postalCode: a.postalCode, lat: a.lat, lng: a.lng, approximate: a.coordinatesApproximate })
    .from(a)
    .where(and(unplaced, o.customerId ? eq(a.customerId, o.customerId) : undefined, o.after ? sql`${a.id} > ${o.after}` : undefined))
    .orderBy(asc(a.id))
    .limit(o.limit);
}

/**
 * Stores a position for an address that still has none, or only a rough one: a position a person
 * gave is never overwritten, and running it again changes nothing. True when it changed the row.
 */
export async function placeAddress(q: Queryable, id: string, p: { lat: number; lng: number; approximate: boolean; source: string }): Promise<boolean> {
  const a = customerAddresses;
  const rows = await q
    .update(a)
    .set({ lat: p.lat, lng: p.lng, coordinatesApproximate: p.approximate, placedBy: p.source })
    .where(and(eq(a.id, id), or(sql`${a.lat} is null`, and(eq(a.coordinatesApproximate, true), p.approximate ? sql`false` : sql`true`))))
    .returning({ id: a.id });
  return rows.length > 0;
}

/**
 * The centre of the addresses placed precisely with the same postal code, or else in the same
 * district: an offline estimate of where an unplaced address is. Null when there are none.
 */
export async function placedCentre(q: Queryable, at: { province: string; city: string; district: string; postalCode?: string | null }): Promise<{ lat: number; lng: number; by: 'postal_code' | 'district'; count: number } | null> {
  const a = customerAddresses;
  const centre = async (where: SQL) => {
    const [r] = await q
      .select({ lat: sql<number | null>`avg(${a.lat})`, lng: sql<number | null>`avg(${a.lng})`, n: count() })
      .from(a)
      .where(and(sql`${a.lat} is not null and ${a.lng} is not null`, eq(a.coordinatesApproximate, false), where));
    return r && r.n > 0 && r.lat !== null && r.lng !== null ? { lat: Math.round(Number(r.lat) * 1e6) / 1e6, lng: Math.round(Number(r.lng) * 1e6) / 1e6, count: Number(r.n) } : null;
  };
  if (at.postalCode) {
    const c = await centre(eq(a.postalCode, at.postalCode));
    if (c) return { ...c, by: 'postal_code' };
  }
  const c = await centre(and(eq(a.province, at.province), eq(a.city, at.city), eq(a.district, at.district))!);
  return c ? { ...c, by: 'district' } : null;
}

/**
 * Customers as care reads them, a relation for the caller's statement (the care module's daily run
 * and audiences): customer_id, name, tier, language, preferred_channel, consent_to_contact,
 * birthday, email, phone (the primary one), province (of the default address), created_at.
 */
export function careCustomersSql(): SQL {
  return sql`(select c.id as customer_id, c.name, c.tier, c.preferred_language as language, c.preferred_channel, c.consent_to_contact, c.birthday, c.email, c.created_at,
    (select p.phone from ${customerPhones} p where p.customer_id = c.id order by p.is_primary desc, p.phone limit 1) as phone,
    (select a.province from ${customerAddresses} a where a.customer_id = c.id order by a.is_default desc, a.id limit 1) as province
    from ${customers} c)`;
}

/**
 * The customers whose province (careCustomersSql's: the default address's, else the first
 * address's) is one of these, a relation of customer ids, set-based: the addresses of customers
 * with an address there, each customer's first in that order kept (DISTINCT ON), then its
 * province checked. An audience by province starts from it rather than reading every candidate's
 * first address one by one (a 1M-customer province audience: 19 s → 7 s under load).
 */
export function customersWithProvinceSql(provinces: readonly string[]): SQL {
  const list = sql.join(provinces.map((p) => sql`${p}`), sql`, `);
  return sql`(select f.customer_id from (
      select distinct on (a.customer_id) a.customer_id, a.province from ${customerAddresses} a
      where a.customer_id in (select b.customer_id from ${customerAddresses} b where b.province in (${list}))
      order by a.customer_id, a.is_default desc, a.id
    ) f where f.province in (${list}))`;
}

/** Where a service notice goes: the primary phone (null when none) and the language. */
export async function noticeContact(q: Queryable, id: string): Promise<{ phone: string | null; language: 'zh' | 'en' } | undefined> {
  const [c] = await q.select({ language: customers.preferredLanguage }).from(customers).where(eq(customers.id, id));
  if (!c) return undefined;
  const phones = await q.select({ phone: customerPhones.phone, isPrimary: customerPhones.isPrimary }).from(customerPhones).where(eq(customerPhones.customerId, id));
  phones.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.phone.localeCompare(b.phone));
  return { phone: phones[0]?.phone ?? null, language: c.language };
}

/** Customers in id order after `afterId`, for a nightly pass over everyone (loyalty). */
export async function customersAfter(q: Queryable, afterId: string | null, limit: number): Promise<{ id: string; tier: string; createdAt: Date }[]> {
  return q
    .select({ id: customers.id, tier: customers.tier, createdAt: customers.createdAt })
    .from(customers)
    .where(afterId ? sql`${customers.id} > ${afterId}` : sql`true`)
    .orderBy(asc(customers.id))
    .limit(limit);
}

/** Loyalty moves a customer's tier (its own history row says why); the version moves so an open edit form reloads. */
export async function setCustomerTier(q: Queryable, id: string, tier: string, at: Date): Promise<boolean> {
  const rows = await q.update(customers).set({ tier, updatedAt: at, version: sql`${customers.version} + 1` }).where(eq(customers.id, id)).returning({ id: customers.id });
  return rows.length === 1;
}

/** What a row of an import's batch of customers carries, as the writer reads it (snake case, as the columns). */
export type ImportedCustomerRow = {
  /** The row's place: answers come back in its order. */
  n: number;
  /** The id a new customer gets. */
  id: string;
  /** The customer an earlier import made from this row's key, if any. */
  known: string | null;
  name: string;
  kind: 'person' | 'company';
  tier: string;
  birthday: string | null;
  preferred_language: 'zh' | 'en';
  preferred_channel: 'phone' | 'sms' | 'wechat' | 'email';
  consent_to_contact: boolean;
  email: string | null;
  notes: string | null;
  /** Normalised and without repeats; the first is the primary (each a mobile). */
  phones: string[];
  /** The one address (its default), or province null for none. */
  address_label: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  street: string | null;
  postal_code: string | null;
  lat: number | null;
  lng: number | null;
};

/** Rows for the writer from one JSON parameter (rows made by the server, not staged in the database). */
export function importedCustomersFromJson(rows: ImportedCustomerRow[]): SQL {
  return sql`(select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(n integer, id uuid, known uuid, name text, kind text, tier text, birthday date,
    preferred_language text, preferred_channel text, consent_to_contact boolean, email text, notes text, phones text[],
    address_label text, province text, city text, district text, street text, postal_code text, lat double precision, lng double precision))`;
}

/**
 * A new id beside a customer's: its first 48 bits (a time-ordered id's milliseconds), the rest
 * random. A batch's phones and addresses then go to the end of their primary keys' indexes, as
 * their customers do, instead of each to a random page.
 */
const idBeside = (customerId: SQL) => sql`encode(overlay(uuid_send(gen_random_uuid()) placing substring(uuid_send(${customerId}) from 1 for 6) from 1 for 6), 'hex')::uuid`;

/**
 * An import's batch of customers written by one statement. `rows`: a relation (SQL) of
 * `ImportedCustomerRow`s — an import's staged rows read in place, or `importedCustomersFromJson`. A
 * row whose `known` customer is there replaces it (fields, version, consent date where consent
 * changed; its phones and addresses deleted and the row's inserted); any other row makes a customer
 * with `id`, numbered from the sequence. Every write is one `INSERT … SELECT` (or update, delete)
 * over typed columns: nothing is unpacked per row. Answers, in `n` order, each row's customer,
 * whether it was replaced, and whether its address has no coordinates.
 */
export async function writeImportedCustomers(q: Queryable, rows: SQL, at: Date): Promise<{ n: number; id: string; replaced: boolean; toPlace: boolean }[]> {
  const now = at.toISOString();
  const result = await q.execute(sql`
    with r as materialized (select * from ${rows} as r0),
    replaced as (
      update ${customers} c set kind = r.kind, name = r.name, tier = r.tier, birthday = r.birthday, preferred_language = r.preferred_language,
        preferred_channel = r.preferred_channel, email = r.email, notes = r.notes, consent_to_contact = r.consent_to_contact,
        consent_changed_at = case when c.consent_to_contact is distinct from r.consent_to_contact then ${now}::timestamptz else c.consent_changed_at end,
        updated_at = ${now}::timestamptz, version = c.version + 1
      from r where r.known is not null and c.id = r.known
      returning c.id
    ),
    w as materialized (select coalesce(k.id, r.id) as customer_id, k.id is not null as replaced, r.* from r left join replaced k on k.id = r.known),
    gone_phones as (delete from ${customerPhones} where customer_id in (select id from replaced)),
    gone_addresses as (delete from ${customerAddresses} where customer_id in (select id from replaced)),
    made as (
      insert into ${customers} (id, number, kind, name, tier, birthday, preferred_language, preferred_channel, consent_to_contact, consent_changed_at, email, notes, created_at, updated_at)
      select customer_id, 'C' || translate(format('%7s', nextval(${customerNumberSeq.seqName})), ' ', '0'), kind, name, tier, birthday, preferred_language, preferred_channel, consent_to_contact,
        case when consent_to_contact then ${now}::timestamptz end, email, notes, ${now}::timestamptz, ${now}::timestamptz
      from w where not replaced order by n
    ),
    phones as (
      insert into ${customerPhones} (id, customer_id, phone, label, is_primary)
      select ${idBeside(sql`w.customer_id`)}, w.customer_id, p.phone, 'mobile', p.i = 1 from w cross join lateral unnest(w.phones) with ordinality as p(phone, i)
    ),
    addresses as (
      insert into ${customerAddresses} (id, customer_id, label, province, city, district, street, postal_code, lat, lng, coordinates_approximate, placed_by, is_default)
      select ${idBeside(sql`customer_id`)}, customer_id, address_label, province, city, district, street, postal_code, lat, lng, false, null, true
      from w where province is not null
    )
    select n, customer_id as id, replaced, province is not null and (lat is null or lng is null) as "toPlace" from w order by n`);
  return (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { n: number; id: string; replaced: boolean; toPlace: boolean }[];
}

/** Each of these customers' number (an export names owners by number, which another Aftercare's import finds). */
export async function customerNumbers(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.select({ id: customers.id, number: customers.number }).from(customers).where(inArray(customers.id, sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb)::uuid)`));
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** The customers these numbers name (an import's owner column). */
export async function customerIdsByNumbers(q: Queryable, numbers: string[]): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await q.select({ id: customers.id, number: customers.number }).from(customers).where(inArray(customers.number, sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(numbers)])}::jsonb))`));
  return new Map(rows.map((r) => [r.number, r.id]));
}
