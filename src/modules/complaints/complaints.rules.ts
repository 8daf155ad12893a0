// Complaints: what a complaint is made of, the escalation ladder's decisions, the steps a complaint
// takes, repeat detection, and the plain words a customer reads. Pure: no I/O, no clock.

/** Where a complaint came from: the sources a person files it from, and a follow-up call whose outcome was "complaint". */
export const filingSources = ['phone', 'portal', 'social_media', 'dealer', 'regulator_12315'] as const;
export const sources = [...filingSources, 'follow_up'] as const;
export type Source = (typeof sources)[number];
export const categories = ['product_quality', 'installation', 'service_attitude', 'timeliness', 'price', 'parts', 'other'] as const;
export type Category = (typeof categories)[number];
export const severities = ['low', 'normal', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];
export const levels = ['desk', 'supervisor', 'manager', 'executive'] as const;
export type Level = (typeof levels)[number];
export const statuses = ['open', 'resolved', 'closed'] as const;
export type Status = (typeof statuses)[number];
export const rootCauses = ['product', 'installation', 'attitude', 'timeliness', 'price', 'parts'] as const;
export type RootCause = (typeof rootCauses)[number];
/** Root causes that are the provider's doing: a complaint resolved with one of these is upheld against the provider (settlement reads it). */
export const providerCauses: readonly RootCause[] = ['installation', 'attitude', 'timeliness'];
export const compensationKinds = ['apology', 'credit', 'free_service', 'refund'] as const;
export type CompensationKind = (typeof compensationKinds)[number];
export const actionKinds = ['note', 'investigation', 'call_back', 'visit', 'other'] as const;
export type ActionKind = (typeof actionKinds)[number];
export const contactChannels = ['phone', 'sms', 'wechat', 'visit', 'portal', 'email'] as const;
export type ContactChannel = (typeof contactChannels)[number];
export const escalationCauses = ['breach', 'customer_request', 'severity', 'staff'] as const;
export type EscalationCause = (typeof escalationCauses)[number];

type Words = { zh: string; en: string };
export const sourceNames: Record<Source, Words> = {
  phone: { zh: '电话', en: 'Phone' },
  portal: { zh: '自助服务', en: 'Portal' },
  social_media: { zh: '社交媒体', en: 'Social media' },
  dealer: { zh: '经销商', en: 'Dealer' },
  regulator_12315: { zh: '12315 监管转办', en: 'Regulator (12315)' },
  follow_up: { zh: '回访', en: 'Follow-up call' },
};
export const categoryNames: Record<Category, Words> = {
  product_quality: { zh: '产品质量', en: 'Product quality' },
  installation: { zh: '安装', en: 'Installation' },
  service_attitude: { zh: '服务态度', en: 'Service attitude' },
  timeliness: { zh: '服务时效', en: 'Timeliness' },
  price: { zh: '收费', en: 'Price' },
  parts: { zh: '配件', en: 'Parts' },
  other: { zh: '其他', en: 'Other' },
};
export const statusNames: Record<Status, Words> = {
  open: { zh: '处理中', en: 'Being handled' },
  resolved: { zh: '已提出解决方案，待您确认', en: 'Resolution offered, waiting for your answer' },
  closed: { zh: '已解决', en: 'Resolved' },
};
export const compensationNames: Record<CompensationKind, Words> = {
  apology: { zh: '致歉', en: 'Apology' },
  credit: { zh: '积分/代金券', en: 'Credit' },
  free_service: { zh: '免费服务', en: 'Free service' },
  refund: { zh: '退款', en: 'Refund' },
};

/** One rung of the ladder, as data (complaint_levels): its rank, the severity that starts a complaint there, its clock per severity. */
export type Rung = { level: Level; rank: number; nameZh: string; nameEn: string; minSeverity: Severity | null; targetMinutes: Record<Severity, number> };

export const severityRank = (s: Severity) => severities.indexOf(s);

function ordered(ladder: Rung[]): Rung[] {
  return [...ladder].sort((a, b) => a.rank - b.rank);
}

/** The level a complaint of this severity is handled at, at least: the highest rung whose floor the severity reaches (the lowest rung otherwise). */
export function levelForSeverity(ladder: Rung[], severity: Severity): Level {
  const rungs = ordered(ladder);
  let chosen = rungs[0].level;
  for (const r of rungs) if (r.minSeverity && severityRank(severity) >= severityRank(r.minSeverity)) chosen = r.level;
  return chosen;
}

export function rankOf(ladder: Rung[], level: Level): number {
  return ladder.find((r) => r.level === level)?.rank ?? 0;
}

/** The next rung up, or null at the top. */
export function nextLevel(ladder: Rung[], level: Level): Level | null {
  const rungs = ordered(ladder);
  const i = rungs.findIndex((r) => r.level === level);
  return rungs[i + 1]?.level ?? null;
}

