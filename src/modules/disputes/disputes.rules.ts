// Fee disputes: the reason codes, the steps a dispute may take, what an outcome may credit, when a
// review is due. Pure: no I/O.

export const disputeReasons = ['duplicate_charge', 'excessive_labour', 'excessive_part_cost', 'work_not_done', 'no_defect_found', 'warranty_wrongly_expired', 'distance_wrong', 'other'] as const;
export type DisputeReason = (typeof disputeReasons)[number];

/** In the spirit of warranty-claim reason codes: what the one disputing says is wrong with the line. */
export const reasonNames: Record<DisputeReason, { zh: string; en: string }> = {
  duplicate_charge: { zh: '重复收费', en: 'Duplicate charge' },
  excessive_labour: { zh: '工时费过高', en: 'Excessive labour' },
  excessive_part_cost: { zh: '配件费过高', en: 'Excessive part cost' },
  work_not_done: { zh: '未实际施工', en: 'Work not done' },
  no_defect_found: { zh: '未发现故障却收费', en: 'No defect found' },
  warranty_wrongly_expired: { zh: '误判为过保', en: 'Warranty wrongly taken as expired' },
  distance_wrong: { zh: '里程计算有误', en: 'Distance wrong' },
  other: { zh: '其他', en: 'Other' },
};

export const disputeStatuses = ['open', 'upheld', 'partly_upheld', 'rejected', 'withdrawn'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];
export const outcomes = ['upheld', 'partly_upheld', 'rejected'] as const;
export type Outcome = (typeof outcomes)[number];
export type DisputeAction = Outcome | 'withdraw';

export const statusNames: Record<DisputeStatus, { zh: string; en: string }> = {
  open: { zh: '审核中', en: 'Under review' },
  upheld: { zh: '成立，已退还', en: 'Upheld, refunded' },
  partly_upheld: { zh: '部分成立，部分退还', en: 'Partly upheld, partly refunded' },
  rejected: { zh: '不成立', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** Only an open dispute moves; every outcome ends it (a new dispute of the line may follow). */
export function nextStatus(status: DisputeStatus, action: DisputeAction): DisputeStatus | null {
  if (status !== 'open') return null;
  return action === 'withdraw' ? 'withdrawn' : action;
}

export const isOpen = (s: DisputeStatus) => s === 'open';

/** What of a line may still be disputed: its amount less what earlier disputes credited. */
export function disputableFen(lineFen: number, creditedFen: number): number {
  return Math.max(0, lineFen - creditedFen);
}

export type CreditProblem = { path: string; en: string; zh: string };

/**
 * The credit an outcome gives, in fen, never above what of the line is disputable: upheld credits all
 * of it, partly upheld the amount the reviewer names (more than nothing, less than all), rejected nothing.
 */
export function creditFor(outcome: Outcome, disputable: number, amountFen: number | undefined): { fen: number } | CreditProblem {
  if (outcome === 'rejected') return amountFen === undefined || amountFen === 0 ? { fen: 0 } : { path: 'amount', en: 'a rejected dispute credits nothing', zh: '驳回时不得填写退还金额' };
  if (outcome === 'upheld') {
    if (amountFen !== undefined && amountFen !== disputable) return { path: 'amount', en: `an upheld dispute credits the whole line (${disputable} fen); give none or that`, zh: `争议成立时退还整行金额（${disputable} 分）` };
    return { fen: disputable };
  }
  if (amountFen === undefined) return { path: 'amount', en: 'required for a partly upheld dispute', zh: '部分成立须填写退还金额' };
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen >= disputable) return { path: 'amount.amountFen', en: `must be more than 0 and less than ${disputable} fen (the disputed amount)`, zh: `须大于 0 且小于争议金额 ${disputable} 分` };
  return { fen: amountFen };
}

export const HOUR = 3_600_000;

/** When the review is due: calendar hours from the moment the dispute was raised. */
export function reviewDueAt(raisedAt: Date, hours: number): Date {
  return new Date(raisedAt.getTime() + hours * HOUR);
}

/** The queue's order: overdue open disputes first (most overdue first), then the open by due time, then the closed, newest first. */
export function queueOrder<T extends { status: DisputeStatus; dueAt: Date; createdAt: Date }>(items: T[], now: Date): T[] {
  const rank = (d: T) => (d.status !== 'open' ? 2 : d.dueAt.getTime() < now.getTime() ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || (rank(a) < 2 ? a.dueAt.getTime() - b.dueAt.getTime() : b.createdAt.getTime() - a.createdAt.getTime()));
}

export const isOverdue = (d: { status: DisputeStatus; dueAt: Date }, now: Date) => d.status === 'open' && d.dueAt.getTime() < now.getTime();
