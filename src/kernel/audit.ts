// The kernel's audit writer: every module records its changes through it, in its own transaction.
// The audit_log table is the kernel's (./audit.tables.ts); the access module reads it.
import type { SQL } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { insertRowsSql } from '../db/json-rows.js';
import type { Clock } from '../shared/clock.js';
import { grouped } from '../shared/grouped.js';
import { auditLog } from './audit.tables.js';
import { actorName, type Caller } from './scopes.js';
import type { Principal } from './permissions.js';

/** Appends an audit row in the caller's transaction. */
export type AuditEntry = { caller: Caller; action: string; subjectKind: string | null; subjectId: string | null; outcome?: 'ok' | 'refused'; details?: Record<string, unknown> };
export type AuditFn = (q: Queryable, entry: AuditEntry) => Promise<void>;
export type AuditInput = AuditEntry & { outcome?: 'ok' | 'refused' };
export type AuditRow = typeof auditLog.$inferInsert;

export async function insertAudit(q: Queryable, rows: AuditRow[]) {
  await q.execute(insertAuditSql(rows));
}

export function insertAuditSql(rows: AuditRow[], where?: SQL): SQL {
  return insertRowsSql(auditLog, rows, where);
}

/** How a principal appears in audit_log. */
function auditActor(p: Principal): { actorKind: 'staff' | 'customer' | 'token' | 'system'; actorId: string; actorName: string } {
  if (p.kind === 'staff') return { actorKind: p.via === 'token' ? 'token' : 'staff', actorId: p.userId, actorName: actorName(p) };
  if (p.kind === 'customer') return { actorKind: 'customer', actorId: p.customerId, actorName: actorName(p) };
  return { actorKind: 'system', actorId: p.name, actorName: actorName(p) };
}

function auditRow(clock: Clock, entry: AuditInput): AuditRow {
  return {
    at: clock.now(),
    ...auditActor(entry.caller.principal),
    address: entry.caller.address,
    action: entry.action,
    subjectKind: entry.subjectKind,
    subjectId: entry.subjectId,
    outcome: entry.outcome ?? 'ok',
    details: entry.details ?? {},
  };
}

/** Appends one audit row with the caller's query runner, so it commits or rolls back with the caller's change. */
export function auditWith(clock: Clock) {
  return async function audit(q: Queryable, entry: AuditInput): Promise<void> {
    await insertAudit(q, [auditRow(clock, entry)]);
  };
}

/** Audit rows as an insert to compose into another statement, so they commit with its change (`where` may hold them back). */
export function auditRowsSql(clock: Clock, entries: AuditInput[], where?: SQL): SQL {
  return insertAuditSql(entries.map((e) => auditRow(clock, e)), where);
}

/**
 * Audit rows written on their own (a request's outcome, after its change committed), grouped: under
 * load many requests share one insert and one commit. Each call settles when its own row is
 * committed, so nobody is answered before their row is durable.
 */
export function groupedAuditWith(db: Queryable, clock: Clock, maxRows = 500) {
  const write = grouped(async (rows: AuditRow[]) => {
    await insertAudit(db, rows);
    return rows.map(() => undefined);
  }, { max: maxRows });
  return (entry: AuditInput): Promise<void> => write(auditRow(clock, entry));
}
