import { createHmac, randomInt } from 'node:crypto';
import { newId } from '../../shared/ids.js';
import { notFound } from '../../shared/errors.js';
import { isPlausiblePhone, normalizePhone } from '../../shared/phone.js';
import { enqueueMessage } from '../notifications/index.js';
import { customerExists, customersWithPhone } from '../customers/index.js';
import { requirePermission, accessErrors, type Caller } from '../../kernel/scopes.js';
import * as repo from './access.repo.js';
import { accessFailures } from './access.errors.js';
import { customerPrincipal, sameText, secret, sha256, type AccessKit, type NewSession } from './access.kit.js';

export type AccessPortalDeps = Pick<AccessKit, 'db' | 'clock' | 'limits' | 'audit' | 'recordAnonymous' | 'enforce' | 'startSession'> & {
  /** Signs one-time links; the same on every server copy. */
  linkKey: string;
};

/** The customer portal's ways in: codes by SMS, one-time links, and the sessions they start. */
export function createAccessPortal(deps: AccessPortalDeps) {
  const { db, clock, limits, audit, recordAnonymous, enforce, startSession, linkKey } = deps;

  function requireStaff(caller: Caller) {
    if (caller.principal.kind !== 'staff' && caller.principal.kind !== 'system') throw accessErrors.forbidden('users.manage');
  }

  function signLink(payload: string): string {
    return createHmac('sha256', linkKey).update(payload).digest('base64url');
  }

  return {
    /**
     * Sends a code by SMS (through the outbox) to each customer with this phone; the answer is the
     * same whether or not anyone has it. Each customer gets a different code, and the code names the customer.
     */
    async requestCustomerCode(phoneRaw: string, address: string | null): Promise<{ accepted: true; expiresInSeconds: number; message: string }> {
      const phone = normalizePhone(phoneRaw);
      const answer = { accepted: true as const, expiresInSeconds: limits.codeTtlSeconds, message: 'If this number is registered, a code is on its way / 如该号码已登记，验证码将以短信发送' };
      if (!isPlausiblePhone(phone)) return answer;
      if (address) await enforce(`portal-addr:${address}`, limits.rate.portalPerAddress);
      // Counted per phone whether known or not, so the 429 says nothing about the number either.
      await enforce(`portal-code:${phone}`, limits.rate.codesPerPhone);
      const owners = await customersWithPhone(db, phone);
      if (owners.length === 0) {
        await recordAnonymous(db, `phone:${phone.slice(-4)}`, address, 'portal_code_requested', 'refused', null, { reason: 'unknown_phone' });
        return answer;
      }
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + limits.codeTtlSeconds * 1000);
      const used = new Set<string>();
      await db.transaction(async (tx) => {
        // A new code replaces the ones before it: only the latest SMS works.
        await repo.lockCodesOfPhone(tx, phone);
        await repo.retireCodesOfPhone(tx, phone, now);
        for (const owner of owners) {
          let code: string;
          do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
          while (used.has(code));
          used.add(code);
          const id = newId();
          await repo.insertCode(tx, { id, customerId: owner.id, phone, codeHash: sha256(`${id}:${code}`), createdAt: now, expiresAt });
          const minutes = Math.round(limits.codeTtlSeconds / 60);
          await enqueueMessage(tx, clock, {
            channel: 'sms',
            recipient: phone,
            template: 'portal_code',
            bodyZh: `【售后服务】${owner.name}，您的登录验证码为 ${code}，${minutes} 分钟内有效。请勿告诉他人。`,
            bodyEn: `Aftercare: ${owner.name}, your sign-in code is ${code}. It is valid for ${minutes} minutes. Do not share it.`,
            subject: { kind: 'customer', id: owner.id },
          });
          await recordAnonymous(tx, `phone:${phone.slice(-4)}`, address, 'portal_code_requested', 'ok', { kind: 'customer', id: owner.id });
        }
      });
      return answer;
    },

    async verifyCustomerCode(phoneRaw: string, code: string, address: string | null): Promise<NewSession & { customerId: string }> {
      const phone = normalizePhone(phoneRaw);
      if (address) await enforce(`portal-addr:${address}`, limits.rate.portalPerAddress);
      const now = clock.now();
      // The attempt is taken before the code is compared: guesses sent together cannot all be
      // compared with a code whose count has not been written yet.
      const candidates = await repo.claimCodeAttempts(db, phone, now, limits.codeMaxAttempts);
      const match = candidates.find((c) => sameText(c.codeHash, sha256(`${c.id}:${code}`)));
      if (!match) {
        await recordAnonymous(db, `phone:${phone.slice(-4)}`, address, 'portal_sign_in_failed', 'refused', null, { reason: candidates.length ? 'wrong_code' : 'no_live_code' });
        throw accessFailures.codeInvalid();
      }
      return db.transaction(async (tx) => {
        // Only one request can consume the code, however many arrive together.
        if (!(await repo.consumeCode(tx, match.id, now))) throw accessFailures.codeInvalid();
        const session = await startSession(tx, { customerId: match.customerId }, address, limits.customerSession);
        await audit(tx, { caller: { principal: customerPrincipal(match.customerId), address }, action: 'portal_sign_in', subjectKind: 'customer', subjectId: match.customerId, details: { via: 'code' } });
        return { ...session, customerId: match.customerId };
      });
    },

    /** A signed link that signs the customer in once, e.g. sent with an appointment SMS. */
    async customerLink(caller: Caller, customerId: string, ttlSeconds: number): Promise<{ token: string; expiresAt: string }> {
      requirePermission(caller.principal, 'customers.write');
      requireStaff(caller);
      if (!(await customerExists(db, customerId))) throw notFound('customer', customerId);
      const expires = Math.floor(clock.now().getTime() / 1000) + ttlSeconds;
      const payload = Buffer.from(JSON.stringify({ c: customerId, e: expires, n: secret(9) })).toString('base64url');
      await audit(db, { caller, action: 'customer_link_created', subjectKind: 'customer', subjectId: customerId, details: { expiresAt: new Date(expires * 1000).toISOString() } });
      return { token: `${payload}.${signLink(payload)}`, expiresAt: new Date(expires * 1000).toISOString() };
    },

    async redeemCustomerLink(token: string, address: string | null): Promise<NewSession & { customerId: string }> {
      if (address) await enforce(`portal-addr:${address}`, limits.rate.portalPerAddress);
      const [payload, signature] = token.split('.');
      if (!payload || !signature || !sameText(signature, signLink(payload))) throw accessFailures.linkInvalid();
      let claim: { c: string; e: number };
      try {
        claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw accessFailures.linkInvalid();
      }
      const now = clock.now();
      if (typeof claim.e !== 'number' || claim.e * 1000 <= now.getTime() || typeof claim.c !== 'string') throw accessFailures.linkInvalid();
      return db.transaction(async (tx) => {
        const first = await repo.redeemLinkOnce(tx, { tokenHash: sha256(token), customerId: claim.c, expiresAt: new Date(claim.e * 1000), redeemedAt: now });
        if (!first) throw accessFailures.linkInvalid();
        const session = await startSession(tx, { customerId: claim.c }, address, limits.customerSession);
        await audit(tx, { caller: { principal: customerPrincipal(claim.c), address }, action: 'portal_sign_in', subjectKind: 'customer', subjectId: claim.c, details: { via: 'link' } });
        return { ...session, customerId: claim.c };
      });
    },
  };
}
