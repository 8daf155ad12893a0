import { createHash, randomInt } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { can } from '../../kernel/permissions.js';
import { maskPhone } from '../../shared/phone.js';
import { accessErrors, actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { AuditEntry, AuditFn } from '../../kernel/audit.js';
import { auditRowsSql } from '../../kernel/audit.js';
import { newId } from '../../shared/ids.js';
import { grouped } from '../../shared/grouped.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { assertWithinYearsAhead } from '../../shared/plausible.js';
import { isPlausiblePhone, normalizePhone } from '../../shared/phone.js';
import type { Page } from '../../shared/paging.js';
import { intakeContactsSql, type CustomersService } from '../customers/index.js';
import { unitOwnedBySql, type UnitsService } from '../units/index.js';
import type { NetworkService } from '../network/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { TrainingService } from '../training/index.js';
import { enqueueMessage } from '../notifications/index.js';
// The solver is a pure library; its distance is the one the plans use.
import { haversineMetres } from '../../shared/geo.js';
import { windowWords } from '../../shared/zoned.js';
import * as repo from './work-orders.repo.js';
import { orderErrors } from './work-orders.errors.js';
import {
  acceptanceCodeMaxAttempts,
  acceptanceCodeTtlMs,
  allowedActions,
  diff,
  intakeIdempotencyWindowMs,
  nextStatus,
  statusNames,
  type OrderAction,
  type OrderKind,
  type OrderStatus,
  actionPermissions,
  customerActions,
  isOpen,
} from './work-orders.rules.js';
import type { ActionInput, IntakeInput, OrderListQuery, OrderView, actionRequests } from './work-orders.contract.js';

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
  /**
   * Why choosing this provider overrides the automatic choice (null: it does not, or there is
   * none); dispatch supplies it. An override needs a reason.
   */
  providerOverride?: (q: Queryable, orderId: string, providerId: string) => Promise<{ code: string; zh: string; en: string } | null>;
  /**
   * Modules that follow orders (promises today; fees, settlement, care later), registered at
   * composition: work-orders never imports them. Each is called inside the change's transaction.
   */
  followers: OrderFollower[];
};

/** What a follower of intake knows before the order is written, mostly from memory. */
export type IntakeFollower = {
  /** Whether it writes anything for a new order; if not, intake stays one statement. */
  acts: boolean;
  /** Holds while what it knows is still so: part of the intake statement's condition. */
  unchanged: SQL;
  /** After intake made nothing: whether `unchanged` was the reason (then intake tries again). */
  stale: (q: Queryable) => Promise<boolean>;
  /** The orders one intake statement made, inside its transaction. */
  opened: (tx: Tx, orders: { order: repo.OrderRow; caller: Caller }[]) => Promise<void>;
};

/** A follower of orders: what it does at intake and after each step; either may be left out. */
export type OrderFollower = {
  name: string;
  intake?: (q: Queryable) => Promise<IntakeFollower>;
  stepped?: (tx: Tx, before: repo.OrderRow, after: repo.OrderRow, action: OrderAction, caller: Caller) => Promise<void>;
};

type Patch = Partial<repo.OrderInsert>;
/**
 * `refusal`: the request fails, but what the builder wrote itself (e.g. a counted wrong attempt)
 * commits with a history row of `changes`; the order's version stays, so a retry is no conflict.
 */
type Step = { patch: Patch; reason?: string | null; refusal?: AppError; changes?: Record<string, { from: unknown; to: unknown }> };
type Builders = { [A in OrderAction]: (tx: Tx, order: repo.OrderRow, input: ActionInput<A>, caller: Caller) => Promise<Step> };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Staff see the contact phone masked (the full number is a recorded reveal); a technician sees
 * the address only while the order is open; a customer sees their own order in full.
 */
