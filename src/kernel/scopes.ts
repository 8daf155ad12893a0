// The kernel: the caller, which records a principal may see, and the permission gate. Pure: no I/O.
import { AppError } from '../shared/errors.js';
import { can, type Permission, type Principal } from './permissions.js';

/** Who is calling, from where: every service function takes one. */
export type Caller = { principal: Principal; address: string | null };

/** The name history rows and audit rows record. */
export function actorName(p: Principal): string {
  if (p.kind === 'staff') return p.via === 'token' ? `token:${p.tokenId}:${p.username}` : `user:${p.username}`;
  if (p.kind === 'customer') return `customer:${p.customerId}`;
  return `system:${p.name}`;
}

/** Which work orders a principal may see; everything else about customers follows from it. */
export type OrderScope =
  | { kind: 'all' }
  | { kind: 'provider'; providerId: string }
  | { kind: 'technician'; technicianId: string }
  | { kind: 'customer'; customerId: string }
  | { kind: 'none' };

export function orderScope(p: Principal): OrderScope {
  if (p.kind === 'system') return { kind: 'all' };
  if (p.kind === 'customer') return { kind: 'customer', customerId: p.customerId };
  if (p.role === 'technician') return p.technicianId ? { kind: 'technician', technicianId: p.technicianId } : { kind: 'none' };
  if (p.providerId) return { kind: 'provider', providerId: p.providerId };
  return { kind: 'all' };
}

/** Which providers' records (the provider, its technicians) a principal may see. */
export type ProviderScope = { kind: 'all' } | { kind: 'provider'; providerId: string } | { kind: 'technician'; technicianId: string; providerId: string | null } | { kind: 'none' };

export function providerScope(p: Principal): ProviderScope {
  if (p.kind === 'system') return { kind: 'all' };
  if (p.kind === 'customer') return { kind: 'none' };
  if (p.role === 'technician') return p.technicianId ? { kind: 'technician', technicianId: p.technicianId, providerId: p.providerId } : { kind: 'none' };
  if (p.providerId) return { kind: 'provider', providerId: p.providerId };
  return { kind: 'all' };
}

export const accessErrors = {
  forbidden: (permission: Permission) =>
    new AppError('forbidden', 403, `You may not do this (needs ${permission}) / 无此操作权限`, { permission }),
  unauthenticated: () => new AppError('unauthenticated', 401, 'Sign in first / 请先登录', []),
};

/** Throws 403 unless the principal holds the permission. */
export function requirePermission(p: Principal, permission: Permission): void {
  if (!can(p, permission)) throw accessErrors.forbidden(permission);
}
