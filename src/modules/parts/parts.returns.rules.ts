// Old-part returns (旧件返厂), pure: a return's steps, what an inspection may decide, whether a
// return was on time, late or missing, and the on-time rate. No I/O.

export const returnStatuses = ['due', 'packed', 'shipped', 'inspected', 'missing'] as const;
export type ReturnStatus = (typeof returnStatuses)[number];
export const returnStatusNames: Record<ReturnStatus, { zh: string; en: string }> = {
  due: { zh: '待返厂', en: 'To return' },
  packed: { zh: '已装箱', en: 'Packed' },
  shipped: { zh: '已寄出', en: 'Shipped' },
  inspected: { zh: '已检验', en: 'Inspected' },
  missing: { zh: '未收到', en: 'Missing' },
};

export const shipmentStatuses = ['packed', 'shipped', 'received'] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];
export const shipmentStatusNames: Record<ShipmentStatus, { zh: string; en: string }> = {
  packed: { zh: '已装箱', en: 'Packed' },
  shipped: { zh: '已寄出', en: 'Shipped' },
  received: { zh: '已收货', en: 'Received' },
};

/** What the warehouse finds (the state of the part that arrived). */
export const inspectionStates = ['confirmed_faulty', 'no_fault_found', 'damaged_in_transit', 'not_ours'] as const;
export type InspectionState = (typeof inspectionStates)[number];
export const inspectionStateNames: Record<InspectionState, { zh: string; en: string }> = {
  confirmed_faulty: { zh: '确认故障', en: 'Confirmed faulty' },
  no_fault_found: { zh: '未发现故障', en: 'No fault found' },
  damaged_in_transit: { zh: '运输损坏', en: 'Damaged in transit' },
  not_ours: { zh: '非本厂件', en: 'Not ours' },
};

/** Where the part goes after inspection. */
export const fates = ['supplier', 'repair', 'stock', 'scrap'] as const;
export type Fate = (typeof fates)[number];
export const fateNames: Record<Fate, { zh: string; en: string }> = {
  supplier: { zh: '退回供应商', en: 'Back to the supplier' },
  repair: { zh: '返修', en: 'Repair' },
  stock: { zh: '回库', en: 'Back to stock' },
  scrap: { zh: '报废', en: 'Scrap' },
};

export type Refusal = { path: string; en: string; zh: string };

/**
 * An inspection's decision, checked: only a part found with no fault may go back to stock; a part
 * that is not ours goes nowhere but scrap (nothing of ours to recover or repair); a confirmed faulty
 * part goes to the supplier, repair or scrap.
 */
export function inspectionRefusal(i: { state: InspectionState; fate: Fate; quantityReceived: number; quantity: number; typeMatches: boolean }): Refusal | null {
  if (i.quantityReceived < 1 || i.quantityReceived > i.quantity) return { path: 'quantityReceived', en: `between 1 and ${i.quantity} (none arrived: mark the line missing)`, zh: `须在 1 到 ${i.quantity} 之间（未收到请标记缺件）` };
  if (!i.typeMatches && i.state !== 'not_ours') return { path: 'state', en: 'a part of another type is "not ours"', zh: '型号不符的旧件应判定为“非本厂件”' };
  if (i.fate === 'stock' && i.state !== 'no_fault_found') return { path: 'fate', en: 'only a part with no fault found goes back to stock', zh: '仅未发现故障的旧件可回库' };
  if (i.state === 'not_ours' && i.fate !== 'scrap') return { path: 'fate', en: 'a part that is not ours can only be scrapped', zh: '非本厂件只能报废' };
  return null;
}

/**
 * Whether the technician may mark the old part labelled (bagged, its tag tied on): only while it is
 * still to pack (a packed box was labelled already or not at all) and only once (the tag is what
 * the warehouse matches it by; a second tag would make two parts of one).
 */
export function labelRefusal(r: { status: string; labelledAt: Date | null }): 'not_due' | 'already_labelled' | null {
  if (r.status !== 'due') return 'not_due';
  if (r.labelledAt) return 'already_labelled';
  return null;
}

/** A supplier recovery claim is raised for a part confirmed faulty (the supplier pays for its faulty part). */
export const claimsFromSupplier = (state: InspectionState) => state === 'confirmed_faulty';

/** Whether the serial that arrived is the one recorded at the order (no serial recorded: nothing to match). */
export function serialMatches(recorded: string | null, received: string | null): boolean | null {
  if (!recorded) return null;
  return received !== null && received.trim().toUpperCase() === recorded.trim().toUpperCase();
}

export type ReturnOutcome = 'on_time' | 'late' | 'missing' | 'open';

/**
 * A return as it stood at `asOf`: on time when shipped by its deadline (and not found missing by
 * then), late when shipped after it, missing when the deadline passed without it shipping (or the
 * warehouse found it missing), open while its deadline has not passed.
 */
export function returnOutcome(r: { dueAt: Date; shippedAt: Date | null; missingAt: Date | null }, asOf: Date): ReturnOutcome {
  if (r.missingAt && r.missingAt <= asOf) return 'missing';
  if (r.shippedAt && r.shippedAt <= asOf) return r.shippedAt <= r.dueAt ? 'on_time' : 'late';
  return r.dueAt < asOf ? 'missing' : 'open';
}

/** The on-time return rate: on time ÷ decided (open ones wait); null when nothing is decided yet. */
export function onTimeRate(outcomes: readonly ReturnOutcome[]): { onTime: number; late: number; missing: number; open: number; rate: number | null } {
  const n = { on_time: 0, late: 0, missing: 0, open: 0 };
  for (const o of outcomes) n[o] += 1;
  const decided = n.on_time + n.late + n.missing;
  return { onTime: n.on_time, late: n.late, missing: n.missing, open: n.open, rate: decided ? Math.round((n.on_time / decided) * 10000) / 10000 : null };
}

/** A shipment's number: the day and a short suffix (readable on the box). */
export function shipmentNumber(at: Date, suffix: string): string {
  return `OP-${at.toISOString().slice(0, 10).replaceAll('-', '')}-${suffix.slice(0, 6).toUpperCase()}`;
}
