// Settlement rules, pure: the statement's states and steps, reward and penalty rules evaluated on a
// measured value, approval thresholds, periods, technician pay, and the CSV of a statement.
import { DateTime } from 'luxon';

export const statementStatuses = ['draft', 'sent', 'disputed', 'answered', 'agreed', 'approved', 'paid'] as const;
export type StatementStatus = (typeof statementStatuses)[number];
export const statementActions = ['send', 'dispute', 'answer', 'agree', 'approve', 'pay'] as const;
export type StatementAction = (typeof statementActions)[number];

export const statusNames: Record<StatementStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  sent: { zh: '已发送', en: 'Sent' },
  disputed: { zh: '有异议', en: 'Disputed' },
  answered: { zh: '已答复', en: 'Answered' },
  agreed: { zh: '已确认', en: 'Agreed' },
  approved: { zh: '已审批', en: 'Approved' },
  paid: { zh: '已付款', en: 'Paid' },
};

const steps: Record<StatementAction, { from: readonly StatementStatus[]; to: StatementStatus }> = {
  send: { from: ['draft'], to: 'sent' },
  dispute: { from: ['sent', 'disputed', 'answered'], to: 'disputed' },
  // An answer leaves the statement disputed while other lines wait (the service decides): this is the last answer's step.
  answer: { from: ['disputed'], to: 'answered' },
  agree: { from: ['sent', 'answered'], to: 'agreed' },
  approve: { from: ['agreed'], to: 'approved' },
  pay: { from: ['approved'], to: 'paid' },
};

export function nextStatus(from: StatementStatus, action: StatementAction): StatementStatus | null {
  const s = steps[action];
  return s.from.includes(from) ? s.to : null;
}

/** Only a draft is (re)generated: a sent statement never changes; corrections go to the next period. */
export const isFrozen = (s: StatementStatus) => s !== 'draft';

export const disputeReasons = ['amount_wrong', 'order_not_ours', 'rule_misapplied', 'collected_wrong', 'other'] as const;
export type LineDisputeReason = (typeof disputeReasons)[number];
export const disputeReasonNames: Record<LineDisputeReason, { zh: string; en: string }> = {
  amount_wrong: { zh: '金额有误', en: 'Amount wrong' },
  order_not_ours: { zh: '非本网点工单', en: 'Order not ours' },
  rule_misapplied: { zh: '奖惩规则适用错误', en: 'Rule misapplied' },
  collected_wrong: { zh: '代收金额有误', en: 'Collected amount wrong' },
  other: { zh: '其他', en: 'Other' },
};

// ---------------------------------------------------------------------------------------------
// Rules as data

export const ruleKinds = ['reward', 'penalty'] as const;
export type RuleKind = (typeof ruleKinds)[number];
export const ruleBases = ['per_order', 'fixed'] as const;
export type RuleBasis = (typeof ruleBases)[number];

export type Rule = {
  id: string;
  code: string;
  kind: RuleKind;
  measure: string;
  /** The rule applies when min ≤ value (and value < max, when max is set). */
  thresholdMin: number | null;
  thresholdMax: number | null;
  basis: RuleBasis;
  /** Always positive: a penalty's sign comes from its kind. */
  amountFen: number;
  activeFrom: string;
  activeTo: string | null;
};

/** What a measure gave for a statement: its value (a share or a count), the orders behind it, and all settled orders. */
export type Measured = { value: number; flaggedOrders: number; settledOrders: number };

/** A rule is in force for a period [from, to) when it starts before the period ends and ends after it starts (days, ISO). */
export function ruleInForce(rule: Pick<Rule, 'activeFrom' | 'activeTo'>, periodFrom: string, periodTo: string): boolean {
  return rule.activeFrom < periodTo && (rule.activeTo === null || rule.activeTo > periodFrom);
}

export function meetsThreshold(rule: Pick<Rule, 'thresholdMin' | 'thresholdMax'>, value: number): boolean {
  if (rule.thresholdMin !== null && value < rule.thresholdMin) return false;
  if (rule.thresholdMax !== null && value >= rule.thresholdMax) return false;
  return true;
}

/**
 * The line a rule makes, or null: nothing when the threshold is not met, or when a per-order rule
 * has no orders behind it. A penalty is negative.
 */
export function evaluateRule(rule: Rule, m: Measured): { amountFen: number; quantity: number } | null {
  if (!meetsThreshold(rule, m.value)) return null;
  const quantity = rule.basis === 'per_order' ? m.flaggedOrders : 1;
  if (quantity === 0) return null;
  const sign = rule.kind === 'penalty' ? -1 : 1;
  return { amountFen: sign * rule.amountFen * quantity, quantity };
}

/** Validation of a rule as entered: the message names the field and the reason. */
export function ruleProblem(r: Pick<Rule, 'thresholdMin' | 'thresholdMax' | 'activeFrom' | 'activeTo'>): { path: string; en: string; zh: string } | null {
  if (r.thresholdMin === null && r.thresholdMax === null) return { path: 'thresholdMin', en: 'give a threshold (min, max or both)', zh: '须给出阈值（下限、上限或两者）' };
  if (r.thresholdMin !== null && r.thresholdMax !== null && r.thresholdMax <= r.thresholdMin) return { path: 'thresholdMax', en: 'must be above thresholdMin', zh: '须大于阈值下限' };
  if (r.activeTo !== null && r.activeTo <= r.activeFrom) return { path: 'activeTo', en: 'must be after activeFrom', zh: '须晚于生效日期' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Periods, approval, pay

/** A month period 'YYYY-MM' as its first day and the next month's first day (ISO dates, in the provider's zone). */
export function monthBounds(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${period}-01`, to: `${next}-01` };
}

/** The instant a day starts in a time zone (a month's statement runs from its first day to the next month's, there). */
export function dayStartIn(day: string, timeZone: string): Date {
  return DateTime.fromISO(day, { zone: timeZone }).startOf('day').toJSDate();
}

/** A measure's value: a share of the settled orders (four places), or a count; null for a share of no orders. */
export function measuredValue(unit: 'share' | 'count', flagged: number, settled: number): number | null {
  if (unit === 'count') return flagged;
  return settled === 0 ? null : Math.round((flagged / settled) * 10000) / 10000;
}

/** The previous period of a month, for a statement's carried-in corrections. */
export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A statement above the threshold needs the second role (settlement.approve_large) to approve. */
export function approvalNeedsSecondRole(totalFen: number, thresholdFen: number): boolean {
  return Math.abs(totalFen) > thresholdFen;
}

/** Piece pay: each technician's settled orders by job type, times the provider's rate for it (no rate: nothing, and it says so). */
export function technicianPay(counts: { technicianId: string | null; jobType: string; orders: number }[], rates: Map<string, number>) {
  const byTech = new Map<string, { technicianId: string | null; lines: { jobType: string; orders: number; rateFen: number | null; amountFen: number }[]; totalFen: number }>();
  for (const c of counts) {
    const key = c.technicianId ?? '';
    const t = byTech.get(key) ?? { technicianId: c.technicianId, lines: [], totalFen: 0 };
    const rate = rates.get(c.jobType) ?? null;
    const amountFen = rate === null ? 0 : rate * c.orders;
    t.lines.push({ jobType: c.jobType, orders: c.orders, rateFen: rate, amountFen });
    t.totalFen += amountFen;
    byTech.set(key, t);
  }
  return [...byTech.values()];
}

/** One CSV field, quoted when it must be; a leading formula character is defused (spreadsheet injection). */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
export const csvRow = (fields: (string | number | null)[]) => fields.map(csvField).join(',') + '\r\n';
