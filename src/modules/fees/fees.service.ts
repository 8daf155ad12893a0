// Price lists (versions as data) and the fee lines of orders. The pricing itself is fees.rules.ts;
// this file gathers its facts (the version in force, the distance, each unit's 三包 answer, the
// other orders of the same visit) and keeps the lines with their history.
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { notFound } from '../../shared/errors.js';
import { localDate } from '../../shared/zoned.js';
import { findOrder, type OrderFollower, type OrderRow, type WorkOrdersService } from '../work-orders/index.js';
import type { UnitsService } from '../units/index.js';
import type { NetworkService } from '../network/index.js';
import * as repo from './fees.repo.js';
import { feesErrors } from './fees.errors.js';
import { areaTypeOf, creditAfterReprice, defaultJobMode, distanceFlags, jobModeNames, payerFor, priceVisit, totalsByPayer, versionInForce, type JobMode, type PriceListContent, type PricedLine, type PricingProblem, type UnitToPrice, tierDiscountLines, freeVisitLines } from './fees.rules.js';
import { createQuotesService } from './fees.quotes.js';
import { createPaymentsService } from './fees.payments.js';
import { priceRows, writeImportedPrices, type ImportedPriceItem } from './fees.imported.js';
import { categoryCodesByIds } from '../catalog/index.js';
import type { addLineRequest, changePayerRequest, createListRequest, createVersionRequest, OrderFeesView, removeLineRequest, repriceRequest, updateVersionRequest } from './fees.contract.js';

export type FeesDeps = {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  workOrders: WorkOrdersService;
  units: UnitsService;
  network: NetworkService;
  /** One-way road metres between two places ([lng, lat]), from the travel adapter dispatch plans with. */
  roadDistance: (from: [number, number], to: [number, number]) => Promise<number>;
  /** Signs the quote and receipt links sent by SMS; publicUrl is where they point. */
  linkKey: string;
  publicUrl: string;
  /** A tier's fee discount in percent (loyalty's entitlement, built later: passed in by the root). */
  feeDiscountPercent?: (q: Queryable, tier: string) => Promise<number>;
  /** A tier's free visits per year (loyalty's entitlement, passed in by the root likewise). */
  freeVisitsPerYear?: (q: Queryable, tier: string) => Promise<number>;
};

/** Days are counted in the company's zone: a visit at 23:30 in Guangzhou is that day's work. */
const zone = 'Asia/Shanghai';
/** From work done until the order is closed, its fees may be priced again and changed. */
const priceable = new Set(['work_done', 'confirmed', 'followed_up']);

type Computed = {
  order: OrderRow;
  group: { order: OrderRow; mode: JobMode; faultDay: string }[];
  visitKey: string;
  workDay: string;
  version: { id: string; content: PriceListContent } | null;
  lines: PricedLine[];
  problems: PricingProblem[];
  areaType: string | null;
  roadMetres: number | null;
  straightMetres: number | null;
  flags: string[];
};

