import { z } from '@hono/zod-openapi';
import { isoDateTime } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { permissions, roles } from '../../kernel/permissions.js';

export const userView = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    displayNameEn: z.string().nullable(),
    role: z.enum(roles),
    providerId: z.string().nullable(),
    technicianId: z.string().nullable(),
    active: z.boolean(),
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('User');
export type UserView = z.infer<typeof userView>;

export const signInRequest = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }).openapi('SignIn');
export const signInResponse = z
  .object({ user: userView, csrfToken: z.string().openapi({ description: 'Send it as the x-csrf-token header on every write made with the session cookie' }), expiresAt: z.string() })
  .openapi('SignedIn');

export const meResponse = z
  .object({
    kind: z.enum(['staff', 'customer', 'system']),
    user: userView.nullable(),
    customerId: z.string().nullable(),
    via: z.enum(['session', 'token']).nullable(),
    permissions: z.array(z.string()),
    csrfToken: z.string().nullable(),
  })
  .openapi('Me');

export const createUserRequest = z
  .object({
    username: z.string().trim().toLowerCase().min(2).max(40),
    displayName: z.string().trim().min(1).max(100),
    displayNameEn: z.string().trim().min(1).max(100).nullish().openapi({ description: 'the name English readers see; none: displayName as it is' }),
    password: z.string().min(1).max(200),
    role: z.enum(roles),
    providerId: z.string().uuid().nullish(),
    technicianId: z.string().uuid().nullish(),
  })
  .openapi('CreateUser');
export type CreateUserInput = z.infer<typeof createUserRequest>;

export const userListQuery = pageQuery.extend({ q: z.string().trim().min(1).max(100).optional(), role: z.enum(roles).optional() });

export const createTokenRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    permissions: z.array(z.enum(permissions)).min(1).max(permissions.length),
    expiresAt: isoDateTime.nullish(),
    /** Defaults to the signed-in user; another user's token needs users.manage. */
    userId: z.string().uuid().optional(),
  })
  .openapi('CreateToken');
export type CreateTokenInput = z.infer<typeof createTokenRequest>;

export const tokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    userId: z.string(),
    permissions: z.array(z.string()),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiToken');
export type TokenView = z.infer<typeof tokenView>;
export const tokenCreated = tokenView.extend({ token: z.string().openapi({ description: 'Shown this once; only its hash is kept / 仅显示一次' }) }).openapi('ApiTokenCreated');
export const tokenListQuery = z.object({ userId: z.string().uuid().optional() });

export const portalCodeRequest = z.object({ phone: z.string().trim().min(5).max(32) }).openapi('PortalCodeRequest');
export const portalCodeResponse = z
  .object({ accepted: z.literal(true), expiresInSeconds: z.number().int(), message: z.string() })
  .openapi({ description: 'The same answer whether or not the phone is known' });
export const portalSignInRequest = z.object({ phone: z.string().trim().min(5).max(32), code: z.string().trim().regex(/^\d{6}$/, 'six digits') }).openapi('PortalSignIn');
export const portalSession = z.object({ customerId: z.string(), csrfToken: z.string(), expiresAt: z.string() }).openapi('PortalSession');
export const customerLinkRequest = z
  .object({ customerId: z.string().uuid(), ttlSeconds: z.number().int().min(60).max(7 * 24 * 3600).default(24 * 3600) })
  .openapi('CustomerLinkRequest');
export const customerLinkResponse = z.object({ token: z.string(), expiresAt: z.string() }).openapi('CustomerLink');
export const redeemLinkRequest = z.object({ token: z.string().min(10).max(1000) }).openapi('RedeemCustomerLink');

export const auditQuery = pageQuery.extend({
  actorId: z.string().max(100).optional(),
  actorKind: z.enum(['staff', 'customer', 'token', 'system', 'anonymous']).optional(),
  action: z.string().max(60).optional(),
  subjectKind: z.string().max(60).optional(),
  subjectId: z.string().max(100).optional(),
  outcome: z.enum(['ok', 'refused']).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryView = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorKind: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    address: z.string().nullable(),
    action: z.string(),
    subjectKind: z.string().nullable(),
    subjectId: z.string().nullable(),
    outcome: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

// A signed-in customer asking who they are; and the ways into the portal.
export const customerMeView = z
  .strictObject({ kind: z.literal('customer'), user: z.null(), customerId: z.string(), via: z.null(), permissions: z.array(z.string()), csrfToken: z.string().nullable() })
  .openapi('CustomerMe');
export function toCustomerMe(m: z.infer<typeof meResponse>): z.infer<typeof customerMeView> {
  return { kind: 'customer', user: null, customerId: m.customerId ?? '', via: null, permissions: [...m.permissions], csrfToken: m.csrfToken };
}
export const customerPortalSession = z.strictObject({ customerId: z.string(), csrfToken: z.string(), expiresAt: z.string() }).openapi('CustomerPortalSession');
export function toCustomerPortalSession(s: z.infer<typeof portalSession>): z.infer<typeof customerPortalSession> {
  return { customerId: s.customerId, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
}
export const customerPortalCode = z.strictObject({ accepted: z.literal(true), expiresInSeconds: z.number().int(), message: z.string() }).openapi('CustomerPortalCode');
export function toCustomerPortalCode(r: z.infer<typeof portalCodeResponse>): z.infer<typeof customerPortalCode> {
  return { accepted: r.accepted, expiresInSeconds: r.expiresInSeconds, message: r.message };
}

export const inviteTechnicianRequest = z
  .object({ username: z.string().trim().min(2).max(40).optional().openapi({ description: 'for a new login; defaults to "t" and the digits of the technician\'s phone' }) })
  .openapi('InviteTechnician');
export const invitationView = z
  .object({
    userId: z.string(), username: z.string(), created: z.boolean().openapi({ description: 'false: the technician had a login; a new invitation replaces the last' }),
    sentTo: z.string().openapi({ description: 'the masked phone the SMS goes to' }), expiresAt: z.string(),
  })
  .openapi('TechnicianInvitation');
export const acceptInvitationRequest = z.object({ token: z.string().trim().min(10).max(200), password: z.string().min(1).max(200) }).openapi('AcceptInvitation');
export const invitationAccepted = z.object({ username: z.string() }).openapi('InvitationAccepted');
