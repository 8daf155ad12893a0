import { AppError } from '../../shared/errors.js';
import type { Refusal } from './training.rules.js';

export const trainingErrors = {
  /** A rule's refusal (retake too soon, exam closed, …), its code and both languages from the rule. */
  refused: (r: Refusal, status: 409 | 422 = 409, path?: string) =>
    new AppError(r.code, status, `${r.en} / ${r.zh}`, path ? [{ path, message: r.en, zh: r.zh }] : { reason: { zh: r.zh, en: r.en }, retryAt: r.retryAt?.toISOString() ?? null }),
};
