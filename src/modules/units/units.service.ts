import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Db, Queryable } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { pages } from '../../http/export.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { chinaDay } from '../../shared/zoned.js';
import { invalid, notFound } from '../../shared/errors.js';
import { assertNotFuture } from '../../shared/plausible.js';
import { modelViewJsonSql, type CatalogService, type ModelView } from '../catalog/index.js';
import { customerNumbers, type CustomersService } from '../customers/index.js';
import type { NetworkService } from '../network/index.js';
import * as repo from './units.repo.js';
import type { UnitCondition, UnitRow } from './units.repo.js';
import { repairsFromHistory, serialMismatches, soldUnit, termsFromModel } from './units.rules.js';
import { sanbaoRemedy, warrantyStatus, withContractCover, type ContractCover } from './warranty.rules.js';
import { unitsErrors } from './units.errors.js';
import type { z } from 'zod';
import type { createUnitRequest, replacementRequest, sanbaoRequest, ServiceHistoryItem, transferRequest, unitListQuery, UnitView } from './units.contract.js';

export type UnitsDeps = {
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  customers: CustomersService;
  network: NetworkService;
  /** Exports are on the audit record. */
  audit: AuditFn;
  /** The contracts module's active cover of a unit on a day (passed in by the root: contracts come later). */
  contractCoverOf?: (q: Queryable, unitId: string, day: string) => Promise<ContractCover | null>;
} & repo.FromWorkOrders;

const staleVersion = unitsErrors.staleVersion;

