// The work-order lifecycle as an explicit state machine. Pure: no I/O, no clock.
import type { Permission } from '../../kernel/permissions.js';

export const orderKinds = ['installation', 'repair', 'maintenance', 'inspection', 'return_exchange', 'complaint', 'consultation', 'return'] as const;
export type OrderKind = (typeof orderKinds)[number];

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;

/** Where an order came from. */
export const orderChannels = ['phone', 'web', 'wechat', 'app', 'api', 'store'] as const;
export type Priority = (typeof priorities)[number];

export const orderStatuses = [
  'intake',
  'awaiting_dispatch',
  'dispatched',
  'assigned',
  'booked',
  'on_site',
  'work_done',
  'confirmed',
  'followed_up',
  'closed',
  'cancelled',
  'on_hold',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderActions = [
  'accept',
  'dispatch',
  'assign',
  'accept_job',
  'decline_job',
  'book',
  'check_in',
  'complete',
  'send_acceptance_code',
  'confirm',
  'follow_up',
  'close',
  'cancel',
  'reopen',
  'redo',
  'hold',
  'resume',
] as const;
export type OrderAction = (typeof orderActions)[number];

export const holdReasons = ['waiting_for_customer', 'waiting_for_parts'] as const;
export type HoldReason = (typeof holdReasons)[number];

export const statusNames: Record<OrderStatus, { zh: string; en: string }> = {
  intake: { zh: '受理中', en: 'Intake' },
  awaiting_dispatch: { zh: '待派单', en: 'Awaiting dispatch' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  assigned: { zh: '已派工', en: 'Assigned' },
  booked: { zh: '已预约', en: 'Booked' },
  on_site: { zh: '已上门', en: 'On site' },
  work_done: { zh: '已完工', en: 'Work done' },
  confirmed: { zh: '客户已确认', en: 'Confirmed' },
  followed_up: { zh: '已回访', en: 'Followed up' },
  closed: { zh: '已关闭', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  on_hold: { zh: '挂起', en: 'On hold' },
};

/** Where each action may start from, and where it leads. `resume` returns to the held status. */
const transitions: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus | 'previous' | 'same' }> = {
  accept: { from: ['intake'], to: 'awaiting_dispatch' },
  // Re-dispatch to another provider is allowed until someone is on the way.
  dispatch: { from: ['awaiting_dispatch', 'dispatched', 'assigned', 'booked'], to: 'dispatched' },
  // Reassigning puts the order back to awaiting booking with the new technician.
  assign: { from: ['dispatched', 'assigned', 'booked'], to: 'assigned' },
  // The technician takes the job, or gives it back to the provider to assign again.
  accept_job: { from: ['assigned'], to: 'same' },
  decline_job: { from: ['assigned', 'booked'], to: 'dispatched' },
  book: { from: ['assigned', 'booked'], to: 'booked' },
  check_in: { from: ['booked'], to: 'on_site' },
  complete: { from: ['on_site'], to: 'work_done' },
  send_acceptance_code: { from: ['work_done'], to: 'same' },
  confirm: { from: ['work_done'], to: 'confirmed' },
  follow_up: { from: ['confirmed'], to: 'followed_up' },
  // A consultation answered on the phone closes straight from intake.
  close: { from: ['followed_up', 'intake'], to: 'closed' },
  cancel: { from: ['intake', 'awaiting_dispatch', 'dispatched', 'assigned', 'booked', 'on_hold'], to: 'cancelled' },
  reopen: { from: ['closed', 'cancelled'], to: 'awaiting_dispatch' },
  redo: { from: ['work_done', 'confirmed', 'followed_up'], to: 'assigned' },
  hold: { from: ['dispatched', 'assigned', 'booked', 'on_site'], to: 'on_hold' },
  resume: { from: ['on_hold'], to: 'previous' },
};

export function allowedActions(status: OrderStatus, kind: OrderKind): OrderAction[] {
  return orderActions.filter((a) => transitions[a].from.includes(status) && !kindForbids(a, status, kind));
}

function kindForbids(action: OrderAction, status: OrderStatus, kind: OrderKind): boolean {
  return action === 'close' && status === 'intake' && kind !== 'consultation';
}

export type TransitionRefusal = {
  ok: false;
  code: 'illegal_transition';
  message: string;
  status: OrderStatus;
  allowed: OrderAction[];
};
export type TransitionResult = { ok: true; to: OrderStatus } | TransitionRefusal;

export function nextStatus(
  order: { status: OrderStatus; kind: OrderKind; statusBeforeHold: OrderStatus | null },
  action: OrderAction,
): TransitionResult {
  const t = transitions[action];
  if (!t.from.includes(order.status) || kindForbids(action, order.status, order.kind)) {
    const allowed = allowedActions(order.status, order.kind);
    return {
      ok: false,
      code: 'illegal_transition',
      status: order.status,
      allowed,
      message:
        `Cannot ${action} an order that is ${order.status}; allowed: ${allowed.join(', ') || 'none'} / ` +
        `工单当前状态为「${statusNames[order.status].zh}」，不能执行该操作`,
    };
  }
  if (t.to === 'same') return { ok: true, to: order.status };
  if (t.to === 'previous') {
    // A hold always records where it came from; the fallback only guards old rows.
    return { ok: true, to: order.statusBeforeHold ?? 'awaiting_dispatch' };
  }
  return { ok: true, to: t.to };
}

export function isOpen(status: OrderStatus): boolean {
  return status !== 'closed' && status !== 'cancelled';
}

/** Which fields changed, as {field: {from, to}} for the history row. */
export function diff<T extends Record<string, unknown>>(before: T, patch: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    const from = before[key];
    if (normalizeForDiff(from) !== normalizeForDiff(to)) changes[key] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}

function normalizeForDiff(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v ?? null);
}

export const acceptanceCodeTtlMs = 72 * 3600_000;
export const acceptanceCodeMaxAttempts = 5;
/** An external reference names the same request for this long; after it, it is a new request. */
export const intakeIdempotencyWindowMs = 24 * 3600_000;

/**
 * What a customer may do in the portal on their own order: confirm it with the code they were
 * sent; move the visit into a window offered, or cancel, within the portal's rules (booking.rules).
 */
export const customerActions: readonly OrderAction[] = ['confirm', 'book', 'cancel'];

/** Who may take each step: holding any one of the listed permissions is enough. */
export const actionPermissions: Record<OrderAction, readonly Permission[]> = {
  accept: ['orders.intake'],
  dispatch: ['orders.dispatch'],
  assign: ['orders.assign'],
  accept_job: ['orders.field'],
  decline_job: ['orders.field'],
  // A dispatcher books too, and may override a window the technician cannot keep.
  book: ['orders.field', 'orders.dispatch'],
  check_in: ['orders.field'],
  complete: ['orders.field'],
  send_acceptance_code: ['orders.field', 'orders.confirm_override'],
  // With the customer's code a technician confirms; without it only an agent may, with a reason.
  confirm: ['orders.field', 'orders.confirm_override'],
  follow_up: ['orders.follow_up'],
  close: ['orders.follow_up', 'orders.manage'],
  cancel: ['orders.manage'],
  reopen: ['orders.manage'],
  redo: ['orders.follow_up', 'orders.manage'],
  hold: ['orders.field', 'orders.manage'],
  resume: ['orders.field', 'orders.manage'],
};

// Administrative suffixes a region may be written with or without: 广州 / 广州市, 广东 / 广东省,
// 番禺 / 番禺区, 从化 / 从化县. Longest first, so 自治区 is taken whole rather than as 区.
export const regionSuffixes = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '地区', '省', '市', '区', '县'];

/**
 * A region without its administrative suffix, for comparing: "广州" and "广州市" give "广州".
 * A name that would be left with one character keeps its suffix (津市, 沙县 are names in full).
 */
export function regionKey(region: string): string {
  const r = region.trim().replace(/\s+/g, ' ');
  for (const s of regionSuffixes) if (r.endsWith(s) && [...r].length - [...s].length >= 2) return r.slice(0, -s.length);
  return r;
}