export function createFeesService(deps: FeesDeps) {
  const { db, clock } = deps;

  const listView = (l: repo.ListRow, versions: repo.VersionRow[]) => ({
    id: l.id,
    scope: l.scope,
    providerId: l.providerId,
    nameZh: l.nameZh,
    nameEn: l.nameEn,
    base: l.baseLat != null && l.baseLng != null ? { lat: l.baseLat, lng: l.baseLng } : null,
    versions: versions.filter((v) => v.listId === l.id).map(versionView),
    createdAt: l.createdAt.toISOString(),
  });
  const versionView = (v: repo.VersionRow) => ({
    id: v.id,
    listId: v.listId,
    number: v.number,
    status: v.status,
    effectiveFrom: v.effectiveFrom,
    content: v.content,
    note: v.note,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    publishedBy: v.publishedBy,
    version: v.version,
  });
  const lineView = (l: repo.LineRow) => ({
    id: l.id,
    kind: l.kind,
    code: l.code,
    nameZh: l.nameZh,
    nameEn: l.nameEn,
    quantity: l.quantity,
    unitFen: l.unitFen,
    amountFen: l.amountFen,
    currency: l.currency,
    payer: l.payer,
    rule: l.ruleCode,
    reason: { zh: l.reasonZh, en: l.reasonEn },
    source: l.source,
    priceVersionId: l.priceVersionId,
    facts: l.facts,
    createdAt: l.createdAt.toISOString(),
    createdBy: l.createdBy,
    version: l.version,
  });
  const totals = (lines: { payer: repo.LineRow['payer']; amountFen: number }[]) => ({ byPayer: totalsByPayer(lines), amountFen: lines.reduce((n, l) => n + l.amountFen, 0), currency: 'CNY' });

  /** A provider's staff see the national list and their own contract, never another provider's prices. */
  function mayRead(caller: Caller, l: repo.ListRow): boolean {
    if (l.scope === 'national') return true;
    const scope = providerScope(caller.principal);
    return scope.kind === 'all' || ((scope.kind === 'provider' || scope.kind === 'technician') && scope.providerId === l.providerId);
  }

  async function versionRow(q: Queryable, id: string, lock = false, caller?: Caller) {
    const v = await repo.versionById(q, id, lock);
    const list = v && caller ? await repo.listById(q, v.listId) : undefined;
    if (!v || (caller && list && !mayRead(caller, list))) throw feesErrors.versionNotFound(id);
    return v;
  }

  // ---------------------------------------------------------------------------------------
  // Pricing an order: the facts, then the rules, then (unless a preview) the lines.

  const dayOf = (at: Date) => localDate(at, zone);
  const visitKeyOf = (o: OrderRow, workDay: string) => [o.customerId, o.technicianId ?? '-', workDay, o.address.province, o.address.city, o.address.district, o.address.street].join('|');

  /** The provider's base from its contract list, else the technician's home; null when neither is known. */
  async function baseOf(q: Queryable, o: OrderRow): Promise<[number, number] | null> {
    const list = o.providerId ? await repo.listOfProvider(q, o.providerId) : undefined;
    if (list?.baseLat != null && list.baseLng != null) return [list.baseLng, list.baseLat];
    const tech = o.technicianId ? await deps.network.technicianById(q, o.technicianId) : undefined;
    if (tech?.homeLat != null && tech.homeLng != null) return [tech.homeLng, tech.homeLat];
    return null;
  }

  async function compute(q: Queryable, order: OrderRow, opts: { jobMode?: JobMode; draft?: repo.VersionRow }): Promise<Computed> {
    if (!order.doneAt) throw feesErrors.orderNotDone();
    const workDay = dayOf(order.doneAt);
    const visitKey = visitKeyOf(order, workDay);
    const own = await repo.visitOf(q, order.id);
    // The other orders of this household serviced in the same visit (a preview prices the order alone).
    const others: OrderRow[] = [];
    if (!opts.draft) {
      await repo.lockVisit(q, visitKey);
      for (const id of await repo.ordersOfVisit(q, visitKey)) {
        if (id === order.id) continue;
        const o = await findOrder(q, id);
        if (o && priceable.has(o.status)) others.push(o);
      }
    }
    // In the order the work was done: on a tie of call-out fees, the first unit seen keeps it.
    const orders = [order, ...others].sort((a, b) => a.doneAt!.getTime() - b.doneAt!.getTime() || (a.id < b.id ? -1 : 1));
    const group: Computed['group'] = [];
    for (const o of orders) {
      const visit = o.id === order.id ? own : await repo.visitOf(q, o.id);
      const mode = (o.id === order.id ? opts.jobMode : undefined) ?? (visit?.jobMode as JobMode | undefined) ?? defaultJobMode(o.kind, o.replacement);
      group.push({ order: o, mode, faultDay: dayOf(o.createdAt) });
    }

    let version: Computed['version'] = null;
    if (opts.draft) version = { id: opts.draft.id, content: opts.draft.content };
    else {
      const inForce = versionInForce(await repo.publishedVersionsFor(q, order.providerId), order.providerId, workDay);
      if (inForce) version = { id: inForce.id, content: inForce.content };
    }
    const empty = { order, group, visitKey, workDay, version, lines: [], areaType: null, roadMetres: null, straightMetres: null, flags: [] };
    if (!version) return { ...empty, problems: [{ path: 'workDay', en: `no published price list is in force on ${workDay}`, zh: `${workDay} 没有生效的已发布价目表` }] };

    const base = await baseOf(q, order);
    const at: [number, number] | null = order.address.lat != null && order.address.lng != null ? [order.address.lng, order.address.lat] : null;
    let roadMetres: number | null = null;
    let straightMetres: number | null = null;
    let flags: string[] = [];
    const problems: PricingProblem[] = [];
    if (base && at) {
      roadMetres = await deps.roadDistance(base, at);
      ({ straightMetres, flags } = distanceFlags(roadMetres, base, at));
    } else problems.push({ path: 'distance', en: "no remote fee: the provider's base or the address has no position", zh: '服务网点或地址无坐标，未计远程费' });

    const units: UnitToPrice[] = [];
    for (const g of group) {
      const answer = g.order.unitId ? await deps.units.warrantyAnswer(q, g.order.unitId, { reportedOn: g.faultDay, faultCode: g.order.causeCode ?? g.order.symptomCode ?? 'unknown' }) : null;
      units.push({ orderId: g.order.id, categoryId: answer?.categoryId ?? null, kind: g.order.kind, mode: g.mode, warranty: answer?.decision ?? null, extras: [], parts: [] });
    }
    const priced = priceVisit({ content: version.content, units, place: order.address, roadMetres });
    // A tier's free visit first (the year's Nth is free, the next paid), then its discount on what is still paid.
    const perYear = (await deps.freeVisitsPerYear?.(q, order.customerTier)) ?? 0;
    let free: PricedLine[] = [];
    if (perYear > 0) {
      const year = workDay.slice(0, 4);
      if (!opts.draft) await repo.lockFreeVisits(q, order.customerId, year);
      const used = await repo.freeVisitsUsed(q, order.customerId, year, visitKey);
      free = freeVisitLines(priced.lines, { perYear, used, tier: order.customerTier, year, customerId: order.customerId, visitKey });
    }
    const freed = new Set(free.map((l) => `${l.orderId} ${l.facts.freeOf as string}`));
    const stillPaid = priced.lines.filter((l) => !freed.has(`${l.orderId} ${l.code}`));
    const discount = tierDiscountLines(stillPaid, (await deps.feeDiscountPercent?.(q, order.customerTier)) ?? 0, order.customerTier);
    return { order, group, visitKey, workDay, version, lines: [...priced.lines, ...free, ...discount], problems: [...problems, ...priced.problems], areaType: areaTypeOf(version.content, order.address), roadMetres, straightMetres, flags };
  }

  /** Replaces the price-list lines of every order in the visit with the computed ones; staff lines stay. */
  async function write(tx: Tx, c: Computed, actor: string, reason: string | null) {
    const now = clock.now();
    const ids = c.group.map((g) => g.order.id);
    const voided = await repo.voidLines(tx, (await repo.activeLines(tx, ids)).filter((l) => l.source === 'auto').map((l) => l.id));
    const made = await repo.insertLines(
      tx,
      c.lines.map((l) => ({
        id: newId(),
        orderId: l.orderId,
        kind: l.kind,
        code: l.code,
        nameZh: l.nameZh,
        nameEn: l.nameEn,
        quantity: l.quantity,
        unitFen: l.unitFen,
        amountFen: l.amountFen,
        payer: l.payer,
        ruleCode: l.rule,
        reasonZh: l.reason.zh,
        reasonEn: l.reason.en,
        source: 'auto' as const,
        priceVersionId: c.version?.id ?? null,
        facts: l.facts,
        createdAt: now,
        createdBy: actor,
      })),
    );
    await repo.insertHistory(tx, [
      ...voided.map((l) => ({ lineId: l.id, orderId: l.orderId, at: now, actor, action: 'voided' as const, reason: reason ?? 'priced again / 重新计费', changes: { status: { from: 'active', to: 'void' } } })),
      ...made.map((l) => ({ lineId: l.id, orderId: l.orderId, at: now, actor, action: 'priced' as const, reason, changes: { amountFen: { from: null, to: l.amountFen }, payer: { from: null, to: l.payer } } })),
    ]);
    for (const g of c.group) {
      await repo.upsertVisit(tx, {
        orderId: g.order.id,
        visitKey: c.visitKey,
        jobMode: g.mode,
        priceVersionId: c.version?.id ?? null,
        workDay: c.workDay,
        faultDay: g.faultDay,
        areaType: c.areaType,
        roadMetres: c.roadMetres,
        straightMetres: c.straightMetres,
        distanceFlags: c.flags,
        problems: c.problems,
        pricedAt: now,
      });
    }
    await repointCredits(tx, ids, voided, made, now, actor);
  }

  /**
   * A credit (an upheld dispute) stays on the order through a re-price, as money given back: it
   * follows its line to the re-priced line of the same kind and code (else of the same kind), and
   * when the re-price has no such line it stays on its own, pointing at the voided line it credited.
   * A line re-priced below what is credited against it shrinks its credits to the new amount (the
   * oldest credit keeps its share first; one shrunk to nothing is voided): a credit never gives back
   * more than its line costs. Disputes read the credit line, so the refund owed follows. Each change
   * is a history row.
   */
  async function repointCredits(tx: Tx, orderIds: string[], voided: repo.LineRow[], made: repo.LineRow[], now: Date, actor: string) {
    if (!voided.length) return;
    const gone = new Map(voided.map((l) => [l.id, l]));
    const credits = (await repo.activeLines(tx, orderIds)).filter((l) => l.code === 'credit' && gone.has(String(l.facts.creditOf)));
    const room = new Map(made.map((l) => [l.id, l.amountFen]));
    const history: Parameters<typeof repo.insertHistory>[1] = [];
    const emptied: string[] = [];
    for (const c of credits) {
      const old = gone.get(String(c.facts.creditOf))!;
      const same = made.filter((l) => l.orderId === c.orderId && l.kind === old.kind);
      const next = same.find((l) => l.code === old.code) ?? same[0];
      const was = -c.amountFen;
      const kept = next ? creditAfterReprice(was, room.get(next.id)!) : was;
      if (next) {
        room.set(next.id, room.get(next.id)! - kept);
        await repo.repointCredit(tx, c.id, next.id, kept);
      }
      history.push({
        lineId: c.id,
        orderId: c.orderId,
        at: now,
        actor,
        action: 'credit_repointed',
        reason: next ? 'the credited line was priced again; the credit follows it / 被退还的费用已重新计费，退还随之转至新费用行' : 'the credited line was priced away; the credit stays / 被退还的费用已不在重新计费结果中，退还保留',
        changes: { creditOf: { from: old.id, to: next?.id ?? old.id } },
      });
      if (kept < was) {
        history.push({
          lineId: c.id,
          orderId: c.orderId,
          at: now,
          actor,
          action: kept === 0 ? 'voided' : 'credit_shrunk',
          reason: `the re-priced line costs less than was credited; the credit is cut to it / 重新计费后费用低于已退还金额，退还减至该费用`,
          changes: { amountFen: { from: c.amountFen, to: -kept }, ...(kept === 0 ? { status: { from: 'active', to: 'void' } } : {}) },
        });
        if (kept === 0) emptied.push(c.id);
      }
    }
    await repo.voidLines(tx, emptied);
    await repo.insertHistory(tx, history);
  }

  async function orderFees(q: Queryable, orderId: string): Promise<OrderFeesView> {
    const lines = await repo.activeLines(q, [orderId]);
    const visit = await repo.visitOf(q, orderId);
    const history = await repo.historyOf(q, orderId);
    return {
      orderId,
      lines: lines.map(lineView),
      totals: totals(lines),
      pricing: visit
        ? { jobMode: visit.jobMode, priceVersionId: visit.priceVersionId, workDay: visit.workDay, faultDay: visit.faultDay, areaType: visit.areaType, roadMetres: visit.roadMetres, straightMetres: visit.straightMetres, distanceFlags: visit.distanceFlags, problems: visit.problems, pricedAt: visit.pricedAt.toISOString() }
        : null,
      history: history.map((h) => ({ lineId: h.lineId, at: h.at.toISOString(), actor: h.actor, action: h.action, reason: h.reason, changes: h.changes })),
    };
  }

  /** A change of an order's fees by this caller: permitted, and the order visible to them (404 otherwise). Before the transaction. */
  async function mayChange(caller: Caller, orderId: string) {
    requirePermission(caller.principal, 'fees.adjust');
    await deps.workOrders.get(caller, orderId);
  }

  /** The order's row inside the change's transaction, when its fees may still change. */
  async function orderForChange(tx: Tx, orderId: string) {
    const order = await findOrder(tx, orderId);
    if (!order) throw notFound('work_order', orderId);
    if (!priceable.has(order.status)) throw feesErrors.notPriceable(order.status);
    return order;
  }

  /** A change of an order's fees: checked, in one transaction, answered with the order's fees as they are after it. */
  async function changing(caller: Caller, orderId: string, work: (tx: Tx, actor: string) => Promise<void>) {
    await mayChange(caller, orderId);
    const actor = actorName(caller.principal);
    return db.transaction(async (tx) => {
      await work(tx, actor);
      return orderFees(tx, orderId);
    });
  }

  /** An active line of the order, locked, as the caller read it (`version`), while the order's fees may change. */
  async function lineForChange(tx: Tx, orderId: string, lineId: string, version: number) {
    await orderForChange(tx, orderId);
    const line = await repo.lineById(tx, lineId);
    if (!line || line.orderId !== orderId || line.status !== 'active') throw feesErrors.lineNotFound(lineId);
    if (line.version !== version) throw feesErrors.staleVersion(line.version);
    return line;
  }

  const quotes = createQuotesService({ ...deps, baseOf });
  const payments = createPaymentsService(deps);

  const orderFollower: OrderFollower = {
    name: 'fees',
    // Priced when the work is done; a problem (no list in force, no labour row) is kept with the order, never refuses the completion.
    // Customer-paid work completes only under an accepted quote (priced as quoted); after a refused one, as an inspection.
    async stepped(tx, _before, after, action, caller) {
      if (action !== 'complete') return;
      const customerFen = async (jobMode: JobMode | undefined) => (await compute(tx, after, { jobMode })).lines.filter((l) => l.orderId === after.id && l.payer === 'customer').reduce((n, l) => n + l.amountFen, 0);
      const plan = await quotes.completionCheck(tx, after, customerFen);
      const actor = actorName(caller.principal);
      await write(tx, await compute(tx, after, { jobMode: plan.jobMode }), actor, null);
      if (plan.quote) await quotes.writeQuotedExtras(tx, plan.quote, actor);
    },
  };

  return {
    orderFollower,
    quotes,
    payments,

    // Price lists --------------------------------------------------------------------------

    /** An import's price items (src/modules/imports), inside its transaction: each into the draft of its list and day. */
    writeImported: (tx: Queryable, rows: ImportedPriceItem[], actor: string) =>
      writeImportedPrices(tx, rows, { actor, at: clock.now(), providerName: async (id) => (await deps.network.providerById(tx, id))?.name }),

    async lists(caller: Caller) {
      requirePermission(caller.principal, 'orders.read');
      const lists = (await repo.allLists(db)).filter((l) => mayRead(caller, l));
      const versions = await repo.versionsOf(db, lists.map((l) => l.id));
      return lists.map((l) => listView(l, versions));
    },

    async list(caller: Caller, id: string) {
      requirePermission(caller.principal, 'orders.read');
      const l = await repo.listById(db, id);
      if (!l || !mayRead(caller, l)) throw feesErrors.listNotFound(id);
      return listView(l, await repo.versionsOf(db, [id]));
    },

    async createList(caller: Caller, input: z.infer<typeof createListRequest>) {
      requirePermission(caller.principal, 'fees.manage');
      if ((input.scope === 'provider') !== (input.providerId !== null)) throw feesErrors.providerNeeded();
      if (input.providerId && !(await deps.network.providerById(db, input.providerId))) throw feesErrors.noProvider();
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const made = await repo.insertList(tx, { id: newId(), scope: input.scope, providerId: input.providerId, nameZh: input.nameZh, nameEn: input.nameEn, baseLat: input.base?.lat ?? null, baseLng: input.base?.lng ?? null, createdAt: now, createdBy: actor });
        if (!made) throw feesErrors.listExists(input.scope);
        await repo.insertListHistory(tx, { listId: made.id, at: now, actor, action: 'list_created', changes: { scope: input.scope, providerId: input.providerId, nameZh: input.nameZh, nameEn: input.nameEn } });
        await deps.audit(tx, { caller, action: 'fees.list_created', subjectKind: 'price_list', subjectId: made.id });
        return listView(made, []);
      });
    },

    async createVersion(caller: Caller, listId: string, input: z.infer<typeof createVersionRequest>) {
      requirePermission(caller.principal, 'fees.manage');
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        if (!(await repo.listById(tx, listId))) throw feesErrors.listNotFound(listId);
        const number = await repo.nextVersionNumber(tx, listId);
        const latest = (await repo.versionsOf(tx, [listId]))[0];
        const content = input.content ?? latest?.content;
        if (!content) throw feesErrors.problems([{ path: 'content', en: 'the first version of a list needs its content', zh: '价目表的第一个版本须填写内容' }]);
        const now = clock.now();
        const made = await repo.insertVersion(tx, { id: newId(), listId, number, status: 'draft', effectiveFrom: input.effectiveFrom, content, note: input.note ?? null, createdAt: now, createdBy: actor });
        await repo.insertListHistory(tx, { listId, versionId: made.id, at: now, actor, action: 'draft_created', changes: { number, effectiveFrom: input.effectiveFrom, copiedFrom: input.content ? null : (latest?.id ?? null) } });
        return versionView(made);
      });
    },

    /** A version's items as rows of the price import's format (a file another Aftercare imports as the same items); audited. */
    async exportVersion(caller: Caller, id: string) {
      requirePermission(caller.principal, 'fees.manage');
      const v = await versionRow(db, id, false, caller);
      const list = (await repo.listById(db, v.listId))!;
      const codes = await categoryCodesByIds(db, v.content.labour.flatMap((l) => (l.categoryId ? [l.categoryId] : [])));
      const providerCode = list.providerId ? ((await deps.network.providerById(db, list.providerId))?.code ?? null) : null;
      await deps.audit(db, { caller, action: 'fees.version_exported', subjectKind: 'price_list_version', subjectId: id });
      return priceRows(v.content, { providerCode, effectiveFrom: v.effectiveFrom, categoryCode: (c) => codes.get(c) ?? c });
    },

    async version(caller: Caller, id: string) {
      requirePermission(caller.principal, 'orders.read');
      return versionView(await versionRow(db, id, false, caller));
    },

    async updateDraft(caller: Caller, id: string, input: z.infer<typeof updateVersionRequest>) {
      requirePermission(caller.principal, 'fees.manage');
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const v = await versionRow(tx, id, true);
        if (v.status === 'published') throw feesErrors.published();
        if (v.version !== input.version) throw feesErrors.staleVersion(v.version);
        const changed = await repo.updateDraft(tx, id, input.version, { effectiveFrom: input.effectiveFrom, content: input.content, note: input.note ?? v.note });
        if (!changed) throw feesErrors.staleVersion(v.version + 1);
        await repo.insertListHistory(tx, { listId: v.listId, versionId: id, at: clock.now(), actor, action: 'draft_changed', changes: { effectiveFrom: { from: v.effectiveFrom, to: input.effectiveFrom }, content: v.content === input.content ? 'same' : 'changed' } });
        return versionView(changed);
      });
    },

    async publish(caller: Caller, id: string, input: { version: number }) {
      requirePermission(caller.principal, 'fees.manage');
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const v = await versionRow(tx, id, true);
        if (v.status === 'published') throw feesErrors.published();
        if (v.version !== input.version) throw feesErrors.staleVersion(v.version);
        // One publication of a list at a time: of two drafts for one day, only the first is published.
        await repo.lockList(tx, v.listId);
        if (await repo.publishedOn(tx, v.listId, v.effectiveFrom)) throw feesErrors.sameDay(v.effectiveFrom);
        const now = clock.now();
        const done = await repo.updateDraft(tx, id, input.version, { status: 'published', publishedAt: now, publishedBy: actor });
        if (!done) throw feesErrors.staleVersion(v.version + 1);
        await repo.insertListHistory(tx, { listId: v.listId, versionId: id, at: now, actor, action: 'published', changes: { number: v.number, effectiveFrom: v.effectiveFrom } });
        await deps.audit(tx, { caller, action: 'fees.version_published', subjectKind: 'price_list_version', subjectId: id, details: { effectiveFrom: v.effectiveFrom } });
        return versionView(done);
      });
    },

    async listHistory(caller: Caller, id: string) {
      requirePermission(caller.principal, 'fees.manage');
      if (!(await repo.listById(db, id))) throw feesErrors.listNotFound(id);
      return (await repo.listHistory(db, id)).map((h) => ({ versionId: h.versionId, at: h.at.toISOString(), actor: h.actor, action: h.action, changes: h.changes }));
    },

    /** What order X would cost under version Y (a draft, or any other): nothing is written. */
    async preview(caller: Caller, versionId: string, orderId: string | undefined) {
      requirePermission(caller.principal, 'fees.manage');
      const v = await versionRow(db, versionId, false, caller);
      if (!orderId) throw feesErrors.orderNeeded();
      await deps.workOrders.get(caller, orderId);
      const order = await findOrder(db, orderId);
      if (!order) throw feesErrors.orderNotDone();
      const own = await repo.visitOf(db, orderId);
      const c = await compute(db, order, { draft: v, jobMode: own?.jobMode as JobMode | undefined });
      const lines = c.lines.filter((l) => l.orderId === orderId);
      const current = await repo.activeLines(db, [orderId]);
      return {
        orderId,
        versionId,
        lines: lines.map((l) => ({ kind: l.kind, code: l.code, nameZh: l.nameZh, nameEn: l.nameEn, quantity: l.quantity, unitFen: l.unitFen, amountFen: l.amountFen, payer: l.payer, rule: l.rule, reason: l.reason, facts: l.facts })),
        totals: totals(lines),
        current: totals(current.filter((l) => l.source === 'auto')),
        problems: c.problems,
      };
    },

    /** For the portal: the national list in force today, for one product category and region. */
    async schedule(caller: Caller, q: { categoryId: string; province?: string; city?: string; district?: string }) {
      requirePermission(caller.principal, 'catalog.read');
      const today = dayOf(clock.now());
      const v = versionInForce(await repo.publishedVersionsFor(db, null), null, today);
      if (!v) throw feesErrors.noVersion(today);
      const areaType = areaTypeOf(v.content, { province: q.province ?? '', city: q.city ?? '', district: q.district ?? '' });
      const own = v.content.labour.filter((l) => l.categoryId === q.categoryId);
      const general = v.content.labour.filter((l) => l.categoryId === null && !own.some((o) => o.kind === l.kind && o.mode === l.mode));
      const band = v.content.distance.find((b) => b.areaType === areaType);
      return {
        versionId: v.id,
        effectiveFrom: v.effectiveFrom,
        currency: v.content.currency,
        areaType,
        labour: [...own, ...general].map((l) => ({ kind: l.kind, mode: l.mode, modeZh: jobModeNames[l.mode].zh, modeEn: jobModeNames[l.mode].en, callOutFen: l.callOutFen, labourFen: l.labourFen })),
        extras: v.content.extras.map((x) => ({ code: x.code, nameZh: x.nameZh, nameEn: x.nameEn, unit: x.unit, priceFen: x.priceFen })),
        distance: band ? { freeKm: band.freeKm, ratePerKmFen: band.ratePerKmFen, maxKm: band.maxKm } : null,
      };
    },

    // Fee lines of an order ----------------------------------------------------------------

    async forOrder(caller: Caller, orderId: string) {
      await deps.workOrders.get(caller, orderId);
      return orderFees(db, orderId);
    },

    async reprice(caller: Caller, orderId: string, input: z.infer<typeof repriceRequest>) {
      return changing(caller, orderId, async (tx, actor) => {
        const order = await orderForChange(tx, orderId);
        const c = await compute(tx, order, { jobMode: input.jobMode });
        if (!c.version) throw feesErrors.noVersion(c.workDay);
        await write(tx, c, actor, input.reason);
      });
    },

    async addLine(caller: Caller, orderId: string, input: z.infer<typeof addLineRequest>) {
      return changing(caller, orderId, async (tx, actor) => {
        const order = await orderForChange(tx, orderId);
        const workDay = dayOf(order.doneAt!);
        // Who pays follows the order's price-list lines (its warranty answer); none yet: the customer.
        const first = (await repo.activeLines(tx, [orderId])).find((l) => l.source === 'auto' && l.kind === 'labour');
        const who = first ? { payer: first.payer, ruleCode: first.ruleCode, reasonZh: first.reasonZh, reasonEn: first.reasonEn } : { payer: 'customer' as const, ruleCode: 'fees.noUnit', reasonZh: '无保修依据，由客户承担', reasonEn: 'No warranty answer: the customer pays' };
        let line: Omit<Parameters<typeof repo.insertLines>[1][number], 'id' | 'orderId' | 'createdAt' | 'createdBy' | 'source'>;
        if (input.kind === 'extra') {
          const inForce = versionInForce(await repo.publishedVersionsFor(tx, order.providerId), order.providerId, workDay);
          if (!inForce) throw feesErrors.noVersion(workDay);
          const item = inForce.content.extras.find((x) => x.code === input.code);
          if (!item) throw feesErrors.problems([{ path: 'code', en: `the price list in force has no extra ${input.code}`, zh: `生效价目表中没有该附加项目（${input.code}）` }]);
          const own = item.customerPays ? { payer: 'customer' as const, ruleCode: 'fees.extraCustomerPays', reasonZh: '价目表规定该项由客户承担', reasonEn: 'The price list has the customer pay for this item' } : who;
          line = { kind: 'extra', code: item.code, nameZh: item.nameZh, nameEn: item.nameEn, quantity: input.quantity, unitFen: item.priceFen, amountFen: item.priceFen * input.quantity, priceVersionId: inForce.id, facts: { unit: item.unit }, ...own };
        } else {
          line = { kind: 'part', code: 'part', nameZh: `配件：${input.nameZh}`, nameEn: `Part: ${input.nameEn}`, quantity: input.quantity, unitFen: input.priceFen, amountFen: input.priceFen * input.quantity, priceVersionId: null, facts: {}, ...who };
        }
        const now = clock.now();
        const [made] = await repo.insertLines(tx, [{ id: newId(), orderId, source: 'staff', createdAt: now, createdBy: actor, ...line }]);
        await repo.insertHistory(tx, [{ lineId: made.id, orderId, at: now, actor, action: 'added', reason: null, changes: { amountFen: { from: null, to: made.amountFen }, payer: { from: null, to: made.payer } } }]);
      });
    },

    /**
     * A part used on an order (the parts module), in the caller's transaction: who pays follows the
     * unit's 三包 answer for a part swap — under warranty the maker at the issue price, else the
     * customer at the list price. A staff line, so a re-price at completion keeps it.
     */
    async addPartLine(tx: Tx, c: { orderId: string; part: { number: string; nameZh: string; nameEn: string; listFen: number; issueFen: number; currency: string }; quantity: number; serial: string | null; consumptionId: string; actor: string; at: Date }) {
      const order = await findOrder(tx, c.orderId);
      if (!order) throw notFound('work_order', c.orderId);
      const answer = order.unitId ? await deps.units.warrantyAnswer(tx, order.unitId, { reportedOn: dayOf(order.createdAt), faultCode: order.causeCode ?? order.symptomCode ?? 'unknown' }) : null;
      const who = payerFor(order.kind, 'part_swap', answer?.decision ?? null);
      const unitFen = who.payer === 'customer' ? c.part.listFen : c.part.issueFen;
      const [made] = await repo.insertLines(tx, [
        {
          id: newId(),
          orderId: c.orderId,
          kind: 'part',
          code: `part:${c.part.number}`,
          nameZh: `配件：${c.part.nameZh}`,
          nameEn: `Part: ${c.part.nameEn}`,
          quantity: c.quantity,
          unitFen,
          amountFen: unitFen * c.quantity,
          currency: c.part.currency,
          payer: who.payer,
          ruleCode: who.rule,
          reasonZh: who.reason.zh,
          reasonEn: who.reason.en,
          source: 'staff',
          priceVersionId: null,
          facts: { partNumber: c.part.number, serial: c.serial, consumptionId: c.consumptionId },
          createdAt: c.at,
          createdBy: c.actor,
        },
      ]);
      await repo.insertHistory(tx, [{ lineId: made.id, orderId: c.orderId, at: c.at, actor: c.actor, action: 'added', reason: null, changes: { amountFen: { from: null, to: made.amountFen }, payer: { from: null, to: made.payer } } }]);
      return { lineId: made.id, payer: made.payer, amountFen: made.amountFen, underWarranty: who.payer !== 'customer' };
    },

    /** Staff decide another party pays (appraisal, complaint): with a reason, kept in history and the audit. */
    async changePayer(caller: Caller, orderId: string, lineId: string, input: z.infer<typeof changePayerRequest>) {
      return changing(caller, orderId, async (tx, actor) => {
        const line = await lineForChange(tx, orderId, lineId, input.version);
        if (line.code === 'credit') throw feesErrors.creditLocked();
        if (line.payer === input.payer) throw feesErrors.samePayer();
        const changed = await repo.updateLineAtVersion(tx, lineId, input.version, { payer: input.payer, ruleCode: 'fees.staffDecision', reasonZh: `人工改定：${input.reason}`, reasonEn: `Changed by staff: ${input.reason}` });
        if (!changed) throw feesErrors.staleVersion(line.version + 1);
        const now = clock.now();
        await repo.insertHistory(tx, [{ lineId, orderId, at: now, actor, action: 'payer_changed', reason: input.reason, changes: { payer: { from: line.payer, to: input.payer }, rule: { from: line.ruleCode, to: 'fees.staffDecision' } } }]);
        await deps.audit(tx, { caller, action: 'fees.payer_changed', subjectKind: 'work_order', subjectId: orderId, details: { lineId, from: line.payer, to: input.payer, reason: input.reason } });
      });
    },

    /** A line staff added, taken off again (voided, kept in history). */
    async removeLine(caller: Caller, orderId: string, lineId: string, input: z.infer<typeof removeLineRequest>) {
      return changing(caller, orderId, async (tx, actor) => {
        const line = await lineForChange(tx, orderId, lineId, input.version);
        if (line.code === 'credit') throw feesErrors.creditLocked();
        if (line.source !== 'staff') throw feesErrors.notStaffLine();
        await repo.voidLines(tx, [lineId]);
        await repo.insertHistory(tx, [{ lineId, orderId, at: clock.now(), actor, action: 'voided', reason: input.reason, changes: { status: { from: 'active', to: 'void' } } }]);
      });
    },
  };
}

export type FeesService = ReturnType<typeof createFeesService>;
