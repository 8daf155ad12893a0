// Parts and stock: the catalogue, the locations, the ledger (every movement a row, the floor kept
// by one guarded statement per level), requests for parts (an order waits for them and resumes
// when they arrive), parts used on an order (idempotent per order line, priced through fees) and
// stock counts. Every step leaves a ledger or history row and an audit row.
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { can } from '../../kernel/permissions.js';
import { actorName, providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { money } from '../../shared/money.js';
import { findOrder, type WorkOrdersService } from '../work-orders/index.js';
import { findTechnician, providerExists } from '../network/index.js';
import { modelCodesByIds, modelWithCategory } from '../catalog/index.js';
import { pages } from '../../http/export.js';
import type { FeesService } from '../fees/index.js';
import * as repo from './parts.repo.js';
import { insertReturn } from './parts.returns.repo.js';
import { partsErrors } from './parts.errors.js';
import {
  consumableStatuses,
  countDifferences,
  countRefusal,
  countStatusNames,
  effectOf,
  holdableStatuses,
  locationKindNames,
  movementNames,
  nextRequestStatus,
  partsArrived,
  requestStatusNames,
  returnDueAt,
  serialsRefusal,
  sourceFor,
  type CountStatus,
  type MovementKind,
  type RequestAction,
  type RequestStatus,
} from './parts.rules.js';
import type {
  approveRequest,
  consumeRequest,
  countCreateRequest,
  countDecideRequest,
  countsQuery,
  countSubmitRequest,
  createRequestRequest,
  locationRequest,
  locationsQuery,
  movementsQuery,
  partRequest,
  partsQuery,
  partUpdateRequest,
  receiveRequest,
  rejectRequest,
  requestsQuery,
  shipRequest,
  stepRequest,
  stockQuery,
  transferRequest,
} from './parts.contract.js';

export type PartsDeps = { db: Db; clock: Clock; audit: AuditFn; workOrders: WorkOrdersService; fees: FeesService };

/** Who resumes an order when its parts arrive: the parts module itself, named in the order's history. */
const partsSystem: Caller = { principal: { kind: 'system', name: 'parts' }, address: null };

/** A part as the export writes it: its fields and its models by code. */
export type ExportedPart = repo.PartRow & { modelCodes: string[] };

export function createPartsService(deps: PartsDeps) {
  const { db, clock } = deps;
  const visibleLocations = (caller: Caller) => repo.locationVisibleSql(providerScope(caller.principal));

  const partView = (p: repo.PartRow, modelIds: string[]) => ({
    id: p.id,
    number: p.number,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    modelIds,
    isMain: p.isMain,
    listPrice: money(p.listFen, p.currency),
    issuePrice: money(p.issueFen, p.currency),
    serialised: p.serialised,
    returnable: p.returnable,
    returnDays: p.returnDays,
    warrantyMonths: p.warrantyMonths,
    active: p.active,
    version: p.version,
  });
  const locationView = (l: repo.LocationRow) => ({ id: l.id, code: l.code, kind: l.kind, kindName: locationKindNames[l.kind], nameZh: l.nameZh, nameEn: l.nameEn, providerId: l.providerId, technicianId: l.technicianId });
  const movementView = (m: repo.MovementRow) => ({
    seq: m.seq,
    kind: m.kind,
    kindName: movementNames[m.kind as MovementKind],
    locationId: m.locationId,
    partId: m.partId,
    quantity: m.quantity,
    onHandDelta: m.onHandDelta,
    reservedDelta: m.reservedDelta,
    onHandAfter: m.onHandAfter,
    serials: m.serials,
    otherLocationId: m.otherLocationId,
    orderId: m.orderId,
    requestId: m.requestId,
    countId: m.countId,
    reason: m.reason,
    actor: m.actor,
    at: m.at.toISOString(),
  });
  const historyView = (rows: Awaited<ReturnType<typeof repo.historyOf>>) => rows.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, details: h.details }));

  async function requestViews(q: Queryable, rows: repo.RequestRow[]) {
    const byId = new Map((await repo.partsByIds(q, [...new Set(rows.map((r) => r.partId))])).map((p) => [p.id, p]));
    return rows.map((r) => {
      const p = byId.get(r.partId)!;
      const status = r.status as RequestStatus;
      return {
        id: r.id,
        orderId: r.orderId,
        partId: r.partId,
        partNumber: p.number,
        partNameZh: p.nameZh,
        partNameEn: p.nameEn,
        quantity: r.quantity,
        toLocationId: r.toLocationId,
        fromLocationId: r.fromLocationId,
        status,
        statusName: requestStatusNames[status],
        serials: r.serials,
        note: r.note,
        requestedBy: r.requestedBy,
        version: r.version,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  async function countView(q: Queryable, c: repo.CountRow) {
    const byId = new Map((await repo.partsByIds(q, c.lines.map((l) => l.partId))).map((p) => [p.id, p]));
    const status = c.status as CountStatus;
    return {
      id: c.id,
      locationId: c.locationId,
      scope: c.scope,
      status,
      statusName: countStatusNames[status],
      lines: c.lines.map((l) => ({ partId: l.partId, partNumber: byId.get(l.partId)?.number ?? '', expected: l.expected, counted: l.counted })),
      reason: c.reason,
      createdBy: c.createdBy,
      decidedBy: c.decidedBy,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      history: historyView(await repo.historyOf(q, c.id)),
    };
  }

  async function partFor(q: Queryable, id: string, path = 'partId') {
    const p = await repo.partById(q, id);
    if (!p) throw partsErrors.noSuchPart(path);
    return p;
  }

  /** A location named in a request body, visible to the caller (another provider's is "no such location"). */
  async function locationFor(q: Queryable, caller: Caller, id: string, path: string) {
    const l = await repo.locationById(q, id, visibleLocations(caller));
    if (!l) throw partsErrors.noSuchLocation(path);
    return l;
  }

  /**
   * One movement: the level moved under its floor (refused as a shortage otherwise), the ledger row
   * written with the level after it. Inside the caller's transaction.
   */
  async function move(tx: Tx, caller: Caller, m: { kind: MovementKind; locationId: string; partId: string; quantity: number; serials?: string[]; otherLocationId?: string | null; orderId?: string | null; requestId?: string | null; countId?: string | null; consumptionId?: string | null; reason?: string | null }) {
    const d = effectOf(m.kind, m.quantity);
    const level = await repo.moveLevel(tx, m.locationId, m.partId, d.onHand, d.reserved);
    if (!level) throw partsErrors.shortage();
    return repo.insertMovement(tx, {
      kind: m.kind,
      locationId: m.locationId,
      partId: m.partId,
      quantity: m.kind === 'adjust' ? m.quantity : Math.abs(m.quantity),
      onHandDelta: d.onHand,
      reservedDelta: d.reserved,
      onHandAfter: level.onHand,
      serials: m.serials ?? [],
      otherLocationId: m.otherLocationId ?? null,
      orderId: m.orderId ?? null,
      requestId: m.requestId ?? null,
      countId: m.countId ?? null,
      consumptionId: m.consumptionId ?? null,
      reason: m.reason ?? null,
      actor: actorName(caller.principal),
      at: clock.now(),
    });
  }

  /** The serials given are in stock at the location (locked): a serial is at exactly one place. */
  async function serialsHere(tx: Tx, partId: string, locationId: string, serials: string[]) {
    const rows = new Map((await repo.serialsForUpdate(tx, partId, serials)).map((s) => [s.serial, s]));
    serials.forEach((s, i) => {
      const row = rows.get(s);
      if (!row || row.status !== 'in_stock' || row.locationId !== locationId) throw partsErrors.serialNotHere(i);
    });
  }

  function checkSerials(serialised: boolean, quantity: number, serials: string[]) {
    const r = serialsRefusal(serialised, quantity, serials);
    if (r) throw partsErrors.refused(r);
  }

  function checkPartInput(input: z.infer<typeof partRequest>) {
    if (input.returnable && input.returnDays === null) throw partsErrors.returnDays();
  }

  async function checkModels(q: Queryable, modelIds: string[]) {
    for (const [i, id] of modelIds.entries()) if (!(await modelWithCategory(q, id))) throw partsErrors.noSuchModel(i);
  }

  // Requests ------------------------------------------------------------------------------

  async function requestStep(tx: Tx, caller: Caller, row: repo.RequestRow, action: RequestAction, version: number, patch: Partial<repo.RequestRow>, details: Record<string, unknown>) {
    const to = nextRequestStatus(row.status as RequestStatus, action);
    if (!to) throw partsErrors.illegalStep(row.status, action);
    if (row.version !== version) throw partsErrors.staleVersion(row.version);
    const now = clock.now();
    const moved = await repo.updateRequestAtVersion(tx, row.id, version, { ...patch, status: to, updatedAt: now });
    if (!moved) throw partsErrors.staleVersion(row.version + 1);
    await repo.insertHistory(tx, { subjectKind: 'request', subjectId: row.id, at: now, actor: actorName(caller.principal), action, fromStatus: row.status, toStatus: to, details });
    await deps.audit(tx, { caller, action: `parts.request.${action}`, subjectKind: 'part_request', subjectId: row.id, details: { orderId: row.orderId, partId: row.partId, quantity: row.quantity, from: row.status, to, ...details } });
    return moved;
  }

  /** A request the caller sees (to or from a location of theirs), locked for its step. */
  async function requestFor(tx: Queryable, caller: Caller, id: string, lock = false) {
    const row = await repo.requestById(tx, id, lock);
    if (!row) throw partsErrors.requestNotFound(id);
    const visible = visibleLocations(caller);
    const sees = (await repo.locationById(tx, row.toLocationId, visible)) || (row.fromLocationId && (await repo.locationById(tx, row.fromLocationId, visible)));
    if (!sees) throw partsErrors.requestNotFound(id);
    return row;
  }

  /** After parts arrive for an order: when every request for it has ended and one arrived, an order held for parts resumes by itself. */
  async function resumeIfArrived(tx: Tx, request: repo.RequestRow, location: repo.LocationRow) {
    if (!request.orderId) return false;
    const order = await findOrder(tx, request.orderId);
    if (!order || order.status !== 'on_hold' || order.holdReason !== 'waiting_for_parts') return false;
    if (!partsArrived((await repo.requestStatusesOfOrder(tx, order.id)) as RequestStatus[])) return false;
    const part = await repo.partById(tx, request.partId);
    const note = `配件已到${location.nameZh}（${part?.number ?? ''} ×${request.quantity}），自动恢复 / Parts arrived at ${location.nameEn} (${part?.number ?? ''} ×${request.quantity}): resumed by itself`;
    await deps.workOrders.performIn(tx, partsSystem, order.id, 'resume', { version: order.version, note });
    return true;
  }

  async function requestDetail(q: Queryable, row: repo.RequestRow, orderResumed = false) {
    const [v] = await requestViews(q, [row]);
    return { ...v, history: historyView(await repo.historyOf(q, row.id)), orderResumed };
  }

  return {
    /** One ledger movement inside the caller's transaction, for the old-part return (parts.returns.service.ts): the same floor and ledger. */
    moveIn: move,

    // Catalogue ----------------------------------------------------------------------------

    async createPart(caller: Caller, input: z.infer<typeof partRequest>) {
      requirePermission(caller.principal, 'parts.manage');
      checkPartInput(input);
      return db.transaction(async (tx) => {
        await checkModels(tx, input.modelIds);
        const { modelIds, ...fields } = input;
        const made = await repo.insertPart(tx, { id: newId(), ...fields, createdAt: clock.now() });
        if (!made) throw partsErrors.numberTaken();
        await repo.setPartModels(tx, made.id, [...new Set(modelIds)]);
        await repo.insertHistory(tx, { subjectKind: 'part', subjectId: made.id, at: clock.now(), actor: actorName(caller.principal), action: 'created', details: { ...fields, modelIds } });
        await deps.audit(tx, { caller, action: 'parts.part.created', subjectKind: 'part', subjectId: made.id, details: { number: made.number } });
        return partView(made, [...new Set(modelIds)].sort());
      });
    },

    async updatePart(caller: Caller, id: string, input: z.infer<typeof partUpdateRequest>) {
      requirePermission(caller.principal, 'parts.manage');
      checkPartInput(input);
      return db.transaction(async (tx) => {
        const before = await repo.partById(tx, id);
        if (!before) throw partsErrors.partNotFound(id);
        await checkModels(tx, input.modelIds);
        const { modelIds, version, ...fields } = input;
        if (before.version !== version) throw partsErrors.staleVersion(before.version);
        const row = await repo.updatePartAtVersion(tx, id, version, fields).catch((e: unknown) => {
          if (String((e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code) === '23505') throw partsErrors.numberTaken();
          throw e;
        });
        if (!row) throw partsErrors.staleVersion(before.version + 1);
        await repo.setPartModels(tx, id, [...new Set(modelIds)]);
        await repo.insertHistory(tx, { subjectKind: 'part', subjectId: id, at: clock.now(), actor: actorName(caller.principal), action: 'updated', details: { ...fields, modelIds } });
        await deps.audit(tx, { caller, action: 'parts.part.updated', subjectKind: 'part', subjectId: id, details: { number: row.number } });
        return partView(row, [...new Set(modelIds)].sort());
      });
    },

    async listParts(caller: Caller, query: z.infer<typeof partsQuery>) {
      requirePermission(caller.principal, 'parts.read');
      const { rows, total } = await repo.listParts(db, query);
      const models = await repo.modelsOfParts(db, rows.map((r) => r.id));
      return { items: rows.map((r) => partView(r, models.get(r.id) ?? [])), total, limit: query.limit, offset: query.offset };
    },

    /** The catalogue for an export, page by page (models by code); audited before the first byte. */
    async exportParts(caller: Caller, f: { search?: string; modelId?: string }) {
      requirePermission(caller.principal, 'parts.read');
      await deps.audit(db, { caller, action: 'parts.export', subjectKind: 'part', subjectId: null, details: { filters: f } });
      return pages(async (limit, offset) => {
        const { rows } = await repo.listParts(db, { ...f, limit, offset });
        const models = await repo.modelsOfParts(db, rows.map((r) => r.id));
        const codes = await modelCodesByIds(db, [...models.values()].flat());
        return rows.map((r): ExportedPart => ({ ...r, modelCodes: (models.get(r.id) ?? []).map((m) => codes.get(m) ?? m).sort() }));
      });
    },

    async getPart(caller: Caller, id: string) {
      requirePermission(caller.principal, 'parts.read');
      const p = await repo.partById(db, id);
      if (!p) throw partsErrors.partNotFound(id);
      return partView(p, (await repo.modelsOfParts(db, [id])).get(id) ?? []);
    },

    // Locations ----------------------------------------------------------------------------

    async createLocation(caller: Caller, input: z.infer<typeof locationRequest>) {
      requirePermission(caller.principal, 'parts.manage');
      return db.transaction(async (tx) => {
        let providerId: string | null = null;
        let technicianId: string | null = null;
        if (input.kind === 'van') {
          if (!input.technicianId) throw partsErrors.owner('technicianId', "a van needs its technician", '车载库须指定师傅');
          const tech = await findTechnician(tx, input.technicianId);
          if (!tech) throw partsErrors.owner('technicianId', 'no such technician', '师傅不存在');
          technicianId = tech.id;
          providerId = tech.providerId;
        } else if (input.kind === 'provider_store') {
          if (!input.providerId || !(await providerExists(tx, input.providerId))) throw partsErrors.owner('providerId', "a provider's store needs its provider", '网点库须指定服务商');
          providerId = input.providerId;
        } else if (input.providerId || input.technicianId) throw partsErrors.owner('providerId', 'a warehouse belongs to headquarters: no provider or technician', '仓库归总部，不能指定服务商或师傅');
        const made = await repo.insertLocation(tx, { id: newId(), code: input.code, kind: input.kind, nameZh: input.nameZh, nameEn: input.nameEn, providerId, technicianId, createdAt: clock.now() });
        if (!made) throw partsErrors.codeTaken();
        await repo.insertHistory(tx, { subjectKind: 'location', subjectId: made.id, at: clock.now(), actor: actorName(caller.principal), action: 'created', details: { code: made.code, kind: made.kind, providerId, technicianId } });
        await deps.audit(tx, { caller, action: 'parts.location.created', subjectKind: 'stock_location', subjectId: made.id, details: { code: made.code, kind: made.kind } });
        return locationView(made);
      });
    },

    async listLocations(caller: Caller, query: z.infer<typeof locationsQuery>) {
      if (!can(caller.principal, 'parts.stock')) requirePermission(caller.principal, 'parts.request');
      return { items: (await repo.listLocations(db, visibleLocations(caller), query)).map(locationView) };
    },

    // Stock and the ledger -----------------------------------------------------------------

    async stock(caller: Caller, query: z.infer<typeof stockQuery>) {
      requirePermission(caller.principal, 'parts.stock');
      const rows = await repo.stockOf(db, visibleLocations(caller), query);
      const serialsByLocation = new Map<string, repo.SerialRow[]>();
      for (const locationId of new Set(rows.filter((r) => r.part.serialised).map((r) => r.location.id))) serialsByLocation.set(locationId, await repo.serialsAt(db, locationId));
      return {
        items: rows.map((r) => ({
          locationId: r.location.id,
          locationCode: r.location.code,
          partId: r.part.id,
          partNumber: r.part.number,
          nameZh: r.part.nameZh,
          nameEn: r.part.nameEn,
          onHand: r.level.onHand,
          reserved: r.level.reserved,
          available: r.level.onHand - r.level.reserved,
          serials: (serialsByLocation.get(r.location.id) ?? []).filter((s) => s.partId === r.part.id).map((s) => s.serial),
        })),
      };
    },

    async movements(caller: Caller, query: z.infer<typeof movementsQuery>) {
      requirePermission(caller.principal, 'parts.stock');
      if (!query.locationId && !query.orderId && providerScope(caller.principal).kind !== 'all') throw partsErrors.noSuchLocation('locationId');
      if (query.locationId) await locationFor(db, caller, query.locationId, 'locationId');
      if (query.orderId) await deps.workOrders.get(caller, query.orderId);
      const { rows, total } = await repo.movementsAt(db, query);
      return { items: rows.map(movementView), total, limit: query.limit, offset: query.offset };
    },

    /** Parts received into a location from outside the network (a supplier, the factory). */
    async receive(caller: Caller, input: z.infer<typeof receiveRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      return db.transaction(async (tx) => {
        const location = await locationFor(tx, caller, input.locationId, 'locationId');
        const part = await partFor(tx, input.partId);
        checkSerials(part.serialised, input.quantity, input.serials);
        if (!(await repo.insertSerials(tx, input.serials.map((serial) => ({ partId: part.id, serial, status: 'in_stock' as const, locationId: location.id, updatedAt: clock.now() }))))) throw partsErrors.serialKnown();
        const m = await move(tx, caller, { kind: 'receive', locationId: location.id, partId: part.id, quantity: input.quantity, serials: input.serials, reason: input.reason });
        await deps.audit(tx, { caller, action: 'parts.stock.received', subjectKind: 'stock_location', subjectId: location.id, details: { partId: part.id, quantity: input.quantity, serials: input.serials } });
        return movementView(m);
      });
    },

    /** Stock moved at once between two locations the caller keeps (a provider's store to a van). */
    async transfer(caller: Caller, input: z.infer<typeof transferRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      if (input.fromLocationId === input.toLocationId) throw partsErrors.sameLocation();
      return db.transaction(async (tx) => {
        const from = await locationFor(tx, caller, input.fromLocationId, 'fromLocationId');
        const to = await locationFor(tx, caller, input.toLocationId, 'toLocationId');
        const part = await partFor(tx, input.partId);
        checkSerials(part.serialised, input.quantity, input.serials);
        await serialsHere(tx, part.id, from.id, input.serials);
        const out = await move(tx, caller, { kind: 'transfer_out', locationId: from.id, partId: part.id, quantity: input.quantity, serials: input.serials, otherLocationId: to.id, reason: input.reason });
        const inn = await move(tx, caller, { kind: 'transfer_in', locationId: to.id, partId: part.id, quantity: input.quantity, serials: input.serials, otherLocationId: from.id, reason: input.reason });
        await repo.moveSerials(tx, part.id, input.serials, { locationId: to.id, updatedAt: clock.now() });
        await deps.audit(tx, { caller, action: 'parts.stock.transferred', subjectKind: 'stock_location', subjectId: from.id, details: { to: to.id, partId: part.id, quantity: input.quantity, serials: input.serials } });
        return { items: [movementView(out), movementView(inn)] };
      });
    },

    // Requests ------------------------------------------------------------------------------

    /** A request for parts; for an order, the order waits for them (on hold, waiting for parts). */
    async createRequest(caller: Caller, input: z.infer<typeof createRequestRequest>) {
      requirePermission(caller.principal, 'parts.request');
      if (input.orderId) await deps.workOrders.get(caller, input.orderId);
      return db.transaction(async (tx) => {
        const part = await partFor(tx, input.partId);
        const order = input.orderId ? await findOrder(tx, input.orderId) : undefined;
        let to: repo.LocationRow | null;
        if (input.toLocationId) to = await locationFor(tx, caller, input.toLocationId, 'toLocationId');
        else if (order) to = sourceFor(await repo.orderLocations(tx, order.providerId, order.technicianId), order);
        else throw partsErrors.noSuchLocation('toLocationId');
        if (!to) throw partsErrors.noSource();
        if (order && !(holdableStatuses as readonly string[]).includes(order.status) && order.status !== 'on_hold') throw partsErrors.orderNotHoldable(order.status);
        const now = clock.now();
        const made = await repo.insertRequest(tx, { id: newId(), orderId: order?.id ?? null, partId: part.id, quantity: input.quantity, toLocationId: to.id, status: 'requested', note: input.note ?? null, requestedBy: actorName(caller.principal), createdAt: now, updatedAt: now });
        await repo.insertHistory(tx, { subjectKind: 'request', subjectId: made.id, at: now, actor: made.requestedBy, action: 'request', fromStatus: null, toStatus: 'requested', details: { partId: part.id, quantity: input.quantity, toLocationId: to.id, orderId: made.orderId } });
        await deps.audit(tx, { caller, action: 'parts.request.request', subjectKind: 'part_request', subjectId: made.id, details: { orderId: made.orderId, partId: part.id, quantity: input.quantity, toLocationId: to.id } });
        if (order && order.status !== 'on_hold') {
          const note = `等待配件 ${part.number} ×${input.quantity} / Waiting for part ${part.number} ×${input.quantity}`;
          await deps.workOrders.performIn(tx, caller, order.id, 'hold', { version: order.version, reason: 'waiting_for_parts', note });
        }
        return requestDetail(tx, made);
      });
    },

    async listRequests(caller: Caller, query: z.infer<typeof requestsQuery>) {
      if (!can(caller.principal, 'parts.stock')) requirePermission(caller.principal, 'parts.request');
      const { rows, total } = await repo.listRequests(db, visibleLocations(caller), query);
      return { items: await requestViews(db, rows), total, limit: query.limit, offset: query.offset };
    },

    async getRequest(caller: Caller, id: string) {
      if (!can(caller.principal, 'parts.stock')) requirePermission(caller.principal, 'parts.request');
      return requestDetail(db, await requestFor(db, caller, id));
    },

    /** Approved from a source the approver keeps: the quantity reserved there (refused when it is not available). */
    async approve(caller: Caller, id: string, input: z.infer<typeof approveRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      return db.transaction(async (tx) => {
        const row = await requestFor(tx, caller, id, true);
        const from = await locationFor(tx, caller, input.fromLocationId, 'fromLocationId');
        if (from.id === row.toLocationId) throw partsErrors.sameLocation();
        if (row.status !== 'requested') throw partsErrors.illegalStep(row.status, 'approve');
        await move(tx, caller, { kind: 'reserve', locationId: from.id, partId: row.partId, quantity: row.quantity, otherLocationId: row.toLocationId, orderId: row.orderId, requestId: row.id });
        return requestDetail(tx, await requestStep(tx, caller, row, 'approve', input.version, { fromLocationId: from.id }, { fromLocationId: from.id, note: input.note ?? null }));
      });
    },

    async reject(caller: Caller, id: string, input: z.infer<typeof rejectRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      return db.transaction(async (tx) => {
        const row = await requestFor(tx, caller, id, true);
        return requestDetail(tx, await requestStep(tx, caller, row, 'reject', input.version, {}, { note: input.note }));
      });
    },

    /** Called off before shipping, by whoever asked or a stock keeper; an approved request's reservation is released. */
    async cancel(caller: Caller, id: string, input: z.infer<typeof stepRequest>) {
      if (!can(caller.principal, 'parts.stock')) requirePermission(caller.principal, 'parts.request');
      return db.transaction(async (tx) => {
        const row = await requestFor(tx, caller, id, true);
        if (!can(caller.principal, 'parts.stock') && row.requestedBy !== actorName(caller.principal)) throw partsErrors.notYours();
        if (row.status === 'approved' && row.fromLocationId) await move(tx, caller, { kind: 'unreserve', locationId: row.fromLocationId, partId: row.partId, quantity: row.quantity, requestId: row.id, orderId: row.orderId, reason: input.note });
        return requestDetail(tx, await requestStep(tx, caller, row, 'cancel', input.version, {}, { note: input.note ?? null }));
      });
    },

    /** Shipped from the source: what was reserved leaves it; serials go in transit with the request. */
    async ship(caller: Caller, id: string, input: z.infer<typeof shipRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      return db.transaction(async (tx) => {
        const row = await requestFor(tx, caller, id, true);
        if (row.status !== 'approved' || !row.fromLocationId) throw partsErrors.illegalStep(row.status, 'ship');
        const from = await repo.locationById(tx, row.fromLocationId, visibleLocations(caller));
        if (!from) throw partsErrors.notYours();
        const part = await partFor(tx, row.partId);
        checkSerials(part.serialised, row.quantity, input.serials);
        await serialsHere(tx, part.id, from.id, input.serials);
        await move(tx, caller, { kind: 'ship', locationId: from.id, partId: part.id, quantity: row.quantity, serials: input.serials, otherLocationId: row.toLocationId, orderId: row.orderId, requestId: row.id, reason: input.note });
        await repo.moveSerials(tx, part.id, input.serials, { status: 'in_transit', locationId: null, requestId: row.id, updatedAt: clock.now() });
        return requestDetail(tx, await requestStep(tx, caller, row, 'ship', input.version, { serials: input.serials }, { serials: input.serials, note: input.note ?? null }));
      });
    },

    /** Received at the destination; an order waiting only for these parts resumes by itself. */
    async receiveRequest(caller: Caller, id: string, input: z.infer<typeof stepRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      return db.transaction(async (tx) => {
        const row = await requestFor(tx, caller, id, true);
        if (row.status !== 'shipped') throw partsErrors.illegalStep(row.status, 'receive');
        const to = await repo.locationById(tx, row.toLocationId, visibleLocations(caller));
        if (!to) throw partsErrors.notYours();
        await move(tx, caller, { kind: 'receive_shipment', locationId: to.id, partId: row.partId, quantity: row.quantity, serials: row.serials, otherLocationId: row.fromLocationId, orderId: row.orderId, requestId: row.id, reason: input.note });
        await repo.moveSerials(tx, row.partId, row.serials, { status: 'in_stock', locationId: to.id, requestId: null, updatedAt: clock.now() });
        const moved = await requestStep(tx, caller, row, 'receive', input.version, {}, { note: input.note ?? null });
        const resumed = await resumeIfArrived(tx, moved, to);
        return requestDetail(tx, moved, resumed);
      });
    },

    // Parts of an order --------------------------------------------------------------------

    async orderParts(caller: Caller, orderId: string) {
      await deps.workOrders.get(caller, orderId);
      const consumptions = await repo.consumptionsOf(db, orderId);
      const byId = new Map((await repo.partsByIds(db, [...new Set(consumptions.map((c) => c.partId))])).map((p) => [p.id, p]));
      const { rows } = await repo.listRequests(db, visibleLocations(caller), { orderId, limit: 200, offset: 0 });
      return { consumptions: consumptions.map((c) => consumptionView(c, byId.get(c.partId)!)), requests: await requestViews(db, rows) };
    },

    /**
     * A part used on an order, once per order line (`lineKey`): a retry, or the same line sent twice
     * at once, answers with the one row; the stock leaves the van (or store) under its floor, and
     * fees writes the line — the maker's under warranty, the customer's at list price otherwise.
     */
    async consume(caller: Caller, orderId: string, input: z.infer<typeof consumeRequest>) {
      requirePermission(caller.principal, 'parts.use');
      await deps.workOrders.get(caller, orderId);
      const actor = actorName(caller.principal);
      const same = (c: repo.ConsumptionRow) => {
        if (c.partId !== input.partId || c.quantity !== input.quantity || (c.serial ?? undefined) !== input.serial) throw partsErrors.lineReused();
        return c;
      };
      const result = await db.transaction(async (tx) => {
        const earlier = await repo.consumptionByLine(tx, orderId, input.lineKey);
        if (earlier) return same(earlier);
        const order = (await findOrder(tx, orderId))!;
        if (!(consumableStatuses as readonly string[]).includes(order.status)) throw partsErrors.orderNotHere(order.status);
        const part = await partFor(tx, input.partId);
        if (part.serialised && !input.serial) throw partsErrors.serialNeeded();
        const serials = input.serial && part.serialised ? [input.serial] : [];
        checkSerials(part.serialised, input.quantity, serials);
        const location = input.locationId ? await locationFor(tx, caller, input.locationId, 'locationId') : sourceFor(await repo.orderLocations(tx, order.providerId, order.technicianId), order);
        if (!location) throw partsErrors.noSource();
        const now = clock.now();
        const id = newId();
        const made = await repo.insertConsumption(tx, {
          id,
          orderId,
          lineKey: input.lineKey,
          partId: part.id,
          locationId: location.id,
          quantity: input.quantity,
          serial: input.serial ?? null,
          oldSerial: input.oldSerial ?? null,
          underWarranty: false,
          payer: 'customer',
          amountFen: 0,
          currency: part.currency,
          providerId: order.providerId,
          technicianId: order.technicianId,
          actor,
          at: now,
        });
        // The same line recorded at once by another request: the unique index let that one in.
        if (!made) return same((await repo.consumptionByLine(tx, orderId, input.lineKey))!);
        await serialsHere(tx, part.id, location.id, serials);
        await move(tx, caller, { kind: 'consume', locationId: location.id, partId: part.id, quantity: input.quantity, serials, orderId, consumptionId: id });
        await repo.moveSerials(tx, part.id, serials, { status: 'consumed', locationId: null, orderId, updatedAt: now });
        const fee = await deps.fees.addPartLine(tx, { orderId, part, quantity: input.quantity, serial: input.serial ?? null, consumptionId: id, actor, at: now });
        const dueAt = returnDueAt(part, fee.underWarranty, now);
        const priced = await repo.updateConsumption(tx, id, { feeLineId: fee.lineId, payer: fee.payer, amountFen: fee.amountFen, underWarranty: fee.underWarranty, returnDueAt: dueAt });
        // The old part owes its return (旧件返厂): made here, once per consumption (its unique key), in the same transaction.
        if (dueAt) {
          const obligation = await insertReturn(tx, { id: newId(), consumptionId: id, orderId, orderNumber: order.number, partId: part.id, providerId: order.providerId, technicianId: order.technicianId, quantity: input.quantity, oldSerial: input.oldSerial ?? null, newSerial: input.serial ?? null, dueAt, status: 'due', createdAt: now });
          if (obligation) await repo.insertHistory(tx, { subjectKind: 'return', subjectId: obligation.id, at: now, actor, action: 'owed', fromStatus: null, toStatus: 'due', details: { orderId, consumptionId: id, partId: part.id, dueAt: dueAt.toISOString() } });
        }
        await deps.audit(tx, { caller, action: 'parts.consumed', subjectKind: 'work_order', subjectId: orderId, details: { consumptionId: id, lineKey: input.lineKey, partId: part.id, quantity: input.quantity, serial: input.serial ?? null, locationId: location.id, payer: fee.payer, amountFen: fee.amountFen } });
        return priced;
      });
      return consumptionView(result, (await repo.partById(db, result.partId))!);
    },

    // Counts -------------------------------------------------------------------------------

    async createCount(caller: Caller, input: z.infer<typeof countCreateRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      return db.transaction(async (tx) => {
        const location = await locationFor(tx, caller, input.locationId, 'locationId');
        if (input.partIds) for (const [i, p] of input.partIds.entries()) await partFor(tx, p, `partIds.${i}`);
        const levels = await repo.levelsAt(tx, location.id, input.partIds);
        const partIds = input.partIds ? [...new Set(input.partIds)] : levels.map((l) => l.partId);
        const books = new Map(levels.map((l) => [l.partId, l.onHand]));
        const now = clock.now();
        const made = await repo.insertCount(tx, { id: newId(), locationId: location.id, scope: input.partIds ? 'parts' : 'full', status: 'open', lines: partIds.map((partId) => ({ partId, expected: books.get(partId) ?? 0, counted: null })), createdBy: actorName(caller.principal), createdAt: now, updatedAt: now });
        await repo.insertHistory(tx, { subjectKind: 'count', subjectId: made.id, at: now, actor: made.createdBy, action: 'open', fromStatus: null, toStatus: 'open', details: { locationId: location.id, scope: made.scope } });
        await deps.audit(tx, { caller, action: 'parts.count.open', subjectKind: 'stock_count', subjectId: made.id, details: { locationId: location.id } });
        return countView(tx, made);
      });
    },

    async submitCount(caller: Caller, id: string, input: z.infer<typeof countSubmitRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      return db.transaction(async (tx) => {
        const c = await countFor(tx, caller, id);
        if (c.status !== 'open') throw partsErrors.illegalStep(c.status, 'submit');
        const counted = new Map(input.lines.map((l) => [l.partId, l.counted]));
        for (const [i, l] of input.lines.entries()) if (!c.lines.some((x) => x.partId === l.partId)) throw partsErrors.noSuchPart(`lines.${i}.partId`);
        const lines = c.lines.map((l) => ({ ...l, counted: counted.get(l.partId) ?? l.counted }));
        return countView(tx, await countStep(tx, caller, c, 'submit', 'submitted', input.version, { lines, reason: input.reason }, { reason: input.reason }));
      });
    },

    /** Approved by a role that may (parts.count.approve): each difference from the books now posted as an adjustment with the count's reason. */
    async approveCount(caller: Caller, id: string, input: z.infer<typeof countDecideRequest>) {
      requirePermission(caller.principal, 'parts.count.approve');
      return db.transaction(async (tx) => {
        const c = await countFor(tx, caller, id);
        if (c.status !== 'submitted') throw partsErrors.illegalStep(c.status, 'approve');
        const books = new Map((await repo.levelsForUpdate(tx, c.locationId, c.lines.map((l) => l.partId))).map((l) => [l.partId, l]));
        const refusal = countRefusal(c.lines, books);
        if (refusal) throw partsErrors.refused(refusal);
        const differences = countDifferences(c.lines, books);
        for (const d of differences) await move(tx, caller, { kind: 'adjust', locationId: c.locationId, partId: d.partId, quantity: d.delta, countId: c.id, reason: `${c.reason ?? ''}${input.note ? ` · ${input.note}` : ''}` });
        return countView(tx, await countStep(tx, caller, c, 'approve', 'approved', input.version, { decidedBy: actorName(caller.principal) }, { differences, note: input.note ?? null }));
      });
    },

    async rejectCount(caller: Caller, id: string, input: z.infer<typeof countDecideRequest>) {
      requirePermission(caller.principal, 'parts.count.approve');
      return db.transaction(async (tx) => {
        const c = await countFor(tx, caller, id);
        if (c.status !== 'submitted') throw partsErrors.illegalStep(c.status, 'reject');
        return countView(tx, await countStep(tx, caller, c, 'reject', 'rejected', input.version, { decidedBy: actorName(caller.principal) }, { note: input.note ?? null }));
      });
    },

    async listCounts(caller: Caller, query: z.infer<typeof countsQuery>) {
      if (!can(caller.principal, 'parts.count.approve')) requirePermission(caller.principal, 'parts.stock');
      const rows = await repo.listCounts(db, visibleLocations(caller), query);
      return { items: await Promise.all(rows.map((r) => countView(db, r.count))) };
    },

    async getCount(caller: Caller, id: string) {
      if (!can(caller.principal, 'parts.count.approve')) requirePermission(caller.principal, 'parts.stock');
      return countView(db, await countFor(db, caller, id));
    },
  };

  async function countFor(q: Queryable, caller: Caller, id: string) {
    const c = await repo.countById(q, id, true);
    if (!c || !(await repo.locationById(q, c.locationId, visibleLocations(caller)))) throw partsErrors.countNotFound(id);
    return c;
  }

  async function countStep(tx: Tx, caller: Caller, c: repo.CountRow, action: string, to: CountStatus, version: number, patch: Partial<repo.CountRow>, details: Record<string, unknown>) {
    if (c.version !== version) throw partsErrors.staleVersion(c.version);
    const now = clock.now();
    const moved = await repo.updateCountAtVersion(tx, c.id, version, { ...patch, status: to, updatedAt: now });
    if (!moved) throw partsErrors.staleVersion(c.version + 1);
    await repo.insertHistory(tx, { subjectKind: 'count', subjectId: c.id, at: now, actor: actorName(caller.principal), action, fromStatus: c.status, toStatus: to, details });
    await deps.audit(tx, { caller, action: `parts.count.${action}`, subjectKind: 'stock_count', subjectId: c.id, details: { locationId: c.locationId, from: c.status, to, ...details } });
    return moved;
  }

  function consumptionView(c: repo.ConsumptionRow, p: repo.PartRow) {
    return {
      id: c.id,
      orderId: c.orderId,
      lineKey: c.lineKey,
      partId: c.partId,
      partNumber: p.number,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      locationId: c.locationId,
      quantity: c.quantity,
      serial: c.serial,
      oldSerial: c.oldSerial,
      underWarranty: c.underWarranty,
      payer: c.payer,
      amount: money(c.amountFen, c.currency),
      feeLineId: c.feeLineId,
      returnDueAt: c.returnDueAt?.toISOString() ?? null,
      at: c.at.toISOString(),
    };
  }
}

export type PartsService = ReturnType<typeof createPartsService>;
