import { z } from '@hono/zod-openapi';
import { isoDateTime as dateTime } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';

const code = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'letters, digits, _ . -');
const titles = { titleZh: z.string().trim().min(1).max(200), titleEn: z.string().trim().min(1).max(200) };
const bilingual = z.object({ zh: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });

export const createCourseRequest = z
  .object({
    code,
    categoryId: z.string().uuid(),
    certificationCode: code.openapi({ description: "what passing grants: the catalogue's required certification, e.g. AC-INSTALL" }),
    ...titles,
    materialUrl: z.string().url().max(500).nullish(),
    validityMonths: z.number().int().min(1).max(120).default(24),
    warnDaysBefore: z.number().int().min(1).max(365).default(30),
  })
  .openapi('CreateCourse');
export const courseView = z
  .object({ id: z.string(), code: z.string(), categoryId: z.string(), certificationCode: z.string(), titleZh: z.string(), titleEn: z.string(), materialUrl: z.string().nullable(), validityMonths: z.number(), warnDaysBefore: z.number() })
  .openapi('Course');
export const courseListQuery = z.object({ categoryId: z.string().uuid().optional() });

export const createExamRequest = z
  .object({
    courseId: z.string().uuid(),
    ...titles,
    questionsPerPaper: z.number().int().min(1).max(200),
    timeLimitMinutes: z.number().int().min(1).max(600),
    passPercent: z.number().int().min(1).max(100),
    retakeWaitHours: z.number().int().min(0).max(24 * 90).default(24),
    maxAttempts: z.number().int().min(1).max(50).default(3),
    attemptWindowDays: z.number().int().min(1).max(365).default(30),
  })
  .openapi('CreateExam');
export const examView = z
  .object({
    id: z.string(), courseId: z.string(), titleZh: z.string(), titleEn: z.string(), questionsPerPaper: z.number(), timeLimitMinutes: z.number(), passPercent: z.number(),
    retakeWaitHours: z.number(), maxAttempts: z.number(), attemptWindowDays: z.number(), active: z.boolean(), questionsInBank: z.number(),
  })
  .openapi('Exam');

export const createQuestionRequest = z
  .object({
    textZh: z.string().trim().min(1).max(2000),
    textEn: z.string().trim().min(1).max(2000),
    options: z.array(bilingual).min(2).max(8),
    correct: z.array(z.number().int().min(0)).min(1).max(8).openapi({ description: 'indexes of the correct options' }),
  })
  .refine((q) => q.correct.every((i) => i < q.options.length), { path: ['correct'], message: 'an index past the last option' })
  .refine((q) => new Set(q.correct).size === q.correct.length, { path: ['correct'], message: 'an index given twice' })
  .openapi('CreateQuestion');
export const questionView = z.object({ id: z.string(), examId: z.string(), textZh: z.string(), textEn: z.string(), options: z.array(bilingual), correct: z.array(z.number()), active: z.boolean() }).openapi('Question');

export const startAttemptRequest = z.object({ technicianId: z.string().uuid().optional().openapi({ description: 'a technician taking it for themselves leaves this out' }) });
export const paperView = z
  .object({
    id: z.string(),
    examId: z.string(),
    technicianId: z.string(),
    startedAt: z.string(),
    deadline: z.string(),
    questions: z.array(z.object({ questionId: z.string(), textZh: z.string(), textEn: z.string(), options: z.array(bilingual), multiple: z.boolean() })),
  })
  .openapi('ExamPaper');
export const submitAttemptRequest = z
  .object({ answers: z.array(z.object({ questionId: z.string().uuid(), choices: z.array(z.number().int().min(0).max(7)).max(8) })).max(200) })
  .openapi('SubmitAttempt');
export const attemptView = z
  .object({
    id: z.string(), examId: z.string(), technicianId: z.string(), startedAt: z.string(), deadline: z.string(), submittedAt: z.string().nullable(),
    outcome: z.enum(['open', 'passed', 'failed', 'late']), scorePercent: z.number().nullable(), passPercent: z.number(), certificationId: z.string().nullable(),
  })
  .openapi('ExamAttempt');
export const attemptListQuery = pageQuery.extend({ technicianId: z.string().uuid().optional(), examId: z.string().uuid().optional() });

export const certificationView = z
  .object({
    id: z.string(), technicianId: z.string(), code: z.string(), categoryId: z.string().nullable(), courseId: z.string().nullable(), attemptId: z.string().nullable(),
    grantedBy: z.string().nullable(), grantReason: z.string().nullable(), issuedAt: z.string(), expiresAt: z.string(), warnedAt: z.string().nullable(),
    revokedAt: z.string().nullable(), revokeReason: z.string().nullable(), valid: z.boolean(),
  })
  .openapi('Certification');
export const certificationListQuery = pageQuery.extend({
  technicianId: z.string().uuid().optional(),
  code: code.optional(),
  expiringBefore: dateTime.optional().openapi({ description: 'valid now, expiring before this' }),
});
export const grantCertificationRequest = z
  .object({ technicianId: z.string().uuid(), courseId: z.string().uuid(), reason: z.string().trim().min(1).max(500).openapi({ description: 'e.g. passed the manufacturer\'s own exam on paper' }) })
  .openapi('GrantCertification');
export const revokeCertificationRequest = z.object({ reason: z.string().trim().min(1).max(500) }).openapi('RevokeCertification');
