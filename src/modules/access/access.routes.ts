import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createRouter } from '../../http/router.js';
import { errorResponses, errorSchema, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { AppError } from '../../shared/errors.js';
import {
  auditEntryView,
  auditQuery,
  createTokenRequest,
  createUserRequest,
  acceptInvitationRequest,
  customerLinkRequest,
  invitationAccepted,
  invitationView,
  inviteTechnicianRequest,
  customerLinkResponse,
  meResponse,
  portalCodeRequest,
  portalCodeResponse,
  portalSession,
  portalSignInRequest,
  redeemLinkRequest,
  signInRequest,
  signInResponse,
  tokenCreated,
  tokenListQuery,
  tokenView,
  userListQuery,
  userView,
} from './access.contract.js';
import { addressOf, callerOf, clearSessionCookie, sessionSecretOf, setSessionCookie, type AuthenticateOptions } from './access.middleware.js';
import type { AccessService } from './access.service.js';
import { permissions, roles } from '../../kernel/permissions.js';

const authTags = ['Access 账号与权限'];
const portalTags = ['Customer portal 客户自助'];

const limited = (description: string) => ({ content: { 'application/json': { schema: errorSchema } }, description, headers: { 'Retry-After': { schema: { type: 'integer' as const }, description: 'seconds' } } });
const signInErrors = { ...errorResponses, 423: limited('Locked after repeated failed sign-ins'), 429: limited('Too many attempts') };

/** A 423 or 429 tells the client when to come back, in the header HTTP clients understand. */
async function retryAware<T>(c: Context, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AppError && (e.status === 423 || e.status === 429) && !Array.isArray(e.details) && typeof e.details.retryAfterSeconds === 'number') {
      c.header('Retry-After', String(e.details.retryAfterSeconds));
    }
    throw e;
  }
}

