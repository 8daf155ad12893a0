// Service-standard audits: checklist templates (versioned: a used version is never changed, an
// edit makes the next one), audits by a supervisor on site, a mystery shopper or a provider's own
// self-assessment, and audits derived from what customers said in follow-ups (a job reads the
// follow-ups module's answers); each scored by the pure rules, each failed item opening a
// corrective action that its provider answers and headquarters verifies. Scores feed dispatch (a
// follower facet) and settlement (measures on the audits of an order).
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { findTechnician, networkNames, providerExists, type NetworkName } from '../network/index.js';
import { findOrder, type OrderFollower } from '../work-orders/index.js';
import { answeredFollowUpsSince } from '../follow-ups/index.js';
import * as repo from './audits.repo.js';
import { auditsErrors } from './audits.errors.js';
import {
  actionDueAt,
  actionStatusAfter,
  chinaMonth,
  followUpResult,
  gbGrading,
  grade,
  isOverdue,
  itemResult,
  scoreAudit,
  templateItems,
  templateProblems,
  type ActionStatus,
  type ActionStep,
  type AuditKind,
  type ItemResult,
  type Problem,
  type TemplateContent,
} from './audits.rules.js';
import type { actionsQuery, auditsQuery, performRequest, scoresQuery, settingsRequest, submitRequest, templateRequest, templateUpdateRequest, verifyRequest } from './audits.contract.js';

export type AuditsDeps = { db: Db; clock: Clock; audit: AuditFn };

export const OVERDUE_JOB = 'audits.overdue';
export const DERIVE_JOB = 'audits.from_follow_ups';
const jobCaller = (name: string): Caller => ({ principal: { kind: 'system', name }, address: null });
/** Answers read per run of the follow-up reader: a backlog drains over a few runs. */
const deriveBatch = 200;

const monthsBack = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};

