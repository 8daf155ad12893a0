import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, boolean, timestamp, integer, jsonb, index, uniqueIndex, primaryKey, check } from 'drizzle-orm/pg-core';
import { providers, technicians } from '../network/network.tables.js';
import { customers } from '../customers/customers.tables.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** The name English readers see; none: the display name as it is. */
    displayNameEn: text('display_name_en'),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    /** null: headquarters, sees every provider's work. */
    providerId: uuid('provider_id').references(() => providers.id),
    technicianId: uuid('technician_id').references(() => technicians.id),
    active: boolean('active').notNull().default(true),
    /** Consecutive failures since the last successful sign-in; drives the lock schedule. */
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

/** Seeded from defaultRolePermissions; a company edits rows here rather than code. */
export const rolePermissions = pgTable('role_permissions', { role: text('role').notNull(), permission: text('permission').notNull() }, (t) => [
  primaryKey({ columns: [t.role, t.permission] }),
]);

/** The secret itself is never stored: a stolen table does not let anyone in. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id').references(() => users.id),
    customerId: uuid('customer_id').references(() => customers.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The absolute end; the idle end is last_seen_at plus the configured idle time. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The address last seen using the session; the sign-in address is in audit_log. */
    address: text('address'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    index('sessions_customer_idx').on(t.customerId),
    check('sessions_one_owner', sql`(${t.userId} is null) <> (${t.customerId} is null)`),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Narrows the user's permissions; the user's role still bounds what the token can do. */
    permissions: jsonb('permissions').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

export const customerAccessCodes = pgTable(
  'customer_access_codes',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    /** sha256 of "<id>:<code>", so equal codes of two rows hash apart. */
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('customer_access_codes_phone_idx').on(t.phone, t.createdAt)],
);

/**
 * Signed portal links are stateless (HMAC over customer id, expiry and a nonce); a link is
 * single use because redeeming inserts its hash here, and a second insert finds it taken.
 */
export const customerLinkRedemptions = pgTable('customer_link_redemptions', {
  tokenHash: text('token_hash').primaryKey(),
  customerId: uuid('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' }),
  /** After this the signature refuses the link anyway, so the row can be pruned. */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  redeemedAt: timestamp('redeemed_at', { withTimezone: true }).notNull(),
});

/**
 * A one-time invitation to set a password (a technician's first login, sent by SMS). Only the
 * token's hash is kept; accepting consumes it, once, before its expiry.
 */
export const userInvitations = pgTable(
  'user_invitations',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('user_invitations_token_uq').on(t.tokenHash), index('user_invitations_user_idx').on(t.userId)],
);

/** Shared by every server copy: a limit holds however many copies answer requests. */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limit_counters_window_idx').on(t.windowStart)],
);

/**
 * The key that signs links (portal, quotes, surveys) when AFTERCARE_SECRET is not set: made once
 * by whichever server copy starts first and read by every other, so a link one copy signed opens
 * on all of them.
 */
export const installationSecret = pgTable('installation_secret', {
  id: integer('id').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [check('installation_secret_one_row', sql`${t.id} = 1`)]);