export function createUnitsService(deps: UnitsDeps) {
  const { db, clock, catalog } = deps;

  /** A page of units, each read with its serials, replacement, model and orders by the page's own statement. */
  const listRows = (filter: Parameters<typeof repo.listUnits>[1]) => repo.listUnits(db, filter, { modelJson: modelViewJsonSql, historyJson: deps.serviceHistoryJsonSql });

  function viewsOf(rows: Awaited<ReturnType<typeof repo.listUnits>>['rows']): UnitView[] {
    const today = chinaDay(clock.now());
    return rows.map(({ unit, ...read }) => viewOf(unit, today, read));
  }

  async function toView(q: Queryable, row: UnitRow, asOf: string): Promise<UnitView> {
    // One after another: `q` may be a transaction, which takes one statement at a time.
    const model = await catalog.modelById(q, row.modelId);
    const history = await deps.serviceHistoryOf(q, row.id);
    const serials = await repo.serialsOf(q, [row.id]);
    return viewOf(row, asOf, { model, history, serials, replacedBy: await repo.replacedByOf(q, row.id) });
  }

  function viewOf(row: UnitRow, asOf: string, read: { model: ModelView; history: ServiceHistoryItem[]; serials: { unitId: string; role: string; serial: string }[]; replacedBy: string | null }): UnitView {
    const { model, history } = read;
    const status = warrantyStatus(soldUnit(row, repairsFromHistory(history), model.code), termsFromModel(model), asOf);
    const own = read.serials.filter((s) => s.unitId === row.id);
    return {
      id: row.id,
      modelId: row.modelId,
      modelCode: model.code,
      modelNameZh: model.nameZh,
      modelNameEn: model.nameEn,
      categoryId: model.categoryId,
      ownerId: row.ownerId,
      serials: own.map(({ role, serial }) => ({ role, serial })),
      purchaseDate: row.purchaseDate,
      receivedDate: row.receivedDate,
      channel: row.channel,
      invoiceNumber: row.invoiceNumber,
      priceFen: row.priceFen,
      currency: row.currency,
      installedOn: row.installedOn,
      installedByTechnicianId: row.installedByTechnicianId,
      installationReadings: row.installationReadings ?? null,
      replacedOn: row.replacedOn,
      replacesUnitId: row.replacesUnitId,
      replacedByUnitId: read.replacedBy,
      version: row.version,
      warranty: { asOf, ...status },
    };
  }

  const visibleUnits = (caller: Caller): UnitCondition => (unitId, ownerId) => deps.unitVisibleSql(orderScope(caller.principal), unitId, ownerId);

  /** The unit when this caller may see it; 404 otherwise, exactly as if it did not exist. */
  async function findRow(q: Queryable, caller: Caller, id: string) {
    const row = await repo.findUnit(q, id, visibleUnits(caller));
    if (!row) throw notFound('unit', id);
    return row;
  }

  async function insertSerials(q: Queryable, unitId: string, model: ModelView, serials: z.infer<typeof createUnitRequest>['serials']) {
    const bad = serialMismatches(model.serialPattern, serials);
    if (bad.length) throw invalid(`serials.${bad[0]}.serial`, `does not match model ${model.code}'s serial pattern`);
    const taken = await repo.takenSerials(q, serials.map((s) => s.serial));
    if (taken.length) {
      const i = serials.findIndex((s) => s.serial === taken[0]);
      throw unitsErrors.duplicateSerial(i, taken[0]);
    }
    await repo.insertSerials(q, unitId, serials);
  }

  function bumpVersion(q: Queryable, row: UnitRow, patch: Partial<UnitRow>) {
    return repo.updateUnitAtVersion(q, row.id, row.version, { ...patch, updatedAt: clock.now() });
  }

  return {
    async register(caller: Caller, input: z.infer<typeof createUnitRequest>): Promise<UnitView> {
      const p = caller.principal;
      // In the portal a customer registers what they bought themselves, for no one else.
      if (p.kind === 'customer') {
        if (input.ownerId !== p.customerId) throw invalid('ownerId', 'no such customer');
        if (input.installedByTechnicianId) throw invalid('installedByTechnicianId', 'recorded by the service desk, not in the portal');
      } else requirePermission(p, 'units.write');
      for (const field of ['purchaseDate', 'receivedDate', 'installedOn'] as const) assertNotFuture(clock.now(), field, input[field]);
      const actor = actorName(caller.principal);
      const model = await catalog.modelById(db, input.modelId).catch(() => {
        throw invalid('modelId', 'no such product model');
      });
      if (!(await deps.customers.contactCard(db, input.ownerId))) throw invalid('ownerId', 'no such customer');
      if (input.installedByTechnicianId && !(await deps.network.technicianById(db, input.installedByTechnicianId))) throw invalid('installedByTechnicianId', 'no such technician');
      return db.transaction(async (tx) => {
        const now = clock.now();
        const id = newId();
        const row = await repo.insertUnit(tx, {
          id,
          modelId: input.modelId,
          ownerId: input.ownerId,
          purchaseDate: input.purchaseDate,
          receivedDate: input.receivedDate ?? null,
          channel: input.channel,
          invoiceNumber: input.invoiceNumber ?? null,
          priceFen: input.priceFen,
          installedOn: input.installedOn ?? null,
          installedByTechnicianId: input.installedByTechnicianId ?? null,
          createdAt: now,
          updatedAt: now,
        });
        await insertSerials(tx, id, model, input.serials);
        await repo.insertOwnership(tx, { id: newId(), unitId: id, customerId: input.ownerId, fromDate: input.purchaseDate, reason: 'purchase', recordedAt: now, recordedBy: actor });
        return toView(tx, row, chinaDay(now));
      });
    },

    async get(caller: Caller, id: string, asOf?: string) {
      requirePermission(caller.principal, 'units.read');
      const row = await findRow(db, caller, id);
      const view = await toView(db, row, asOf ?? chinaDay(clock.now()));
      const ownerships = await repo.ownershipsOf(db, id);
      // The warranty counts every repair; the list shows only the orders this caller may see.
      return { ...view, ownerships, orders: await deps.serviceHistoryOf(db, id, deps.orderScopeSql(orderScope(caller.principal))) };
    },

    async warranty(caller: Caller, id: string, asOf?: string) {
      requirePermission(caller.principal, 'units.read');
      return (await toView(db, await findRow(db, caller, id), asOf ?? chinaDay(clock.now()))).warranty;
    },

    async list(caller: Caller, s: z.infer<typeof unitListQuery>) {
      requirePermission(caller.principal, 'units.read');
      const { rows, total } = await listRows({ visible: visibleUnits(caller), ownerId: s.ownerId, modelId: s.modelId, serial: s.serial, limit: s.limit, offset: s.offset });
      return { items: viewsOf(rows), total, limit: s.limit, offset: s.offset };
    },

    /**
     * Imported units, inside the import's transaction (the rows were checked by the import: model,
     * owner, serials free): `id` null registers a unit, otherwise the unit is replaced by the row; a
     * new owner closes the old ownership today and opens one. Set-based: one statement per table.
     */
    async writeImported(tx: Queryable, rows: ({ id: string | null; modelId: string; ownerId: string; serials: { role: 'main' | 'indoor' | 'outdoor'; serial: string }[]; purchaseDate: string; receivedDate: string | null; channel: 'store' | 'online'; invoiceNumber: string | null; priceFen: number; installedOn: string | null })[], actor: string): Promise<string[]> {
      const now = clock.now();
      const today = chinaDay(now);
      const fields = ({ id: _id, serials: _s, ...f }: (typeof rows)[number]) => f;
      const known = await repo.updateImportedUnits(tx, rows.filter((r) => r.id).map((r) => ({ ...fields(r), id: r.id! })), now);
      await repo.deleteSerialsOf(tx, [...known.keys()]);
      const moved = rows.filter((r) => r.id && known.has(r.id) && known.get(r.id) !== r.ownerId);
      await repo.closeOwnerships(tx, moved.map((r) => r.id!), today);
      const made: Parameters<typeof repo.insertImportedUnits>[1] = [];
      const serials: Parameters<typeof repo.insertImportedUnits>[2] = [];
      const ownerships: Parameters<typeof repo.insertImportedUnits>[3] = moved.map((r) => ({ id: newId(), unitId: r.id!, customerId: r.ownerId, fromDate: today, reason: 'import', recordedAt: now, recordedBy: actor }));
      const ids = rows.map((r) => {
        if (r.id && known.has(r.id)) {
          serials.push(...r.serials.map((x) => ({ unitId: r.id!, ...x })));
          return r.id;
        }
        // New, or known but since deleted: registered (again).
        const id = newId();
        made.push({ id, ...fields(r), createdAt: now, updatedAt: now });
        serials.push(...r.serials.map((x) => ({ unitId: id, ...x })));
        ownerships.push({ id: newId(), unitId: id, customerId: r.ownerId, fromDate: r.purchaseDate, reason: 'purchase', recordedAt: now, recordedBy: actor });
        return id;
      });
      await repo.insertImportedUnits(tx, made, serials, ownerships);
      return ids;
    },

    /** The list with its filters, every page, for an export: the same scope and view as the list. On the audit record. */
    async exportList(caller: Caller, s: z.infer<typeof unitListQuery>): Promise<AsyncIterable<UnitView & { ownerNumber?: string }>> {
      // Checked before the first byte: a refusal is a 403, not a broken download.
      requirePermission(caller.principal, 'units.read');
      await deps.audit(db, { caller, action: 'units.export', subjectKind: 'unit', subjectId: null, details: { filters: { ownerId: s.ownerId, modelId: s.modelId, serial: s.serial } } });
      const visible = visibleUnits(caller);
      return pages(async (limit, offset) => {
        const items = viewsOf((await listRows({ visible, ownerId: s.ownerId, modelId: s.modelId, serial: s.serial, limit, offset })).rows);
        const numbers = await customerNumbers(db, items.map((u) => u.ownerId));
        return items.map((u) => ({ ...u, ownerNumber: numbers.get(u.ownerId) }));
      });
    },

    async transfer(caller: Caller, id: string, input: z.infer<typeof transferRequest>) {
      requirePermission(caller.principal, 'units.write');
      assertNotFuture(clock.now(), 'onDate', input.onDate);
      const actor = actorName(caller.principal);
      if (!(await deps.customers.contactCard(db, input.toCustomerId))) throw invalid('toCustomerId', 'no such customer');
      return db.transaction(async (tx) => {
        const row = await findRow(tx, caller, id);
        if (row.version !== input.version) throw staleVersion(row.version);
        if (row.ownerId === input.toCustomerId) throw invalid('toCustomerId', 'already the owner');
        const current = await repo.currentOwnership(tx, id);
        if (current && input.onDate < current.fromDate) throw invalid('onDate', `cannot be before the current ownership began (${current.fromDate})`);
        const updated = await bumpVersion(tx, row, { ownerId: input.toCustomerId });
        if (!updated) throw staleVersion(row.version + 1);
        if (current) await repo.endOwnership(tx, current.id, input.onDate);
        await repo.insertOwnership(tx, { id: newId(), unitId: id, customerId: input.toCustomerId, fromDate: input.onDate, reason: input.reason, recordedAt: clock.now(), recordedBy: actor });
        return toView(tx, updated, chinaDay(clock.now()));
      });
    },

    /** A 三包 replacement: new serials, and the warranty period starts again. */
    async replace(caller: Caller, id: string, input: z.infer<typeof replacementRequest>) {
      requirePermission(caller.principal, 'units.write');
      assertNotFuture(clock.now(), 'onDate', input.onDate);
      return db.transaction(async (tx) => {
        const row = await findRow(tx, caller, id);
        if (row.version !== input.version) throw staleVersion(row.version);
        if (input.onDate < row.purchaseDate) throw invalid('onDate', 'cannot be before purchaseDate');
        const model = await catalog.modelById(tx, row.modelId);
        const before = await repo.serialsOf(tx, [id]);
        await repo.deleteSerials(tx, id);
        await insertSerials(tx, id, model, input.serials);
        // Each role's new serial beside the one it replaced: the unit's serial history.
        const changes = input.serials
          .map((s) => ({ role: s.role, fromSerial: before.find((b) => b.role === s.role)?.serial ?? null, toSerial: s.serial }))
          .filter((c) => c.fromSerial !== c.toSerial);
        await repo.insertSerialChangeRows(tx, id, changes, { replacement: 'unit', orderId: null, at: clock.now(), recordedBy: actorName(caller.principal) });
        const updated = await bumpVersion(tx, row, { replacedOn: input.onDate });
        if (!updated) throw staleVersion(row.version + 1);
        return toView(tx, updated, chinaDay(clock.now()));
      });
    },

    async remedy(caller: Caller, id: string, input: z.infer<typeof sanbaoRequest>) {
      requirePermission(caller.principal, 'units.read');
      const row = await findRow(db, caller, id);
      const model = await catalog.modelById(db, row.modelId);
      const history = await deps.serviceHistoryOf(db, id);
      // Today as the service department counts it (China's day, which a contract sold today starts on), not UTC's.
      const reportedOn = input.reportedOn ?? chinaDay(clock.now());
      if (reportedOn < row.purchaseDate) throw invalid('reportedOn', 'cannot be before purchaseDate');
      try {
        const decision = sanbaoRemedy(soldUnit(row, repairsFromHistory(history), model.code), termsFromModel(model), { ...input, reportedOn });
        return withContractCover(decision, (await deps.contractCoverOf?.(db, id, reportedOn)) ?? null, input.partCode);
      } catch (err) {
        // The rules refuse facts that contradict each other (a report before a replacement, …).
        if (err instanceof RangeError) throw invalid('reportedOn', err.message);
        throw err;
      }
    },

    /**
     * A 三包 exchange (a return case's execution, inside its transaction): a new unit for the same
     * owner, linked to the old one, bought on the same invoice but with its 三包 period restarting
     * on the exchange date (replacedOn), as the rules say.
     */
    async registerExchange(q: Queryable, caller: Caller, oldUnitId: string, input: { modelId: string; serials: z.infer<typeof replacementRequest>['serials']; onDate: string; priceFen: number }): Promise<UnitView> {
      requirePermission(caller.principal, 'units.read');
      const old = await findRow(q, caller, oldUnitId);
      const model = await catalog.modelById(q, input.modelId);
      const now = clock.now();
      const id = newId();
      const row = await repo.insertUnit(q, {
        id,
        modelId: input.modelId,
        ownerId: old.ownerId,
        purchaseDate: old.purchaseDate,
        receivedDate: old.receivedDate,
        channel: old.channel,
        invoiceNumber: old.invoiceNumber,
        priceFen: input.priceFen,
        replacedOn: input.onDate,
        replacesUnitId: old.id,
        createdAt: now,
        updatedAt: now,
      });
      await insertSerials(q, id, model, input.serials);
      await repo.insertOwnership(q, { id: newId(), unitId: id, customerId: old.ownerId, fromDate: input.onDate, reason: 'exchange', recordedAt: now, recordedBy: actorName(caller.principal) });
      return toView(q, row, chinaDay(now));
    },

    /**
     * For fees, inside the caller's transaction: the unit's category and its 三包 answer for a fault
     * reported on `reportedOn`; null when there is no such unit or the facts contradict each other.
     */
    async warrantyAnswer(q: Queryable, unitId: string, fault: { reportedOn: string; faultCode: string }) {
      const row = await repo.unitById(q, unitId);
      if (!row) return null;
      const model = await catalog.modelById(q, row.modelId);
      const history = await deps.serviceHistoryOf(q, unitId);
      try {
        const statutory = sanbaoRemedy(soldUnit(row, repairsFromHistory(history), model.code), termsFromModel(model), { reportedOn: fault.reportedOn, faultCode: fault.faultCode, kind: 'other' });
        const decision = withContractCover(statutory, (await deps.contractCoverOf?.(q, unitId, fault.reportedOn)) ?? null);
        return { categoryId: model.categoryId, decision };
      } catch (err) {
        if (err instanceof RangeError) return { categoryId: model.categoryId, decision: null };
        throw err;
      }
    },

    /** For intake: the unit with its category, when it belongs to this customer. */
    async unitOfCustomer(q: Queryable, unitId: string, customerId: string) {
      return repo.unitOfCustomer(q, unitId, customerId);
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
