import { and, asc, desc, eq, ilike, inArray, or, sql, count, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { customers, customerPhones, customerAddresses, customerTiers, customerNumberSeq } from './customers.tables.js';
import { unitSerials, units } from '../units/units.tables.js';
import { parseSort } from '../../shared/paging.js';
import type { CustomerSearch } from './customers.contract.js';

export type CustomerRow = typeof customers.$inferSelect;
export type PhoneRow = typeof customerPhones.$inferSelect;
export type AddressRow = typeof customerAddresses.$inferSelect;

export async function nextCustomerSeq(q: Queryable): Promise<number> {
  const r = await q.execute(sql`select nextval(${customerNumberSeq.seqName}) as n`);
  return Number((r as unknown as { rows: { n: string }[] }).rows[0].n);
}

export async function findCustomer(q: Queryable, id: string) {
  const [row] = await q.select().from(customers).where(eq(customers.id, id));
  return row;
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

export async function searchCustomers(q: Queryable, s: CustomerSearch, normalizedPhone: string | undefined) {
  const where: SQL[] = [];
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
  const [rows, [{ total }]] = await Promise.all([
    q
      .select()
      .from(customers)
      .where(condition)
      .orderBy(isDesc ? desc(column) : asc(column), asc(customers.id))
      .limit(s.limit)
      .offset(s.offset),
    q.select({ total: count() }).from(customers).where(condition),
  ]);
  return { rows, total };
}

// A caller often has only the last digits ("the one ending 8000"); a full number matches exactly.
function phoneMatches(phone: string): SQL {
  const sub = phone.length >= 11
    ? sql`select 1 from ${customerPhones} where ${customerPhones.customerId} = ${customers.id} and ${customerPhones.phone} = ${phone}`
    : sql`select 1 from ${customerPhones} where ${customerPhones.customerId} = ${customers.id} and ${customerPhones.phone} like ${`%${escapeLike(phone)}`}`;
  return sql`exists (${sub})`;
}

function serialMatches(serial: string): SQL {
  return sql`exists (select 1 from ${unitSerials} join ${units} on ${units.id} = ${unitSerials.unitId} where ${units.ownerId} = ${customers.id} and ${unitSerials.serial} = ${serial})`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listTiers(q: Queryable) {
  return q.select().from(customerTiers).orderBy(asc(customerTiers.rank));
}
