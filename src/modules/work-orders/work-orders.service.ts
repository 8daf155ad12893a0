import { createHash, randomInt } from 'node:crypto';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { can } from '../../kernel/permissions.js';
import { accessErrors, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { AuditFn } from '../../kernel/audit.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import type { Page } from '../../shared/paging.js';
import type { CustomersService } from '../customers/index.js';
import type { UnitsService } from '../units/index.js';
import type { NetworkService } from '../network/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { TrainingService } from '../training/index.js';
import { enqueueMessage } from '../notifications/index.js';
// The solver is a pure library; its distance is the one the plans use.
import { haversineMetres } from '../../shared/geo.js';
import * as repo from './work-orders.repo.js';
import { orderErrors } from './work-orders.errors.js';
import {
  acceptanceCodeMaxAttempts,
  acceptanceCodeTtlMs,
  diff,
  nextStatus,
  type OrderAction,
  type OrderKind,
  type OrderStatus,
  actionPermissions,
  isOpen,
} from './work-orders.rules.js';
import type { ActionInput, OrderCounts, OrderCountsQuery, OrderListQuery, OrderView, actionRequests } from './work-orders.contract.js';
import type { OrderFollower } from './work-orders.followers.js';
import { historyRows, mayTake, toOrderView } from './work-orders.rows.js';
import { createIntake } from './work-orders.intake.js';
import { createBooking } from './work-orders.booking.js';
import { createAssignChecks } from './work-orders.assign.js';
import { defaultBookingRules, type BookingRules } from './booking.rules.js';

export type { IntakeFollower, OrderFollower } from './work-orders.followers.js';
export { toOrderView } from './work-orders.rows.js';

export type WorkOrdersDeps = {
  audit: AuditFn;
  db: Db;
  clock: Clock;
  customers: CustomersService;
  units: UnitsService;
  network: NetworkService;
  catalog: CatalogService;
  training: TrainingService;
  /** A check-in farther than this from the customer's address is flagged (default 500 m). */
  checkInFarMetres?: number;
  /** The same against an approximate address position (a district's centre is no door): default 5 km. */
  checkInFarApproximateMetres?: number;
  /**
   * Modules that follow orders (promises, dispatch; fees, settlement, care later), registered at
   * composition: work-orders never imports them. Each is called inside the change's transaction.
   * The root fills the list as it builds the modules, so it is read when used, never copied.
   */
  followers: OrderFollower[];
  /** Promises' state and next deadline of an order, for the list's filters and sort (the root's bridge: promises are built later). */
  promiseStateSql: repo.PromiseReads['stateSql'];
  promiseDueSql: repo.PromiseReads['dueSql'];
  /** Booking rules (longest window, the portal's change rules); defaults in booking.rules.ts. */
  bookingRules?: Partial<BookingRules>;
};

type Patch = Partial<repo.OrderInsert>;
/**
 * `refusal`: the request fails, but what the builder wrote itself (e.g. a counted wrong attempt)
 * commits with a history row of `changes`; the order's version stays, so a retry is no conflict.
 */
type Step = { patch: Patch; reason?: string | null; refusal?: AppError; changes?: Record<string, { from: unknown; to: unknown }> };
type Builders = { [A in OrderAction]: (tx: Tx, order: repo.OrderRow, input: ActionInput<A>, caller: Caller) => Promise<Step> };


export function hashAcceptanceCode(orderId: string, code: string): string {
  return createHash('sha256').update(`${orderId}:${code}`).digest('hex');
}

export function createWorkOrdersService(deps: WorkOrdersDeps) {
  const { db, clock } = deps;
  const historyRow = historyRows(clock);
  const { intake } = createIntake(deps);
  const bookingRules: BookingRules = { ...defaultBookingRules, ...deps.bookingRules };
  // Dispatch's travel estimate (a follower's), for a booking's travel between visits; read when used.
  const travelMatrix = (points: [number, number][]) => {
    const f = deps.followers.find((x) => x.travelMatrix);
    if (!f?.travelMatrix) throw new Error('no module gives travel times (dispatch is not registered)');
    return f.travelMatrix(points);
  };
  const booking = createBooking({ ...deps, rules: bookingRules, travelMatrix });
  const assignChecks = createAssignChecks(deps);

  /** The order when this caller may see it; 404 otherwise, exactly as if it did not exist. */
  async function visible(q: Queryable, caller: Caller, id: string): Promise<repo.OrderRow> {
    const order = await repo.findOrder(q, id, repo.orderScopeSql(orderScope(caller.principal)));
    if (!order) throw notFound('work_order', id);
    return order;
  }

  async function validFaultChain(q: Queryable, order: repo.OrderRow, input: ActionInput<'complete'>) {
    if (!order.unitId || !input.symptomCode || !input.causeCode || !input.remedyCode) return;
    const unit = await deps.units.unitOfCustomer(q, order.unitId, order.customerId);
    const categoryId = unit ? (await deps.catalog.modelById(q, unit.modelId)).categoryId : undefined;
    if (!categoryId) return;
    const codes = await deps.catalog.faultCodesByCode(q, categoryId, [input.symptomCode, input.causeCode, input.remedyCode]);
    const byCode = (code: string, level: string) => codes.find((c) => c.code === code && c.level === level);
    const symptom = byCode(input.symptomCode, 'symptom');
    if (!symptom) throw invalid('symptomCode', "not a symptom code of this product's category");
    const cause = byCode(input.causeCode, 'cause');
    if (!cause || cause.parentId !== symptom.id) throw invalid('causeCode', `not a cause under symptom ${input.symptomCode}`);
    const remedy = byCode(input.remedyCode, 'remedy');
    if (!remedy || remedy.parentId !== cause.id) throw invalid('remedyCode', `not a remedy under cause ${input.causeCode}`);
  }

  /** The certification the order's product needs (the model's, else its category's); null when none or no unit. */
  async function requiredCertification(q: Queryable, order: repo.OrderRow): Promise<string | null> {
    if (!order.unitId) return null;
    const unit = await deps.units.unitOfCustomer(q, order.unitId, order.customerId);
    return unit ? (await deps.catalog.modelById(q, unit.modelId)).requiredCertification : null;
  }

  /** A technician without a valid certification for the order's product is never given it; the 422 says why. */
  async function requireCertified(q: Queryable, order: repo.OrderRow, tech: { id: string; name: string }, at: Date) {
    const refusal = await deps.training.refusalFor(q, tech, await requiredCertification(q, order), at);
    if (refusal) throw orderErrors.technicianRefused(refusal);
  }

  async function sendAcceptanceCode(tx: Tx, order: repo.OrderRow): Promise<Step> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = clock.now();
    await enqueueMessage(tx, clock, {
      channel: 'sms',
      recipient: order.contactPhone,
      customerId: order.customerId,
      template: 'acceptance_code',
      bodyZh: `【售后服务】您的工单 ${order.number} 已完工，验收码 ${code}，请确认服务完成后告知师傅。72小时内有效。`,
      bodyEn: `[Aftercare] Work on order ${order.number} is done. Your acceptance code is ${code}; give it to the technician once you are satisfied. Valid for 72 hours.`,
      subject: { kind: 'work_order', id: order.id },
    });
    return {
      patch: { acceptanceCodeHash: hashAcceptanceCode(order.id, code), acceptanceCodeExpiresAt: new Date(now.getTime() + acceptanceCodeTtlMs), acceptanceCodeAttempts: 0 },
    };
  }

  const builders: Builders = {
    accept: async (_tx, _o, input) => ({ patch: {}, reason: input.note }),
    dispatch: async (tx, o, input) => {
      const provider = await deps.network.providerById(tx, input.providerId);
      if (!provider) throw invalid('providerId', 'no such provider');
      if (!provider.active) throw invalid('providerId', 'provider is not active');
      if (o.providerId && !input.reason) throw invalid('reason', 'a reason is needed to dispatch again');
      for (const f of input.reason ? [] : deps.followers) {
        const override = await f.providerOverride?.(tx, o.id, provider.id);
        if (override) throw orderErrors.overrideNeedsReason(override);
      }
      return { patch: { providerId: provider.id, technicianId: null, appointmentFrom: null, appointmentTo: null }, reason: input.reason };
    },
    assign: async (tx, o, input, caller) => {
      const tech = await deps.network.technicianById(tx, input.technicianId);
      if (!tech || tech.providerId !== o.providerId) throw invalid('technicianId', 'not a technician of the provider this order is dispatched to');
      if (o.technicianId && !input.reason) throw invalid('reason', 'a reason is needed to reassign');
      if (input.overrideReason !== undefined && !can(caller.principal, 'orders.dispatch')) throw accessErrors.forbidden('orders.dispatch');
      const { refusals } = await assignChecks.refusalsOf(tx, o, tech, input.date);
      const hard = refusals.find((r) => !r.overridable);
      // The certification keeps its 422 (training's refusal); the others are conflicts with the technician's state.
      if (hard) throw hard.code.startsWith('certification') ? orderErrors.technicianRefused(hard) : orderErrors.assignRefused(hard);
      if (refusals.length && !input.overrideReason) throw orderErrors.assignRefused(refusals[0]);
      const override = refusals.length ? `${input.overrideReason} — override: ${refusals.map((r) => r.en).join('; ')} / 强制派工：${refusals.map((r) => r.zh).join('；')}` : null;
      const reason = [input.reason, override].filter(Boolean).join(' · ') || undefined;
      return { patch: { technicianId: tech.id, appointmentFrom: null, appointmentTo: null, technicianAcceptedAt: null }, reason };
    },
    accept_job: async (_tx, _o, input) => ({ patch: { technicianAcceptedAt: clock.now() }, reason: input.note }),
    // Given back: the provider assigns someone else; the reason stays on the history.
    decline_job: async (_tx, _o, input) => ({ patch: { technicianId: null, appointmentFrom: null, appointmentTo: null, technicianAcceptedAt: null }, reason: input.reason }),
    book: async (tx, o, input, caller) => {
      // Certified today is not enough when the visit is after the certification runs out.
      const tech = await deps.network.technicianById(tx, o.technicianId as string);
      if (tech) await requireCertified(tx, o, tech, new Date(input.to));
      return booking.book(tx, o, input, caller);
    },
    check_in: async (tx, o, input) => {
      const at = input.at ? new Date(input.at) : clock.now();
      if (at.getTime() > clock.now().getTime() + 5 * 60_000) throw invalid('at', 'cannot be in the future');
      // Far from the address is a fraud signal (or a wrong address): recorded, flagged, not refused.
      const hasAddress = o.address.lat != null && o.address.lng != null;
      const distance = hasAddress ? Math.round(haversineMetres([input.lng, input.lat], [o.address.lng!, o.address.lat!])) : null;
      const rough = o.address.approximate === true;
      const farLimitM = rough ? (deps.checkInFarApproximateMetres ?? 5000) : (deps.checkInFarMetres ?? 500);
      const far = distance === null ? null : distance > farLimitM;
      for (const f of deps.followers) await f.evidence?.checkedIn(tx, o, { at, distanceM: distance, far, farLimitM });
      await enqueueMessage(tx, clock, {
        channel: 'sms',
        recipient: o.contactPhone,
        customerId: o.customerId,
        template: 'technician_on_site',
        bodyZh: `【售后服务】工单 ${o.number}：师傅已到达并开始服务。`,
        bodyEn: `[Aftercare] Order ${o.number}: the technician has arrived and started work.`,
        subject: { kind: 'work_order', id: o.id },
      });
      return {
        patch: { checkedInAt: at, checkInLat: input.lat, checkInLng: input.lng, checkInDistanceM: distance, checkInFar: far, visitCount: o.visitCount + 1 },
        reason: rough && distance !== null ? 'distance from an approximate address position / 距离按地址的估算位置计算' : undefined,
      };
    },
    complete: async (tx, o, input) => {
      await validFaultChain(tx, o, input);
      for (const f of deps.followers) await f.evidence?.completing(tx, o, input);
      return {
        patch: {
          doneAt: clock.now(),
          symptomCode: input.symptomCode ?? null,
          causeCode: input.causeCode ?? null,
          remedyCode: input.remedyCode ?? null,
          workNotes: input.notes ?? null,
          confirmedSerials: input.confirmedSerials ?? null,
          readings: input.readings ?? null,
          replacement: input.replacement ?? null,
        },
      };
    },
    send_acceptance_code: (tx, o) => sendAcceptanceCode(tx, o),
    confirm: async (tx, o, input) => {
      if (input.overrideReason) return { patch: { confirmedAt: clock.now(), confirmedBy: 'agent_override', acceptanceCodeHash: null }, reason: input.overrideReason };
      if (!o.acceptanceCodeHash || !o.acceptanceCodeExpiresAt || o.acceptanceCodeExpiresAt.getTime() < clock.now().getTime()) throw orderErrors.noCode();
      // The attempt is taken before the code is compared, or guesses sent together would all be compared.
      const claim = await repo.claimAcceptanceAttempt(tx, o.id, o.version, clock.now(), acceptanceCodeMaxAttempts);
      if (!claim) {
        const current = await repo.findOrder(tx, o.id);
        if (current?.version !== o.version) throw orderErrors.staleVersion(current?.version ?? o.version + 1);
        throw orderErrors.codeLocked();
      }
      if (hashAcceptanceCode(o.id, input.code as string) !== claim.codeHash) {
        return {
          patch: {},
          refusal: orderErrors.wrongCode(acceptanceCodeMaxAttempts - claim.attempts),
          changes: { acceptanceCodeAttempts: { from: claim.attempts - 1, to: claim.attempts } },
        };
      }
      return { patch: { confirmedAt: clock.now(), confirmedBy: 'customer_code', acceptanceCodeHash: null } };
    },
    follow_up: async (_tx, _o, input) => {
      const { version: _v, ...followUp } = input;
      return { patch: { followUp } };
    },
    close: async (_tx, _o, input) => ({ patch: { closedAt: clock.now() }, reason: input.reason }),
    cancel: async (_tx, o, input, caller) => {
      booking.checkCustomerCancel(o, caller);
      return { patch: { cancelReason: input.reason, holdReason: null, statusBeforeHold: null, heldAt: null }, reason: input.reason };
    },
    reopen: async (_tx, _o, input) => ({
      patch: { closedAt: null, cancelReason: null, providerId: null, technicianId: null, appointmentFrom: null, appointmentTo: null, checkedInAt: null, doneAt: null, confirmedAt: null, confirmedBy: null },
      reason: input.reason,
    }),
    redo: async (_tx, _o, input) => ({
      patch: { appointmentFrom: null, appointmentTo: null, checkedInAt: null, doneAt: null, confirmedAt: null, confirmedBy: null, acceptanceCodeHash: null, followUp: null },
      reason: input.reason,
    }),
    hold: async (_tx, o, input) => ({ patch: { holdReason: input.reason, statusBeforeHold: o.status, heldAt: clock.now() }, reason: input.note ?? input.reason }),
    resume: async (_tx, o, input) => {
      const heldMs = o.heldAt ? Math.max(0, clock.now().getTime() - o.heldAt.getTime()) : 0;
      return {
        patch: { holdReason: null, statusBeforeHold: null, heldAt: null, partsWaitMs: o.partsWaitMs + (o.holdReason === 'waiting_for_parts' ? heldMs : 0) },
        reason: input.note,
      };
    },
  };

  /** Throws the 400 that says why intake made no order; the insert itself only knows that it did not. */


  function requireActionPermission(caller: Caller, action: OrderAction, input: { overrideReason?: string; providerId?: string }, order: repo.OrderRow) {
    const p = caller.principal;
    // A provider's planner (orders.assign) may send their own provider's order back to its unplanned
    // orders: the dispatch step to the provider it is already with, technician and window let go.
    // Sending it to another provider stays with those who hold orders.dispatch.
    if (action === 'dispatch' && can(p, 'orders.assign') && order.providerId !== null && input.providerId === order.providerId) return;
    // Confirming without the customer's code is an override: only those who may override.
    const override = action === 'confirm' && input.overrideReason !== undefined;
    if (override ? !can(p, 'orders.confirm_override') : !mayTake(p, action)) throw accessErrors.forbidden(override ? 'orders.confirm_override' : actionPermissions[action][0]);
  }

  async function act<A extends OrderAction>(tx: Tx, order: repo.OrderRow, action: A, input: ActionInput<A>, caller: Caller): Promise<{ row: repo.OrderRow; refusal?: AppError }> {
    requireActionPermission(caller, action, input as { overrideReason?: string; providerId?: string }, order);
    if (order.version !== input.version) throw orderErrors.staleVersion(order.version);
    const next = nextStatus({ status: order.status as OrderStatus, kind: order.kind as OrderKind, statusBeforeHold: order.statusBeforeHold as OrderStatus | null }, action);
    if (!next.ok) throw orderErrors.illegal(next);
    const step = await builders[action](tx, order, input, caller);
    if (step.refusal) {
      await repo.appendHistory(tx, [historyRow(order, caller, `${action}_refused`, order.status, step.reason ?? step.refusal.code, step.changes ?? {})]);
      return { row: order, refusal: step.refusal };
    }
    const patch: Patch = { ...step.patch, status: next.to, updatedAt: clock.now() };
    const updated = await repo.updateOrderAtVersion(tx, order.id, order.version, patch);
    if (!updated) throw orderErrors.staleVersion((await repo.findOrder(tx, order.id))?.version ?? order.version + 1);
    const { updatedAt: _u, acceptanceCodeHash: _h, ...visible } = patch;
    await repo.appendHistory(tx, [historyRow(updated, caller, action, order.status, step.reason, diff(order as Record<string, unknown>, visible as Record<string, unknown>))]);
    if (action === 'complete') for (const f of deps.followers) await f.evidence?.completed(tx, updated);
    for (const f of deps.followers) await f.stepped?.(tx, order, updated, action, caller);
    return { row: updated };
  }


  return {
    intake,

    async perform<A extends OrderAction>(caller: Caller, id: string, action: A, input: ActionInput<A>): Promise<OrderView> {
      const { row, refusal } = await db.transaction(async (tx) => {
        const order = await visible(tx, caller, id);
        return act(tx, order, action, input, caller);
      });
      if (refusal) throw refusal;
      return toOrderView(row, caller);
    },

    /** A step inside the caller's transaction, for use cases that change several orders at once (a day plan). */
    async performIn<A extends OrderAction>(tx: Tx, caller: Caller, id: string, action: A, input: ActionInput<A>): Promise<repo.OrderRow> {
      const { row, refusal } = await act(tx, await visible(tx, caller, id), action, input, caller);
      if (refusal) throw refusal;
      return row;
    },

    async get(caller: Caller, id: string): Promise<OrderView> {
      requirePermission(caller.principal, 'orders.read');
      return toOrderView(await visible(db, caller, id), caller);
    },

    async history(caller: Caller, id: string) {
      requirePermission(caller.principal, 'orders.read');
      await visible(db, caller, id);
      const rows = await repo.historyOf(db, id);
      return rows.map((h) => ({ ...h, at: h.at.toISOString() }));
    },

    async list(caller: Caller, s: OrderListQuery): Promise<Page<OrderView>> {
      requirePermission(caller.principal, 'orders.read');
      const promise = { stateSql: deps.promiseStateSql, dueSql: deps.promiseDueSql };
      const { rows, total } = await repo.listOrders(db, s, repo.orderListWhere(s, repo.orderScopeSql(orderScope(caller.principal)), promise, clock.now()), promise);
      return { items: rows.map((o) => ({ ...toOrderView(o, caller), deadline: o.deadline ? new Date(o.deadline).toISOString() : null })), total, limit: s.limit, offset: s.offset };
    },

    async counts(caller: Caller, s: OrderCountsQuery): Promise<OrderCounts> {
      requirePermission(caller.principal, 'orders.read');
      if (s.createdFrom && s.createdTo && new Date(s.createdTo) < new Date(s.createdFrom)) throw invalid('createdTo', 'must not be before createdFrom');
      return { items: await repo.orderCounts(db, s, repo.orderScopeSql(orderScope(caller.principal))) };
    },

    /**
     * The windows the order's technician can keep on `days` dates from `from` (each offered or not,
     * and why not), and whether the customer's wish can be kept: what the booking dialogs offer.
     */
    async bookingWindows(caller: Caller, id: string, s: { from?: string; days: number }) {
      const p = caller.principal;
      if (p.kind !== 'customer' && !can(p, 'orders.field') && !can(p, 'orders.dispatch')) requirePermission(p, 'dispatch.slots');
      const order = await visible(db, caller, id);
      const offered = await booking.offers(db, order, s.from, s.days);
      const wish = order.wishedFrom && order.wishedTo ? await booking.refusalFor(db, order, order.wishedFrom.getTime(), order.wishedTo.getTime()) : undefined;
      const rules = await booking.portalRules(db, order);
      return {
        orderId: order.id,
        ...offered,
        wish: wish === undefined ? null : { from: order.wishedFrom!.toISOString(), to: order.wishedTo!.toISOString(), available: wish === null, reason: wish && { code: wish.code, en: wish.en, zh: wish.zh } },
        ...rules,
      };
    },

    /**
     * Why a technician of the order's provider cannot be given the order on `date` (hardest first; empty: they can),
     * exactly as the assign step judges: for the assign dialog's list. The caller has checked its permission.
     */
    async assignRefusals(caller: Caller, id: string, technicianIds: string[], date?: string) {
      const order = await visible(db, caller, id);
      const out = new Map<string, Awaited<ReturnType<typeof assignChecks.refusalsOf>>>();
      for (const techId of technicianIds) {
        const tech = await deps.network.technicianById(db, techId);
        if (tech) out.set(techId, await assignChecks.refusalsOf(db, order, tech, date));
      }
      return out;
    },

    /** The contact phone in full, for calling the customer; recorded. A technician only while the order is open. */
    async revealContact(caller: Caller, id: string) {
      requirePermission(caller.principal, 'customers.phone.full');
      return db.transaction(async (tx) => {
        const order = await visible(tx, caller, id);
        if (orderScope(caller.principal).kind === 'technician' && !isOpen(order.status as OrderStatus)) throw notFound('work_order', id);
        await deps.audit(tx, { caller, action: 'phone_revealed', subjectKind: 'work_order', subjectId: order.id, details: { field: 'contactPhone' } });
        return { contactPhone: order.contactPhone };
      });
    },
  };
}

export type WorkOrdersService = ReturnType<typeof createWorkOrdersService>;
export type ActionName = keyof typeof actionRequests;
