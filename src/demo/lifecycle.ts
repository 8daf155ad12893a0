// Plays one work order through the real state machine, the way staff would have driven it,
// so the demo's history is something the rules themselves produced.

import { createHash } from 'node:crypto';
import type { workOrders, workOrderHistory, AddressSnapshot } from '../modules/work-orders/work-orders.tables.js';
import { acceptanceCodeTtlMs, diff, nextStatus, type OrderAction, type OrderKind, type OrderStatus, type Priority } from '../modules/work-orders/work-orders.rules.js';
import { createRng, type Rng } from './prng.js';
import { cancelReasons, followUpComments, reassignReasons, rebookReasons, redispatchReason } from './reference-data.js';

export type OrderRow = typeof workOrders.$inferInsert;
export type HistoryRow = Omit<typeof workOrderHistory.$inferInsert, 'id'>;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** China keeps one offset all year, so local days are plain arithmetic. */
const LOCAL_OFFSET = 8 * HOUR;

export const localMidnight = (t: number) => Math.floor((t + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET;
export const localDate = (t: number) => new Date(t + LOCAL_OFFSET).toISOString().slice(0, 10);

/** `misroute`: the first dispatch went to the wrong provider; `dissatisfied`: the follow-up that causes a redo. */
export type Step = { action: OrderAction; note?: 'misroute' | 'dissatisfied' };

export type Crew = { providerId: string; providerCode: string; technicianIds: string[] };

export type OrderSetup = {
  id: string;
  number: string;
  kind: OrderKind;
  priority: Priority;
  channel: string;
  externalRef: string | null;
  customerId: string;
  customerTier: string;
  contactPhone: string;
  address: AddressSnapshot;
  unitId: string | null;
  unitSerials: string[];
  complaintOfOrderId: string | null;
  symptom: string;
  /** The symptom → cause → remedy chain the technician will record on completion. */
  faultChain: [string, string, string] | null;
  standardMinutes: number;
  createdAt: number;
  wished: boolean;
  home: Crew;
  elsewhere: Crew;
  deskAgent: string;
};

const happyPath: OrderAction[] = ['accept', 'dispatch', 'assign', 'book', 'check_in', 'complete', 'send_acceptance_code', 'confirm', 'follow_up', 'close'];
/** How many happy-path actions it takes to reach each status. */
const stepsTo: Partial<Record<OrderStatus, number>> = {
  intake: 0,
  awaiting_dispatch: 1,
  dispatched: 2,
  assigned: 3,
  booked: 4,
  on_site: 5,
  work_done: 6,
  confirmed: 8,
  followed_up: 9,
  closed: 10,
};
const holdable: OrderStatus[] = ['dispatched', 'assigned', 'booked', 'on_site'];
const statusAfter: Partial<Record<OrderAction, OrderStatus>> = { dispatch: 'dispatched', assign: 'assigned', book: 'booked', check_in: 'on_site' };

/** The actions leading to `target`, with the detours real orders take: re-dispatch, reassignment, re-booking, holds, redo, reopen. */
export function planSteps(rng: Rng, kind: OrderKind, target: OrderStatus): Step[] {
  if (kind === 'consultation' && (target === 'intake' || target === 'closed' || target === 'cancelled')) {
    return target === 'intake' ? [] : [{ action: target === 'closed' ? 'close' : 'cancel' }];
  }
  let base: OrderAction[];
  if (target === 'cancelled') {
    const stage = rng.weighted({ intake: 15, awaiting_dispatch: 30, dispatched: 15, assigned: 15, booked: 20, on_hold: 5 });
    base = stage === 'on_hold' ? [...happyPath.slice(0, stepsTo[rng.pick(holdable.slice(0, 3))]), 'hold', 'cancel'] : [...happyPath.slice(0, stepsTo[stage]), 'cancel'];
  } else if (target === 'on_hold') {
    const from = rng.weighted({ dispatched: 10, assigned: 15, booked: 35, on_site: 40 });
    base = [...happyPath.slice(0, stepsTo[from]), 'hold'];
  } else {
    base = happyPath.slice(0, stepsTo[target]);
    // Without a code sent, confirmation is an agent's override after a phone call.
    if (base.includes('confirm') && rng.chance(0.08)) base = base.filter((a) => a !== 'send_acceptance_code');
    if (target === 'work_done' && rng.chance(0.5)) base.push('send_acceptance_code');
  }

  const out: Step[] = [];
  let held = base.includes('hold');
  base.forEach((action, i) => {
    const rest = base.slice(i + 1);
    const goesOn = rest.length > 0;
    if (action === 'dispatch' && rest.includes('assign') && rng.chance(0.06)) out.push({ action, note: 'misroute' });
    out.push({ action });
    if (action === 'assign' && rest.includes('book') && rng.chance(0.08)) out.push({ action: 'assign' });
    if (action === 'book' && rest.includes('check_in') && rng.chance(0.1)) out.push({ action: 'book' });
    const reached = statusAfter[action];
    if (!held && goesOn && reached && holdable.includes(reached) && rng.chance(reached === 'on_site' ? 0.08 : 0.025)) {
      held = true;
      out.push({ action: 'hold' }, { action: 'resume' });
    }
    if (action === 'follow_up' && rng.chance(0.04)) {
      out[out.length - 1] = { action, note: 'dissatisfied' };
      out.push(...(['redo', 'book', 'check_in', 'complete', 'send_acceptance_code', 'confirm', 'follow_up'] as const).map((a) => ({ action: a })));
    }
    if (action === 'close' && target === 'closed' && rng.chance(0.015)) {
      out.push({ action: 'reopen' }, ...happyPath.slice(1).map((a) => ({ action: a })));
    }
  });
  return out;
}

const hashCode = (orderId: string, code: string) => createHash('sha256').update(`${orderId}:${code}`).digest('hex');

function staffAddress(rng: Rng): string {
  return `10.16.${rng.int(0, 15)}.${rng.int(2, 250)}`;
}

/**
 * Runs the steps from intake. Everything random comes from `seed`, so running again with the
 * same seed and a createdAt moved by whole days gives the same order, shifted.
 */
export function simulate(setup: OrderSetup, steps: Step[], seed: number): { order: OrderRow; history: HistoryRow[]; lastAt: number } {
  const rng = createRng(seed);
  const pace = { urgent: 0.4, high: 0.7, normal: 1, low: 1.5 }[setup.priority];
  const created = setup.createdAt;
  const wishedFrom = setup.wished ? localMidnight(created) + (1 + rng.int(0, 2)) * DAY + rng.pick([9, 13, 18]) * HOUR : null;
  const order: OrderRow = {
    id: setup.id,
    number: setup.number,
    kind: setup.kind,
    status: 'intake',
    priority: setup.priority,
    channel: setup.channel,
    externalRef: setup.externalRef,
    customerId: setup.customerId,
    customerTier: setup.customerTier,
    contactPhone: setup.contactPhone,
    address: setup.address,
    unitId: setup.unitId,
    complaintOfOrderId: setup.complaintOfOrderId,
    symptom: setup.symptom,
    wishedFrom: wishedFrom === null ? null : new Date(wishedFrom),
    wishedTo: wishedFrom === null ? null : new Date(wishedFrom + 4 * HOUR),
    providerId: null,
    technicianId: null,
    appointmentFrom: null,
    appointmentTo: null,
    checkedInAt: null,
    checkInLat: null,
    checkInLng: null,
    doneAt: null,
    symptomCode: null,
    causeCode: null,
    remedyCode: null,
    workNotes: null,
    confirmedSerials: null,
    acceptanceCodeHash: null,
    acceptanceCodeExpiresAt: null,
    acceptanceCodeAttempts: 0,
    confirmedAt: null,
    confirmedBy: null,
    holdReason: null,
    heldAt: null,
    partsWaitMs: 0,
    statusBeforeHold: null,
    followUp: null,
    cancelReason: null,
    closedAt: null,
    visitCount: 0,
    version: 1,
    createdAt: new Date(created),
    updatedAt: new Date(created),
  };
  const intakeActor = ['web', 'app'].includes(setup.channel) ? 'customer:portal' : setup.channel === 'api' ? 'api:partner-mall' : setup.deskAgent;
  const history: HistoryRow[] = [
    { orderId: setup.id, at: new Date(created), actor: intakeActor, actorAddress: intakeActor === setup.deskAgent ? staffAddress(rng) : null, action: 'intake', fromStatus: null, toStatus: 'intake', reason: null, changes: {}, version: 1 },
  ];

  let t = created;
  const after = (minMinutes: number, maxMinutes: number, scale = 1) => {
    t += Math.round(rng.int(minMinutes, maxMinutes) * scale * MIN) + rng.int(0, 59) * 1000;
    return t;
  };
  /** A slot in working hours on a later local day; never earlier than `notBefore`. */
  const slot = (dayOffset: number, notBefore: number) => {
    let start = localMidnight(t) + dayOffset * DAY + rng.int(9, 17) * HOUR;
    while (start < notBefore) start += DAY;
    return start;
  };
  const crewTech = () => {
    const crew = order.providerId === setup.elsewhere.providerId ? setup.elsewhere : setup.home;
    const others = crew.technicianIds.filter((id) => id !== order.technicianId);
    return rng.pick(others.length ? others : crew.technicianIds);
  };
  const techActor = () => `technician:${order.technicianId}`;
  const dispatcher = `dispatcher:pd0${rng.int(1, 4)}`;
  const followUpAgent = `followup:hf0${rng.int(1, 6)}`;

  const apply = (action: OrderAction, at: number, actor: string, patch: Partial<OrderRow>, reason: string | null = null) => {
    const from = order.status as OrderStatus;
    const next = nextStatus({ status: from, kind: setup.kind, statusBeforeHold: (order.statusBeforeHold ?? null) as OrderStatus | null }, action);
    if (!next.ok) throw new Error(`demo plan is illegal for ${setup.number}: ${next.message}`);
    const full = { ...patch, status: next.to };
    // The code's hash is a secret: the service leaves it out of the history too.
    const { acceptanceCodeHash: _hidden, ...visible } = full;
    const changes = diff(order as Record<string, unknown>, visible as Record<string, unknown>);
    Object.assign(order, full, { version: (order.version ?? 1) + 1, updatedAt: new Date(at) });
    const byStaff = !actor.startsWith('technician:') && !actor.startsWith('customer');
    history.push({ orderId: setup.id, at: new Date(at), actor, actorAddress: byStaff ? staffAddress(rng) : null, action, fromStatus: from, toStatus: next.to, reason, changes, version: order.version as number });
  };

  for (const step of steps) {
    switch (step.action) {
      case 'accept':
        apply('accept', after(1, 20, pace), setup.deskAgent, {});
        break;
      case 'dispatch': {
        const again = order.providerId != null;
        const crew = step.note === 'misroute' ? setup.elsewhere : setup.home;
        apply('dispatch', after(again ? 30 : 5, again ? 240 : 180, pace), dispatcher, { providerId: crew.providerId, technicianId: null, appointmentFrom: null, appointmentTo: null }, again ? redispatchReason : null);
        break;
      }
      case 'assign': {
        const again = order.technicianId != null;
        apply('assign', after(again ? 60 : 10, again ? 720 : 360, pace), `provider:${setup.home.providerCode}`, { technicianId: crewTech(), appointmentFrom: null, appointmentTo: null }, again ? rng.pick(reassignReasons) : null);
        break;
      }
      case 'book': {
        const again = order.appointmentFrom != null;
        const at = after(again ? 120 : 5, again ? 1440 : 180, pace);
        const dayOffset = setup.priority === 'urgent' ? rng.int(0, 1) : Number(rng.weighted({ '0': 20, '1': 45, '2': 25, '3': 10 }));
        const from = slot(dayOffset, at + 90 * MIN);
        apply('book', at, techActor(), { appointmentFrom: new Date(from), appointmentTo: new Date(from + (rng.chance(0.7) ? 2 : 4) * HOUR) }, again ? rng.pick(rebookReasons) : null);
        break;
      }
      case 'check_in': {
        const planned = (order.appointmentFrom as Date).getTime() + rng.int(-20, 60) * MIN;
        t = Math.max(planned, t + 10 * MIN);
        // A few check-ins far from the address: the fraud signal the dashboard looks for.
        const spread = rng.chance(0.01) ? 0.05 : 0.0015;
        const lat = (setup.address.lat ?? 0) + (rng.next() * 2 - 1) * spread;
        const lng = (setup.address.lng ?? 0) + (rng.next() * 2 - 1) * spread;
        apply('check_in', t, techActor(), { checkedInAt: new Date(t), checkInLat: round6(lat), checkInLng: round6(lng), visitCount: (order.visitCount ?? 0) + 1 });
        break;
      }
      case 'complete': {
        const at = after(Math.round(setup.standardMinutes * 0.7), Math.round(setup.standardMinutes * 1.6));
        // A visit without a fault (a pickup of the old unit) completes without codes.
        const [symptomCode, causeCode, remedyCode] = setup.faultChain ?? [null, null, null];
        apply('complete', at, techActor(), {
          doneAt: new Date(at),
          symptomCode,
          causeCode,
          remedyCode,
          workNotes: rng.chance(0.3) ? '已向客户说明使用注意事项 / usage explained to the customer' : null,
          confirmedSerials: setup.unitSerials.length ? [...setup.unitSerials] : null,
        });
        break;
      }
      case 'send_acceptance_code': {
        const at = after(1, 5);
        apply('send_acceptance_code', at, techActor(), { acceptanceCodeHash: hashCode(setup.id, rng.digits(6)), acceptanceCodeExpiresAt: new Date(at + acceptanceCodeTtlMs), acceptanceCodeAttempts: 0 });
        break;
      }
      case 'confirm':
        if (order.acceptanceCodeHash) {
          apply('confirm', after(2, 20), techActor(), { confirmedAt: new Date(t), confirmedBy: 'customer_code', acceptanceCodeHash: null });
        } else {
          apply('confirm', after(60, 1440), setup.deskAgent, { confirmedAt: new Date(t), confirmedBy: 'agent_override', acceptanceCodeHash: null }, '客户电话确认完工 / customer confirmed by phone');
        }
        break;
      case 'follow_up': {
        t = slot(rng.int(1, 4), t + HOUR) + rng.int(0, 179) * MIN;
        const satisfaction = step.note === 'dissatisfied' ? 'dissatisfied' : rng.weighted({ delighted: 35, neutral: 57, dissatisfied: 8 });
        const score = () => (satisfaction === 'delighted' ? rng.int(4, 5) : satisfaction === 'neutral' ? rng.int(3, 5) : rng.int(1, 3));
        const visits = order.visitCount ?? 0;
        const followUp: Record<string, unknown> = {
          satisfaction,
          attitude: score(),
          skill: score(),
          fixedFirstTime: visits === 1 && satisfaction !== 'dissatisfied',
          repeatVisit: visits > 1,
        };
        if (rng.chance(0.3)) followUp.comment = rng.pick(followUpComments);
        apply('follow_up', t, followUpAgent, { followUp });
        break;
      }
      case 'close':
        apply('close', order.status === 'intake' ? after(3, 25) : after(5, 240), order.status === 'intake' ? setup.deskAgent : followUpAgent, { closedAt: new Date(t) });
        break;
      case 'cancel': {
        const reason = rng.pick(cancelReasons);
        apply('cancel', after(20, 2880), setup.deskAgent, { cancelReason: reason, holdReason: null, statusBeforeHold: null, heldAt: null }, reason);
        break;
      }
      case 'hold': {
        const reason = order.status === 'on_site' || rng.chance(0.3) ? 'waiting_for_parts' : 'waiting_for_customer';
        const at = order.status === 'on_site' ? after(15, 60) : after(10, 600);
        apply('hold', at, order.status === 'on_site' ? techActor() : dispatcher, { holdReason: reason, statusBeforeHold: order.status, heldAt: new Date(at) }, reason);
        break;
      }
      case 'resume': {
        const heldAt = (order.heldAt as Date).getTime();
        const at = order.holdReason === 'waiting_for_parts' ? after(2 * 1440, 10 * 1440) : after(12 * 60, 5 * 1440);
        const partsWaitMs = (order.partsWaitMs ?? 0) + (order.holdReason === 'waiting_for_parts' ? at - heldAt : 0);
        apply('resume', at, dispatcher, { holdReason: null, statusBeforeHold: null, heldAt: null, partsWaitMs });
        break;
      }
      case 'redo':
        apply('redo', after(30, 600), followUpAgent, { appointmentFrom: null, appointmentTo: null, checkedInAt: null, doneAt: null, confirmedAt: null, confirmedBy: null, acceptanceCodeHash: null, followUp: null }, '回访不满意，返工 / dissatisfied at follow-up, redo');
        break;
      case 'reopen':
        apply(
          'reopen',
          after(3 * 1440, 30 * 1440),
          setup.deskAgent,
          { closedAt: null, cancelReason: null, providerId: null, technicianId: null, appointmentFrom: null, appointmentTo: null, checkedInAt: null, doneAt: null, confirmedAt: null, confirmedBy: null },
          '客户反映问题复发 / the fault came back',
        );
        break;
    }
  }
  return { order, history, lastAt: t };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