export function accessRoutes(access: AccessService, options: Pick<AuthenticateOptions, 'secureCookies'> = {}) {
  const r = createRouter();
  const address = addressOf;
  const staffLife = access.limits.staffSession.absoluteSeconds;
  const customerLife = access.limits.customerSession.absoluteSeconds;

  r.openapi(
    createRoute({ method: 'post', path: '/auth/sign-in', tags: authTags, summary: 'Sign in with username and password; sets the session cookie', request: jsonBody(signInRequest), responses: { 200: jsonResponse(signInResponse, 'Signed in'), ...signInErrors } }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const s = await retryAware(c, () => access.signIn(username, password, address(c)));
      setSessionCookie(c, s.sessionSecret, staffLife, options.secureCookies);
      return c.json({ user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt }, 200);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/auth/sign-out', tags: authTags, summary: 'End this session', responses: { 204: { description: 'Signed out' }, ...errorResponses } }),
    async (c) => {
      const secretValue = sessionSecretOf(c);
      if (secretValue) await access.signOut(secretValue, address(c));
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/auth/me', tags: authTags, summary: 'Who is signed in, with what permissions (and the CSRF token of this session)', responses: { 200: jsonResponse(meResponse, 'The signed-in principal'), ...errorResponses } }),
    async (c) => {
      const { principal } = callerOf(c);
      const secretValue = sessionSecretOf(c);
      const session = secretValue && !c.req.header('authorization') ? await access.sessionFor(secretValue, address(c)) : null;
      const caller = callerOf(c);
      const user = principal.kind === 'staff' ? await access.getUser(caller, principal.userId) : null;
      return c.json(
        {
          kind: principal.kind,
          user,
          customerId: principal.kind === 'customer' ? principal.customerId : null,
          via: principal.kind === 'staff' ? principal.via : principal.kind === 'customer' ? ('session' as const) : null,
          permissions: principal.kind === 'system' ? [] : [...principal.permissions].sort(),
          csrfToken: session?.csrfToken ?? null,
        },
        200,
      );
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/auth/tokens', tags: authTags, summary: 'Create an API token (shown once)', request: jsonBody(createTokenRequest), responses: { 201: jsonResponse(tokenCreated, 'Created; keep the token, it is not shown again'), ...errorResponses } }),
    async (c) => c.json(await access.createToken(callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/auth/tokens', tags: authTags, summary: "A user's API tokens (never the tokens themselves)", request: { query: tokenListQuery }, responses: { 200: jsonResponse(z.object({ items: z.array(tokenView) }), 'Tokens'), ...errorResponses } }),
    async (c) => c.json({ items: await access.listTokens(callerOf(c), c.req.valid('query').userId) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/auth/tokens/{id}/revoke', tags: authTags, summary: 'Revoke an API token', request: { params: idParam }, responses: { 200: jsonResponse(tokenView, 'Revoked'), ...errorResponses } }),
    async (c) => c.json(await access.revokeToken(callerOf(c), c.req.valid('param').id), 200),
  );

  r.openapi(
    createRoute({ method: 'get', path: '/users', tags: authTags, summary: 'Users', request: { query: userListQuery }, responses: { 200: jsonResponse(pageOf(userView), 'A page of users'), ...errorResponses } }),
    async (c) => c.json(await access.listUsers(callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/users', tags: authTags, summary: 'Create a user', request: jsonBody(createUserRequest), responses: { 201: jsonResponse(userView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await access.createUser(callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/users/{id}', tags: authTags, summary: 'One user', request: { params: idParam }, responses: { 200: jsonResponse(userView, 'The user'), ...errorResponses } }),
    async (c) => c.json(await access.getUser(callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/users/{id}/deactivate', tags: authTags, summary: 'Deactivate a user and end their sessions', request: { params: idParam }, responses: { 200: jsonResponse(userView, 'Deactivated'), ...errorResponses } }),
    async (c) => c.json(await access.deactivateUser(callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/users/{id}/unlock', tags: authTags, summary: 'Clear a sign-in lock', request: { params: idParam }, responses: { 200: jsonResponse(userView, 'Unlocked'), ...errorResponses } }),
    async (c) => c.json(await access.unlockUser(callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: authTags,
      summary: 'Change your own password; your other sessions end',
      request: jsonBody(z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }).openapi('ChangePassword')),
      responses: { 204: { description: 'Changed' }, ...errorResponses },
    }),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      await access.changePassword(callerOf(c), sessionSecretOf(c), currentPassword, newPassword);
      return c.body(null, 204);
    },
  );
  const rolePermissionsView = z.object({ role: z.enum(roles), permissions: z.array(z.enum(permissions)) }).openapi('RolePermissions');
  r.openapi(
    createRoute({ method: 'get', path: '/roles', tags: authTags, summary: 'Each role with its permissions', responses: { 200: jsonResponse(z.object({ items: z.array(rolePermissionsView) }), 'Roles'), ...errorResponses } }),
    async (c) => c.json({ items: (await access.rolePermissions(callerOf(c))) as z.infer<typeof rolePermissionsView>[] }, 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/roles/{role}/permissions',
      tags: authTags,
      summary: "Replace a role's permissions (recorded in the audit log)",
      request: { params: z.object({ role: z.enum(roles) }), ...jsonBody(z.object({ permissions: z.array(z.enum(permissions)).max(permissions.length) })) },
      responses: { 200: jsonResponse(rolePermissionsView, 'The role now'), ...errorResponses },
    }),
    async (c) => c.json(await access.setRolePermissions(callerOf(c), c.req.valid('param').role, c.req.valid('json').permissions), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/audit', tags: authTags, summary: 'Search the audit log', request: { query: auditQuery }, responses: { 200: jsonResponse(pageOf(auditEntryView), 'A page of audit entries, newest first'), ...errorResponses } }),
    async (c) => c.json(await access.searchAudit(callerOf(c), c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({ method: 'post', path: '/portal/code', tags: portalTags, summary: 'Send a one-time sign-in code by SMS (same answer for unknown numbers)', request: jsonBody(portalCodeRequest), responses: { 202: jsonResponse(portalCodeResponse, 'Accepted'), ...errorResponses, 429: limited('Too many codes') } }),
    async (c) => c.json(await retryAware(c, () => access.requestCustomerCode(c.req.valid('json').phone, address(c))), 202),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/portal/sign-in', tags: portalTags, summary: 'Sign in with the phone and the code; sets the session cookie', request: jsonBody(portalSignInRequest), responses: { 200: jsonResponse(portalSession, 'Signed in'), ...errorResponses, 429: limited('Too many attempts') } }),
    async (c) => {
      const { phone, code } = c.req.valid('json');
      const s = await retryAware(c, () => access.verifyCustomerCode(phone, code, address(c)));
      setSessionCookie(c, s.sessionSecret, customerLife, options.secureCookies);
      return c.json({ customerId: s.customerId, csrfToken: s.csrfToken, expiresAt: s.expiresAt }, 200);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/portal/link', tags: portalTags, summary: 'Make a signed one-time sign-in link for a customer (needs customers.write)', request: jsonBody(customerLinkRequest), responses: { 201: jsonResponse(customerLinkResponse, 'Created'), ...errorResponses } }),
    async (c) => {
      const { customerId, ttlSeconds } = c.req.valid('json');
      return c.json(await access.customerLink(callerOf(c), customerId, ttlSeconds), 201);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/portal/link/redeem', tags: portalTags, summary: 'Sign in with a link (once); sets the session cookie', request: jsonBody(redeemLinkRequest), responses: { 200: jsonResponse(portalSession, 'Signed in'), ...errorResponses, 429: limited('Too many attempts') } }),
    async (c) => {
      const s = await retryAware(c, () => access.redeemCustomerLink(c.req.valid('json').token, address(c)));
      setSessionCookie(c, s.sessionSecret, customerLife, options.secureCookies);
      return c.json({ customerId: s.customerId, csrfToken: s.csrfToken, expiresAt: s.expiresAt }, 200);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/technicians/{id}/invitation', tags: authTags, summary: "Give a technician a login: an account tied to the record and a one-time SMS link to set its password (a provider admin: their own technicians)", request: { params: idParam, query: inviteTechnicianRequest }, responses: { 201: jsonResponse(invitationView, 'Invited'), ...errorResponses } }),
    async (c) => c.json(await access.inviteTechnician(callerOf(c), c.req.valid('param').id, c.req.valid('query')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/auth/invitation/accept', tags: authTags, summary: 'Set the password of an invited login with the token from the SMS (once)', request: jsonBody(acceptInvitationRequest), responses: { 200: jsonResponse(invitationAccepted, 'Password set; sign in with it'), ...errorResponses, 429: limited('Too many attempts') } }),
    async (c) => {
      const { token, password } = c.req.valid('json');
      return c.json(await retryAware(c, () => access.acceptInvitation(token, password, address(c))), 200);
    },
  );
  return r;
}
