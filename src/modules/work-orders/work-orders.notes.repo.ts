import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { workOrderNotes } from './work-orders.tables.js';

export type NoteRow = typeof workOrderNotes.$inferSelect;

export async function insertNote(q: Queryable, row: Omit<typeof workOrderNotes.$inferInsert, 'seq'>): Promise<NoteRow> {
  const [made] = await q.insert(workOrderNotes).values(row).returning();
  return made;
}

/** The thread, oldest first (the order they were written in). */
export async function notesOf(q: Queryable, orderId: string): Promise<NoteRow[]> {
  return q.select().from(workOrderNotes).where(eq(workOrderNotes.orderId, orderId)).orderBy(asc(workOrderNotes.seq));
}
