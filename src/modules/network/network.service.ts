import { and, asc, count, eq } from 'drizzle-orm';
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

export function createNetworkService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async createProvider(input: z.infer<typeof createProviderRequest>) {
      const contactPhone = phoneOrThrow('contactPhone', input.contactPhone);
      const [row] = await db.insert(providers).values({ id: newId(), ...input, contactPhone, createdAt: clock.now() }).onConflictDoNothing().returning();
      if (!row) throw new AppError('duplicate_code', 409, `code: "${input.code}" already exists / 编码已存在`, [{ path: 'code', message: 'already exists' }]);
      return view(row);
    },
    listProviders: async () => (await db.select().from(providers).orderBy(asc(providers.code))).map(view),
    async getProvider(id: string, q: Queryable = db) {
      const [row] = await q.select().from(providers).where(eq(providers.id, id));
      if (!row) throw notFound('provider', id);
      return view(row);
    },

    async createTechnician(input: z.infer<typeof createTechnicianRequest>) {
      const phone = phoneOrThrow('phone', input.phone);
      const [provider] = await db.select({ id: providers.id }).from(providers).where(eq(providers.id, input.providerId));
      if (!provider) throw invalid('providerId', 'no such provider');
      const [row] = await db.insert(technicians).values({ id: newId(), ...input, phone, createdAt: clock.now() }).returning();
      return view(row);
    },
    async listTechnicians(s: z.infer<typeof technicianListQuery>) {
      const condition = s.providerId ? eq(technicians.providerId, s.providerId) : undefined;
      const rows = await db.select().from(technicians).where(condition).orderBy(asc(technicians.name), asc(technicians.id)).limit(s.limit).offset(s.offset);
      const [{ total }] = await db.select({ total: count() }).from(technicians).where(condition);
      return { items: rows.map(view), total, limit: s.limit, offset: s.offset };
    },
    async getTechnician(id: string, q: Queryable = db) {
      const [row] = await q.select().from(technicians).where(eq(technicians.id, id));
      if (!row) throw notFound('technician', id);
      return view(row);
    },
    /** A technician who works for this provider and is active, or undefined. */
    async activeTechnicianOf(q: Queryable, providerId: string, technicianId: string) {
      const [row] = await q.select().from(technicians).where(and(eq(technicians.id, technicianId), eq(technicians.providerId, providerId), eq(technicians.active, true)));
      return row;
    },
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;