export function createAuditsService({ db, clock, audit }: AuditsDeps) {
  const templateView = (t: repo.TemplateRow, used: boolean) => ({
    id: t.id,
    code: t.code,
    version: t.version,
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    content: t.content,
    current: t.current,
    rowVersion: t.rowVersion,
    used,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
  });

  const actionView = (a: repo.ActionRow, names: Map<string, NetworkName>) => ({
    id: a.id,
    auditId: a.auditId,
    itemCode: a.itemCode,
    itemTextZh: a.itemTextZh,
    itemTextEn: a.itemTextEn,
    providerId: a.providerId,
    providerName: a.providerId ? (names.get(a.providerId)?.name ?? null) : null,
    providerNameEn: a.providerId ? (names.get(a.providerId)?.nameEn ?? null) : null,
    technicianId: a.technicianId,
    technicianName: a.technicianId ? (names.get(a.technicianId)?.name ?? null) : null,
    technicianNameEn: a.technicianId ? (names.get(a.technicianId)?.nameEn ?? null) : null,
    status: a.status as ActionStatus,
    dueAt: a.dueAt.toISOString(),
    overdue: isOverdue({ status: a.status as ActionStatus, dueAt: a.dueAt }, clock.now()),
    correction: a.correction,
    verifiedBy: a.verifiedBy,
    verifiedAt: a.verifiedAt?.toISOString() ?? null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
  });

  async function auditView(q: Queryable, a: repo.AuditRow, names?: Map<string, NetworkName>) {
    const t = (await repo.findTemplate(q, a.templateId))!;
    const n = names ?? (await networkNames(q, [a.providerId], [a.technicianId]));
    return {
      id: a.id,
      template: { id: t.id, code: t.code, version: t.version, nameZh: t.nameZh, nameEn: t.nameEn },
      kind: a.kind,
      providerId: a.providerId,
      providerName: a.providerId ? (n.get(a.providerId)?.name ?? null) : null,
      providerNameEn: a.providerId ? (n.get(a.providerId)?.nameEn ?? null) : null,
      technicianId: a.technicianId,
      technicianName: a.technicianId ? (n.get(a.technicianId)?.name ?? null) : null,
      technicianNameEn: a.technicianId ? (n.get(a.technicianId)?.nameEn ?? null) : null,
      orderId: a.orderId,
      month: a.month,
      score: a.score,
      passed: a.passed,
      stars: a.stars,
      sections: a.sections,
      findings: a.findings,
      note: a.note,
      sourceRef: a.sourceRef,
      auditedBy: a.auditedBy,
      auditedAt: a.auditedAt.toISOString(),
    };
  }

  async function auditDetail(q: Queryable, a: repo.AuditRow) {
    const actions = await repo.actionsOfAudit(q, a.id);
    const names = await networkNames(q, [a.providerId], [a.technicianId]);
    return { ...(await auditView(q, a, names)), actions: actions.map((x) => actionView(x, names)) };
  }

  /**
   * Writes a scored audit and the corrective action of each failed item (one transaction). Returns
   * undefined when an audit of the same source exists (a derived audit is made once).
   */
  async function record(
    tx: Tx,
    caller: Caller,
    t: repo.TemplateRow,
    a: { kind: AuditKind; providerId: string | null; technicianId: string | null; orderId: string | null; findings: repo.AuditRow['findings']; note: string | null; sourceRef: string | null },
  ) {
    const at = clock.now();
    const results = new Map<string, ItemResult>(a.findings.map((f) => [f.itemCode, f.result]));
    const scored = scoreAudit(t.content, results);
    const made = await repo.insertAudit(tx, {
      id: newId(),
      templateId: t.id,
      kind: a.kind,
      providerId: a.providerId,
      technicianId: a.technicianId,
      orderId: a.orderId,
      month: chinaMonth(at),
      findings: a.findings,
      score: scored.score,
      passed: scored.passed,
      stars: scored.stars,
      sections: scored.sections,
      note: a.note,
      sourceRef: a.sourceRef,
      auditedBy: actorName(caller.principal),
      auditedAt: at,
    });
    if (!made) return undefined;
    const failed = templateItems(t.content).filter(({ item }) => results.get(item.code) === 'fail');
    const actions = await repo.insertActions(
      tx,
      failed.map(({ item }) => ({
        id: newId(),
        auditId: made.id,
        itemCode: item.code,
        itemTextZh: item.textZh,
        itemTextEn: item.textEn,
        providerId: a.providerId,
        technicianId: a.technicianId,
        status: 'open',
        dueAt: actionDueAt(at, item, t.content.dueDays),
        createdAt: at,
      })),
    );
    await repo.insertActionHistory(tx, actions.map((x) => ({ actionId: x.id, at, actor: actorName(caller.principal), action: 'opened', fromStatus: null, toStatus: 'open', note: `${made.kind} ${made.id}` })));
    await audit(tx, { caller, action: 'audits.perform', subjectKind: 'service_audit', subjectId: made.id, details: { kind: a.kind, templateId: t.id, score: scored.score, passed: scored.passed, stars: scored.stars, actions: actions.length, sourceRef: a.sourceRef } });
    return made;
  }

  /** The provider and technician audited: from the order when there is one (and what was named must match it), else as named. */
  async function subjectOf(q: Queryable, input: { providerId?: string; technicianId?: string; orderId?: string }) {
    let providerId = input.providerId ?? null;
    let technicianId = input.technicianId ?? null;
    if (input.orderId) {
      const o = await findOrder(q, input.orderId);
      if (!o) throw auditsErrors.orderNotFound();
      if (providerId && o.providerId !== providerId) throw auditsErrors.mismatch('providerId');
      if (technicianId && o.technicianId !== technicianId) throw auditsErrors.mismatch('technicianId');
      providerId = o.providerId;
      technicianId = o.technicianId;
    }
    if (technicianId) {
      const tech = await findTechnician(q, technicianId);
      if (!tech) throw auditsErrors.technicianNotFound();
      if (providerId && tech.providerId !== providerId) throw auditsErrors.mismatch('technicianId');
      providerId = tech.providerId;
    }
    if (providerId && !input.orderId && !input.technicianId && !(await providerExists(q, providerId))) throw auditsErrors.providerNotFound();
    return { providerId, technicianId, orderId: input.orderId ?? null };
  }

  /** The findings against the template: one per item, each giving a result; problems name the finding (or the missing item). */
  function findingsFor(content: TemplateContent, input: z.infer<typeof performRequest>['findings']): repo.AuditRow['findings'] {
    const problems: Problem[] = [];
    const items = new Map(templateItems(content).map(({ item }) => [item.code, item]));
    const byCode = new Map<string, (typeof input)[number]>();
    input.forEach((f, i) => {
      if (!items.has(f.itemCode)) problems.push({ path: `findings.${i}.itemCode`, en: 'not an item of the template', zh: '不是该模板的检查项' });
      else if (byCode.has(f.itemCode)) problems.push({ path: `findings.${i}.itemCode`, en: 'this item has a finding already', zh: '该检查项重复填写' });
      byCode.set(f.itemCode, f);
    });
    const out: repo.AuditRow['findings'] = [];
    for (const [code, item] of items) {
      const f = byCode.get(code);
      const r = itemResult(item, f);
      if (typeof r === 'object') {
        const i = input.findIndex((x) => x.itemCode === code);
        problems.push({ path: i < 0 ? 'findings' : `findings.${i}`, en: `${code}: ${r.problem.en}`, zh: `${code}：${r.problem.zh}` });
        continue;
      }
      out.push({ itemCode: code, result: r, ...(f?.value !== undefined ? { value: f.value } : {}), ...(f?.photoId ? { photoId: f.photoId } : {}), ...(f?.note ? { note: f.note } : {}) });
    }
    if (problems.length) throw auditsErrors.problems(problems);
    return out;
  }

  async function stepAction(caller: Caller, id: string, version: number, step: ActionStep, patch: (a: repo.ActionRow) => Partial<repo.ActionRow>, note: string | null) {
    return db.transaction(async (tx) => {
      const scope = providerScope(caller.principal);
      const a = await repo.findAction(tx, id, repo.actionVisible(scope));
      if (!a) throw auditsErrors.actionNotFound(id);
      if (step === 'submit' && scope.kind !== 'all' && !(scope.kind === 'provider' && scope.providerId === a.providerId)) throw auditsErrors.ownerOnly();
      if (step !== 'submit' && scope.kind !== 'all') throw auditsErrors.notTheVerifier();
      const to = actionStatusAfter(a.status as ActionStatus, step);
      if (!to) throw auditsErrors.illegalStep(a.status as ActionStatus, step);
      if (a.version !== version) throw auditsErrors.staleAction(a.version);
      const done = await repo.updateActionAtVersion(tx, id, version, { status: to, ...patch(a) });
      if (!done) throw auditsErrors.staleAction(a.version);
      const actor = actorName(caller.principal);
      await repo.insertActionHistory(tx, [{ actionId: id, at: clock.now(), actor, action: step, fromStatus: a.status, toStatus: to, note }]);
      await audit(tx, { caller, action: `audits.action_${step}`, subjectKind: 'corrective_action', subjectId: id, details: { from: a.status, to } });
      return actionDetail(tx, done);
    });
  }

  async function actionDetail(q: Queryable, a: repo.ActionRow) {
    const names = await networkNames(q, [a.providerId], [a.technicianId]);
    const history = await repo.actionHistory(q, a.id);
    return { ...actionView(a, names), history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, note: h.note })) };
  }

  const settingsView = (s: repo.SettingsRow) => ({ dispatchWeight: s.dispatchWeight, standingDays: s.standingDays, version: s.version, updatedBy: s.updatedBy, updatedAt: s.updatedAt.toISOString() });

  /** Dispatch asks it (a follower facet): each provider's recent mean audit score and the weight it carries. */
  const orderFollower: OrderFollower = {
    name: 'audits',
    providerStanding: async (q, providerIds) => {
      const s = await repo.settings(q);
      if (s.dispatchWeight <= 0) return { weight: 0, scores: new Map(), mean: null };
      const r = await repo.providerStanding(q, providerIds, new Date(clock.now().getTime() - s.standingDays * 86_400_000));
      return { weight: s.dispatchWeight, ...r };
    },
  };

  return {
    orderFollower,

    async templates(caller: Caller) {
      requirePermission(caller.principal, 'audits.read');
      const rows = await repo.currentTemplates(db);
      return { items: await Promise.all(rows.map(async (t) => templateView(t, await repo.templateUsed(db, t.id)))) };
    },

    async template(caller: Caller, id: string) {
      requirePermission(caller.principal, 'audits.read');
      const t = await repo.findTemplate(db, id);
      if (!t) throw auditsErrors.templateNotFound(id);
      const versions = await repo.templateVersions(db, t.code);
      return { ...templateView(t, await repo.templateUsed(db, t.id)), versions: versions.map((v) => ({ id: v.id, version: v.version, current: v.current, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy })) };
    },

    async createTemplate(caller: Caller, input: z.infer<typeof templateRequest>) {
      requirePermission(caller.principal, 'audits.manage');
      const problems = templateProblems(input.content);
      if (problems.length) throw auditsErrors.problems(problems);
      return db.transaction(async (tx) => {
        const made = await repo.insertTemplate(tx, { id: newId(), code: input.code, version: 1, nameZh: input.nameZh, nameEn: input.nameEn, content: input.content, current: true, createdBy: actorName(caller.principal), createdAt: clock.now() });
        if (!made) throw auditsErrors.codeTaken();
        await audit(tx, { caller, action: 'audits.template_create', subjectKind: 'audit_template', subjectId: made.id, details: { code: made.code } });
        return templateView(made, false);
      });
    },

    /**
     * Edits the current version: in place while no audit used it; once used, the edit is the next
     * version (the used one stays as it was, no longer current). Only the current version is edited.
     */
    async updateTemplate(caller: Caller, id: string, input: z.infer<typeof templateUpdateRequest>) {
      requirePermission(caller.principal, 'audits.manage');
      const problems = templateProblems(input.content);
      if (problems.length) throw auditsErrors.problems(problems);
      return db.transaction(async (tx) => {
        const t = await repo.findTemplate(tx, id, true);
        if (!t) throw auditsErrors.templateNotFound(id);
        if (!t.current) throw auditsErrors.notCurrent();
        if (t.rowVersion !== input.rowVersion) throw auditsErrors.staleTemplate(t.rowVersion);
        const patch = { nameZh: input.nameZh, nameEn: input.nameEn, content: input.content };
        if (!(await repo.templateUsed(tx, id))) {
          const done = await repo.updateTemplateAtVersion(tx, id, input.rowVersion, patch);
          if (!done) throw auditsErrors.staleTemplate(t.rowVersion);
          await audit(tx, { caller, action: 'audits.template_edit', subjectKind: 'audit_template', subjectId: id, details: { code: t.code, version: t.version } });
          return templateView(done, false);
        }
        await repo.retireCurrent(tx, t.code);
        const made = (await repo.insertTemplate(tx, { id: newId(), code: t.code, version: t.version + 1, ...patch, current: true, createdBy: actorName(caller.principal), createdAt: clock.now() }))!;
        await audit(tx, { caller, action: 'audits.template_version', subjectKind: 'audit_template', subjectId: made.id, details: { code: t.code, version: made.version, previous: t.id } });
        return templateView(made, false);
      });
    },

    /**
     * An audit performed by a person: a supervisor on site, a mystery shopper's findings, or a
     * self-assessment (headquarters of the company or a provider; a provider's admin of their own).
     */
    async perform(caller: Caller, input: z.infer<typeof performRequest>) {
      requirePermission(caller.principal, 'audits.perform');
      const scope = providerScope(caller.principal);
      if (scope.kind !== 'all' && !(scope.kind === 'provider' && input.kind === 'self_assessment' && (input.providerId ?? scope.providerId) === scope.providerId && !input.orderId && !input.technicianId)) throw auditsErrors.notOurs();
      return db.transaction(async (tx) => {
        const t = await repo.findTemplate(tx, input.templateId);
        if (!t) throw auditsErrors.templateNotFound(input.templateId);
        if (!t.current) throw auditsErrors.notCurrent();
        const subject = await subjectOf(tx, scope.kind === 'provider' ? { providerId: scope.providerId } : input);
        if (input.kind !== 'self_assessment' && !subject.providerId && !subject.technicianId) throw auditsErrors.needsSubject();
        const findings = findingsFor(t.content, input.findings);
        const made = (await record(tx, caller, t, { kind: input.kind, ...subject, findings, note: input.note ?? null, sourceRef: null }))!;
        return auditDetail(tx, made);
      });
    },

    /**
     * The follow-up reader (a job): each answered survey or call since the last run becomes an audit
     * of the visit on every current template with items decided by follow-up answers ("the site was
     * left dirty" fails "site cleaned"); the rest of the items are not applicable. Made once per
     * answer and template (the unique source), whichever server copy runs it.
     */
    async deriveFromFollowUps(): Promise<number> {
      const caller = jobCaller(DERIVE_JOB);
      return db.transaction(async (tx) => {
        const s = await repo.settings(tx, true);
        const answers = await answeredFollowUpsSince(tx, s.followUpCursor ?? new Date(0), deriveBatch);
        const templates = (await repo.currentTemplates(tx)).filter((t) => templateItems(t.content).some(({ item }) => item.fromFollowUp));
        let made = 0;
        for (const a of answers) {
          const order = await findOrder(tx, a.orderId);
          if (!order?.providerId && !order?.technicianId) continue;
          for (const t of templates) {
            const findings = templateItems(t.content).map(({ item }) => ({ itemCode: item.code, result: followUpResult(item, a.answers) ?? ('na' as const) }));
            if (findings.every((f) => f.result === 'na')) continue;
            const done = await record(tx, caller, t, { kind: 'follow_up', providerId: order.providerId, technicianId: order.technicianId, orderId: order.id, findings, note: null, sourceRef: `${t.code}:${a.ref}` });
            if (done) made++;
          }
        }
        const last = answers.at(-1);
        if (last) await repo.updateSettings(tx, { followUpCursor: last.at });
        return made;
      });
    },

    async list(caller: Caller, q: z.infer<typeof auditsQuery>) {
      requirePermission(caller.principal, 'audits.read');
      const r = await repo.listAudits(db, q, repo.auditVisible(providerScope(caller.principal)));
      const names = await networkNames(db, r.rows.map((a) => a.providerId), r.rows.map((a) => a.technicianId));
      return { items: await Promise.all(r.rows.map((a) => auditView(db, a, names))), total: r.total, limit: q.limit, offset: q.offset };
    },

    async get(caller: Caller, id: string) {
      requirePermission(caller.principal, 'audits.read');
      const a = await repo.findAudit(db, id, repo.auditVisible(providerScope(caller.principal)));
      if (!a) throw auditsErrors.auditNotFound(id);
      return auditDetail(db, a);
    },

    /** Scores per provider or technician and month (the caller's own only, outside headquarters); stars by the GB/T 27922 bands. */
    async scores(caller: Caller, q: z.infer<typeof scoresQuery>) {
      requirePermission(caller.principal, 'audits.read');
      const to = q.to ?? chinaMonth(clock.now());
      const from = q.from ?? monthsBack(to, 11);
      const rows = await repo.auditScores(db, { level: q.level, fromMonth: from, toMonth: to, key: q.key }, repo.auditVisible(providerScope(caller.principal)));
      const names = await networkNames(db, q.level === 'provider' ? rows.map((r) => r.key) : [], q.level === 'technician' ? rows.map((r) => r.key) : []);
      return { level: q.level, from, to, rows: rows.map((r) => ({ ...r, name: names.get(r.key)?.name ?? null, nameEn: names.get(r.key)?.nameEn ?? null, stars: grade(gbGrading, r.averageScore).stars })) };
    },

    async actions(caller: Caller, q: z.infer<typeof actionsQuery>) {
      requirePermission(caller.principal, 'audits.read');
      const r = await repo.listActions(db, q, repo.actionVisible(providerScope(caller.principal)), clock.now());
      const names = await networkNames(db, r.rows.map((a) => a.providerId), r.rows.map((a) => a.technicianId));
      return { items: r.rows.map((a) => actionView(a, names)), total: r.total, limit: q.limit, offset: q.offset };
    },

    async action(caller: Caller, id: string) {
      requirePermission(caller.principal, 'audits.read');
      const a = await repo.findAction(db, id, repo.actionVisible(providerScope(caller.principal)));
      if (!a) throw auditsErrors.actionNotFound(id);
      return actionDetail(db, a);
    },

    /** The provider reports what it put right. */
    async submit(caller: Caller, id: string, input: z.infer<typeof submitRequest>) {
      requirePermission(caller.principal, 'audits.correct');
      return stepAction(caller, id, input.version, 'submit', () => ({ correction: input.correction }), input.correction);
    },

    /** Headquarters checks the correction: verified closes the action, rejected sends it back. */
    async verify(caller: Caller, id: string, input: z.infer<typeof verifyRequest>) {
      requirePermission(caller.principal, 'audits.verify');
      const step = input.outcome === 'verified' ? 'verify' : 'reject';
      return stepAction(caller, id, input.version, step, () => (step === 'verify' ? { verifiedBy: actorName(caller.principal), verifiedAt: clock.now() } : {}), input.note ?? null);
    },

    /** The overdue job: each action past due is marked once, with its history row. */
    async markOverdue(): Promise<number> {
      return db.transaction((tx) => repo.markOverdue(tx, clock.now(), actorName(jobCaller(OVERDUE_JOB).principal)));
    },

    async settings(caller: Caller) {
      requirePermission(caller.principal, 'audits.read');
      return settingsView(await repo.settings(db));
    },

    async updateSettings(caller: Caller, input: z.infer<typeof settingsRequest>) {
      requirePermission(caller.principal, 'audits.manage');
      return db.transaction(async (tx) => {
        const current = await repo.settings(tx, true);
        if (current.version !== input.version) throw auditsErrors.staleSettings(current.version);
        const done = (await repo.updateSettings(tx, { dispatchWeight: input.dispatchWeight, standingDays: input.standingDays, updatedBy: actorName(caller.principal), updatedAt: clock.now() }, input.version))!;
        await audit(tx, { caller, action: 'audits.settings', subjectKind: 'audit_settings', subjectId: '1', details: { dispatchWeight: input.dispatchWeight, standingDays: input.standingDays } });
        return settingsView(done);
      });
    },
  };
}

export type AuditsService = ReturnType<typeof createAuditsService>;