/** The rung below, or null at the bottom. */
export function previousLevel(ladder: Rung[], level: Level): Level | null {
  const rungs = ordered(ladder);
  const i = rungs.findIndex((r) => r.level === level);
  return i > 0 ? rungs[i - 1].level : null;
}

/** Business minutes the rung's clock gives a complaint of this severity. */
export function targetMinutes(ladder: Rung[], level: Level, severity: Severity): number {
  const rung = ladder.find((r) => r.level === level);
  if (!rung) throw new RangeError(`no rung ${level}`);
  return rung.targetMinutes[severity];
}

/** What a step does to the status; null when the step is not open to a complaint in this status. */
export type Step = 'escalate' | 'deescalate' | 'severity' | 'resolve' | 'accept' | 'reject' | 'log' | 'share';
export function statusAfter(status: Status, step: Step): Status | null {
  switch (step) {
    case 'escalate':
    case 'deescalate':
    case 'severity':
    case 'resolve':
      return status === 'open' ? (step === 'resolve' ? 'resolved' : 'open') : null;
    case 'accept':
      return status === 'resolved' ? 'closed' : null;
    case 'reject':
      // The customer rejects the resolution: the complaint is open again.
      return status === 'resolved' ? 'open' : null;
    case 'log':
    case 'share':
      return status === 'closed' ? null : status;
  }
}

/** Whether a complaint's clock has run out and it has a rung to climb (the breach job escalates it). */
export function isBreached(c: { status: Status; dueAt: Date | null }, now: Date): boolean {
  return c.status === 'open' && c.dueAt !== null && c.dueAt.getTime() <= now.getTime();
}

export const DAY = 86_400_000;

/** The window a repeat complaint is looked for in: the same customer or unit complained within `days` before `now`. */
export function repeatSince(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY);
}

export type CompensationProblem = { path: string; en: string; zh: string };
/** An apology has no amount; a credit or refund needs one above nothing; a free service may name its value. */
export function compensationProblem(kind: CompensationKind, amountFen: number | null): CompensationProblem | null {
  if (kind === 'apology' && amountFen !== null) return { path: 'amount', en: 'an apology has no amount', zh: '致歉无需金额' };
  if ((kind === 'credit' || kind === 'refund') && (amountFen === null || amountFen <= 0)) return { path: 'amount.amountFen', en: 'a credit or refund needs an amount above 0', zh: '积分/退款须填写大于 0 的金额' };
  if (amountFen !== null && (!Number.isSafeInteger(amountFen) || amountFen < 0)) return { path: 'amount.amountFen', en: 'must be a whole number of fen, not negative', zh: '须为非负整数（分）' };
  return null;
}

/**
 * The most a complaint's refund may still give back on one order: what the customer paid for it net
 * of every refund (fees checks the same under the order's money lock; this is the early, clear 400).
 */
export function refundProblem(amountFen: number, leftFen: number): CompensationProblem | null {
  if (amountFen > leftFen) return { path: 'amount.amountFen', en: `more than the customer paid for the order net of refunds (${leftFen} fen)`, zh: `超过客户为该工单实付金额（扣除已退款后 ${leftFen} 分）` };
  return null;
}

/** Where the complaint stands, in words a customer reads: no names, no levels' internals beyond who looks at it. */
export function progressWords(c: { status: Status; level: Level; customerAnswer: string | null }): Words {
  if (c.status === 'closed') return { zh: '您已接受解决方案，投诉已结案', en: 'You accepted the resolution; the complaint is closed' };
  if (c.status === 'resolved') return { zh: '我们已提出解决方案，请确认是否接受', en: 'We have offered a resolution; please tell us whether you accept it' };
  const who: Record<Level, Words> = {
    desk: { zh: '客服专员', en: 'a service desk specialist' },
    supervisor: { zh: '客服主管', en: 'a supervisor' },
    manager: { zh: '服务经理', en: 'a service manager' },
    executive: { zh: '公司高层', en: 'senior management' },
  };
  const reopened = c.customerAnswer === 'rejected';
  return {
    zh: `${reopened ? '您未接受上次的方案，' : ''}${who[c.level].zh}正在处理您的投诉`,
    en: reopened ? `You did not accept the last resolution; ${who[c.level].en} is handling your complaint` : `${who[c.level].en[0].toUpperCase()}${who[c.level].en.slice(1)} is handling your complaint`,
  };
}

/** A complaint's short number people read on the phone, from its filing month and sequence: CP2606-000123. */
export function complaintNumber(at: Date, seq: number): string {
  const yy = String(at.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `CP${yy}${mm}-${String(seq).padStart(6, '0')}`;
}
