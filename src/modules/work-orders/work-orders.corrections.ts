// Corrections after intake: an agent changes an open order's contact, address, wished window,
// symptom or unit. Each correction is one transaction at the order's version, with a history row
// of before/after, and says what it put at risk (the provider's area, a booked visit …).
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { can } from '../../kernel/permissions.js';
import { accessErrors, orderScope, type Caller } from '../../kernel/scopes.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { isPlausiblePhone, maskPhone, normalizePhone } from '../../shared/phone.js';
import { assertWithinYearsAhead } from '../../shared/plausible.js';
import type { CustomersService } from '../customers/index.js';
import type { UnitsService } from '../units/index.js';
import type { NetworkService } from '../network/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { TrainingService } from '../training/index.js';
import * as repo from './work-orders.repo.js';
import { sendBackForDispatch, setCorrectionWarnings } from './work-orders.corrections.repo.js';
import { orderErrors } from './work-orders.errors.js';
import { diff, isOpen, statusNames, type OrderStatus } from './work-orders.rules.js';
import { historyRows, toOrderView } from './work-orders.rows.js';
import type { AddressSnapshot, CorrectionWarning } from './work-orders.tables.js';
import type { OrderView } from './work-orders.contract.js';
import type { CorrectionInput } from './work-orders.corrections.contract.js';
import type { OrderFollower } from './work-orders.followers.js';
import { enqueueMessage } from '../notifications/index.js';

export type CorrectionDeps = {
  db: Db;
  clock: Clock;
  customers: CustomersService;
  units: UnitsService;
  network: NetworkService;
  catalog: CatalogService;
  training: TrainingService;
  /** Modules that follow orders: dispatch judges the provider, promises know the on-site deadline, geocoding places an address. */
  followers: OrderFollower[];
};

export const correctionErrors = {
  nothingToRedispatch: () =>
    new AppError('nothing_to_redispatch', 422, "redispatch: the order, as corrected, is inside its provider's area; nothing to send back / 更正后的地址仍在服务商区域内，无需重新派单", [
      { path: 'redispatch', message: "inside the provider's area", zh: '仍在服务商区域内', code: 'nothing_to_redispatch' },
    ]),
  tooLateToRedispatch: (status: OrderStatus) =>
    new AppError('too_late_to_redispatch', 409, `redispatch: the order is ${statusNames[status].en.toLowerCase()}; only an order not yet visited goes back for dispatch / 工单${statusNames[status].zh}，只有尚未上门的工单可退回重新派单`, [
      { path: 'redispatch', message: `the order is ${statusNames[status].en.toLowerCase()}`, zh: `工单${statusNames[status].zh}`, code: 'too_late_to_redispatch' },
    ]),
  notOpen: (status: OrderStatus) =>
    new AppError(
      'order_not_open',
      409,
      `The order is ${statusNames[status].en.toLowerCase()}: a closed or cancelled order cannot be corrected; reopen it first / 工单${statusNames[status].zh}，已关闭或已取消的工单不能修改，请先重新打开`,
      { status },
    ),
};

// The reasons a provider stops fitting the order that a correction can cause (its area, its categories, its certified technicians).
const editReasons = new Set(['area', 'category', 'certification']);

const sameAddress = (a: AddressSnapshot, b: AddressSnapshot) =>
  a.province === b.province && a.city === b.city && a.district === b.district && a.street === b.street && (a.postalCode ?? null) === (b.postalCode ?? null) && (a.lat ?? null) === (b.lat ?? null) && (a.lng ?? null) === (b.lng ?? null);
const time = (d: Date | null) => d?.getTime() ?? null;

