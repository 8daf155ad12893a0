// Which steps of an order are news, and who may hear of them. Pure: no I/O.
import type { OrderScope } from '../../kernel/scopes.js';

export const liveKinds = ['dispatched', 'assigned', 'booked', 'checked_in', 'completed', 'confirmed', 'promise_warning', 'promise_escalated'] as const;
export type LiveKind = (typeof liveKinds)[number];

export const liveKindNames: Record<LiveKind, { zh: string; en: string }> = {
  dispatched: { zh: '已派单', en: 'Dispatched' },
  assigned: { zh: '已派工', en: 'Assigned' },
  booked: { zh: '已预约', en: 'Booked' },
  checked_in: { zh: '已上门打卡', en: 'Checked in' },
  completed: { zh: '已完工', en: 'Work done' },
  confirmed: { zh: '客户已确认', en: 'Confirmed by the customer' },
  promise_warning: { zh: '时效预警', en: 'Promise at risk' },
  promise_escalated: { zh: '时效超时升级', en: 'Promise breached, escalated' },
};

/** The news a step of an order makes, if any (an accepted job, a hold, a follow-up are not). */
export function kindOfStep(action: string): LiveKind | null {
  switch (action) {
    case 'dispatch':
      return 'dispatched';
    case 'assign':
      return 'assigned';
    case 'book':
      return 'booked';
    case 'check_in':
      return 'checked_in';
    case 'complete':
      return 'completed';
    case 'confirm':
      return 'confirmed';
    default:
      return null;
  }
}

/** Who an event is for: the order's provider and technician when it happened. */
export type Audience = { providerId: string | null; technicianId: string | null };

/** Whether a reader of this scope hears of the event: headquarters all, a provider its orders, a technician their own, a customer nothing. */
export function hears(scope: OrderScope, e: Audience): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'provider':
      return e.providerId === scope.providerId;
    case 'technician':
      return e.technicianId === scope.technicianId;
    default:
      return false;
  }
}

/** The NOTIFY payload: who each new event is for, short keys (a payload holds at most 8000 bytes). */
export function encodeAudiences(list: Audience[]): string {
  return JSON.stringify(list.map((a) => [a.providerId, a.technicianId]));
}

/** '' or anything unreadable: everyone should look (the safe side). */
export function decodeAudiences(payload: string): Audience[] | null {
  try {
    const list = JSON.parse(payload) as unknown;
    if (!Array.isArray(list)) return null;
    return list.map((x) => ({ providerId: (x as (string | null)[])[0] ?? null, technicianId: (x as (string | null)[])[1] ?? null }));
  } catch {
    return null;
  }
}
