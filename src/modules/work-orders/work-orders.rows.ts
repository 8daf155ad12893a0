// An order as a caller sees it, and as its history records it: shared by intake and the lifecycle steps.
import type { Clock } from '../../shared/clock.js';
import { can } from '../../kernel/permissions.js';
import { maskPhone } from '../../shared/phone.js';
import { actorName, orderScope, type Caller } from '../../kernel/scopes.js';
import type * as repo from './work-orders.repo.js';
import { actionPermissions, allowedActions, customerActions, isOpen, statusNames, type OrderAction, type OrderKind, type OrderStatus } from './work-orders.rules.js';
import type { OrderView } from './work-orders.contract.js';

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
    readings: o.readings ?? null,
    replacement: (o.replacement as OrderView['replacement']) ?? null,
    confirmedAt: iso(o.confirmedAt),
    confirmedBy: o.confirmedBy,
    holdReason: o.holdReason,
    followUp: o.followUp,
    cancelReason: o.cancelReason,
    closedAt: iso(o.closedAt),
    visitCount: o.visitCount,
    // A warning about a provider's hold of the order lapses once it is dispatched elsewhere.
    warnings: (o.correctionWarnings ?? []).filter((w) => !w.providerId || w.providerId === o.providerId).map(({ code, en, zh }) => ({ code, en, zh })),
    partsWaitMs: o.partsWaitMs,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function mayTake(p: Caller['principal'], action: OrderAction): boolean {
  return actionPermissions[action].some((perm) => can(p, perm)) || (p.kind === 'customer' && customerActions.includes(action));
}

/** The columns intake leaves to their defaults, so the new order can be shown without reading it back. */
export const emptyOrder: repo.OrderRow = {
  id: '', number: '', kind: '', status: '', priority: '', channel: '', externalRef: null, customerId: '', customerTier: '', contactPhone: '',
  address: { province: '', city: '', district: '', street: '' }, unitId: null, complaintOfOrderId: null, symptom: '', wishedFrom: null, wishedTo: null,
  providerId: null, technicianId: null, appointmentFrom: null, appointmentTo: null, checkedInAt: null, checkInLat: null, checkInLng: null, checkInDistanceM: null, checkInFar: null, technicianAcceptedAt: null, doneAt: null,
  symptomCode: null, causeCode: null, remedyCode: null, workNotes: null, confirmedSerials: null, readings: null, replacement: null, acceptanceCodeHash: null, acceptanceCodeExpiresAt: null,
  acceptanceCodeAttempts: 0, confirmedAt: null, confirmedBy: null, holdReason: null, heldAt: null, partsWaitMs: 0, statusBeforeHold: null, followUp: null,
  cancelReason: null, closedAt: null, visitCount: 0, correctionWarnings: null, version: 1, createdAt: new Date(0), updatedAt: new Date(0),
  // Worked out by the database from the address, for its filter; no view shows them.
  provinceKey: null, cityKey: null,
};

/** History rows stamped with this clock's time. */
export function historyRows(clock: Clock) {
  return function historyRow(order: repo.OrderRow, caller: Caller, action: string, fromStatus: string | null, reason: string | null | undefined, changes: Record<string, { from: unknown; to: unknown }>): repo.HistoryInsert {
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
  };
}
