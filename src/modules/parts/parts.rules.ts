// Parts and stock: the ledger's movement kinds and what each does to a location's quantities, the
// request's steps, a count's differences, where a part is taken from for an order. Pure: no I/O.

export const locationKinds = ['central', 'regional', 'provider_store', 'van'] as const;
export type LocationKind = (typeof locationKinds)[number];

export const locationKindNames: Record<LocationKind, { zh: string; en: string }> = {
  central: { zh: '中央仓', en: 'Central warehouse' },
  regional: { zh: '区域仓', en: 'Regional warehouse' },
  provider_store: { zh: '网点库', en: "Provider's store" },
  van: { zh: '师傅车载库', en: "Technician's van" },
};

/**
 * Every movement is one ledger row. `return_old` and `return_in` are named now so the old-part
 * return (旧件返厂) posts into the same ledger later; nothing writes them yet.
 */
export const movementKinds = ['receive', 'transfer_out', 'transfer_in', 'reserve', 'unreserve', 'ship', 'receive_shipment', 'consume', 'adjust', 'return_old', 'return_in'] as const;
export type MovementKind = (typeof movementKinds)[number];

export const movementNames: Record<MovementKind, { zh: string; en: string }> = {
  receive: { zh: '入库', en: 'Received' },
  transfer_out: { zh: '调出', en: 'Transferred out' },
  transfer_in: { zh: '调入', en: 'Transferred in' },
  reserve: { zh: '预留', en: 'Reserved' },
  unreserve: { zh: '取消预留', en: 'Reservation released' },
  ship: { zh: '发货', en: 'Shipped' },
  receive_shipment: { zh: '收货', en: 'Shipment received' },
  consume: { zh: '工单消耗', en: 'Used on an order' },
  adjust: { zh: '盘点调整', en: 'Count adjustment' },
  return_old: { zh: '旧件返厂', en: 'Old part returned' },
  return_in: { zh: '旧件入库', en: 'Old part received' },
};

export type Level = { onHand: number; reserved: number };

/** What a movement does to the quantities at its location: on hand and reserved, as deltas. */
export function effectOf(kind: MovementKind, quantity: number): { onHand: number; reserved: number } {
  switch (kind) {
    case 'receive':
    case 'transfer_in':
    case 'receive_shipment':
    case 'return_in':
      return { onHand: quantity, reserved: 0 };
    case 'transfer_out':
    case 'consume':
    case 'return_old':
      return { onHand: -quantity, reserved: 0 };
    case 'reserve':
      return { onHand: 0, reserved: quantity };
    case 'unreserve':
      return { onHand: 0, reserved: -quantity };
    // A shipment leaves what was reserved for it.
    case 'ship':
      return { onHand: -quantity, reserved: -quantity };
    // A count's difference, signed: the only movement that may take stock down to what was counted.
    case 'adjust':
      return { onHand: quantity, reserved: 0 };
  }
}

export type Refusal = { path: string; en: string; zh: string };

/**
 * Whether a movement may apply to a level: on hand never below zero and never below what is
 * reserved; reserved never below zero. An adjustment is bound by the same floor: it sets stock to
 * what was counted, never below it.
 */
export function apply(level: Level, kind: MovementKind, quantity: number): { ok: true; level: Level } | { ok: false; refusal: Refusal } {
  if (kind !== 'adjust' && (!Number.isSafeInteger(quantity) || quantity <= 0)) return { ok: false, refusal: { path: 'quantity', en: 'must be a whole number of at least 1', zh: '须为不小于 1 的整数' } };
  const d = effectOf(kind, quantity);
  const next = { onHand: level.onHand + d.onHand, reserved: level.reserved + d.reserved };
  if (next.reserved < 0) return { ok: false, refusal: { path: 'quantity', en: 'more than is reserved here', zh: '超过该库位的预留数量' } };
  if (next.onHand < 0 || next.onHand < next.reserved) return { ok: false, refusal: { path: 'quantity', en: 'more than is available here', zh: '超过该库位的可用数量' } };
  return { ok: true, level: next };
}

export const available = (l: Level) => l.onHand - l.reserved;

// ---------------------------------------------------------------------------------------
// Requests: request → approve → ship → receive; refused or cancelled before shipping.

