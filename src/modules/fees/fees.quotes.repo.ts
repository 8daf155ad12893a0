import { and, asc, desc, eq, inArray, lt, max, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { orderPayments, orderQuoteHistory, orderQuotes } from './fees.tables.js';

export type QuoteRow = typeof orderQuotes.$inferSelect;
export type PaymentRow = typeof orderPayments.$inferSelect;

/** Holds the order's quotes and payments for this transaction: one change at a time per order. */
export async function lockOrderMoney(q: Queryable, orderId: string) {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`fees.money:${orderId}`}))`);
}

export async function quotesOf(q: Queryable, orderId: string): Promise<QuoteRow[]> {
  return q.select().from(orderQuotes).where(eq(orderQuotes.orderId, orderId)).orderBy(asc(orderQuotes.number));
}

/** The newest quote that still counts (not superseded), or undefined. */
export async function latestQuote(q: Queryable, orderId: string): Promise<QuoteRow | undefined> {
  const [row] = await q.select().from(orderQuotes).where(and(eq(orderQuotes.orderId, orderId), ne(orderQuotes.status, 'superseded'))).orderBy(desc(orderQuotes.number)).limit(1);
  return row;
}

export async function quoteById(q: Queryable, id: string): Promise<QuoteRow | undefined> {
  const [row] = await q.select().from(orderQuotes).where(eq(orderQuotes.id, id));
  return row;
}

export async function nextQuoteNumber(q: Queryable, orderId: string): Promise<number> {
  const [row] = await q.select({ n: max(orderQuotes.number) }).from(orderQuotes).where(eq(orderQuotes.orderId, orderId));
  return (row?.n ?? 0) + 1;
}

export async function insertQuote(q: Queryable, row: typeof orderQuotes.$inferInsert): Promise<QuoteRow> {
  const [made] = await q.insert(orderQuotes).values(row).returning();
  return made;
}

/** Moves a quote from `from` only: undefined when someone moved it first. */
export async function moveQuote(q: Queryable, id: string, from: QuoteRow['status'], patch: Partial<typeof orderQuotes.$inferInsert>): Promise<QuoteRow | undefined> {
  const [row] = await q.update(orderQuotes).set(patch).where(and(eq(orderQuotes.id, id), eq(orderQuotes.status, from))).returning();
  return row;
}

/** Accepts or refuses through the link: only while offered and the link's nonce is the one sent and unused. */
export async function decideByLink(q: Queryable, id: string, nonce: string, patch: Partial<typeof orderQuotes.$inferInsert>): Promise<QuoteRow | undefined> {
  const [row] = await q
    .update(orderQuotes)
    .set({ ...patch, linkNonce: null })
    .where(and(eq(orderQuotes.id, id), eq(orderQuotes.status, 'offered'), eq(orderQuotes.linkNonce, nonce)))
    .returning();
  return row;
}

export async function insertQuoteHistory(q: Queryable, rows: (typeof orderQuoteHistory.$inferInsert)[]) {
  if (rows.length) await q.insert(orderQuoteHistory).values(rows);
}

export async function quoteHistoryOf(q: Queryable, orderId: string) {
  return q.select().from(orderQuoteHistory).where(eq(orderQuoteHistory.orderId, orderId)).orderBy(asc(orderQuoteHistory.id));
}

// Payments

export async function paymentsOf(q: Queryable, orderId: string): Promise<PaymentRow[]> {
  return q.select().from(orderPayments).where(eq(orderPayments.orderId, orderId)).orderBy(asc(orderPayments.seq));
}

export async function paymentByKey(q: Queryable, orderId: string, key: string): Promise<PaymentRow | undefined> {
  const [row] = await q.select().from(orderPayments).where(and(eq(orderPayments.orderId, orderId), eq(orderPayments.idempotencyKey, key)));
  return row;
}

/** Undefined when a payment with this key exists already (the unique index decides, whoever comes second). */
export async function insertPayment(q: Queryable, row: typeof orderPayments.$inferInsert): Promise<PaymentRow | undefined> {
  const [made] = await q.insert(orderPayments).values(row).onConflictDoNothing().returning();
  return made;
}


/** The refunds caused by these sources (disputes, return cases), oldest first. */
export async function refundsBySource(q: Queryable, kind: NonNullable<PaymentRow['sourceKind']>, ids: string[]): Promise<PaymentRow[]> {
  if (!ids.length) return [];
  return q
    .select()
    .from(orderPayments)
    .where(and(eq(orderPayments.sourceKind, kind), inArray(orderPayments.sourceId, ids), lt(orderPayments.amountFen, 0)))
    .orderBy(asc(orderPayments.seq));
}
