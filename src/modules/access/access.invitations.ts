// A technician's login, given by their provider's admin: an account tied to the technician record
// and a one-time invitation by SMS (through the outbox) to set its password. Until the technician
// accepts, the account's password is a random secret nobody knows, so it cannot be signed in to.
import argon2 from 'argon2';
import { newId } from '../../shared/ids.js';
import { AppError, notFound } from '../../shared/errors.js';
import { maskPhone } from '../../shared/phone.js';
import { providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { enqueueMessage } from '../notifications/index.js';
import { findTechnician } from '../network/index.js';
import { passwordProblem, usernamePattern } from './access.policy.js';
import * as repo from './access.repo.js';
import { accessFailures } from './access.errors.js';
import { secret, sha256, type AccessKit } from './access.kit.js';

export type AccessInvitationsDeps = Pick<AccessKit, 'db' | 'clock' | 'audit' | 'hashOptions' | 'enforce' | 'recordAnonymous' | 'limits'> & {
  /** Where the console is reached from a phone, for the link in the SMS. */
  publicUrl: string;
};

/** How long an invitation stays good. */
export const invitationTtlHours = 72;

const invitationFailed = () => new AppError('invitation_invalid', 401, 'The invitation is invalid, expired or already used; ask your provider for a new one / 邀请无效、已过期或已使用，请联系服务商重新邀请', []);
const usernameHeld = (username: string) =>
  new AppError('username_taken', 409, `Username ${username} is taken; choose another / 用户名 ${username} 已被占用，请另选`, [{ path: 'username', message: 'already taken', zh: '已被占用' }]);

/** The username a technician gets when none is given: "t" and the digits of their phone. */
export function defaultTechnicianUsername(phone: string): string {
  return `t${phone.replace(/\D/g, '').slice(-11)}`;
}

export function createAccessInvitations(deps: AccessInvitationsDeps) {
  const { db, clock, audit, hashOptions, enforce, recordAnonymous, limits, publicUrl } = deps;

  return {
    /**
     * Gives a technician a login (or a new invitation for the one they have): the SMS carries a
     * one-time link to set the password. The answer never carries the link itself.
     */
    async inviteTechnician(caller: Caller, technicianId: string, input: { username?: string | null }) {
      requirePermission(caller.principal, 'network.write');
      const scope = providerScope(caller.principal);
      return db.transaction(async (tx) => {
        const tech = await findTechnician(tx, technicianId);
        // Another provider's technician does not exist for this caller.
        if (!tech || (scope.kind !== 'all' && !(scope.kind === 'provider' && scope.providerId === tech.providerId))) throw notFound('technician', technicianId);
        const now = clock.now();
        let user = await repo.userOfTechnician(tx, tech.id);
        const created = !user;
        if (!user) {
          const username = (input.username ?? defaultTechnicianUsername(tech.phone)).trim().toLowerCase();
          if (!usernamePattern.test(username)) throw accessFailures.badUsername();
          user = await repo.insertUserUnlessTaken(tx, {
            id: newId(), username, displayName: tech.name, displayNameEn: tech.nameEn, passwordHash: await argon2.hash(secret(), hashOptions), role: 'technician',
            providerId: tech.providerId, technicianId: tech.id, createdAt: now, updatedAt: now,
          });
          if (!user) throw usernameHeld(username);
        }
        const token = secret(24);
        const expiresAt = new Date(now.getTime() + invitationTtlHours * 3600_000);
        await repo.replaceInvitation(tx, { id: newId(), userId: user.id, tokenHash: sha256(token), createdAt: now, expiresAt });
        // In the fragment: browsers do not send it to the server, so it stays out of access logs.
        const link = `${publicUrl.replace(/\/$/, '')}/invitation#${token}`;
        await enqueueMessage(tx, clock, {
          channel: 'sms',
          recipient: tech.phone,
          template: 'technician_invitation',
          bodyZh: `【售后服务】${tech.name}，您的师傅账号为 ${user.username}。请在 ${invitationTtlHours} 小时内打开 ${link} 设置密码（仅可使用一次）。`,
          bodyEn: `Aftercare: ${tech.name}, your technician login is ${user.username}. Open ${link} within ${invitationTtlHours} hours to set your password (it works once).`,
          subject: { kind: 'technician', id: tech.id },
        });
        await audit(tx, { caller, action: 'technician_invited', subjectKind: 'user', subjectId: user.id, details: { technicianId: tech.id, username: user.username, created } });
        return { userId: user.id, username: user.username, created, sentTo: maskPhone(tech.phone), expiresAt: expiresAt.toISOString() };
      });
    },

    /** Sets the password of an invited account; the invitation works once. */
    async acceptInvitation(token: string, password: string, address: string | null) {
      if (address) await enforce(`invitation-addr:${address}`, limits.rate.portalPerAddress);
      const now = clock.now();
      const accepted = await db.transaction(async (tx) => {
        const userId = await repo.consumeInvitation(tx, sha256(token), now);
        if (!userId) return null;
        const user = (await repo.userById(tx, userId))!;
        // A password refused here rolls the consumption back: the link still works for a better one.
        const problem = passwordProblem(password, user.username);
        if (problem) throw accessFailures.badPassword(problem);
        await repo.activateWithPassword(tx, userId, await argon2.hash(password, hashOptions), now);
        await audit(tx, { caller: { principal: { kind: 'system', name: 'invitation' }, address }, action: 'invitation_accepted', subjectKind: 'user', subjectId: userId, details: { username: user.username } });
        return { username: user.username };
      });
      if (!accepted) {
        await recordAnonymous(db, 'invitation', address, 'invitation_refused', 'refused', null);
        throw invitationFailed();
      }
      return accepted;
    },
  };
}