export function createCorrections(deps: CorrectionDeps) {
  const { db, clock } = deps;
  // Read when used: the root fills the followers after work orders are built.
  const facet = <K extends keyof OrderFollower>(key: K) => deps.followers.find((f) => f[key])?.[key];
  const historyRow = historyRows(clock);

  async function newAddress(tx: Tx, order: repo.OrderRow, input: CorrectionInput): Promise<AddressSnapshot | undefined> {
    if (input.addressId) {
      const a = (await deps.customers.contactCard(tx, order.customerId))?.addresses.find((x) => x.id === input.addressId);
      if (!a) throw invalid('addressId', "not one of the customer's addresses");
      return { province: a.province, city: a.city, district: a.district, street: a.street, postalCode: a.postalCode, lat: a.lat, lng: a.lng, approximate: a.lat != null ? a.approximate : null };
    }
    if (input.address) {
      const a = input.address;
      return { province: a.province, city: a.city, district: a.district, street: a.street, postalCode: a.postalCode ?? null, lat: a.lat ?? null, lng: a.lng ?? null, approximate: a.lat != null ? false : null };
    }
    return undefined;
  }

  async function requiredCertification(q: Queryable, o: repo.OrderRow): Promise<string | null> {
    if (!o.unitId) return null;
    const unit = await deps.units.unitOfCustomer(q, o.unitId, o.customerId);
    return unit ? (await deps.catalog.modelById(q, unit.modelId)).requiredCertification : null;
  }

  /** What the order, as corrected, now puts at risk: judged afresh each time, so a later correction can clear it. */
  async function warningsOf(tx: Tx, before: repo.OrderRow, o: repo.OrderRow, addressMoved: boolean): Promise<CorrectionWarning[]> {
    const out: CorrectionWarning[] = [];
    const providerVerdict = facet('providerVerdict');
    if (o.providerId && providerVerdict) {
      const v = await providerVerdict(tx, o.id, o.providerId);
      for (const r of v && !v.eligible ? v.reasons.filter((x) => editReasons.has(x.code)) : []) {
        const code = r.code === 'area' ? 'outside_provider_area' : `provider_${r.code}`;
        out.push({ code, providerId: o.providerId, en: `${v!.name}: ${r.en}; dispatch it again or keep it with a reason`, zh: `${v!.name}：${r.zh}，请重新派单或说明原因保留` });
      }
    }
    if (o.technicianId) {
      const tech = await deps.network.technicianById(tx, o.technicianId);
      const refusal = tech ? await deps.training.refusalFor(tx, tech, await requiredCertification(tx, o), o.appointmentTo ?? clock.now()) : null;
      if (refusal) out.push({ code: 'technician_not_certified', providerId: o.providerId, en: `${refusal.en}; assign another technician`, zh: `${refusal.zh}，请改派师傅` });
    }
    const booked = o.appointmentFrom && o.appointmentTo && (o.status === 'booked' || (o.status === 'on_hold' && o.statusBeforeHold === 'booked'));
    if (booked && (o.wishedFrom || o.wishedTo)) {
      const inside = (!o.wishedFrom || o.appointmentFrom! >= o.wishedFrom) && (!o.wishedTo || o.appointmentTo! <= o.wishedTo);
      if (!inside) out.push({ code: 'appointment_outside_wish', providerId: o.providerId, en: 'the booked visit is outside the wished window now; book it again with the customer', zh: '已预约的上门时间不在新的期望时间内，请与客户重新预约' });
    }
    const beforeVisit = ['intake', 'awaiting_dispatch', 'dispatched', 'assigned', 'booked'].includes(o.status);
    const onSiteDueAt = facet('onSiteDueAt');
    const due = beforeVisit && o.wishedFrom && onSiteDueAt ? await onSiteDueAt(tx, o.id) : null;
    if (due && o.wishedFrom! > due) {
      out.push({
        code: 'wish_after_promise',
        en: 'the customer wishes the visit after the on-site promise falls due; if they asked for the later time, put the order on hold waiting for the customer so the clock pauses',
        zh: '客户期望的上门时间晚于上门承诺时限；如系客户要求改期，请将工单挂起（等待客户），承诺计时将暂停',
      });
    }
    const wasMoved = (before.correctionWarnings ?? []).some((w) => w.code === 'booked_visit_moved');
    if (booked && (addressMoved || wasMoved)) {
      out.push({ code: 'booked_visit_moved', providerId: o.providerId, en: "the booked visit is at another address now: tell the technician; their day's travel changes", zh: '已预约的上门地址已变更，请通知师傅，当天行程需调整' });
    }
    return out;
  }

  /**
   * The agent asked (`redispatch: true`): the corrected address is outside the assigned provider's
   * area, so the order goes back to awaiting dispatch, provider, technician and visit cleared; a
   * customer with a booked visit is told once that it will be arranged again. Only before the visit.
   */
  async function sendBack(tx: Tx, o: repo.OrderRow, warnings: CorrectionWarning[]) {
    if (!warnings.some((w) => w.code === 'outside_provider_area')) throw correctionErrors.nothingToRedispatch();
    if (!['dispatched', 'assigned', 'booked'].includes(o.status)) throw correctionErrors.tooLateToRedispatch(o.status as OrderStatus);
    const row = await sendBackForDispatch(tx, o.id, clock.now());
    if (o.status === 'booked') {
      await enqueueMessage(tx, clock, {
        channel: 'sms',
        recipient: row.contactPhone,
        template: 'visit_unbooked',
        bodyZh: `【售后服务】您的工单 ${o.number} 地址已更正，原定上门时间取消，我们将重新安排并另行通知。`,
        bodyEn: `[Aftercare] The address of order ${o.number} was corrected; the visit booked is cancelled and we will arrange a new one.`,
        subject: { kind: 'work_order', id: o.id },
      });
    }
    return { row, patch: { status: 'awaiting_dispatch', providerId: null, technicianId: null, technicianAcceptedAt: null, appointmentFrom: null, appointmentTo: null } satisfies Partial<repo.OrderInsert> };
  }

  return {
    async correct(caller: Caller, id: string, input: CorrectionInput): Promise<OrderView> {
      const p = caller.principal;
      if (!can(p, 'orders.intake') && !can(p, 'orders.manage')) throw accessErrors.forbidden('orders.intake');
      const now = clock.now();
      assertWithinYearsAhead(now, 'wishedFrom', input.wishedFrom);
      assertWithinYearsAhead(now, 'wishedTo', input.wishedTo);
      let phone: string | undefined;
      if (input.contactPhone !== undefined) {
        phone = normalizePhone(input.contactPhone);
        if (!isPlausiblePhone(phone)) throw invalid('contactPhone', 'not a phone number');
      }
      const row = await db.transaction(async (tx) => {
        const order = await repo.findOrder(tx, id, repo.orderScopeSql(orderScope(p)));
        if (!order) throw notFound('work_order', id);
        if (!isOpen(order.status as OrderStatus)) throw correctionErrors.notOpen(order.status as OrderStatus);
        if (order.version !== input.version) throw orderErrors.staleVersion(order.version);

        const patch: Partial<repo.OrderInsert> = {};
        if (phone !== undefined && phone !== order.contactPhone) patch.contactPhone = phone;
        const address = await newAddress(tx, order, input);
        if (address && !sameAddress(address, order.address)) patch.address = address;
        const wishedFrom = input.wishedFrom === undefined ? order.wishedFrom : input.wishedFrom === null ? null : new Date(input.wishedFrom);
        const wishedTo = input.wishedTo === undefined ? order.wishedTo : input.wishedTo === null ? null : new Date(input.wishedTo);
        if (wishedFrom && wishedTo && wishedFrom >= wishedTo) throw invalid(input.wishedTo !== undefined ? 'wishedTo' : 'wishedFrom', input.wishedTo !== undefined ? 'must be after wishedFrom' : 'must be before wishedTo');
        if (time(wishedFrom) !== time(order.wishedFrom)) patch.wishedFrom = wishedFrom;
        if (time(wishedTo) !== time(order.wishedTo)) patch.wishedTo = wishedTo;
        if (input.symptom !== undefined && input.symptom !== order.symptom) patch.symptom = input.symptom;
        if (input.unitId !== undefined && input.unitId !== order.unitId) {
          if (input.unitId && !(await deps.units.unitOfCustomer(tx, input.unitId, order.customerId))) throw invalid('unitId', 'not a unit owned by this customer');
          patch.unitId = input.unitId;
        }
        // Nothing differs from what is on record: no change, no history row, the version stays.
        if (Object.keys(patch).length === 0 && !input.redispatch) return order;

        let updated = await repo.updateOrderAtVersion(tx, order.id, order.version, { ...patch, updatedAt: now });
        if (!updated) throw orderErrors.staleVersion((await repo.findOrder(tx, order.id))?.version ?? order.version + 1);
        // Promises re-choose their policy when the unit or the region changed (their own history row).
        for (const f of deps.followers) await f.orderCorrected?.(tx, order, updated, caller);
        let warnings = await warningsOf(tx, order, updated, patch.address !== undefined);
        if (input.redispatch) {
          const back = await sendBack(tx, updated, warnings);
          Object.assign(patch, back.patch);
          updated = back.row;
          warnings = await warningsOf(tx, order, updated, patch.address !== undefined);
        }
        const final = await setCorrectionWarnings(tx, updated.id, warnings.length ? warnings : null);
        const changes = diff(order as Record<string, unknown>, patch as Record<string, unknown>);
        // Staff read the history; the phone stays masked there as everywhere but a recorded reveal.
        if (changes.contactPhone) changes.contactPhone = { from: maskPhone(order.contactPhone), to: maskPhone(updated.contactPhone) };
        const codes = (ws: CorrectionWarning[] | null) => (ws ?? []).map((w) => w.code);
        if (codes(order.correctionWarnings).join() !== codes(warnings).join()) changes.warnings = { from: codes(order.correctionWarnings), to: codes(warnings) };
        await repo.appendHistory(tx, [historyRow(final, caller, 'correct', order.status, input.reason, changes)]);
        if (patch.address && (patch.address.lat == null || patch.address.lng == null)) await facet('addressToPlace')?.(tx, order.id);
        return final;
      });
      return toOrderView(row, caller);
    },
  };
}

export type Corrections = ReturnType<typeof createCorrections>;
