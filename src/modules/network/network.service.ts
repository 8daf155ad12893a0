import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { accessErrors, providerScope, requirePermission, type Caller } from '../access/access.scope.js';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { isPlausiblePhone, normalizePhone } from '../../shared/phone.js';
import { providers, technicians } from './network.tables.js';
import type { z } from 'zod';
import type { createProviderRequest, createTechnicianRequest, technicianListQuery } from './network.contract.js';

const view = <T extends { createdAt: Date }>({ createdAt: _c, ...rest }: T) => rest;

function phoneOrThrow(path: string, raw: string): string {
  const phone = normalizePhone(raw);
  if (!isPlausiblePhone(phone)) throw invalid(path, 'not a phone number');
  return phone;
}

/** Providers and technicians a caller may see: a provider's staff their own, a technician themself. */
function providerCondition(caller: Caller): SQL {
  const scope = providerScope(caller.principal);
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'provider') return eq(providers.id, scope.providerId);
  if (scope.kind === 'technician' && scope.providerId) return eq(providers.id, scope.providerId);
  return sql`false`;
}

function technicianCondition(caller: Caller): SQL {
  const scope = providerScope(caller.principal);
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'provider') return eq(technicians.providerId, scope.providerId);
  if (scope.kind === 'technician') return eq(technicians.id, scope.technicianId);
  return sql`false`;
}

export function createNetworkService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async createProvider(caller: Caller, input: z.infer<typeof createProviderRequest>) {
      requirePermission(caller.principal, 'network.write');
      // Providers are contracted by headquarters; a provider cannot make another.
      if (providerScope(caller.principal).kind !== 'all') throw accessErrors.forbidden('network.write');
      const contactPhone = phoneOrThrow('contactPhone', input.contactPhone);
      const [row] = await db.insert(providers).values({ id: newId(), ...input, contactPhone, createdAt: clock.now() }).onConflictDoNothing().returning();
      if (!row) throw new AppError('duplicate_code', 409, `code: "${input.code}" already exists / 编码已存在`, [{ path: 'code', message: 'already exists' }]);
      return view(row);
    },
    async listProviders(caller: Caller) {
      requirePermission(caller.principal, 'network.read');
      return (await db.select().from(providers).where(providerCondition(caller)).orderBy(asc(providers.code))).map(view);
    },
    async getProvider(caller: Caller, id: string) {
      requirePermission(caller.principal, 'network.read');
      const [row] = await db.select().from(providers).where(and(eq(providers.id, id), providerCondition(caller)));
      if (!row) throw notFound('provider', id);
      return view(row);
    },
    /** For other modules' use cases, which have checked their own permissions. */
    async providerById(q: Queryable, id: string) {
      const [row] = await q.select().from(providers).where(eq(providers.id, id));
      return row ? view(row) : undefined;
    },

    async createTechnician(caller: Caller, input: z.infer<typeof createTechnicianRequest>) {
      requirePermission(caller.principal, 'network.write');
      const phone = phoneOrThrow('phone', input.phone);
      const [provider] = await db.select({ id: providers.id }).from(providers).where(and(eq(providers.id, input.providerId), providerCondition(caller)));
      if (!provider) throw invalid('providerId', 'no such provider');
      const [row] = await db.insert(technicians).values({ id: newId(), ...input, phone, createdAt: clock.now() }).returning();
      return view(row);
    },
    async listTechnicians(caller: Caller, s: z.infer<typeof technicianListQuery>) {
      requirePermission(caller.principal, 'network.read');
      const condition = and(technicianCondition(caller), s.providerId ? eq(technicians.providerId, s.providerId) : undefined);
      const rows = await db.select().from(technicians).where(condition).orderBy(asc(technicians.name), asc(technicians.id)).limit(s.limit).offset(s.offset);
      const [{ total }] = await db.select({ total: count() }).from(technicians).where(condition);
      return { items: rows.map(view), total, limit: s.limit, offset: s.offset };
    },
    async getTechnician(caller: Caller, id: string) {
      requirePermission(caller.principal, 'network.read');
      const [row] = await db.select().from(technicians).where(and(eq(technicians.id, id), technicianCondition(caller)));
      if (!row) throw notFound('technician', id);
      return view(row);
    },
    /** For other modules' use cases, which have checked their own permissions. */
    async technicianById(q: Queryable, id: string) {
      const [row] = await q.select().from(technicians).where(eq(technicians.id, id));
      return row ? view(row) : undefined;
    },
    /** A technician who works for this provider and is active, or undefined. */
    async activeTechnicianOf(q: Queryable, providerId: string, technicianId: string) {
      const [row] = await q.select().from(technicians).where(and(eq(technicians.id, technicianId), eq(technicians.providerId, providerId), eq(technicians.active, true)));
      return row;
    },
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;
