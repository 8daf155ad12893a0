// The staff's own voice: pulse surveys answered anonymously (who answered is kept apart from what,
// so nobody answers twice and no answer leads back to a person), their results shown only for
// groups of the minimum size; and a suggestion box (anonymous allowed) whose suggestions get a
// status, an answer, and are marked implemented.
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { networkNames, type NetworkName } from '../network/index.js';
import * as repo from './staff-voice.repo.js';
import { figuresOf } from './staff-voice.figures.js';
import { staffVoiceErrors } from './staff-voice.errors.js';
import { mayMove, type SuggestionStatus } from './staff-voice.rules.js';
import { chinaDay } from '../../shared/zoned.js';
import type { responseRequest, resultsQuery, suggestionAnswerRequest, suggestionRequest, suggestionsQuery, surveyRequest, surveysQuery, closeRequest } from './staff-voice.contract.js';

export type StaffVoiceDeps = { db: Db; clock: Clock; audit: AuditFn };

/** The principal an anonymous suggestion is recorded under in the audit log: no person. */
const anonymousCaller: Caller = { principal: { kind: 'system', name: 'staff-voice.anonymous' }, address: null };

export function createStaffVoiceService({ db, clock, audit }: StaffVoiceDeps) {
  function staff(caller: Caller) {
    requirePermission(caller.principal, 'voice.take_part');
    if (caller.principal.kind !== 'staff') throw staffVoiceErrors.staffOnly();
    return caller.principal;
  }
  const userOf = (caller: Caller) => (caller.principal.kind === 'staff' ? caller.principal.userId : null);

  const surveyView = (s: repo.SurveyRow, answered: boolean) => ({
    id: s.id,
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    month: s.month,
    questions: s.questions,
    minGroupSize: s.minGroupSize,
    status: s.status,
    answered,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    closedAt: s.closedAt?.toISOString() ?? null,
  });

  const suggestionView = (s: repo.SuggestionRow, caller: Caller) => ({
    id: s.id,
    text: s.text,
    category: s.category,
    anonymous: s.anonymous,
    authorName: s.anonymous ? null : s.authorName,
    mine: !s.anonymous && s.authorUserId !== null && s.authorUserId === userOf(caller),
    status: s.status as SuggestionStatus,
    answer: s.answer,
    answeredAt: s.answeredAt?.toISOString() ?? null,
    implemented: s.implementedAt !== null,
    implementedAt: s.implementedAt?.toISOString() ?? null,
    month: s.month,
    createdOn: s.createdOn,
    version: s.version,
  });

  return {
    async surveys(caller: Caller, q: z.infer<typeof surveysQuery>) {
      requirePermission(caller.principal, 'voice.take_part');
      const r = await repo.listSurveys(db, userOf(caller), q.limit, q.offset);
      return { items: r.rows.map((x) => surveyView(x.survey, Boolean(x.answered))), total: r.total, limit: q.limit, offset: q.offset };
    },

    async createSurvey(caller: Caller, input: z.infer<typeof surveyRequest>) {
      requirePermission(caller.principal, 'voice.manage');
      const seen = new Set<string>();
      input.questions.forEach((x, i) => {
        if (seen.has(x.code)) throw staffVoiceErrors.duplicateQuestion(i);
        seen.add(x.code);
      });
      return db.transaction(async (tx) => {
        const s = await repo.insertSurvey(tx, { id: newId(), ...input, status: 'open', createdBy: actorName(caller.principal), createdAt: clock.now() });
        await audit(tx, { caller, action: 'voice.survey_create', subjectKind: 'pulse_survey', subjectId: s.id, details: { month: s.month, questions: s.questions.length, minGroupSize: s.minGroupSize } });
        return surveyView(s, false);
      });
    },

    async closeSurvey(caller: Caller, id: string, input: z.infer<typeof closeRequest>) {
      requirePermission(caller.principal, 'voice.manage');
      return db.transaction(async (tx) => {
        const s = await repo.findSurvey(tx, id, true);
        if (!s) throw staffVoiceErrors.surveyNotFound(id);
        if (s.status === 'closed') throw staffVoiceErrors.alreadyClosed();
        const done = await repo.closeSurvey(tx, id, input.version, clock.now());
        if (!done) throw staffVoiceErrors.staleSurvey(s.version);
        await audit(tx, { caller, action: 'voice.survey_close', subjectKind: 'pulse_survey', subjectId: id });
        return surveyView(done, false);
      });
    },

    /**
     * One answer per person: their participation and their answer are written apart, the answer
     * with a random id, their group (provider or headquarters, and role), no person and no time.
     */
    async answer(caller: Caller, id: string, input: z.infer<typeof responseRequest>) {
      const p = staff(caller);
      return db.transaction(async (tx) => {
        // Locked against a close in between: an answer counts only in an open survey.
        const s = await repo.findSurvey(tx, id, true);
        if (!s) throw staffVoiceErrors.surveyNotFound(id);
        if (s.status !== 'open') throw staffVoiceErrors.closed();
        const codes = new Set(s.questions.map((x) => x.code));
        for (const k of Object.keys(input.scores)) if (!codes.has(k)) throw staffVoiceErrors.unknownQuestion(k);
        for (const c of codes) if (input.scores[c] === undefined) throw staffVoiceErrors.missingAnswer(c);
        if (!(await repo.addParticipant(tx, id, p.userId))) throw staffVoiceErrors.answeredAlready();
        await repo.insertResponse(tx, { id: newId(), surveyId: id, providerId: p.providerId, role: p.role, enps: input.enps, scores: input.scores });
        return surveyView(s, true);
      });
    },

    async results(caller: Caller, id: string, q: z.infer<typeof resultsQuery>) {
      requirePermission(caller.principal, 'voice.manage');
      const s = await repo.findSurvey(db, id);
      if (!s) throw staffVoiceErrors.surveyNotFound(id);
      const f = figuresOf(await repo.responsesOf(db, [id]), s.questions.map((x) => x.code), q.by, s.minGroupSize);
      const names = q.by === 'provider' ? await networkNames(db, f.groups.map((g) => g.group).filter((g) => g !== 'hq')) : new Map<string, NetworkName>();
      const named = <G extends { group: string }>(g: G) => ({ ...g, groupName: names.get(g.group)?.name ?? null, groupNameEn: names.get(g.group)?.nameEn ?? null });
      return { surveyId: id, by: q.by, minGroupSize: f.minGroupSize, total: named(f.total), groups: f.groups.map(named) };
    },

    /**
     * A suggestion; an anonymous one keeps no author, only the day, and its audit row names no
     * person (the route skips the per-request audit row, which would).
     */
    async suggest(caller: Caller, input: z.infer<typeof suggestionRequest>) {
      const p = staff(caller);
      const now = clock.now();
      const day = chinaDay(now);
      return db.transaction(async (tx) => {
        const s = await repo.insertSuggestion(tx, {
          id: newId(),
          text: input.text,
          category: input.category,
          anonymous: input.anonymous,
          authorUserId: input.anonymous ? null : p.userId,
          authorName: input.anonymous ? null : p.username,
          providerId: input.anonymous ? null : p.providerId,
          status: 'new',
          month: day.slice(0, 7),
          createdOn: day,
        });
        await repo.insertSuggestionHistory(tx, { suggestionId: s.id, at: input.anonymous ? new Date(`${day}T00:00:00+08:00`) : now, actor: input.anonymous ? 'anonymous' : actorName(p), fromStatus: null, toStatus: 'new', answer: null });
        await audit(tx, { caller: input.anonymous ? anonymousCaller : caller, action: 'voice.suggest', subjectKind: 'suggestion', subjectId: input.anonymous ? null : s.id, details: { category: input.category, anonymous: input.anonymous } });
        return suggestionView(s, caller);
      });
    },

    async suggestions(caller: Caller, q: z.infer<typeof suggestionsQuery>) {
      requirePermission(caller.principal, 'voice.take_part');
      const mine = q.mine ? (userOf(caller) ?? '00000000-0000-0000-0000-000000000000') : undefined;
      const r = await repo.listSuggestions(db, { status: q.status, mine, limit: q.limit, offset: q.offset });
      return { items: r.rows.map((s) => suggestionView(s, caller)), total: r.total, limit: q.limit, offset: q.offset };
    },

    async suggestion(caller: Caller, id: string) {
      requirePermission(caller.principal, 'voice.take_part');
      const s = await repo.findSuggestion(db, id);
      if (!s) throw staffVoiceErrors.suggestionNotFound(id);
      const h = await repo.suggestionHistoryOf(db, id);
      return { ...suggestionView(s, caller), history: h.map((x) => ({ at: x.at.toISOString(), actor: x.actor, fromStatus: x.fromStatus, toStatus: x.toStatus, answer: x.answer })) };
    },

    /** The answer and the status (under review, accepted, not adopted, implemented), with history. */
    async answerSuggestion(caller: Caller, id: string, input: z.infer<typeof suggestionAnswerRequest>) {
      requirePermission(caller.principal, 'voice.manage');
      await db.transaction(async (tx) => {
        const s = await repo.findSuggestion(tx, id);
        if (!s) throw staffVoiceErrors.suggestionNotFound(id);
        const from = s.status as SuggestionStatus;
        if (from !== input.status && !mayMove(from, input.status)) throw staffVoiceErrors.illegalMove(from, input.status);
        if (s.version !== input.version) throw staffVoiceErrors.staleSuggestion(s.version);
        const now = clock.now();
        const done = await repo.updateSuggestionAtVersion(tx, id, input.version, { status: input.status, answer: input.answer, answeredBy: actorName(caller.principal), answeredAt: now, implementedAt: input.status === 'implemented' ? now : s.implementedAt });
        if (!done) throw staffVoiceErrors.staleSuggestion(s.version);
        await repo.insertSuggestionHistory(tx, { suggestionId: id, at: now, actor: actorName(caller.principal), fromStatus: from, toStatus: input.status, answer: input.answer });
        await audit(tx, { caller, action: 'voice.suggestion_answer', subjectKind: 'suggestion', subjectId: id, details: { from, to: input.status } });
      });
      return this.suggestion(caller, id);
    },
  };
}

export type StaffVoiceService = ReturnType<typeof createStaffVoiceService>;
