// Old-part returns (旧件返厂): every returnable part used under warranty owes its old part back
// (the obligation is made with the consumption, parts.service.ts). The provider packs obligations
// into a shipment with a printable packing list and ships it; the warehouse receives the box and
// inspects each line (count, type, serial, state), decides the part's fate (ledger rows at the
// warehouse), and raises a supplier recovery claim for a part confirmed faulty. A line not in the
// box is marked missing. The on-time return rate per provider reads the same outcomes settlement
// penalises (parts.returns.rules.ts). Every step: a history row and an audit row, one transaction.
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import * as partsRepo from './parts.repo.js';
import * as repo from './parts.returns.repo.js';
import { returnsErrors } from './parts.errors.js';
import {
  claimsFromSupplier,
  fateNames,
  inspectionRefusal,
  labelRefusal,
  inspectionStateNames,
  onTimeRate,
  returnOutcome,
  returnStatusNames,
  serialMatches,
  shipmentNumber,
  shipmentStatusNames,
  type Fate,
  type InspectionState,
  type ReturnStatus,
  type ShipmentStatus,
} from './parts.returns.rules.js';
import type { MovementKind } from './parts.rules.js';
import type { claimsQuery, inspectRequest, labelRequest, missingRequest, onTimeQuery, packRequest, receiveRequest, returnsQuery, shipmentsQuery, shipRequest } from './parts.returns.contract.js';

/** One ledger movement inside the caller's transaction (the parts service's own, so the floor and the ledger stay one path). */
export type MoveFn = (tx: Tx, caller: Caller, m: { kind: MovementKind; locationId: string; partId: string; quantity: number; orderId?: string | null; reason?: string | null }) => Promise<unknown>;
export type ReturnsDeps = { db: Db; clock: Clock; audit: AuditFn; move: MoveFn };