export const requestStatuses = ['requested', 'approved', 'shipped', 'received', 'rejected', 'cancelled'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const requestActions = ['approve', 'reject', 'ship', 'receive', 'cancel'] as const;
export type RequestAction = (typeof requestActions)[number];

export const requestStatusNames: Record<RequestStatus, { zh: string; en: string }> = {
  requested: { zh: '待审批', en: 'Requested' },
  approved: { zh: '已审批', en: 'Approved' },
  shipped: { zh: '已发货', en: 'Shipped' },
  received: { zh: '已收货', en: 'Received' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

const requestSteps: Record<RequestAction, { from: readonly RequestStatus[]; to: RequestStatus }> = {
  approve: { from: ['requested'], to: 'approved' },
  reject: { from: ['requested'], to: 'rejected' },
  ship: { from: ['approved'], to: 'shipped' },
  receive: { from: ['shipped'], to: 'received' },
  // What was approved and not yet shipped may still be called off (the reservation released).
  cancel: { from: ['requested', 'approved'], to: 'cancelled' },
};

export function nextRequestStatus(status: RequestStatus, action: RequestAction): RequestStatus | null {
  const s = requestSteps[action];
  return s.from.includes(status) ? s.to : null;
}

/** A request still on its way: an order waiting for parts waits for these. */
export const isOutstanding = (s: RequestStatus) => s === 'requested' || s === 'approved' || s === 'shipped';

/**
 * Whether an order held for parts may resume: every request for it has ended, and at least one was
 * received (all of them refused or cancelled leaves the hold to a person).
 */
export function partsArrived(statuses: readonly RequestStatus[]): boolean {
  return statuses.length > 0 && !statuses.some(isOutstanding) && statuses.includes('received');
}

/** Serials given for a movement of a serialised part: exactly one per unit, none twice; none for the others. */
export function serialsRefusal(serialised: boolean, quantity: number, serials: readonly string[]): Refusal | null {
  if (!serialised) return serials.length ? { path: 'serials', en: 'this part is not serialised: give no serials', zh: '该配件不按序列号管理，请勿填写序列号' } : null;
  if (serials.length !== quantity) return { path: 'serials', en: 'a serialised part needs one serial per unit', zh: '序列号管理的配件须每件一个序列号' };
  const seen = new Set<string>();
  for (const [i, s] of serials.entries()) {
    if (seen.has(s)) return { path: `serials.${i}`, en: 'given twice', zh: '重复填写' };
    seen.add(s);
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Counts: the differences between what the books say and what was counted.

export const countStatuses = ['open', 'submitted', 'approved', 'rejected'] as const;
export type CountStatus = (typeof countStatuses)[number];
export const countStatusNames: Record<CountStatus, { zh: string; en: string }> = {
  open: { zh: '盘点中', en: 'Counting' },
  submitted: { zh: '待审批', en: 'Awaiting approval' },
  approved: { zh: '已审批，已调整', en: 'Approved, adjusted' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};

export type CountLine = { partId: string; expected: number; counted: number | null };

/** The adjustments an approved count posts: one per part whose count differs from the books at approval. */
export function countDifferences(lines: readonly CountLine[], booksNow: ReadonlyMap<string, Level>): { partId: string; delta: number; counted: number; books: number }[] {
  const out: { partId: string; delta: number; counted: number; books: number }[] = [];
  for (const l of lines) {
    if (l.counted === null) continue;
    const books = booksNow.get(l.partId)?.onHand ?? 0;
    if (l.counted !== books) out.push({ partId: l.partId, delta: l.counted - books, counted: l.counted, books });
  }
  return out;
}

/** A count can be approved only when every line was counted, and never below what is reserved. */
export function countRefusal(lines: readonly CountLine[], booksNow: ReadonlyMap<string, Level>): Refusal | null {
  for (const [i, l] of lines.entries()) {
    if (l.counted === null) return { path: `lines.${i}.counted`, en: 'not counted yet', zh: '尚未盘点' };
    const reserved = booksNow.get(l.partId)?.reserved ?? 0;
    if (l.counted < reserved) return { path: `lines.${i}.counted`, en: 'below what is reserved here: release the reservation first', zh: '低于该库位的预留数量，请先取消预留' };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Parts for an order

/** Where a part used on an order comes from, unless named: the technician's van, else the provider's store. */
export function sourceFor<L extends { id: string; kind: LocationKind; providerId: string | null; technicianId: string | null }>(locations: readonly L[], order: { providerId: string | null; technicianId: string | null }): L | null {
  return (
    (order.technicianId ? locations.find((l) => l.kind === 'van' && l.technicianId === order.technicianId) : undefined) ??
    (order.providerId ? locations.find((l) => l.kind === 'provider_store' && l.providerId === order.providerId) : undefined) ??
    null
  );
}

/**
 * When an old part consumed under warranty must be back (the return obligation the next wave
 * builds on): the deadline counted in days from the consumption; null when the part need not return.
 */
export function returnDueAt(part: { returnable: boolean; returnDays: number | null }, underWarranty: boolean, usedAt: Date): Date | null {
  if (!part.returnable || !underWarranty || part.returnDays === null) return null;
  return new Date(usedAt.getTime() + part.returnDays * 86_400_000);
}

/** The order must be on site, or its work just done (recorded at or right after completion). */
export const consumableStatuses = ['on_site', 'work_done', 'on_hold'] as const;
/** An order may wait for parts from these statuses (the work-orders hold). */
export const holdableStatuses = ['dispatched', 'assigned', 'booked', 'on_site'] as const;
