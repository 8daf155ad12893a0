import type { z } from 'zod';
import { accessErrors, actorName, providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { invalid, notFound } from '../../shared/errors.js';
import { isPlausiblePhone, normalizePhone } from '../../shared/phone.js';
import { existingCategoryIds } from '../catalog/index.js';
import { polygonProblem, shiftProblem } from './network.rules.js';
import * as repo from './network.repo.js';
import { networkErrors } from './network.errors.js';
import { createProviderRequest, createTechnicianRequest, type absenceListQuery, type absenceRequest, type technicianListQuery, type updateProviderRequest, type updateTechnicianRequest } from './network.contract.js';

const providerView = ({ createdAt: _c, ...rest }: repo.ProviderRow) => rest;
const technicianView = ({ createdAt: _c, ...rest }: repo.TechnicianRow) => rest;
const absenceView = (a: repo.AbsenceRow) => ({ id: a.id, technicianId: a.technicianId, from: a.from.toISOString(), to: a.to.toISOString(), reason: a.reason, createdBy: a.createdBy });

const staleVersion = networkErrors.staleVersion;

function phoneOrThrow(path: string, raw: string): string {
  const phone = normalizePhone(raw);
  if (!isPlausiblePhone(phone)) throw invalid(path, 'not a phone number');
  return phone;
}

type ProviderInput = Partial<z.infer<typeof updateProviderRequest>>;
type TechnicianInput = Partial<z.infer<typeof updateTechnicianRequest>>;

export function createNetworkService({ db, clock }: { db: Db; clock: Clock }) {
  async function checkProvider(q: Queryable, input: ProviderInput) {
    const out: Record<string, unknown> = { ...input };
    delete out.version;
    if (input.contactPhone !== undefined) out.contactPhone = phoneOrThrow('contactPhone', input.contactPhone);
    if (input.serviceArea) {
      const problem = polygonProblem(input.serviceArea.polygons);
      if (problem) throw invalid('serviceArea.polygons', problem);
    }
    if (input.categoryIds?.length) {
      const unique = [...new Set(input.categoryIds)];
      const found = await existingCategoryIds(q, unique);
      const missing = unique.find((id) => !found.has(id));
      if (missing) throw invalid('categoryIds', `no such category ${missing}`);
      out.categoryIds = unique;
    }
    return out as Partial<repo.ProviderRow>;
  }

  function checkTechnician(input: TechnicianInput) {
    const out: Record<string, unknown> = { ...input };
    delete out.version;
    if (input.phone !== undefined) out.phone = phoneOrThrow('phone', input.phone);
    if (input.shifts) {
      const problem = shiftProblem(input.shifts);
      if (problem) throw invalid('shifts', problem);
    }
    if (input.skills) out.skills = [...new Set(input.skills)];
    return out as Partial<repo.TechnicianRow>;
  }

  /** Headquarters contracts providers; a provider's own staff cannot make or change one. */
  function requireHeadquarters(caller: Caller) {
    requirePermission(caller.principal, 'network.write');
    if (providerScope(caller.principal).kind !== 'all') throw accessErrors.forbidden('network.write');
  }

  /**
   * A technician reads their own record and their provider's public name without network.read (the
   * phone names them on their orders); the scope still hides every other technician and provider (404).
   */
  function requireNetworkReadOrTechnician(caller: Caller) {
    if (providerScope(caller.principal).kind !== 'technician') requirePermission(caller.principal, 'network.read');
  }

  async function visibleTechnician(q: Queryable, caller: Caller, id: string) {
    const row = await repo.findTechnician(q, id, providerScope(caller.principal));
    if (!row) throw notFound('technician', id);
    return row;
  }

  return {
    /** Takes the request as sent or as the route parsed it; defaults are filled here. */
    async createProvider(caller: Caller, raw: z.input<typeof createProviderRequest>) {
      requireHeadquarters(caller);
      const input = createProviderRequest.parse(raw);
      const checked = await checkProvider(db, input);
      const row = await repo.insertProvider(db, { ...input, ...checked, id: newId(), code: input.code, createdAt: clock.now() } as repo.ProviderInsert);
      if (!row) throw networkErrors.duplicateCode(input.code);
      return providerView(row);
    },
    async updateProvider(caller: Caller, id: string, input: z.infer<typeof updateProviderRequest>) {
      requireHeadquarters(caller);
      return db.transaction(async (tx) => {
        const current = await repo.findProvider(tx, id);
        if (!current) throw notFound('provider', id);
        if (current.version !== input.version) throw staleVersion('provider', current.version);
        const patch = await checkProvider(tx, input);
        const from = patch.contractFrom !== undefined ? patch.contractFrom : current.contractFrom;
        const to = patch.contractTo !== undefined ? patch.contractTo : current.contractTo;
        if (from && to && from > to) throw invalid('contractTo', 'must not be before contractFrom');
        const row = await repo.updateProviderAtVersion(tx, id, input.version, patch);
        if (!row) throw staleVersion('provider', current.version + 1);
        return providerView(row);
      });
    },
    async listProviders(caller: Caller) {
      requirePermission(caller.principal, 'network.read');
      return (await repo.listProviders(db, providerScope(caller.principal))).map(providerView);
    },
    async getProvider(caller: Caller, id: string) {
      requirePermission(caller.principal, 'network.read');
      const row = await repo.findProvider(db, id, providerScope(caller.principal));
      if (!row) throw notFound('provider', id);
      return providerView(row);
    },
    /** A provider's public name, nothing more: for whoever may read the network, and for its own technicians. */
    async providerName(caller: Caller, id: string) {
      requireNetworkReadOrTechnician(caller);
      const row = await repo.findProvider(db, id, providerScope(caller.principal));
      if (!row) throw notFound('provider', id);
      return { id: row.id, code: row.code, name: row.name, nameEn: row.nameEn };
    },
    /** For other modules' use cases, which have checked their own permissions. */
    async providerById(q: Queryable, id: string) {
      const row = await repo.findProvider(q, id);
      return row ? providerView(row) : undefined;
    },
    /** Every active provider, for matching an order to one. */
    async activeProviders(q: Queryable) {
      return (await repo.listProviders(q, undefined, true)).map(providerView);
    },

    async createTechnician(caller: Caller, raw: z.input<typeof createTechnicianRequest>) {
      requirePermission(caller.principal, 'network.write');
      const input = createTechnicianRequest.parse(raw);
      const provider = await repo.findProvider(db, input.providerId, providerScope(caller.principal));
      if (!provider) throw invalid('providerId', 'no such provider');
      const checked = checkTechnician(input);
      const row = await repo.insertTechnician(db, { ...input, ...checked, id: newId(), createdAt: clock.now() } as repo.TechnicianInsert);
      return technicianView(row);
    },
    async updateTechnician(caller: Caller, id: string, input: z.infer<typeof updateTechnicianRequest>) {
      requirePermission(caller.principal, 'network.write');
      return db.transaction(async (tx) => {
        const current = await visibleTechnician(tx, caller, id);
        if (current.version !== input.version) throw staleVersion('technician', current.version);
        const row = await repo.updateTechnicianAtVersion(tx, id, input.version, checkTechnician(input));
        if (!row) throw staleVersion('technician', current.version + 1);
        return technicianView(row);
      });
    },
    async listTechnicians(caller: Caller, s: z.infer<typeof technicianListQuery>) {
      requirePermission(caller.principal, 'network.read');
      const { rows, total } = await repo.pageOfTechnicians(db, providerScope(caller.principal), { providerId: s.providerId, status: s.status }, s.limit, s.offset);
      return { items: rows.map(technicianView), total, limit: s.limit, offset: s.offset };
    },
    async getTechnician(caller: Caller, id: string) {
      requireNetworkReadOrTechnician(caller);
      return technicianView(await visibleTechnician(db, caller, id));
    },
    async addAbsence(caller: Caller, technicianId: string, input: z.infer<typeof absenceRequest>) {
      requirePermission(caller.principal, 'network.write');
      await visibleTechnician(db, caller, technicianId);
      const row = await repo.insertAbsence(db, { id: newId(), technicianId, from: new Date(input.from), to: new Date(input.to), reason: input.reason, createdBy: actorName(caller.principal), createdAt: clock.now() });
      return absenceView(row);
    },
    async listAbsences(caller: Caller, technicianId: string, s: z.infer<typeof absenceListQuery>) {
      requirePermission(caller.principal, 'network.read');
      await visibleTechnician(db, caller, technicianId);
      const rows = await repo.absencesOverlapping(db, [technicianId], s.from ? new Date(s.from) : new Date(0), s.to ? new Date(s.to) : new Date('9999-12-31T00:00:00Z'));
      return rows.map(absenceView);
    },

    /** For other modules' use cases, which have checked their own permissions. */
    async technicianById(q: Queryable, id: string) {
      const row = await repo.findTechnician(q, id);
      return row ? technicianView(row) : undefined;
    },
    /** A technician who works for this provider and is active, or undefined. */
    async activeTechnicianOf(q: Queryable, providerId: string, technicianId: string) {
      const row = await repo.findTechnician(q, technicianId, undefined, { providerId, status: 'active' });
      return row ? technicianView(row) : undefined;
    },
    async activeTechniciansOf(q: Queryable, providerIds: string[]) {
      return (await repo.activeTechniciansOf(q, providerIds)).map(technicianView);
    },
    absencesOverlapping: repo.absencesOverlapping,
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;
export type ProviderView = ReturnType<typeof providerView>;
export type TechnicianView = ReturnType<typeof technicianView>;