const esc = (s: string | null | undefined) => (s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createReturnsService(deps: ReturnsDeps) {
  const { db, clock } = deps;
  const returnsVisible = (caller: Caller) => repo.returnVisibleSql(providerScope(caller.principal));
  const shipmentsVisible = (caller: Caller) => repo.shipmentVisibleSql(providerScope(caller.principal));

  async function returnViews(q: Queryable, rows: repo.ReturnRow[]) {
    const parts = new Map((await partsRepo.partsByIds(q, [...new Set(rows.map((r) => r.partId))])).map((p) => [p.id, p]));
    const now = clock.now();
    return rows.map((r) => {
      const p = parts.get(r.partId)!;
      const status = r.status as ReturnStatus;
      const state = r.state as InspectionState | null;
      const fate = r.fate as Fate | null;
      return {
        id: r.id,
        orderId: r.orderId,
        orderNumber: r.orderNumber,
        partId: r.partId,
        partNumber: p.number,
        partNameZh: p.nameZh,
        partNameEn: p.nameEn,
        providerId: r.providerId,
        quantity: r.quantity,
        oldSerial: r.oldSerial,
        newSerial: r.newSerial,
        dueAt: r.dueAt.toISOString(),
        overdue: status === 'due' && r.dueAt < now,
        status,
        statusName: returnStatusNames[status],
        shipmentId: r.shipmentId,
        shippedAt: r.shippedAt?.toISOString() ?? null,
        outcome: returnOutcome(r, now),
        inspection:
          r.inspectedAt || r.missingAt
            ? {
                quantityReceived: r.quantityReceived,
                typeMatches: r.typeMatches,
                serialReceived: r.serialReceived,
                serialMatches: r.serialMatches,
                state,
                stateName: state ? inspectionStateNames[state] : null,
                fate,
                fateName: fate ? fateNames[fate] : null,
                inspectedBy: r.inspectedBy,
                inspectedAt: (r.inspectedAt ?? r.missingAt)!.toISOString(),
                note: r.note,
              }
            : null,
        label: r.labelledAt ? { tag: r.labelTag!, labelledAt: r.labelledAt.toISOString(), labelledBy: r.labelledBy! } : null,
        version: r.version,
      };
    });
  }

  function shipmentView(s: repo.ShipmentRow, names: { providerName: string | null; providerNameEn: string | null } | undefined, lines: number) {
    const status = s.status as ShipmentStatus;
    return {
      id: s.id,
      number: s.number,
      providerId: s.providerId,
      providerName: names?.providerName ?? null,
      providerNameEn: names?.providerNameEn ?? null,
      toLocationId: s.toLocationId,
      status,
      statusName: shipmentStatusNames[status],
      carrier: s.carrier,
      tracking: s.tracking,
      note: s.note,
      packedBy: s.packedBy,
      lines,
      shippedAt: s.shippedAt?.toISOString() ?? null,
      receivedAt: s.receivedAt?.toISOString() ?? null,
      version: s.version,
      createdAt: s.createdAt.toISOString(),
    };
  }

  async function shipmentDetail(q: Queryable, s: repo.ShipmentRow) {
    const items = await repo.returnsOfShipment(q, s.id);
    const { rows } = await repo.listShipments(q, repo.shipmentVisibleSql({ kind: 'all' }), { id: s.id, limit: 1, offset: 0 });
    const history = await partsRepo.historyOf(q, s.id);
    return {
      ...shipmentView(s, rows[0], items.length),
      items: await returnViews(q, items),
      history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, details: h.details })),
    };
  }

  async function history(tx: Tx, caller: Caller, kind: 'return' | 'shipment', id: string, action: string, from: string | null, to: string | null, details: Record<string, unknown>) {
    await partsRepo.insertHistory(tx, { subjectKind: kind, subjectId: id, at: clock.now(), actor: actorName(caller.principal), action, fromStatus: from, toStatus: to, details });
    await deps.audit(tx, { caller, action: `parts.${kind}.${action}`, subjectKind: kind === 'return' ? 'old_part_return' : 'old_part_shipment', subjectId: id, details: { from, to, ...details } });
  }

  async function shipmentFor(q: Queryable, caller: Caller, id: string, lock = false) {
    const s = await repo.shipmentById(q, id, shipmentsVisible(caller), lock);
    if (!s) throw returnsErrors.shipmentNotFound(id);
    return s;
  }

  /** A line of a received box, for the warehouse: locked, at the version read. */
  async function receivedLine(tx: Tx, caller: Caller, id: string, version: number, action: string) {
    const r = await repo.returnById(tx, id, returnsVisible(caller), true);
    if (!r) throw returnsErrors.returnNotFound(id);
    const box = r.shipmentId ? await repo.shipmentById(tx, r.shipmentId, shipmentsVisible(caller)) : undefined;
    if (r.status !== 'shipped' || box?.status !== 'received') throw returnsErrors.illegalStep(r.status === 'shipped' ? `in a box not yet received` : r.status, action);
    if (r.version !== version) throw returnsErrors.staleVersion(r.version);
    return { r, box };
  }

  return {
    async list(caller: Caller, query: z.infer<typeof returnsQuery>) {
      requirePermission(caller.principal, 'parts.read');
      const { rows, total } = await repo.listReturns(db, returnsVisible(caller), { ...query, overdueAt: query.overdue === 'true' ? clock.now() : undefined });
      return { items: await returnViews(db, rows), total, limit: query.limit, offset: query.offset };
    },

    /**
     * The provider packs returns still to pack into one box for a warehouse. Each moves due → packed
     * only if nobody packed it first (two boxes of one part at once: one wins, the other is refused).
     */
    async pack(caller: Caller, input: z.infer<typeof packRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      return db.transaction(async (tx) => {
        const to = await partsRepo.locationById(tx, input.toLocationId);
        if (!to || (to.kind !== 'central' && to.kind !== 'regional')) throw returnsErrors.notAWarehouse();
        const seen = new Set<string>();
        const rows: repo.ReturnRow[] = [];
        for (const [i, id] of input.returnIds.entries()) {
          if (seen.has(id)) throw returnsErrors.returnIdTwice(i);
          seen.add(id);
          const r = await repo.returnById(tx, id, returnsVisible(caller));
          if (!r) throw returnsErrors.noSuchReturn(i);
          if (!r.providerId || (rows[0] && r.providerId !== rows[0].providerId)) throw returnsErrors.mixedProviders(i);
          if (r.status !== 'due') throw returnsErrors.notToPack(i, r.status);
          rows.push(r);
        }
        const now = clock.now();
        const id = newId();
        const box = await repo.insertShipment(tx, { id, number: shipmentNumber(now, id.replaceAll('-', '').slice(-6)), providerId: rows[0].providerId!, toLocationId: to.id, status: 'packed', note: input.note ?? null, packedBy: actorName(caller.principal), createdAt: now });
        const moved = await repo.stepReturns(tx, rows.map((r) => r.id), 'due', { status: 'packed', shipmentId: box.id });
        if (moved.length !== rows.length) {
          const i = rows.findIndex((r) => !moved.some((m) => m.id === r.id));
          throw returnsErrors.notToPack(i, 'packed');
        }
        for (const r of moved) await history(tx, caller, 'return', r.id, 'pack', 'due', 'packed', { shipmentId: box.id, orderId: r.orderId });
        await history(tx, caller, 'shipment', box.id, 'pack', null, 'packed', { returns: moved.length, toLocationId: to.id });
        return shipmentDetail(tx, box);
      });
    },

    async listShipments(caller: Caller, query: z.infer<typeof shipmentsQuery>) {
      requirePermission(caller.principal, 'parts.read');
      const { rows, total } = await repo.listShipments(db, shipmentsVisible(caller), query);
      return { items: rows.map((r) => shipmentView(r.s, r, r.lines)), total, limit: query.limit, offset: query.offset };
    },

    async getShipment(caller: Caller, id: string) {
      requirePermission(caller.principal, 'parts.read');
      return shipmentDetail(db, await shipmentFor(db, caller, id));
    },

    /** The box leaves the provider: its returns count as handed over now (on time when by their deadline). */
    async ship(caller: Caller, id: string, input: z.infer<typeof shipRequest>) {
      requirePermission(caller.principal, 'parts.stock');
      return db.transaction(async (tx) => {
        const s = await shipmentFor(tx, caller, id, true);
        if (s.status !== 'packed') throw returnsErrors.illegalStep(s.status, 'ship');
        if (s.version !== input.version) throw returnsErrors.staleVersion(s.version);
        const now = clock.now();
        const moved = (await repo.updateShipmentAtVersion(tx, s.id, input.version, { status: 'shipped', shippedAt: now, carrier: input.carrier ?? null, tracking: input.tracking ?? null }))!;
        const lines = await repo.stepReturns(tx, (await repo.returnsOfShipment(tx, s.id)).map((r) => r.id), 'packed', { status: 'shipped', shippedAt: now });
        for (const r of lines) await history(tx, caller, 'return', r.id, 'ship', 'packed', 'shipped', { shipmentId: s.id, late: r.dueAt < now });
        await history(tx, caller, 'shipment', s.id, 'ship', 'packed', 'shipped', { carrier: input.carrier ?? null, tracking: input.tracking ?? null });
        return shipmentDetail(tx, moved);
      });
    },

    /** The warehouse takes the box in; its lines wait for inspection one by one. */
    async receive(caller: Caller, id: string, input: z.infer<typeof receiveRequest>) {
      requirePermission(caller.principal, 'parts.returns.inspect');
      return db.transaction(async (tx) => {
        const s = await shipmentFor(tx, caller, id, true);
        if (s.status !== 'shipped') throw returnsErrors.illegalStep(s.status, 'receive');
        if (s.version !== input.version) throw returnsErrors.staleVersion(s.version);
        const moved = (await repo.updateShipmentAtVersion(tx, s.id, input.version, { status: 'received', receivedAt: clock.now(), receivedBy: actorName(caller.principal) }))!;
        await history(tx, caller, 'shipment', s.id, 'receive', 'shipped', 'received', { note: input.note ?? null });
        return shipmentDetail(tx, moved);
      });
    },

    /**
     * One line inspected: count, type, serial, state, and the part's fate. The part enters the
     * warehouse's ledger (return_in); unless it goes back to stock it leaves again at once
     * (return_old, the fate as the reason). A part confirmed faulty raises the supplier claim line.
     */
    async inspect(caller: Caller, id: string, input: z.infer<typeof inspectRequest>) {
      requirePermission(caller.principal, 'parts.returns.inspect');
      return db.transaction(async (tx) => {
        const { r, box } = await receivedLine(tx, caller, id, input.version, 'inspect');
        const refusal = inspectionRefusal({ ...input, quantity: r.quantity });
        if (refusal) throw returnsErrors.refused(refusal);
        const part = (await partsRepo.partById(tx, r.partId))!;
        const now = clock.now();
        const matches = serialMatches(r.oldSerial, input.serial);
        const done = await repo.updateReturnAtVersion(tx, r.id, r.version, {
          status: 'inspected',
          quantityReceived: input.quantityReceived,
          typeMatches: input.typeMatches,
          serialReceived: input.serial,
          serialMatches: matches,
          state: input.state,
          fate: input.fate,
          note: input.note ?? null,
          inspectedAt: now,
          inspectedBy: actorName(caller.principal),
        });
        if (!done) throw returnsErrors.staleVersion(r.version + 1);
        const reason = `旧件 ${r.orderNumber}：${inspectionStateNames[input.state].zh}，${fateNames[input.fate].zh} / old part of ${r.orderNumber}: ${inspectionStateNames[input.state].en}, ${fateNames[input.fate].en}`;
        // A part that is not ours never enters our books.
        if (input.state !== 'not_ours') {
          await deps.move(tx, caller, { kind: 'return_in', locationId: box!.toLocationId, partId: r.partId, quantity: input.quantityReceived, orderId: r.orderId, reason });
          if (input.fate !== 'stock') await deps.move(tx, caller, { kind: 'return_old', locationId: box!.toLocationId, partId: r.partId, quantity: input.quantityReceived, orderId: r.orderId, reason });
        }
        let claimId: string | null = null;
        if (claimsFromSupplier(input.state)) {
          const claim = await repo.insertClaim(tx, { id: newId(), returnId: r.id, partId: part.id, partNumber: part.number, orderId: r.orderId, orderNumber: r.orderNumber, serial: input.serial ?? r.oldSerial, quantity: input.quantityReceived, amountFen: part.issueFen * input.quantityReceived, currency: part.currency, createdAt: now });
          claimId = claim?.id ?? null;
        }
        await history(tx, caller, 'return', r.id, 'inspect', 'shipped', 'inspected', { shipmentId: box!.id, quantityReceived: input.quantityReceived, typeMatches: input.typeMatches, serialMatches: matches, state: input.state, fate: input.fate, claimId });
        const [v] = await returnViews(tx, [done]);
        return v;
      });
    },

    /**
     * On site, the technician bags the old part and ties a tag to it (旧件挂签): the return says so,
     * with the tag, before it is packed. A step of its own on the return's history (status stays due).
     */
    async label(caller: Caller, id: string, input: z.infer<typeof labelRequest>) {
      requirePermission(caller.principal, 'parts.use');
      return db.transaction(async (tx) => {
        const r = await repo.returnById(tx, id, returnsVisible(caller), true);
        if (!r) throw returnsErrors.returnNotFound(id);
        const refusal = labelRefusal(r);
        if (refusal === 'already_labelled') throw returnsErrors.alreadyLabelled(r.labelTag ?? '');
        if (refusal) throw returnsErrors.illegalStep(r.status, 'label');
        if (r.version !== input.version) throw returnsErrors.staleVersion(r.version);
        const done = await repo.updateReturnAtVersion(tx, r.id, r.version, { labelTag: input.tag, labelledAt: clock.now(), labelledBy: actorName(caller.principal) });
        if (!done) throw returnsErrors.staleVersion(r.version + 1);
        await history(tx, caller, 'return', r.id, 'label', 'due', 'due', { orderId: r.orderId, tag: input.tag });
        const [v] = await returnViews(tx, [done]);
        return v;
      });
    },

    /** A line the box did not hold: missing from now (settlement counts it with the late ones). */
    async markMissing(caller: Caller, id: string, input: z.infer<typeof missingRequest>) {
      requirePermission(caller.principal, 'parts.returns.inspect');
      return db.transaction(async (tx) => {
        const { r, box } = await receivedLine(tx, caller, id, input.version, 'mark missing');
        const now = clock.now();
        const done = await repo.updateReturnAtVersion(tx, r.id, r.version, { status: 'missing', missingAt: now, quantityReceived: 0, note: input.note, inspectedBy: actorName(caller.principal) });
        if (!done) throw returnsErrors.staleVersion(r.version + 1);
        await history(tx, caller, 'return', r.id, 'missing', 'shipped', 'missing', { shipmentId: box!.id, note: input.note });
        const [v] = await returnViews(tx, [done]);
        return v;
      });
    },

    async claims(caller: Caller, query: z.infer<typeof claimsQuery>) {
      requirePermission(caller.principal, 'parts.returns.inspect');
      const { rows, total } = await repo.listClaims(db, query);
      return { items: rows.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })), total, limit: query.limit, offset: query.offset };
    },

    /** The on-time return rate per provider, over the returns due in [from, to), as they stand now. */
    async onTime(caller: Caller, query: z.infer<typeof onTimeQuery>) {
      requirePermission(caller.principal, 'parts.read');
      const rows = await repo.returnsDueIn(db, returnsVisible(caller), new Date(`${query.from}T00:00:00Z`), new Date(`${query.to}T00:00:00Z`));
      const now = clock.now();
      const byProvider = new Map<string, { providerId: string | null; providerName: string | null; providerNameEn: string | null; outcomes: ReturnType<typeof returnOutcome>[] }>();
      for (const r of rows) {
        const g = byProvider.get(r.providerId ?? '') ?? { providerId: r.providerId, providerName: r.providerName, providerNameEn: r.providerNameEn, outcomes: [] };
        g.outcomes.push(returnOutcome(r, now));
        byProvider.set(r.providerId ?? '', g);
      }
      return { from: query.from, to: query.to, items: [...byProvider.values()].map((g) => ({ providerId: g.providerId, providerName: g.providerName, providerNameEn: g.providerNameEn, ...onTimeRate(g.outcomes) })) };
    },

    /** The packing list, printable (HTML), in the language asked: one row per part in the box. */
    async packingList(caller: Caller, id: string, lang: 'zh' | 'en') {
      const d = await this.getShipment(caller, id);
      const t = lang === 'zh'
        ? { title: '旧件返厂装箱单', box: '包裹号', provider: '网点', status: '状态', order: '工单', part: '配件', qty: '数量', serial: '旧件序列号', due: '返厂期限', sign: '收货人签字', lines: '件数' }
        : { title: 'Old parts packing list', box: 'Box', provider: 'Provider', status: 'Status', order: 'Order', part: 'Part', qty: 'Qty', serial: 'Old serial', due: 'Due', sign: 'Received by (signature)', lines: 'Lines' };
      const rows = d.items
        .map((i) => `<tr><td>${esc(i.orderNumber)}</td><td>${esc(i.partNumber)} ${esc(lang === 'zh' ? i.partNameZh : i.partNameEn)}</td><td>${i.quantity}</td><td>${esc(i.oldSerial)}</td><td>${i.dueAt.slice(0, 10)}</td></tr>`)
        .join('');
      return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${t.title} ${esc(d.number)}</title><style>body{font-family:sans-serif}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px}@media print{button{display:none}}</style></head><body><h1>${t.title}</h1><p>${t.box}: <b>${esc(d.number)}</b> · ${t.provider}: ${esc(d.providerName)} · ${t.status}: ${esc(d.statusName[lang])} · ${t.lines}: ${d.lines}</p><table><thead><tr><th>${t.order}</th><th>${t.part}</th><th>${t.qty}</th><th>${t.serial}</th><th>${t.due}</th></tr></thead><tbody>${rows}</tbody></table><p>${t.sign}: ____________</p></body></html>`;
    },
  };
}

export type ReturnsService = ReturnType<typeof createReturnsService>;
