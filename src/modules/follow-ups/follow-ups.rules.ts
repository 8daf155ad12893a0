// Follow-up rules, pure: which policy and sample an order falls in, the time of day of a call in
// the customer's zone and the quiet hours, when a customer counts as unreachable, the survey wait.
import { DateTime } from 'luxon';

export const attemptResults = ['reached', 'no_answer', 'busy', 'wrong_number', 'refused'] as const;
export type AttemptResult = (typeof attemptResults)[number];
export const outcomes = ['satisfied', 'not_fixed_redo', 'complaint', 'nobody_came', 'refused', 'unreachable', 'survey_sent'] as const;
export type Outcome = (typeof outcomes)[number];
export const satisfactionLevels = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof satisfactionLevels)[number];
export const surveyAspects = ['timeliness', 'attitude', 'skill', 'tidiness', 'priceTransparency'] as const;
export const leadKinds = ['new_product', 'extended_warranty', 'maintenance_contract'] as const;
export const dayParts = ['morning', 'afternoon', 'evening', 'quiet'] as const;
export type DayPart = (typeof dayParts)[number];

export type ScriptQuestion = { code: string; zh: string; en: string; answer: 'yes_no' | 'score' | 'satisfaction' | 'text'; required: boolean };

export type PolicyRow = { id: string; rank: number; orderKind: string | null; customerTier: string | null; providerId: string | null; samplePercent: number; active: boolean };
export type OrderFacts = { id: string; kind: string; customerTier: string; providerId: string | null };

/** FNV-1a over the id: the same order lands in the same sample on every run and every engine. */
export function sampleBucket(orderId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i += 1) {
    h ^= orderId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100;
}

/** The policy an order falls under (first active match by rank), and whether its sample picks it. */
export function policyFor<P extends PolicyRow>(policies: P[], o: OrderFacts): { policy: P; sampled: boolean } | null {
  const policy = [...policies]
    .sort((a, b) => a.rank - b.rank)
    .find((p) => p.active && (p.orderKind === null || p.orderKind === o.kind) && (p.customerTier === null || p.customerTier === o.customerTier) && (p.providerId === null || p.providerId === o.providerId));
  if (!policy) return null;
  return { policy, sampled: sampleBucket(o.id) < policy.samplePercent };
}

/** Calls are made 09:00–21:00 in the customer's zone; outside is quiet. */
export const callHours = { from: 9, to: 21 };

export function dayPartAt(at: Date, zone: string): DayPart {
  const h = DateTime.fromJSDate(at, { zone }).hour;
  if (h < callHours.from || h >= callHours.to) return 'quiet';
  if (h < 12) return 'morning';
  if (h < 18) return 'afternoon';
  return 'evening';
}

/**
 * After a failed attempt: the customer is unreachable once failed attempts were made in `maxAttempts`
 * different times of day (two calls in one morning count once: they may just be out that morning).
 * A wrong number ends the calls at once.
 */
export function unreachable(failed: { result: AttemptResult; dayPart: string }[], maxAttempts: number): boolean {
  if (failed.some((a) => a.result === 'wrong_number')) return true;
  const parts = new Set(failed.filter((a) => a.result === 'no_answer' || a.result === 'busy').map((a) => a.dayPart));
  return parts.size >= Math.min(maxAttempts, 3);
}

/** The wait between two surveys of one customer (any orders): null when another may be sent at `now`. */
export function surveyWaitUntil(lastSentAt: Date | null, now: Date, waitDays: number): Date | null {
  if (!lastSentAt) return null;
  const until = new Date(lastSentAt.getTime() + waitDays * 86_400_000);
  return until.getTime() > now.getTime() ? until : null;
}

/** The order's follow-up form as work orders have kept it (`followUp`), from the call's three levels. */
export function legacySatisfaction(level: SatisfactionLevel): 'delighted' | 'neutral' | 'dissatisfied' {
  return level === 'satisfied' ? 'delighted' : level;
}

/** The answers missing or of the wrong kind for the script's questions. */
export function answerProblems(questions: ScriptQuestion[], answers: Record<string, unknown>): { path: string; en: string; zh: string }[] {
  const out: { path: string; en: string; zh: string }[] = [];
  const codes = new Set(questions.map((q) => q.code));
  for (const k of Object.keys(answers)) if (!codes.has(k)) out.push({ path: `answers.${k}`, en: 'not a question of the script', zh: '不是该话术的问题' });
  for (const q of questions) {
    const a = answers[q.code];
    if (a === undefined || a === null || a === '') {
      if (q.required) out.push({ path: `answers.${q.code}`, en: 'required by the script', zh: '话术要求回答' });
      continue;
    }
    const ok =
      q.answer === 'yes_no' ? typeof a === 'boolean' : q.answer === 'score' ? Number.isInteger(a) && (a as number) >= 1 && (a as number) <= 5 : q.answer === 'satisfaction' ? satisfactionLevels.includes(a as SatisfactionLevel) : typeof a === 'string' && a.length <= 2000;
    if (!ok) out.push({ path: `answers.${q.code}`, en: `not a ${q.answer} answer`, zh: '答案类型不符' });
  }
  return out;
}

/** Response rate: answered over asked, as a share with four decimals (0 when none asked). */
export function rate(answered: number, asked: number): number {
  return asked === 0 ? 0 : Math.round((answered / asked) * 10_000) / 10_000;
}

export const outcomeNames: Record<Outcome, { zh: string; en: string }> = {
  satisfied: { zh: '已回访', en: 'Followed up' },
  not_fixed_redo: { zh: '未修好·返修', en: 'Not fixed: redo' },
  complaint: { zh: '未修好·转投诉', en: 'Not fixed: complaint' },
  nobody_came: { zh: '无人上门', en: 'Nobody came' },
  refused: { zh: '拒绝回访', en: 'Refused' },
  unreachable: { zh: '联系不上', en: 'Unreachable' },
  survey_sent: { zh: '已发短信问卷', en: 'SMS survey sent' },
};