export function toOrderView(o: repo.OrderRow, caller: Caller): OrderView {
  const status = o.status as OrderStatus;
  const kind = o.kind as OrderKind;
  const p = caller.principal;
  const fullContact = p.kind !== 'staff';
  const hideAddress = orderScope(p).kind === 'technician' && !isOpen(status);
  return {
    id: o.id,
    number: o.number,
    kind,
    status,
    statusName: statusNames[status],
    // What this caller may do next: the lifecycle's steps from here that their role allows.
    allowedActions: allowedActions(status, kind).filter((a) => mayTake(p, a)),
    priority: o.priority as OrderView['priority'],
    channel: o.channel,
    externalRef: o.externalRef,
    customerId: o.customerId,
    customerTier: o.customerTier,
    contactPhone: fullContact ? o.contactPhone : maskPhone(o.contactPhone),
    address: hideAddress ? { province: o.address.province, city: o.address.city, district: o.address.district, street: '***', postalCode: null, lat: null, lng: null } : o.address,
    unitId: o.unitId,
    complaintOfOrderId: o.complaintOfOrderId,
    symptom: o.symptom,
    wishedFrom: iso(o.wishedFrom),
    wishedTo: iso(o.wishedTo),
    providerId: o.providerId,
    technicianId: o.technicianId,
    appointmentFrom: iso(o.appointmentFrom),
    appointmentTo: iso(o.appointmentTo),
    checkedInAt: iso(o.checkedInAt),
    checkInLat: o.checkInLat,
    checkInLng: o.checkInLng,
    checkInDistanceM: o.checkInDistanceM,
    checkInFar: o.checkInFar,
    technicianAcceptedAt: iso(o.technicianAcceptedAt),
    doneAt: iso(o.doneAt),
    symptomCode: o.symptomCode,
    causeCode: o.causeCode,
    remedyCode: o.remedyCode,
    workNotes: o.workNotes,
    confirmedSerials: o.confirmedSerials,
    confirmedAt: iso(o.confirmedAt),
    confirmedBy: o.confirmedBy,
    holdReason: o.holdReason,
    followUp: o.followUp,
    cancelReason: o.cancelReason,
    closedAt: iso(o.closedAt),
    visitCount: o.visitCount,
    partsWaitMs: o.partsWaitMs,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

function mayTake(p: Caller['principal'], action: OrderAction): boolean {
  return actionPermissions[action].some((perm) => can(p, perm)) || (p.kind === 'customer' && customerActions.includes(action));
}

/** The columns intake leaves to their defaults, so the new order can be shown without reading it back. */
const emptyOrder: repo.OrderRow = {
  id: '', number: '', kind: '', status: '', priority: '', channel: '', externalRef: null, customerId: '', customerTier: '', contactPhone: '',
  address: { province: '', city: '', district: '', street: '' }, unitId: null, complaintOfOrderId: null, symptom: '', wishedFrom: null, wishedTo: null,
  providerId: null, technicianId: null, appointmentFrom: null, appointmentTo: null, checkedInAt: null, checkInLat: null, checkInLng: null, checkInDistanceM: null, checkInFar: null, technicianAcceptedAt: null, doneAt: null,
  symptomCode: null, causeCode: null, remedyCode: null, workNotes: null, confirmedSerials: null, acceptanceCodeHash: null, acceptanceCodeExpiresAt: null,
  acceptanceCodeAttempts: 0, confirmedAt: null, confirmedBy: null, holdReason: null, heldAt: null, partsWaitMs: 0, statusBeforeHold: null, followUp: null,
  cancelReason: null, closedAt: null, visitCount: 0, version: 1, createdAt: new Date(0), updatedAt: new Date(0),
};

export function hashAcceptanceCode(orderId: string, code: string): string {
  return createHash('sha256').update(`${orderId}:${code}`).digest('hex');
}

export function createWorkOrdersService(deps: WorkOrdersDeps) {
  const { db, clock } = deps;

  /** The order when this caller may see it; 404 otherwise, exactly as if it did not exist. */
  async function visible(q: Queryable, caller: Caller, id: string): Promise<repo.OrderRow> {
    const order = await repo.findOrder(q, id, repo.orderScopeSql(orderScope(caller.principal)));
    if (!order) throw notFound('work_order', id);
    return order;
  }

  async function validFaultChain(q: Queryable, order: repo.OrderRow, input: ActionInput<'complete'>) {
    if (!order.unitId) return;
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
      const override = input.reason ? null : await deps.providerOverride?.(tx, o.id, provider.id);
      if (override) throw orderErrors.overrideNeedsReason(override);
      return { patch: { providerId: provider.id, technicianId: null, appointmentFrom: null, appointmentTo: null }, reason: input.reason };
    },
    assign: async (tx, o, input) => {
      const tech = await deps.network.activeTechnicianOf(tx, o.providerId as string, input.technicianId);
      if (!tech) throw invalid('technicianId', 'not an active technician of the provider this order is dispatched to');
      if (o.technicianId && !input.reason) throw invalid('reason', 'a reason is needed to reassign');
      await requireCertified(tx, o, tech, clock.now());
      return { patch: { technicianId: tech.id, appointmentFrom: null, appointmentTo: null, technicianAcceptedAt: null }, reason: input.reason };
    },
    accept_job: async (_tx, _o, input) => ({ patch: { technicianAcceptedAt: clock.now() }, reason: input.note }),
    // Given back: the provider assigns someone else; the reason stays on the history.
    decline_job: async (_tx, _o, input) => ({ patch: { technicianId: null, appointmentFrom: null, appointmentTo: null, technicianAcceptedAt: null }, reason: input.reason }),
    book: async (tx, o, input) => {
      // Certified today is not enough when the visit is after the certification runs out.
      const tech = await deps.network.technicianById(tx, o.technicianId as string);
      if (tech) await requireCertified(tx, o, tech, new Date(input.to));
      const provider = o.providerId ? await deps.network.providerById(tx, o.providerId) : undefined;
      const when = windowWords(new Date(input.from), new Date(input.to), provider?.timeZone ?? 'Asia/Shanghai');
      await enqueueMessage(tx, clock, {
        channel: 'sms',
        recipient: o.contactPhone,
        template: 'visit_booked',
        bodyZh: `【售后服务】您的工单 ${o.number} 已预约：${when.zh}，师傅${tech?.name ?? ''}将上门服务。如需改约请致电客服。`,
        bodyEn: `[Aftercare] Your visit for order ${o.number} is booked for ${when.en}; technician ${tech?.name ?? ''} will come. Call us to change it.`,
        subject: { kind: 'work_order', id: o.id },
      });
      return { patch: { appointmentFrom: new Date(input.from), appointmentTo: new Date(input.to) }, reason: input.note };
    },
    check_in: async (tx, o, input) => {
      const at = input.at ? new Date(input.at) : clock.now();
      if (at.getTime() > clock.now().getTime() + 5 * 60_000) throw invalid('at', 'cannot be in the future');
      // Far from the address is a fraud signal (or a wrong address): recorded, flagged, not refused.
      const hasAddress = o.address.lat != null && o.address.lng != null;
      const distance = hasAddress ? Math.round(haversineMetres([input.lng, input.lat], [o.address.lng!, o.address.lat!])) : null;
      const far = distance === null ? null : distance > (deps.checkInFarMetres ?? 500);
      await enqueueMessage(tx, clock, {
        channel: 'sms',
        recipient: o.contactPhone,
        template: 'technician_on_site',
        bodyZh: `【售后服务】工单 ${o.number}：师傅已到达并开始服务。`,
        bodyEn: `[Aftercare] Order ${o.number}: the technician has arrived and started work.`,
        subject: { kind: 'work_order', id: o.id },
      });
      return { patch: { checkedInAt: at, checkInLat: input.lat, checkInLng: input.lng, checkInDistanceM: distance, checkInFar: far, visitCount: o.visitCount + 1 } };
    },
    complete: async (tx, o, input) => {
      await validFaultChain(tx, o, input);
      return {
        patch: {
          doneAt: clock.now(),
          symptomCode: input.symptomCode,
          causeCode: input.causeCode,
          remedyCode: input.remedyCode,
          workNotes: input.notes ?? null,
          confirmedSerials: input.confirmedSerials ?? null,
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
    cancel: async (_tx, _o, input) => ({ patch: { cancelReason: input.reason, holdReason: null, statusBeforeHold: null, heldAt: null }, reason: input.reason }),
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
  async function explainRefusedIntake(input: IntakeInput): Promise<void> {
    const customer = await deps.customers.contactCard(db, input.customerId);
    if (!customer) throw invalid('customerId', 'no such customer');
    if (!input.contactPhone && customer.phones.length === 0) throw invalid('contactPhone', 'the customer has no phone; give one');
    if (!input.address) {
      if (input.addressId && !customer.addresses.some((a) => a.id === input.addressId)) throw invalid('addressId', "not one of the customer's addresses");
      if (customer.addresses.length === 0) throw invalid('address', 'the customer has no address on record; give one');
    }
    if (input.unitId && !(await deps.units.unitOfCustomer(db, input.unitId, input.customerId))) throw invalid('unitId', 'not a unit owned by this customer');
    if (input.complaintOfOrderId) {
      const target = await repo.findOrder(db, input.complaintOfOrderId);
      if (!target || target.customerId !== input.customerId) throw invalid('complaintOfOrderId', 'not an order of this customer');
    }
  }

  function historyRow(order: repo.OrderRow, caller: Caller, action: string, fromStatus: string | null, reason: string | null | undefined, changes: Record<string, { from: unknown; to: unknown }>): repo.HistoryInsert {
    return {
      orderId: order.id,
      at: clock.now(),
      actor: actorName(caller.principal),
      actorAddress: caller.address,
      action,
      fromStatus,
      toStatus: order.status,
      reason: reason ?? null,
      changes,
      version: order.version,
    };
  }

  function requireActionPermission(caller: Caller, action: OrderAction, input: { overrideReason?: string }) {
    const p = caller.principal;
    // Confirming without the customer's code is an override: only those who may override.
    const override = action === 'confirm' && input.overrideReason !== undefined;
    if (override ? !can(p, 'orders.confirm_override') : !mayTake(p, action)) throw accessErrors.forbidden(override ? 'orders.confirm_override' : actionPermissions[action][0]);
  }

  async function act<A extends OrderAction>(tx: Tx, order: repo.OrderRow, action: A, input: ActionInput<A>, caller: Caller): Promise<{ row: repo.OrderRow; refusal?: AppError }> {
    requireActionPermission(caller, action, input as { overrideReason?: string });
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
    for (const f of deps.followers) await f.stepped?.(tx, order, updated, action, caller);
    return { row: updated };
  }

  // Per entry of the intake statement: the unit is the customer's, the complained-of order too.
  const entryConditions = sql`(x.unit_id is null or ${unitOwnedBySql(sql`x.unit_id`, sql`k.id`)})
    and (x.complaint_of_order_id is null or ${repo.orderOfCustomerSql(sql`x.complaint_of_order_id`, sql`k.id`)})`;
  const asNewOrder = (row: repo.IntakeRow, made: repo.IntakeResult): repo.OrderRow => ({ ...emptyOrder, ...row, ...made }) as repo.OrderRow;

  /** An order waiting for its group's statement; `audit`: the request's audit row, written with the order. */
  type PendingIntake = { entry: repo.IntakeEntry; caller: Caller; audit: AuditEntry | null };

  const intakeFollowers = deps.followers.filter((f) => f.intake);

  /** Opens the orders of one group in one statement (with a follower that acts, one transaction). */
  async function openOrders(group: PendingIntake[]): Promise<(repo.IntakeResult | undefined)[]> {
    const entries = group.map((g) => g.entry);
    const audits = group.flatMap((g) => (g.audit ? [g.audit] : []));
    for (let attempt = 0; ; attempt++) {
      const followers = await Promise.all(intakeFollowers.map((f) => f.intake!(db)));
      const condition = followers.reduce((c, f) => sql`${c} and ${f.unchanged}`, entryConditions);
      const acting = followers.filter((f) => f.acts);
      const audit = audits.length ? auditRowsSql(clock, audits, sql`subject_id in (select id::text from o)`) : null;
      const insert = (q: Queryable) => repo.insertIntakes(q, entries, intakeContactsSql, condition, intakeIdempotencyWindowMs, audit);
      const made = acting.length
        ? await db.transaction(async (tx) => {
            const m = await insert(tx);
            const opened = group.flatMap(({ entry, caller }) => {
              const r = m.get(entry.row.id);
              return r ? [{ order: asNewOrder(entry.row, r), caller }] : [];
            });
            if (opened.length) for (const f of acting) await f.opened(tx, opened);
            return m;
          })
        : await insert(db);
      if (made.size > 0 || followers.length === 0 || attempt === 2) return entries.map((e) => made.get(e.row.id));
      // Try again only when some follower's knowledge went stale (each refreshes what it remembers).
      const stale = await Promise.all(followers.map((f) => f.stale(db)));
      if (!stale.includes(true)) return entries.map((e) => made.get(e.row.id));
    }
  }
  // Orders that come in together share a statement; two with one external reference never do.
  const openOrder = grouped(openOrders, { max: 64, fits: (group, g) => !g.entry.row.externalRef || !group.some((o) => o.entry.row.externalRef === g.entry.row.externalRef) });

  return {
    /**
     * Returns created: false with the first order when the same external reference came within 24 h.
     * `requestAudit`: the request's audit row, written with a new order (its subject the order).
     */
    async intake(caller: Caller, input: IntakeInput, requestAudit?: Omit<AuditEntry, 'caller' | 'subjectId'>): Promise<{ order: OrderView; created: boolean }> {
      const p = caller.principal;
      if (p.kind === 'customer') {
        // A request from the portal: on the customer's own account, waiting for the desk to accept it.
        if (input.customerId !== p.customerId) throw invalid('customerId', 'no such customer');
        if (input.complaintOfOrderId) throw invalid('complaintOfOrderId', 'complaints go through the service desk');
        // A customer's reference is theirs alone: the same words from another account must not return that account's order.
        const externalRef = input.externalRef ? `portal:${p.customerId}:${input.externalRef}` : null;
        input = { ...input, externalRef, channel: 'web', priority: 'normal', accept: false };
      } else requirePermission(p, 'orders.intake');
      const now = clock.now();
      const ref = input.externalRef ? { externalRef: input.externalRef, since: new Date(now.getTime() - intakeIdempotencyWindowMs) } : null;
      let phone: string | null = null;
      if (input.contactPhone) {
        phone = normalizePhone(input.contactPhone);
        if (!isPlausiblePhone(phone)) throw invalid('contactPhone', 'not a phone number');
      }
      assertWithinYearsAhead(now, 'wishedFrom', input.wishedFrom);
      assertWithinYearsAhead(now, 'wishedTo', input.wishedTo);
      // Accepting at once is the accept step taken inside the intake: same rule, its own history row.
      const accepted = input.accept ? nextStatus({ status: 'intake', kind: input.kind, statusBeforeHold: null }, 'accept') : undefined;
      if (accepted && !accepted.ok) throw orderErrors.illegal(accepted);
      const row: repo.IntakeRow = {
        id: newId(),
        kind: input.kind,
        status: accepted ? accepted.to : 'intake',
        priority: input.priority,
        channel: input.channel,
        externalRef: input.externalRef ?? null,
        customerId: input.customerId,
        unitId: input.unitId ?? null,
        complaintOfOrderId: input.complaintOfOrderId ?? null,
        symptom: input.symptom,
        wishedFrom: input.wishedFrom ? new Date(input.wishedFrom) : null,
        wishedTo: input.wishedTo ? new Date(input.wishedTo) : null,
        version: accepted ? 2 : 1,
        createdAt: now,
        updatedAt: now,
      };
      const asOrder = (fields: Partial<repo.OrderRow>): repo.OrderRow => ({ ...emptyOrder, ...row, ...fields }) as repo.OrderRow;
      const history = [historyRow(asOrder({ status: 'intake', version: 1 }), caller, 'intake', null, null, {})];
      if (accepted) history.push(historyRow(asOrder({}), caller, 'accept', 'intake', null, { status: { from: 'intake', to: row.status } }));
      const yymm = now.toISOString().slice(2, 4) + now.toISOString().slice(5, 7);
      const entry: repo.IntakeEntry = { row, numberPrefix: `WO${yymm}-`, phone, addressId: input.addressId ?? null, address: input.address ?? null, history };
      const made = await openOrder({ entry, caller, audit: requestAudit ? { ...requestAudit, caller, subjectId: row.id } : null });
      if (made) return { order: toOrderView(asOrder(made), caller), created: true };

      // Nothing was made: a repeat of an earlier request, or something to tell the caller.
      const first = ref && (await repo.orderByExternalRef(db, ref.externalRef));
      if (first && first.createdAt.getTime() >= ref.since.getTime()) return { order: toOrderView(first, caller), created: false };
      await explainRefusedIntake(input);
      throw orderErrors.intakeRefused();
    },

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
      const { rows, total } = await repo.listOrders(db, s, repo.orderScopeSql(orderScope(caller.principal)));
      return { items: rows.map((o) => toOrderView(o, caller)), total, limit: s.limit, offset: s.offset };
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
