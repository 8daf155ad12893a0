// Quotes before paid work: priced from the list in force today for the planned job (the same
// rules as completion, fees.rules.ts priceVisit), offered to the customer, accepted in the portal,
// through a signed link sent by SMS, or on the technician's phone with the customer's signature
// (typed name + confirmation). Completion of customer-paid work waits for an accepted quote.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { can } from '../../kernel/permissions.js';
import { actorName, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { localDate } from '../../shared/zoned.js';
import { enqueueMessage } from '../notifications/index.js';
import type { UnitsService } from '../units/index.js';
import { findOrder, type OrderRow, type WorkOrdersService } from '../work-orders/index.js';
import * as feeRepo from './fees.repo.js';
import * as repo from './fees.quotes.repo.js';
import { quoteErrors } from './fees.quotes.errors.js';
import { readLink, signLink } from './fees.links.js';
import { completionVerdict, quoteStep, type QuoteStatus } from './fees.quotes.rules.js';
import { payerNames, priceVisit, versionInForce, type JobMode, type PricedLine } from './fees.rules.js';
import type { QuoteLine } from './fees.tables.js';
import type { acceptQuoteRequest, createQuoteRequest, linkDecisionRequest, offerQuoteRequest, refuseQuoteRequest } from './fees.quotes.contract.js';

export type QuotesDeps = {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  workOrders: WorkOrdersService;
  units: UnitsService;
  roadDistance: (from: [number, number], to: [number, number]) => Promise<number>;
  baseOf: (q: Queryable, o: OrderRow) => Promise<[number, number] | null>;
  /** Signs the links sent by SMS (HMAC-SHA256). */
  linkKey: string;
  publicUrl: string;
};

const zone = 'Asia/Shanghai';
/** Quotes are made before the work is done: from intake until the technician finishes. */
const quotable = new Set(['intake', 'awaiting_dispatch', 'dispatched', 'assigned', 'booked', 'on_site', 'on_hold']);
export const quoteLinkTtlMs = 72 * 3600_000;

/** The desk (fees.adjust) and the technician or provider in the field (orders.field) quote and take payments. */
export function mayHandleMoney(caller: Caller) {
  if (!(can(caller.principal, 'fees.adjust') || can(caller.principal, 'orders.field'))) throw new AppError('forbidden', 403, 'Missing permission fees.adjust or orders.field / 缺少权限', [{ path: 'permission', message: 'fees.adjust | orders.field' }]);
}

export function createQuotesService(deps: QuotesDeps) {
  const { db, clock } = deps;
  const dayOf = (at: Date) => localDate(at, zone);

  const quoteView = (r: repo.QuoteRow) => ({
    id: r.id,
    orderId: r.orderId,
    number: r.number,
    status: r.status,
    jobMode: r.jobMode,
    priceVersionId: r.priceVersionId,
    lines: r.lines,
    customerFen: r.customerFen,
    currency: r.currency,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    offeredAt: r.offeredAt?.toISOString() ?? null,
    linkExpiresAt: r.linkExpiresAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy,
    channel: r.channel,
    signedName: r.signedName,
    signature: r.signature,
    refusedReason: r.refusedReason,
  });
  /** What the customer (portal, link page) sees: their lines in plain words, no staff, no rules. */
  const publicQuote = (r: repo.QuoteRow, orderNumber: string) => ({
    id: r.id,
    orderNumber,
    number: r.number,
    status: r.status,
    lines: r.lines.map((l) => ({ nameZh: l.nameZh, nameEn: l.nameEn, quantity: l.quantity, unitFen: l.unitFen, amountFen: l.amountFen, payer: l.payer, payerZh: payerNames[l.payer].zh, payerEn: payerNames[l.payer].en, reasonZh: l.reasonZh, reasonEn: l.reasonEn })),
    customerFen: r.customerFen,
    currency: r.currency,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    signedName: r.signedName,
  });

  async function history(tx: Tx, q: repo.QuoteRow, actor: string, action: Parameters<typeof repo.insertQuoteHistory>[1][number]['action'], changes: Record<string, unknown>) {
    await repo.insertQuoteHistory(tx, [{ quoteId: q.id, orderId: q.orderId, at: clock.now(), actor, action, changes }]);
  }

  async function orderFor(q: Queryable, orderId: string) {
    const o = await findOrder(q, orderId);
    if (!o) throw notFound('work_order', orderId);
    return o;
  }

  async function quoteOf(q: Queryable, orderId: string, quoteId: string) {
    const row = await repo.quoteById(q, quoteId);
    if (!row || row.orderId !== orderId) throw quoteErrors.notFound(quoteId);
    return row;
  }

  /** Prices the planned job as completion would, on the version in force today. */
  async function pricePlanned(q: Queryable, o: OrderRow, mode: JobMode, extras: { code: string; quantity: number }[], parts: { nameZh: string; nameEn: string; priceFen: number; quantity: number }[]) {
    const today = dayOf(clock.now());
    const inForce = versionInForce(await feeRepo.publishedVersionsFor(q, o.providerId), o.providerId, today);
    if (!inForce) throw quoteErrors.noUnitPriced([{ path: 'workDay', en: `no published price list is in force on ${today}`, zh: `${today} 没有生效的已发布价目表` }]);
    const answer = o.unitId ? await deps.units.warrantyAnswer(q, o.unitId, { reportedOn: dayOf(o.createdAt), faultCode: o.causeCode ?? o.symptomCode ?? 'unknown' }) : null;
    const base = await deps.baseOf(q, o);
    const at: [number, number] | null = o.address.lat != null && o.address.lng != null ? [o.address.lng, o.address.lat] : null;
    const roadMetres = base && at ? await deps.roadDistance(base, at) : null;
    const priced = priceVisit({ content: inForce.content, units: [{ orderId: o.id, categoryId: answer?.categoryId ?? null, kind: o.kind, mode, warranty: answer?.decision ?? null, extras, parts }], place: o.address, roadMetres });
    if (priced.problems.some((p) => p.path.startsWith('units.'))) throw quoteErrors.noUnitPriced(priced.problems.map((p) => ({ ...p, path: p.path.replace(/^units\.0\./, '') })));
    return { versionId: inForce.id, lines: priced.lines };
  }

  const toQuoteLine = (l: PricedLine): QuoteLine => ({ kind: l.kind, code: l.code, nameZh: l.nameZh, nameEn: l.nameEn, quantity: l.quantity, unitFen: l.unitFen, amountFen: l.amountFen, payer: l.payer, rule: l.rule, reasonZh: l.reason.zh, reasonEn: l.reason.en });
  const customerFenOf = (lines: readonly { payer: string; amountFen: number }[]) => lines.filter((l) => l.payer === 'customer').reduce((n, l) => n + l.amountFen, 0);

  async function decide(tx: Tx, q: repo.QuoteRow, to: 'accepted' | 'refused', patch: Partial<repo.QuoteRow>, actor: string, caller: Caller | null, viaLinkNonce?: string) {
    const changed = viaLinkNonce ? await repo.decideByLink(tx, q.id, viaLinkNonce, { status: to, ...patch }) : await repo.moveQuote(tx, q.id, 'offered', { status: to, ...patch });
    if (!changed) throw viaLinkNonce ? quoteErrors.linkBad('used') : quoteErrors.wrongStatus(q.status, to);
    await history(tx, changed, actor, to, { status: { from: 'offered', to }, channel: changed.channel, signedName: changed.signedName, drawnSignature: !!changed.signature, reason: changed.refusedReason });
    await deps.audit(tx, { caller: caller ?? { principal: { kind: 'system', name: 'quote-link' } as never, address: null }, action: `fees.quote_${to}`, subjectKind: 'work_order', subjectId: q.orderId, details: { quoteId: q.id, channel: changed.channel } });
    return changed;
  }

  function linkTarget(token: string) {
    const read = readLink(deps.linkKey, token, clock.now().getTime());
    if (!read.ok) throw quoteErrors.linkBad(read.why);
    if (read.payload.k !== 'quote') throw quoteErrors.linkBad('tampered');
    return read.payload;
  }

  async function linkQuote(q: Queryable, token: string) {
    const p = linkTarget(token);
    const row = await repo.quoteById(q, p.id);
    if (!row) throw quoteErrors.linkBad('tampered');
    if (row.linkNonce !== p.n || row.status !== 'offered') throw quoteErrors.linkBad('used');
    return { row, nonce: p.n };
  }

  /** A change of the order's quotes by staff who may handle money, while the work is not yet done: one at a time per order. */
  async function staffChange<T>(caller: Caller, orderId: string, work: (tx: Tx, o: OrderRow, actor: string) => Promise<T>) {
    mayHandleMoney(caller);
    await deps.workOrders.get(caller, orderId);
    const actor = actorName(caller.principal);
    return db.transaction(async (tx) => {
      await repo.lockOrderMoney(tx, orderId);
      const o = await orderFor(tx, orderId);
      if (!quotable.has(o.status)) throw quoteErrors.orderNotOpen(o.status);
      return work(tx, o, actor);
    });
  }

  /** The customer's answer given in the portal, or to staff (the phone, the desk), who may handle money. */
  async function answer(caller: Caller, orderId: string, quoteId: string, to: 'accepted' | 'refused', patch: Partial<repo.QuoteRow>) {
    const isCustomer = caller.principal.kind === 'customer';
    if (!isCustomer) mayHandleMoney(caller);
    await deps.workOrders.get(caller, orderId);
    const actor = actorName(caller.principal);
    const channel = isCustomer ? ('portal' as const) : caller.principal.kind === 'staff' && caller.principal.role === 'technician' ? ('phone' as const) : ('desk' as const);
    return db.transaction(async (tx) => {
      await repo.lockOrderMoney(tx, orderId);
      const q = await quoteOf(tx, orderId, quoteId);
      const done = await decide(tx, q, to, { decidedAt: clock.now(), decidedBy: actor, channel, linkNonce: null, ...patch }, actor, caller);
      return isCustomer ? publicQuote(done, (await orderFor(tx, orderId)).number) : quoteView(done);
    });
  }

  return {
    async list(caller: Caller, orderId: string) {
      await deps.workOrders.get(caller, orderId);
      const quotes = await repo.quotesOf(db, orderId);
      if (caller.principal.kind === 'customer') {
        const o = await orderFor(db, orderId);
        return { items: quotes.filter((q) => q.status !== 'draft').map((q) => publicQuote(q, o.number)), history: [] };
      }
      const h = await repo.quoteHistoryOf(db, orderId);
      return { items: quotes.map(quoteView), history: h.map((x) => ({ quoteId: x.quoteId, at: x.at.toISOString(), actor: x.actor, action: x.action, changes: x.changes })) };
    },

    /** A draft quote for the planned job; refused when nothing in it is the customer's to pay. */
    async create(caller: Caller, orderId: string, input: z.infer<typeof createQuoteRequest>) {
      return staffChange(caller, orderId, async (tx, o, actor) => {
        const mode = input.jobMode;
        const priced = await pricePlanned(tx, o, mode, input.extras, input.parts);
        const customerFen = customerFenOf(priced.lines);
        if (customerFen <= 0) throw quoteErrors.nothingToQuote();
        const row = await repo.insertQuote(tx, {
          id: newId(),
          orderId,
          number: await repo.nextQuoteNumber(tx, orderId),
          status: 'draft',
          jobMode: mode,
          priceVersionId: priced.versionId,
          lines: priced.lines.map(toQuoteLine),
          extras: input.extras,
          parts: input.parts,
          customerFen,
          note: input.note ?? null,
          createdAt: clock.now(),
          createdBy: actor,
        });
        await history(tx, row, actor, 'drafted', { jobMode: mode, customerFen, lines: row.lines.length });
        return quoteView(row);
      });
    },

    /** Puts the quote to the customer; the quotes offered or accepted before it are superseded (a change needs a new acceptance). */
    async offer(caller: Caller, orderId: string, quoteId: string, input: z.infer<typeof offerQuoteRequest>) {
      return staffChange(caller, orderId, async (tx, o, actor) => {
        const q = await quoteOf(tx, orderId, quoteId);
        if (!quoteStep(q.status, 'offer')) throw quoteErrors.wrongStatus(q.status, 'offered');
        for (const old of await repo.quotesOf(tx, orderId)) {
          if (old.id === q.id || !quoteStep(old.status, 'supersede')) continue;
          const gone = await repo.moveQuote(tx, old.id, old.status, { status: 'superseded', linkNonce: null });
          if (gone) await history(tx, gone, actor, 'superseded', { status: { from: old.status, to: 'superseded' }, by: q.id });
        }
        const now = clock.now();
        const link = input.sendSms ? { nonce: randomBytes(12).toString('base64url'), expires: new Date(now.getTime() + quoteLinkTtlMs) } : null;
        const offered = await repo.moveQuote(tx, q.id, 'draft', { status: 'offered', offeredAt: now, linkNonce: link?.nonce ?? null, linkExpiresAt: link?.expires ?? null });
        if (!offered) throw quoteErrors.wrongStatus(q.status, 'offered');
        await history(tx, offered, actor, 'offered', { status: { from: 'draft', to: 'offered' }, customerFen: offered.customerFen });
        if (link) {
          const token = signLink(deps.linkKey, { k: 'quote', id: q.id, n: link.nonce, exp: link.expires.getTime() });
          const url = `${deps.publicUrl.replace(/\/$/, '')}/quote#${token}`;
          const yuan = (offered.customerFen / 100).toFixed(2);
          await enqueueMessage(tx, clock, {
            channel: 'sms',
            recipient: o.contactPhone,
            customerId: o.customerId,
            template: 'quote_link',
            bodyZh: `【售后服务】工单 ${o.number} 的维修报价 ¥${yuan}，请查看并确认：${url} （72小时内有效）`,
            bodyEn: `[Aftercare] The quote for order ${o.number} is ¥${yuan}. Please review and accept it here: ${url} (valid for 72 hours)`,
            subject: { kind: 'work_order', id: o.id },
          });
          await history(tx, offered, actor, 'link_sent', { expiresAt: link.expires.toISOString() });
        }
        await deps.audit(tx, { caller, action: 'fees.quote_offered', subjectKind: 'work_order', subjectId: orderId, details: { quoteId, customerFen: offered.customerFen, sms: !!link } });
        return quoteView(offered);
      });
    },

    /** The customer accepts: in the portal (signed in), or on the technician's phone / at the desk with their typed name and confirmation. */
    async accept(caller: Caller, orderId: string, quoteId: string, input: z.infer<typeof acceptQuoteRequest>) {
      if (caller.principal.kind !== 'customer' && (!input.signedName || input.confirmed !== true)) throw quoteErrors.signature();
      return answer(caller, orderId, quoteId, 'accepted', { signedName: input.signedName ?? null, signature: input.signature ?? null });
    },

    async refuse(caller: Caller, orderId: string, quoteId: string, input: z.infer<typeof refuseQuoteRequest>) {
      return answer(caller, orderId, quoteId, 'refused', { refusedReason: input.reason ?? null });
    },

    /** The link page: the quote as the customer sees it; no sign-in, the signed token is the key. */
    async linkView(token: string) {
      const { row } = await linkQuote(db, token);
      return { ...publicQuote(row, (await orderFor(db, row.orderId)).number), expiresAt: row.linkExpiresAt?.toISOString() ?? null };
    },

    /** Accepted or refused through the link: once; a second use, an expired or altered token is refused. */
    async linkDecide(token: string, to: 'accepted' | 'refused', input: z.infer<typeof linkDecisionRequest>) {
      return db.transaction(async (tx) => {
        const p = linkTarget(token);
        const row = await repo.quoteById(tx, p.id);
        if (!row) throw quoteErrors.linkBad('tampered');
        await repo.lockOrderMoney(tx, row.orderId);
        const { row: q, nonce } = await linkQuote(tx, token);
        const o = await orderFor(tx, q.orderId);
        const actor = `customer:${o.customerId}`;
        const patch = to === 'accepted' ? { signedName: input.signedName ?? null } : { refusedReason: input.reason ?? null };
        const done = await decide(tx, q, to, { decidedAt: clock.now(), decidedBy: actor, channel: 'link', ...patch }, actor, null, nonce);
        return publicQuote(done, o.number);
      });
    },

    /**
     * At completion (fees' follower, in its transaction): whether the work may be completed, and the
     * job mode to price it as. `customerFen`: the customer's share as the work would be priced.
     */
    async completionCheck(tx: Tx, order: OrderRow, customerFen: (jobMode: JobMode | undefined) => Promise<number>) {
      await repo.lockOrderMoney(tx, order.id);
      const latest = await repo.latestQuote(tx, order.id);
      const decided = latest && (latest.status === 'accepted' || latest.status === 'refused');
      const verdict = completionVerdict(latest ? { id: latest.id, status: latest.status as QuoteStatus, jobMode: latest.jobMode } : null, decided ? 0 : await customerFen(undefined));
      if (!verdict.ok) throw quoteErrors.acceptanceNeeded(verdict.quoteId, verdict.status);
      return { jobMode: (verdict.jobMode ?? undefined) as JobMode | undefined, quote: latest?.status === 'accepted' ? latest : null };
    },

    /** The accepted quote's extras and parts, written as staff lines at completion (kept through a re-price). */
    async writeQuotedExtras(tx: Tx, quote: repo.QuoteRow, actor: string) {
      const now = clock.now();
      // Completed again (redo, reopen): the quote's lines are there already.
      if ((await feeRepo.activeLines(tx, [quote.orderId])).some((l) => l.facts.quoteId === quote.id)) return;
      const extra = quote.lines.filter((l) => l.kind === 'extra' || l.kind === 'part');
      const made = await feeRepo.insertLines(
        tx,
        extra.map((l) => ({ id: newId(), orderId: quote.orderId, kind: l.kind as 'extra' | 'part', code: l.code, nameZh: l.nameZh, nameEn: l.nameEn, quantity: l.quantity, unitFen: l.unitFen, amountFen: l.amountFen, payer: l.payer, ruleCode: l.rule, reasonZh: l.reasonZh, reasonEn: l.reasonEn, source: 'staff' as const, priceVersionId: quote.priceVersionId, facts: { quoteId: quote.id }, createdAt: now, createdBy: actor })),
      );
      await feeRepo.insertHistory(tx, made.map((l) => ({ lineId: l.id, orderId: l.orderId, at: now, actor, action: 'added' as const, reason: `quote ${quote.number} accepted / 报价已接受`, changes: { amountFen: { from: null, to: l.amountFen }, payer: { from: null, to: l.payer } } })));
    },
  };
}

export type QuotesService = ReturnType<typeof createQuotesService>;
