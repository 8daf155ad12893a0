import { and, asc, count, desc, eq, gt, gte, ilike, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/database.js';
import { afterFailedSignIn, lockedForSeconds, type LockPolicy } from './access.policy.js';
import { auditLog } from '../../kernel/audit.tables.js';
import { apiTokens, customerAccessCodes, customerLinkRedemptions, installationSecret, rateLimitCounters, rolePermissions, sessions, userInvitations, users } from './access.tables.js';
import type { AuditQuery } from './access.contract.js';

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;
/**
 * The role's permissions as stored (the data, not the code's defaults), aggregated beside the row.
 * Spelled out in full: Drizzle leaves columns unqualified in single-table selects, and an
 * unqualified "role" inside the subquery would compare role_permissions with itself.
 */
const rolePermissionsOfUser = sql<string[] | string>`coalesce((select json_agg(rp.permission order by rp.permission) from role_permissions rp where rp.role = "users"."role"), '[]'::json)`;

export function jsonList(v: string[] | string | null): string[] {
  if (v === null) return [];
  return typeof v === 'string' ? (JSON.parse(v) as string[]) : v;
}

export async function userByUsername(q: Queryable, username: string) {
  const [row] = await q.select().from(users).where(eq(users.username, username));
  return row;
}

export async function userById(q: Queryable, id: string) {
  const [row] = await q.select().from(users).where(eq(users.id, id));
  return row;
}

export async function userWithPermissions(q: Queryable, id: string) {
  const [row] = await q.select({ user: users, permissions: rolePermissionsOfUser }).from(users).where(eq(users.id, id));
  return row ? { user: row.user, permissions: jsonList(row.permissions) } : undefined;
}

/** One round trip: the session, its user (if staff) and the user's role permissions. */
export async function sessionWithOwner(q: Queryable, id: string) {
  const [row] = await q
    .select({ session: sessions, user: users, permissions: rolePermissionsOfUser })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  return row ? { ...row, permissions: jsonList(row.permissions) } : undefined;
}

export async function tokenWithOwner(q: Queryable, tokenHash: string) {
  const [row] = await q
    .select({ token: apiTokens, user: users, permissions: rolePermissionsOfUser })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row ? { ...row, permissions: jsonList(row.permissions) } : undefined;
}

/** Atomic across server copies: the count that comes back includes this hit. */
export async function bumpCounter(q: Queryable, key: string, windowStart: Date): Promise<number> {
  const [row] = await q
    .insert(rateLimitCounters)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimitCounters.key, rateLimitCounters.windowStart], set: { count: sql`${rateLimitCounters.count} + 1` } })
    .returning({ count: rateLimitCounters.count });
  return row.count;
}

export async function searchAudit(q: Queryable, s: AuditQuery) {
  const where: SQL[] = [];
  if (s.actorId) where.push(eq(auditLog.actorId, s.actorId));
  if (s.actorKind) where.push(eq(auditLog.actorKind, s.actorKind));
  if (s.action) where.push(eq(auditLog.action, s.action));
  if (s.subjectKind) where.push(eq(auditLog.subjectKind, s.subjectKind));
  if (s.subjectId) where.push(eq(auditLog.subjectId, s.subjectId));
  if (s.outcome) where.push(eq(auditLog.outcome, s.outcome));
  if (s.from) where.push(gte(auditLog.at, new Date(s.from)));
  if (s.to) where.push(lt(auditLog.at, new Date(s.to)));
  const condition = where.length ? and(...where) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    q.select().from(auditLog).where(condition).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(s.limit).offset(s.offset),
    q.select({ total: count() }).from(auditLog).where(condition),
  ]);
  return { rows, total };
}

export async function listUsers(q: Queryable, s: { limit: number; offset: number; q?: string; role?: string }) {
  const where: SQL[] = [];
  if (s.q) where.push(or(ilike(users.username, `%${escapeLike(s.q)}%`), ilike(users.displayName, `%${escapeLike(s.q)}%`))!);
  if (s.role) where.push(eq(users.role, s.role));
  const condition = where.length ? and(...where) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    q.select().from(users).where(condition).orderBy(asc(users.username)).limit(s.limit).offset(s.offset),
    q.select({ total: count() }).from(users).where(condition),
  ]);
  return { rows, total };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Holds the phone's codes to the end of the transaction: requests for one phone then take turns,
 * and each replaces the codes the one before it made (at once, each saw none of the others' codes
 * and several stayed live, each with its own attempts).
 */
