import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { actorName, providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { findTechnician, type NetworkService } from '../network/index.js';
import { existingCategoryIds } from '../catalog/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { addMonths, certificationRefusal, drawPaper, isValid, retakeRefusal, scorePaper, submitGraceMs, type Refusal } from './training.rules.js';
import * as repo from './training.repo.js';
import { trainingErrors } from './training.errors.js';
import type {
  attemptListQuery,
  certificationListQuery,
  courseListQuery,
  createCourseRequest,
  createExamRequest,
  createQuestionRequest,
  grantCertificationRequest,
  revokeCertificationRequest,
  startAttemptRequest,
  submitAttemptRequest,
} from './training.contract.js';

export type TrainingDeps = { db: Db; clock: Clock; network: NetworkService };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const courseView = ({ createdAt: _c, ...c }: repo.CourseRow) => c;
const questionView = ({ createdAt: _c, ...q }: repo.QuestionRow) => q;

function attemptView(a: repo.AttemptRow, passPercent: number) {
  return {
    id: a.id, examId: a.examId, technicianId: a.technicianId, startedAt: a.startedAt.toISOString(), deadline: a.deadline.toISOString(), submittedAt: iso(a.submittedAt),
    outcome: a.outcome, scorePercent: a.scorePercent, passPercent, certificationId: a.certificationId,
  };
}

export function certificationView(c: repo.CertificationRow, now: Date) {
  return {
    id: c.id, technicianId: c.technicianId, code: c.code, categoryId: c.categoryId, courseId: c.courseId, attemptId: c.attemptId, grantedBy: c.grantedBy, grantReason: c.grantReason,
    issuedAt: c.issuedAt.toISOString(), expiresAt: c.expiresAt.toISOString(), warnedAt: iso(c.warnedAt), revokedAt: iso(c.revokedAt), revokeReason: c.revokeReason, valid: isValid(c, now),
  };
}

const refusalError = trainingErrors.refused;

export function createTrainingService({ db, clock, network }: TrainingDeps) {
  /** The technician a caller takes an exam as: themself, or (headquarters) the one named. */
  async function examinee(q: Queryable, caller: Caller, technicianId: string | undefined) {
    const scope = providerScope(caller.principal);
    const id = scope.kind === 'technician' ? scope.technicianId : technicianId;
    if (!id) throw invalid('technicianId', 'name the technician who takes the exam');
    if (scope.kind === 'technician' && technicianId && technicianId !== id) throw invalid('technicianId', 'a technician takes exams only as themself');
    const tech = await findTechnician(q, id, scope);
    if (!tech) throw invalid('technicianId', 'no such technician');
    if (tech.status !== 'active') throw invalid('technicianId', `technician is ${tech.status}`);
    return tech;
  }

  async function issue(q: Queryable, technicianId: string, course: repo.CourseRow, from: { attemptId?: string; grantedBy?: string; grantReason?: string }) {
    const now = clock.now();
    return repo.insertCertification(q, {
      id: newId(), technicianId, code: course.certificationCode, categoryId: course.categoryId, courseId: course.id, attemptId: from.attemptId ?? null,
      grantedBy: from.grantedBy ?? null, grantReason: from.grantReason ?? null, issuedAt: now, expiresAt: addMonths(now, course.validityMonths), warnDaysBefore: course.warnDaysBefore,
    });
  }

  return {
    async createCourse(caller: Caller, input: z.infer<typeof createCourseRequest>) {
      requirePermission(caller.principal, 'training.manage');
      if (!(await existingCategoryIds(db, [input.categoryId])).has(input.categoryId)) throw invalid('categoryId', 'no such category');
      const row = await repo.insertCourse(db, { id: newId(), ...input, materialUrl: input.materialUrl ?? null, createdAt: clock.now() });
      if (!row) throw conflict('duplicate_code', `code: "${input.code}" already exists / 编码已存在`, [{ path: 'code', message: 'already exists' }]);
      return courseView(row);
    },
    async listCourses(caller: Caller, s: z.infer<typeof courseListQuery>) {
      requirePermission(caller.principal, 'training.read');
      const rows = await repo.listCourses(db, s.categoryId);
      return rows.map(courseView);
    },

    async createExam(caller: Caller, input: z.infer<typeof createExamRequest>) {
      requirePermission(caller.principal, 'training.manage');
      const course = await repo.findCourse(db, input.courseId);
      if (!course) throw invalid('courseId', 'no such course');
      const row = await repo.insertExam(db, { id: newId(), ...input, createdAt: clock.now() });
      return { ...row, questionsInBank: 0, createdAt: undefined };
    },
    async listExams(caller: Caller, courseId?: string) {
      requirePermission(caller.principal, 'training.read');
      const rows = await repo.listExams(db, courseId);
      const sizes = await repo.bankSize(db, rows.map((r) => r.id));
      return rows.map(({ createdAt: _c, ...e }) => ({ ...e, questionsInBank: sizes.get(e.id) ?? 0 }));
    },
    async addQuestion(caller: Caller, examId: string, input: z.infer<typeof createQuestionRequest>) {
      requirePermission(caller.principal, 'training.manage');
      if (!(await repo.findExam(db, examId))) throw notFound('exam', examId);
      const row = await repo.insertQuestion(db, { id: newId(), examId, ...input, createdAt: clock.now() });
      return questionView(row);
    },
    /** The bank with its answers: for those who write exams only. */
    async listQuestions(caller: Caller, examId: string) {
      requirePermission(caller.principal, 'training.manage');
      if (!(await repo.findExam(db, examId))) throw notFound('exam', examId);
      return (await repo.activeQuestions(db, examId)).map(questionView);
    },

    /** Draws a fresh random paper and starts the clock. */
    async startAttempt(caller: Caller, examId: string, input: z.infer<typeof startAttemptRequest>) {
      requirePermission(caller.principal, 'training.take');
      return db.transaction(async (tx) => {
        const found = await repo.findExam(tx, examId);
        if (!found || !found.exam.active) throw notFound('exam', examId);
        const { exam } = found;
        const tech = await examinee(tx, caller, input.technicianId);
        // One technician's attempts queue here, so two starts at once cannot both pass the rules.
        await repo.lockAttempts(tx, tech.id, exam.id);
        const now = clock.now();
        const refusal = retakeRefusal(exam, await repo.attemptsOf(tx, tech.id, exam.id), now);
        if (refusal) throw refusalError(refusal);
        const bank = await repo.activeQuestions(tx, exam.id);
        if (bank.length < exam.questionsPerPaper) {
          throw conflict('question_bank_too_small', `The bank has ${bank.length} questions, a paper needs ${exam.questionsPerPaper} / 题库题目不足`, { bank: bank.length, needed: exam.questionsPerPaper });
        }
        const paper = drawPaper(bank.map((q) => ({ id: q.id, optionCount: q.options.length })), exam.questionsPerPaper, (n) => randomInt(n));
        const attempt = await repo.insertAttempt(tx, { id: newId(), examId: exam.id, technicianId: tech.id, startedAt: now, deadline: new Date(now.getTime() + exam.timeLimitMinutes * 60_000), paper, outcome: 'open' });
        const byId = new Map(bank.map((q) => [q.id, q]));
        return {
          id: attempt.id, examId: exam.id, technicianId: tech.id, startedAt: attempt.startedAt.toISOString(), deadline: attempt.deadline.toISOString(),
          questions: paper.map((item) => {
            const q = byId.get(item.questionId)!;
            return { questionId: q.id, textZh: q.textZh, textEn: q.textEn, options: item.optionOrder.map((i) => q.options[i]), multiple: q.correct.length > 1 };
          }),
        };
      });
    },

    /** Scores once; a pass issues the certification in the same transaction. Late papers are kept and fail. */
    async submitAttempt(caller: Caller, attemptId: string, input: z.infer<typeof submitAttemptRequest>) {
      requirePermission(caller.principal, 'training.take');
      return db.transaction(async (tx) => {
        const attempt = await repo.findAttempt(tx, attemptId, providerScope(caller.principal), true);
        if (!attempt) throw notFound('attempt', attemptId);
        if (attempt.outcome !== 'open') throw conflict('attempt_submitted', 'This paper was already handed in / 该答卷已提交', { outcome: attempt.outcome });
        const found = (await repo.findExam(tx, attempt.examId))!;
        const onPaper = new Set(attempt.paper.map((p) => p.questionId));
        const stray = input.answers.findIndex((a) => !onPaper.has(a.questionId));
        if (stray >= 0) throw invalid(`answers.${stray}.questionId`, 'not a question of this paper');
        const now = clock.now();
        const late = now.getTime() > attempt.deadline.getTime() + submitGraceMs;
        const questions = await repo.questionsById(tx, [...onPaper]);
        const score = scorePaper(attempt.paper, new Map(questions.map((q) => [q.id, q.correct])), input.answers);
        const passed = !late && score >= found.exam.passPercent;
        const cert = passed ? await issue(tx, attempt.technicianId, found.course, { attemptId: attempt.id }) : undefined;
        const row = await repo.closeAttempt(tx, attempt.id, { answers: input.answers, submittedAt: now, scorePercent: score, outcome: late ? 'late' : passed ? 'passed' : 'failed', certificationId: cert?.id ?? null });
        return { attempt: attemptView(row, found.exam.passPercent), certification: cert ? certificationView(cert, now) : null };
      });
    },

    async listAttempts(caller: Caller, s: z.infer<typeof attemptListQuery>) {
      requirePermission(caller.principal, 'training.read');
      const { rows, total } = await repo.pageOfAttempts(db, providerScope(caller.principal), { technicianId: s.technicianId, examId: s.examId }, s.limit, s.offset);
      return { items: rows.map((r) => attemptView(r.attempt, r.passPercent)), total, limit: s.limit, offset: s.offset };
    },

    async listCertifications(caller: Caller, s: z.infer<typeof certificationListQuery>) {
      requirePermission(caller.principal, 'training.read');
      const now = clock.now();
      const filter = { technicianId: s.technicianId, code: s.code, validAt: s.expiringBefore ? now : undefined, expiringBefore: s.expiringBefore ? new Date(s.expiringBefore) : undefined };
      const { rows, total } = await repo.pageOfCertifications(db, providerScope(caller.principal), filter, s.limit, s.offset);
      return { items: rows.map((c) => certificationView(c, now)), total, limit: s.limit, offset: s.offset };
    },

    /** A certification recognised without this system's exam (e.g. the maker's own), on record with who and why. */
    async grantCertification(caller: Caller, input: z.infer<typeof grantCertificationRequest>) {
      requirePermission(caller.principal, 'training.manage');
      const course = await repo.findCourse(db, input.courseId);
      if (!course) throw invalid('courseId', 'no such course');
      const tech = await network.technicianById(db, input.technicianId);
      if (!tech) throw invalid('technicianId', 'no such technician');
      return certificationView(await issue(db, tech.id, course, { grantedBy: actorName(caller.principal), grantReason: input.reason }), clock.now());
    },

    async revokeCertification(caller: Caller, id: string, input: z.infer<typeof revokeCertificationRequest>) {
      requirePermission(caller.principal, 'training.manage');
      const now = clock.now();
      const row = await repo.revokeCertification(db, id, now, input.reason);
      if (row) return certificationView(row, now);
      const existing = await repo.findCertification(db, id);
      if (!existing) throw notFound('certification', id);
      throw conflict('already_revoked', 'This certification was already revoked / 该认证已被吊销');
    },

    /**
     * Writes the expiry warnings that are due, to the technician and their provider, each
     * certification once: the claim and the messages commit together, so a crash leaves neither
     * and a second server copy finds the claim taken.
     */
    async warnExpiring(): Promise<number> {
      const now = clock.now();
      let warned = 0;
      for (;;) {
        const due = await repo.dueForWarning(db, now, 200);
        if (due.length === 0) return warned;
        for (const c of due) {
          await db.transaction(async (tx) => {
            if (!(await repo.claimWarning(tx, c.id, now))) return;
            const tech = (await network.technicianById(tx, c.technicianId))!;
            const provider = (await network.providerById(tx, tech.providerId))!;
            const day = c.expiresAt.toISOString().slice(0, 10);
            const subject = { kind: 'certification', id: c.id };
            await enqueueMessage(tx, clock, {
              channel: 'sms', recipient: tech.phone, template: 'certification_expiring', subject,
              bodyZh: `【售后服务】${tech.name}，您的 ${c.code} 认证将于 ${day} 到期，请及时参加复训考试，以免影响接单。`,
              bodyEn: `[Aftercare] ${tech.name}, your ${c.code} certification expires on ${day}. Retake the exam in time to keep receiving these jobs.`,
            });
            await enqueueMessage(tx, clock, {
              channel: 'sms', recipient: provider.contactPhone, template: 'certification_expiring_provider', subject,
              bodyZh: `【售后服务】${provider.name}：师傅 ${tech.name} 的 ${c.code} 认证将于 ${day} 到期，到期后将不能派此类工单。`,
              bodyEn: `[Aftercare] ${provider.name}: technician ${tech.name}'s ${c.code} certification expires on ${day}; after that such orders cannot be assigned to them.`,
            });
            warned++;
          });
        }
      }
    },

    /** Why this technician may not take work needing `required` at `at` (null: they may). For dispatch and assignment. */
    async refusalFor(q: Queryable, technician: { id: string; name: string }, required: string | null, at: Date): Promise<Refusal | null> {
      if (!required) return null;
      return certificationRefusal(required, await repo.certificationsOf(q, [technician.id], [required]), at, technician.name);
    },
    /** Valid certification codes per technician at `at`. */
    async validCodes(q: Queryable, technicianIds: string[], at: Date): Promise<Map<string, Set<string>>> {
      const out = new Map<string, Set<string>>(technicianIds.map((id) => [id, new Set<string>()]));
      for (const c of await repo.certificationsOf(q, technicianIds)) if (isValid(c, at)) out.get(c.technicianId)!.add(c.code);
      return out;
    },
    certificationsOf: repo.certificationsOf,
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
