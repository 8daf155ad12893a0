// Exams and certifications: drawing papers, scoring, retake rules, validity. Pure: no I/O, no clock.
import type { Answer, PaperItem } from './training.tables.js';

export type Rng = (n: number) => number; // an integer in [0, n)

function shuffled<T>(items: T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A randomised paper: n questions drawn from the bank, each with its options in a random order. */
export function drawPaper(bank: { id: string; optionCount: number }[], n: number, rng: Rng): PaperItem[] {
  return shuffled(bank, rng)
    .slice(0, n)
    .map((q) => ({ questionId: q.id, optionOrder: shuffled([...Array(q.optionCount).keys()], rng) }));
}

/** Percentage of questions answered exactly right; answers index the options as shown. */
export function scorePaper(paper: PaperItem[], correctOf: Map<string, number[]>, answers: Answer[]): number {
  if (paper.length === 0) return 0;
  let right = 0;
  for (const item of paper) {
    const given = answers.find((a) => a.questionId === item.questionId);
    if (!given) continue;
    const chosen = new Set(given.choices.map((shown) => item.optionOrder[shown]));
    const correct = new Set(correctOf.get(item.questionId) ?? []);
    if (chosen.size === correct.size && [...correct].every((c) => chosen.has(c))) right++;
  }
  return Math.round((right / paper.length) * 10000) / 100;
}

export type RetakeRules = { retakeWaitHours: number; maxAttempts: number; attemptWindowDays: number };
export type PastAttempt = { startedAt: Date; submittedAt: Date | null; deadline: Date; outcome: string };
export type Refusal = { code: string; zh: string; en: string; retryAt?: Date };

/** Whether a new attempt may start now; the refusal says why and from when. */
export function retakeRefusal(rules: RetakeRules, past: PastAttempt[], now: Date): Refusal | null {
  const open = past.find((a) => a.outcome === 'open' && a.deadline.getTime() > now.getTime());
  if (open) return { code: 'attempt_open', en: 'An attempt of this exam is still open; finish it first', zh: '该考试已有进行中的答卷，请先完成' };
  const windowStart = now.getTime() - rules.attemptWindowDays * 86_400_000;
  const recent = past.filter((a) => a.startedAt.getTime() > windowStart).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  if (recent.length >= rules.maxAttempts) {
    const retryAt = new Date(recent[recent.length - rules.maxAttempts].startedAt.getTime() + rules.attemptWindowDays * 86_400_000);
    return {
      code: 'attempts_exhausted',
      en: `${rules.maxAttempts} attempts within ${rules.attemptWindowDays} days used; next from ${retryAt.toISOString()}`,
      zh: `${rules.attemptWindowDays} 天内已考 ${rules.maxAttempts} 次，${retryAt.toISOString()} 后可再考`,
      retryAt,
    };
  }
  const last = past.reduce<PastAttempt | undefined>((a, b) => (!a || b.startedAt > a.startedAt ? b : a), undefined);
  if (last && last.outcome !== 'passed') {
    const ended = (last.submittedAt ?? last.deadline).getTime();
    const retryAt = new Date(ended + rules.retakeWaitHours * 3_600_000);
    if (retryAt.getTime() > now.getTime()) {
      return { code: 'retake_wait', en: `A failed attempt may be retaken from ${retryAt.toISOString()}`, zh: `未通过，需等到 ${retryAt.toISOString()} 后重考`, retryAt };
    }
  }
  return null;
}

/** Submissions a little after the deadline still count: the network between phone and server is slow. */
export const submitGraceMs = 60_000;

export function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export type HeldCertification = { code: string; expiresAt: Date; revokedAt: Date | null; issuedAt: Date };

export function isValid(c: HeldCertification, at: Date): boolean {
  return !c.revokedAt && c.issuedAt.getTime() <= at.getTime() && c.expiresAt.getTime() > at.getTime();
}

/**
 * Why a technician may not take work needing `required` at `at`, in both languages; null when
 * they may (or nothing is required). The reason names the certification and what is wrong with it.
 */
export function certificationRefusal(required: string | null, held: HeldCertification[], at: Date, technicianName: string): Refusal | null {
  if (!required) return null;
  const same = held.filter((c) => c.code === required);
  if (same.some((c) => isValid(c, at))) return null;
  const latest = same.sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0];
  if (!latest) {
    return { code: 'certification_missing', en: `${technicianName} holds no ${required} certification`, zh: `${technicianName}没有 ${required} 认证，不能承接此类工单` };
  }
  if (latest.revokedAt) {
    return { code: 'certification_revoked', en: `${technicianName}'s ${required} certification was revoked`, zh: `${technicianName}的 ${required} 认证已被吊销` };
  }
  const day = latest.expiresAt.toISOString().slice(0, 10);
  return { code: 'certification_expired', en: `${technicianName}'s ${required} certification expired on ${day}`, zh: `${technicianName}的 ${required} 认证已于 ${day} 过期` };
}
