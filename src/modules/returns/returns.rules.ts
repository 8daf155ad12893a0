// Returns and exchanges: the case's state machine, who may take each step, who bears the cost of
// each responsibility, when an appraisal needs a panel and when a decision needs a manager.
// Pure: no I/O, no clock. Money is integer fen (src/shared/money.ts).
import type { Permission } from '../../kernel/permissions.js';

export const caseStatuses = ['opened', 'appraising', 'appraised', 'decided', 'approved', 'executed', 'closed', 'rejected'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseActions = ['start_appraisal', 'appraise', 'sign', 'decide', 'approve', 'execute', 'way_back', 'close', 'reject'] as const;
export type CaseAction = (typeof caseActions)[number];

/** Where each action may start from; `appraise` and `sign` stay in appraising until every line is appraised. */
const from: Record<CaseAction, readonly CaseStatus[]> = {
  start_appraisal: ['opened'],
  appraise: ['appraising'],
  sign: ['appraising'],
  decide: ['appraised', 'decided'],
  approve: ['decided'],
  execute: ['approved'],
  way_back: ['executed'],
  close: ['executed'],
  reject: ['opened', 'appraising', 'appraised', 'decided'],
};

const to: Partial<Record<CaseAction, CaseStatus>> = {
  start_appraisal: 'appraising',
  decide: 'decided',
  approve: 'approved',
  execute: 'executed',
  close: 'closed',
  reject: 'rejected',
};

/** The permission each action needs; approval above the policy's amount needs `returns.approve` instead (see approverPermission). */
export const actionPermission: Record<CaseAction, Permission> = {
  start_appraisal: 'returns.handle',
  appraise: 'returns.appraise',
  sign: 'returns.appraise',
  decide: 'returns.handle',
  approve: 'returns.handle',
  execute: 'returns.handle',
  way_back: 'returns.handle',
  close: 'returns.handle',
  reject: 'returns.handle',
};

export function allowedActions(status: CaseStatus): CaseAction[] {
  return caseActions.filter((a) => from[a].includes(status));
}

/** The status after `action`, or why it cannot be taken now. */
export function stepCase(status: CaseStatus, action: CaseAction): { ok: true; to: CaseStatus } | { ok: false; allowed: CaseAction[] } {
  if (!from[action].includes(status)) return { ok: false, allowed: allowedActions(status) };
  return { ok: true, to: to[action] ?? status };
}

// ---------------------------------------------------------------------------------------
// Remedies: what the desk asks for against what the 三包 rules allow

/** A case line's remedy in the words of the desk: the 三包 rules say `replace`, a case `exchange`. */
export const decisions = ['exchange', 'refund', 'repair'] as const;
export type Decision = (typeof decisions)[number];
type SanbaoRemedy = 'refund' | 'replace' | 'repair';

export function decisionOf(remedy: SanbaoRemedy): Decision {
  return remedy === 'replace' ? 'exchange' : remedy;
}

/** The remedies the 三包 answer allows, in the desk's words. */
export function allowedDecisions(options: readonly SanbaoRemedy[]): Decision[] {
  return options.map(decisionOf);
}

/** Whether asking for `requested` needs a manager's override (the rules do not allow it). */
export function needsOverride(options: readonly SanbaoRemedy[], requested: Decision): boolean {
  return !allowedDecisions(options).includes(requested);
}

// ---------------------------------------------------------------------------------------
// Appraisal (鉴定): responsibility decides who bears the cost

export const responsibilities = ['product_quality', 'installation', 'transport', 'customer_misuse', 'no_fault_found'] as const;
export type Responsibility = (typeof responsibilities)[number];
export const bearers = ['maker', 'installer', 'carrier', 'customer'] as const;
export type Bearer = (typeof bearers)[number];

/**
 * Who bears the cost of a return or exchange, given the appraisal's finding. A product fault is the
 * maker's; a bad installation the installing provider's; damage in transit the carrier's. Misuse is
 * the customer's, and so is a unit with no fault found — except under the online no-reason return,
 * where the law lets the customer send back a sound unit at the seller's (maker's here) cost.
 */
export function bearerFor(responsibility: Responsibility, noReasonReturn: boolean): Bearer {
  switch (responsibility) {
    case 'product_quality':
      return 'maker';
    case 'installation':
      return 'installer';
    case 'transport':
      return 'carrier';
    case 'customer_misuse':
      return 'customer';
    case 'no_fault_found':
      return noReasonReturn ? 'maker' : 'customer';
  }
}

/**
 * The decisions an appraisal leaves open. A fault the maker, installer or carrier answers for keeps
 * what the 三包 answer (or the override) allowed. Misuse leaves only a (paid) repair. No fault found
 * leaves nothing to remedy — the case is rejected — unless it is a no-reason return, which needs no fault.
 */
export function decisionsAfterAppraisal(allowed: readonly Decision[], responsibility: Responsibility, noReasonReturn: boolean): Decision[] {
  if (responsibility === 'customer_misuse') return allowed.includes('repair') ? ['repair'] : [];
  if (responsibility === 'no_fault_found' && !noReasonReturn) return [];
  return [...allowed];
}

// ---------------------------------------------------------------------------------------
// Policy as data: panels and approvals

export type ReturnPolicy = {
  /** An appraisal of a unit worth more than this needs a panel. */
  panelAboveFen: number;
  /** Every appraisal of a line asking for a refund needs a panel. */
  panelForRefunds: boolean;
  /** Signatures a panel needs (distinct people, the appraiser included). */
  panelSize: number;
  /** A case whose refunds together exceed this needs a manager's approval. */
  managerApprovalAboveFen: number;
};

export const defaultReturnPolicy: ReturnPolicy = { panelAboveFen: 1_000_000, panelForRefunds: false, panelSize: 2, managerApprovalAboveFen: 500_000 };

/** Signatures the appraisal of this line needs: 1 (the appraiser) or the panel's size. */
export function signaturesNeeded(policy: ReturnPolicy, line: { unitPriceFen: number; requested: Decision }): number {
  const panel = line.unitPriceFen > policy.panelAboveFen || (policy.panelForRefunds && line.requested === 'refund');
  return panel ? Math.max(2, policy.panelSize) : 1;
}

/** The money a case pays out: its refunds (the approval threshold is on refunds). */
export function caseAmountFen(lines: readonly { decision: Decision | null; refundFen: number | null }[]): number {
  return lines.reduce((sum, l) => sum + (l.decision === 'refund' ? (l.refundFen ?? 0) : 0), 0);
}

/** The permission approving needs: a manager's above the policy's amount, the desk's otherwise. */
export function approverPermission(policy: ReturnPolicy, amountFen: number): Permission {
  return amountFen > policy.managerApprovalAboveFen ? 'returns.approve' : 'returns.handle';
}

// ---------------------------------------------------------------------------------------
// The old unit's way back

export const wayBackStates = ['with_customer', 'pickup_booked', 'picked_up', 'received', 'back_to_factory', 'repair', 'stock', 'scrap'] as const;
export type WayBackState = (typeof wayBackStates)[number];
export const fates = ['back_to_factory', 'repair', 'stock', 'scrap'] as const;
export type Fate = (typeof fates)[number];
export const wayBackSteps = ['book_pickup', 'receive', 'fate'] as const;
/** `picked_up` is no one's request: the pickup visit's completion takes it (returns follows work orders). */
export type WayBackStep = (typeof wayBackSteps)[number] | 'picked_up';

/** The next way-back state, or the steps open from here. A repaired-in-place line has no way back. */
export function stepWayBack(state: WayBackState, step: WayBackStep, fate?: Fate): { ok: true; to: WayBackState } | { ok: false; allowed: WayBackStep[] } {
  // A unit may still be brought in while its pickup is booked (the customer carried it in).
  const open: WayBackStep[] = state === 'with_customer' ? ['book_pickup', 'receive'] : state === 'pickup_booked' ? ['picked_up', 'receive'] : state === 'picked_up' ? ['receive'] : state === 'received' ? ['fate'] : [];
  if (!open.includes(step)) return { ok: false, allowed: open };
  if (step === 'book_pickup') return { ok: true, to: 'pickup_booked' };
  if (step === 'picked_up') return { ok: true, to: 'picked_up' };
  if (step === 'receive') return { ok: true, to: 'received' };
  return fate ? { ok: true, to: fate } : { ok: false, allowed: open };
}

/** A line whose unit comes back (exchanged or refunded) is settled once its fate is known. */
export function wayBackSettled(decision: Decision | null, state: WayBackState): boolean {
  if (decision === 'repair') return true;
  return (fates as readonly string[]).includes(state);
}

// ---------------------------------------------------------------------------------------
// Words

type Words = { zh: string; en: string };
export const statusWords: Record<CaseStatus, Words> = {
  opened: { zh: '已受理', en: 'Opened' },
  appraising: { zh: '鉴定中', en: 'Being appraised' },
  appraised: { zh: '已鉴定', en: 'Appraised' },
  decided: { zh: '已出处理方案', en: 'Decided' },
  approved: { zh: '已批准', en: 'Approved' },
  executed: { zh: '已执行', en: 'Carried out' },
  closed: { zh: '已完结', en: 'Closed' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};
export const actionWords: Record<CaseAction, Words> = {
  start_appraisal: { zh: '开始鉴定', en: 'start the appraisal' },
  appraise: { zh: '提交鉴定', en: 'record an appraisal' },
  sign: { zh: '会签鉴定', en: 'sign an appraisal' },
  decide: { zh: '决定处理方案', en: 'decide' },
  approve: { zh: '批准', en: 'approve' },
  execute: { zh: '执行', en: 'carry out' },
  way_back: { zh: '旧机返回', en: "the old unit's way back" },
  close: { zh: '完结', en: 'close' },
  reject: { zh: '驳回', en: 'reject' },
};
export const wayBackStepWords: Record<WayBackStep, Words> = {
  book_pickup: { zh: '预约取件', en: 'book the pickup' },
  receive: { zh: '入库签收', en: 'receive at the warehouse' },
  fate: { zh: '确定去向', en: 'decide its fate' },
  picked_up: { zh: '完成取件上门（工单完工时自动记录）', en: 'the pickup visit completed (recorded when its order is completed)' },
};
