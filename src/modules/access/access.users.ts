import argon2 from 'argon2';
import type { Queryable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { notFound } from '../../shared/errors.js';
import type { Page } from '../../shared/paging.js';
import { findTechnician, providerExists } from '../network/index.js';
import { roles, type Permission, type Role } from '../../kernel/permissions.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';
import { passwordProblem, usernamePattern } from './access.policy.js';
import * as repo from './access.repo.js';
import { accessFailures } from './access.errors.js';
import { sha256, userView, type AccessKit } from './access.kit.js';
import type { CreateUserInput, UserView } from './access.contract.js';

export const demoPassword = 'aftercare-demo';

export type AccessUsersDeps = Pick<AccessKit, 'db' | 'clock' | 'audit' | 'hashOptions'> & {
  /** Changes to users and roles reach tokens read a moment ago at once. */
  forgetTokens: () => void;
};

/** Users, their passwords and roles, locks. */
export function createAccessUsers(deps: AccessUsersDeps) {
  const { db, clock, audit, hashOptions, forgetTokens } = deps;

  async function createUserRow(q: Queryable, input: CreateUserInput): Promise<repo.UserRow> {
    const username = input.username.trim().toLowerCase();
    if (!usernamePattern.test(username)) throw accessFailures.badUsername();
    if (!(roles as readonly string[]).includes(input.role)) throw accessFailures.badReference('role', 'unknown role');
    const problem = passwordProblem(input.password, username);
    if (problem) throw accessFailures.badPassword(problem);
    let providerId = input.providerId ?? null;
    const technicianId = input.technicianId ?? null;
    if (input.role === 'technician' && !technicianId) throw accessFailures.badReference('technicianId', 'a technician user names the technician record / 师傅账号须关联师傅档案');
    if (input.role !== 'technician' && technicianId) throw accessFailures.badReference('technicianId', 'only technician users name a technician / 仅师傅账号可关联师傅档案');
    if (input.role === 'provider_admin' && !providerId) throw accessFailures.badReference('providerId', 'a provider admin belongs to a provider / 服务商管理员须属于某服务商');
    if (technicianId) {
      const t = await findTechnician(q, technicianId);
      if (!t) throw accessFailures.badReference('technicianId', 'no such technician / 师傅不存在');
      if (providerId && providerId !== t.providerId) throw accessFailures.badReference('providerId', "not the technician's provider / 与师傅所属服务商不符");
      providerId = t.providerId;
    } else if (providerId) {
      if (!(await providerExists(q, providerId))) throw accessFailures.badReference('providerId', 'no such provider / 服务商不存在');
    }
    const passwordHash = await argon2.hash(input.password, hashOptions);
    const now = clock.now();
    const row = await repo.insertUserUnlessTaken(q, { id: newId(), username, displayName: input.displayName.trim(), displayNameEn: input.displayNameEn ?? null, passwordHash, role: input.role, providerId, technicianId, createdAt: now, updatedAt: now });
    if (!row) throw accessFailures.usernameTaken(username);
    return row;
  }

  return {
    async createUser(caller: Caller, input: CreateUserInput): Promise<UserView> {
      requirePermission(caller.principal, 'users.manage');
      return db.transaction(async (tx) => {
        const row = await createUserRow(tx, input);
        await audit(tx, { caller, action: 'user_created', subjectKind: 'user', subjectId: row.id, details: { username: row.username, role: row.role, providerId: row.providerId } });
        return userView(row);
      });
    },

    async listUsers(caller: Caller, s: { limit: number; offset: number; q?: string; role?: string }): Promise<Page<UserView>> {
      requirePermission(caller.principal, 'users.manage');
      const { rows, total } = await repo.listUsers(db, s);
      return { items: rows.map(userView), total, limit: s.limit, offset: s.offset };
    },

    async getUser(caller: Caller, id: string): Promise<UserView> {
      const own = caller.principal.kind === 'staff' && caller.principal.userId === id;
      if (!own) requirePermission(caller.principal, 'users.manage');
      const row = await repo.userById(db, id);
      if (!row) throw notFound('user', id);
      return userView(row);
    },

    /** Ends every session at once; tokens stop working too because they check the user is active. */
    async deactivateUser(caller: Caller, id: string): Promise<UserView> {
      requirePermission(caller.principal, 'users.manage');
      if (caller.principal.kind === 'staff' && caller.principal.userId === id) throw accessFailures.selfDeactivation();
      return db.transaction(async (tx) => {
        const now = clock.now();
        const row = await repo.deactivateUser(tx, id, now);
        if (!row) throw notFound('user', id);
        await repo.revokeSessionsOfUser(tx, id, now);
        forgetTokens();
        await audit(tx, { caller, action: 'user_deactivated', subjectKind: 'user', subjectId: id });
        return userView(row);
      });
    },

    /**
     * A signed-in user changes their own password: the current one proves it is them, and every
     * other session of theirs ends (a stolen cookie stops working).
     */
    async changePassword(caller: Caller, currentSessionSecret: string | undefined, currentPassword: string, newPassword: string): Promise<void> {
      const p = caller.principal;
      if (p.kind !== 'staff' || p.via !== 'session') throw accessFailures.sessionRequired();
      const user = await repo.userById(db, p.userId);
      if (!user || !(await argon2.verify(user.passwordHash, currentPassword))) {
        throw accessFailures.wrongCurrentPassword();
      }
      const problem = passwordProblem(newPassword, user.username);
      if (problem) throw accessFailures.badNewPassword(problem);
      const passwordHash = await argon2.hash(newPassword, hashOptions);
      const keep = currentSessionSecret ? sha256(currentSessionSecret) : '';
      await db.transaction(async (tx) => {
        const now = clock.now();
        await repo.setPasswordHash(tx, user.id, passwordHash, now);
        await repo.revokeSessionsOfUser(tx, user.id, now, keep);
        await audit(tx, { caller, action: 'password_changed', subjectKind: 'user', subjectId: user.id });
      });
    },

    /** Each role with its permissions, as stored: the defaults until an administrator changes them. */
    async rolePermissions(caller: Caller) {
      requirePermission(caller.principal, 'users.manage');
      const rows = await repo.allRolePermissions(db);
      return roles.map((role) => ({ role, permissions: rows.filter((r) => r.role === role).map((r) => r.permission).sort() }));
    },

    /** Replaces a role's permissions; takes effect on the next request of every user with it. */
    async setRolePermissions(caller: Caller, role: Role, granted: Permission[]) {
      requirePermission(caller.principal, 'users.manage');
      if (role === 'admin' && !granted.includes('users.manage')) throw accessFailures.adminKeepsUsersManage();
      const unique = [...new Set(granted)].sort();
      await db.transaction(async (tx) => {
        const before = (await repo.permissionsOfRole(tx, role)).sort();
        await repo.replaceRolePermissions(tx, role, unique);
        forgetTokens();
        await audit(tx, { caller, action: 'role_permissions_changed', subjectKind: 'role', subjectId: role, details: { before, after: unique } });
      });
      return { role, permissions: unique };
    },

    /** Clears a lock before it passes, e.g. after the user has called the service desk. */
    async unlockUser(caller: Caller, id: string): Promise<UserView> {
      requirePermission(caller.principal, 'users.manage');
      return db.transaction(async (tx) => {
        const row = await repo.unlockUser(tx, id, clock.now());
        if (!row) throw notFound('user', id);
        await audit(tx, { caller, action: 'user_unlocked', subjectKind: 'user', subjectId: id });
        return userView(row);
      });
    },


    /**
     * One user per role for the demo, all with the password `aftercare-demo`; users that already
     * exist are left as they are. provider2 is a provider admin of the second provider, to show scopes.
     */
    /**
     * The demo's users: one per role, and (with `everyTechnician`) a login for every other
     * technician too, all with the demo password — so any suggestion can be followed end to end.
     */
    async seedDemoUsers(demo: { providerIds: string[]; technicianIds: { providerId: string; technicianId: string }[]; everyTechnician?: { technicianId: string; providerId: string; username: string; displayName: string; displayNameEn: string | null }[] }) {
      const firstProvider = demo.providerIds[0] ?? null;
      const tech = demo.technicianIds.find((t) => t.providerId === firstProvider) ?? demo.technicianIds[0];
      const plan: { username: string; displayName: string; displayNameEn: string; role: Role; providerId: string | null; technicianId: string | null }[] = [
        { username: 'agent', displayName: '客服 小李', displayNameEn: 'Agent Li', role: 'agent', providerId: null, technicianId: null },
        { username: 'dispatcher', displayName: '派单员 老周', displayNameEn: 'Dispatcher Zhou', role: 'dispatcher', providerId: null, technicianId: null },
        { username: 'followup', displayName: '回访员 小陈', displayNameEn: 'Follow-up Chen', role: 'follow_up', providerId: null, technicianId: null },
        { username: 'manager', displayName: '经理 王总', displayNameEn: 'Manager Wang', role: 'manager', providerId: null, technicianId: null },
        { username: 'admin', displayName: '系统管理员', displayNameEn: 'Administrator', role: 'admin', providerId: null, technicianId: null },
      ];
      if (firstProvider) plan.push({ username: 'provider', displayName: '服务商管理员', displayNameEn: 'Provider admin', role: 'provider_admin', providerId: firstProvider, technicianId: null });
      if (demo.providerIds[1]) plan.push({ username: 'provider2', displayName: '服务商管理员二', displayNameEn: 'Provider admin 2', role: 'provider_admin', providerId: demo.providerIds[1], technicianId: null });
      if (tech) plan.push({ username: 'technician', displayName: '师傅', displayNameEn: 'Technician', role: 'technician', providerId: tech.providerId, technicianId: tech.technicianId });
      // The crew's second member holds no certification yet (the demo's training data): exams to take.
      const trainee = demo.technicianIds.filter((t) => t.providerId === firstProvider)[1];
      if (trainee) plan.push({ username: 'trainee', displayName: '学员师傅', displayNameEn: 'Trainee technician', role: 'technician', providerId: trainee.providerId, technicianId: trainee.technicianId });
      const out: (UserView & { password: string })[] = [];
      for (const u of plan) {
        const existing = await repo.userByUsername(db, u.username);
        const row = existing ?? (await createUserRow(db, { ...u, password: demoPassword }));
        out.push({ ...userView(row), password: demoPassword });
      }
      const withLogin = new Set(out.map((u) => u.technicianId).filter((id) => id !== null));
      const rest = (demo.everyTechnician ?? []).filter((t) => !withLogin.has(t.technicianId));
      // One hash for them all (the same password): a hundred argon2 hashes would slow the demo's load.
      const passwordHash = rest.length ? await argon2.hash(demoPassword, hashOptions) : '';
      for (const t of rest) {
        const now = clock.now();
        const row = (await repo.userByUsername(db, t.username)) ?? (await repo.insertUserUnlessTaken(db, { id: newId(), username: t.username, displayName: t.displayName, displayNameEn: t.displayNameEn, passwordHash, role: 'technician', providerId: t.providerId, technicianId: t.technicianId, createdAt: now, updatedAt: now }));
        if (row) out.push({ ...userView(row), password: demoPassword });
      }
      return out;
    },
  };
}