export async function lockCodesOfPhone(q: Queryable, phone: string): Promise<void> {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`customer_access_codes:${phone}`}))`);
}

/**
 * Takes one attempt of each live code of the phone, in one statement, before any guess is compared
 * with them: however many guesses arrive together, no code is ever compared more than
 * `maxAttempts` times (each concurrent update waits for the row and checks the count again).
 * Returns the codes this guess may be compared with.
 */
export async function claimCodeAttempts(q: Queryable, phone: string, now: Date, maxAttempts: number) {
  return q
    .update(customerAccessCodes)
    .set({ attempts: sql`${customerAccessCodes.attempts} + 1` })
    .where(and(eq(customerAccessCodes.phone, phone), isNull(customerAccessCodes.consumedAt), sql`${customerAccessCodes.expiresAt} > ${now}`, lt(customerAccessCodes.attempts, maxAttempts)))
    .returning();
}

/**
 * Counts a sign-in as failed before its password is checked (a success then resets the count),
 * holding the user's row meanwhile: guesses sent together take their turns, and none is checked
 * once the count has locked the account. Returns the seconds the account is still locked; 0 when
 * the attempt was taken.
 */
export async function claimSignInAttempt(db: Db, userId: string, now: Date, policy: LockPolicy): Promise<number> {
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ failed: users.failedSignIns, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId)).for('update');
    if (!u) return 0;
    const locked = lockedForSeconds(u.lockedUntil, now);
    if (locked > 0) return locked;
    await tx.update(users).set(afterFailedSignIn(u.failed, now, policy)).where(eq(users.id, userId));
    return 0;
  });
}

/** Everything that has outlived its use; the audit log is kept. */
export async function pruneExpired(q: Queryable, now: Date, rateWindowsBefore: Date, sessionsBefore: Date) {
  const r = await Promise.all([
    q.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, rateWindowsBefore)).returning({ k: rateLimitCounters.key }),
    q.delete(customerAccessCodes).where(lt(customerAccessCodes.expiresAt, now)).returning({ id: customerAccessCodes.id }),
    q.delete(customerLinkRedemptions).where(lt(customerLinkRedemptions.expiresAt, now)).returning({ id: customerLinkRedemptions.tokenHash }),
    q.delete(sessions).where(lt(sessions.expiresAt, sessionsBefore)).returning({ id: sessions.id }),
  ]);
  return { rateWindows: r[0].length, codes: r[1].length, links: r[2].length, sessions: r[3].length };
}

// Users

/** The new user, or undefined when the username is taken (by a row, or by a request at the same time). */
export async function insertUserUnlessTaken(q: Queryable, values: typeof users.$inferInsert): Promise<UserRow | undefined> {
  const [row] = await q.insert(users).values(values).onConflictDoNothing({ target: users.username }).returning();
  return row;
}

export async function deactivateUser(q: Queryable, id: string, now: Date): Promise<UserRow | undefined> {
  const [row] = await q.update(users).set({ active: false, updatedAt: now }).where(eq(users.id, id)).returning();
  return row;
}

export async function setPasswordHash(q: Queryable, userId: string, passwordHash: string, now: Date): Promise<void> {
  await q.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
}

export async function unlockUser(q: Queryable, id: string, now: Date): Promise<UserRow | undefined> {
  const [row] = await q.update(users).set({ failedSignIns: 0, lockedUntil: null, updatedAt: now }).where(eq(users.id, id)).returning();
  return row;
}

/** A successful sign-in clears the failure count and any lock; a hash made with weaker options is replaced. */
export async function recordSignIn(q: Queryable, userId: string, rehash: string | null, now: Date): Promise<void> {
  await q
    .update(users)
    .set({ failedSignIns: 0, lockedUntil: null, ...(rehash ? { passwordHash: rehash, updatedAt: now } : {}) })
    .where(eq(users.id, userId));
}

// Roles

export async function allRolePermissions(q: Queryable) {
  return q.select().from(rolePermissions);
}

export async function permissionsOfRole(q: Queryable, role: string): Promise<string[]> {
  return (await q.select().from(rolePermissions).where(eq(rolePermissions.role, role))).map((r) => r.permission);
}

export async function replaceRolePermissions(q: Queryable, role: string, permissions: string[]): Promise<void> {
  await q.delete(rolePermissions).where(eq(rolePermissions.role, role));
  if (permissions.length) await q.insert(rolePermissions).values(permissions.map((permission) => ({ role, permission })));
}

// Sessions

export async function insertSession(q: Queryable, values: typeof sessions.$inferInsert): Promise<void> {
  await q.insert(sessions).values(values);
}

export async function touchSession(q: Queryable, id: string, now: Date, address: string | null): Promise<void> {
  await q.update(sessions).set({ lastSeenAt: now, address }).where(eq(sessions.id, id));
}

export async function revokeSession(q: Queryable, id: string, now: Date): Promise<void> {
  await q.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, id));
}

/** Ends the user's live sessions, all of them or all but `keepId`. */
export async function revokeSessionsOfUser(q: Queryable, userId: string, now: Date, keepId?: string): Promise<void> {
  const where = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keepId !== undefined) where.push(ne(sessions.id, keepId));
  await q.update(sessions).set({ revokedAt: now }).where(and(...where));
}

// API tokens

export async function insertToken(q: Queryable, values: typeof apiTokens.$inferInsert): Promise<TokenRow> {
  const [row] = await q.insert(apiTokens).values(values).returning();
  return row;
}

export async function tokensOfUser(q: Queryable, userId: string): Promise<TokenRow[]> {
  return q.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(apiTokens.createdAt);
}

/** The token, its row held to the end of the transaction. */
export async function tokenForUpdate(q: Queryable, id: string): Promise<TokenRow | undefined> {
  const [row] = await q.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update');
  return row;
}

export async function revokeToken(q: Queryable, id: string, now: Date): Promise<TokenRow> {
  const [row] = await q.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id)).returning();
  return row;
}

export async function touchToken(q: Queryable, id: string, now: Date): Promise<void> {
  await q.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

// Portal

/** Ends the phone's live codes; hold `lockCodesOfPhone` first. */
export async function retireCodesOfPhone(q: Queryable, phone: string, now: Date): Promise<void> {
  await q.update(customerAccessCodes).set({ consumedAt: now }).where(and(eq(customerAccessCodes.phone, phone), isNull(customerAccessCodes.consumedAt)));
}

export async function insertCode(q: Queryable, values: typeof customerAccessCodes.$inferInsert): Promise<void> {
  await q.insert(customerAccessCodes).values(values);
}

/** True for the one request that consumes the code, however many arrive together. */
export async function consumeCode(q: Queryable, id: string, now: Date): Promise<boolean> {
  const [taken] = await q
    .update(customerAccessCodes)
    .set({ consumedAt: now })
    .where(and(eq(customerAccessCodes.id, id), isNull(customerAccessCodes.consumedAt)))
    .returning({ id: customerAccessCodes.id });
  return taken !== undefined;
}

/** True the first time a link is redeemed; false every time after. */
export async function redeemLinkOnce(q: Queryable, values: typeof customerLinkRedemptions.$inferInsert): Promise<boolean> {
  const [first] = await q.insert(customerLinkRedemptions).values(values).onConflictDoNothing().returning({ at: customerLinkRedemptions.redeemedAt });
  return first !== undefined;
}

// Invitations

/** The login that belongs to a technician record, if any. */
export async function userOfTechnician(q: Queryable, technicianId: string): Promise<UserRow | undefined> {
  const [row] = await q.select().from(users).where(eq(users.technicianId, technicianId)).limit(1);
  return row;
}

/** A new invitation replaces the ones before it: only the latest SMS works. */
export async function replaceInvitation(q: Queryable, values: typeof userInvitations.$inferInsert): Promise<void> {
  await q.update(userInvitations).set({ consumedAt: values.createdAt }).where(and(eq(userInvitations.userId, values.userId), isNull(userInvitations.consumedAt)));
  await q.insert(userInvitations).values(values);
}

/** Consumes a live invitation in one statement, so two requests with the same token cannot both succeed. */
export async function consumeInvitation(q: Queryable, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await q
    .update(userInvitations)
    .set({ consumedAt: now })
    .where(and(eq(userInvitations.tokenHash, tokenHash), isNull(userInvitations.consumedAt), gt(userInvitations.expiresAt, now)))
    .returning({ userId: userInvitations.userId });
  return row?.userId;
}

export async function activateWithPassword(q: Queryable, userId: string, passwordHash: string, now: Date): Promise<UserRow | undefined> {
  const [row] = await q.update(users).set({ passwordHash, active: true, failedSignIns: 0, lockedUntil: null, updatedAt: now }).where(eq(users.id, userId)).returning();
  return row;
}

/** The installation's signing key: the one stored, or `candidate` stored now if none was (the first copy wins). */
export async function installationSecretOr(q: Queryable, candidate: string, now: Date): Promise<string> {
  await q.insert(installationSecret).values({ id: 1, secret: candidate, createdAt: now }).onConflictDoNothing();
  const [row] = await q.select().from(installationSecret).where(eq(installationSecret.id, 1));
  return row.secret;
}
