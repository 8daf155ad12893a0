// Follow-up (回访) as work: a task per confirmed order by policy (the follower), a queue soonest due
// first, call attempts at different times of day outside quiet hours, outcomes that move the order
// (followed up, redo) and keep what the customer said (answers with the script version, a lead, a
// correction, "nobody came"), and the customer's own survey through a signed one-time link: one
// per order, ever, and a wait between surveys of one customer. Every change is a history row.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { enqueueMessage } from '../notifications/index.js';
import { addBusinessTime, cnNationalCalendar, compileCalendar } from '../promises/index.js';
import { findOrder, orderInScopeSql, type OrderFollower, type OrderRow, type WorkOrdersService } from '../work-orders/index.js';
import type { NetworkService } from '../network/index.js';
import * as repo from './follow-ups.repo.js';
import { followUpErrors } from './follow-ups.errors.js';
import { readSurveyLink, signSurveyLink } from './follow-ups.links.js';
import { answerProblems, dayPartAt, legacySatisfaction, outcomeNames, policyFor, rate, surveyWaitUntil, unreachable, type Outcome, type ScriptQuestion } from './follow-ups.rules.js';
import type { attemptRequest, PortalSurveyView, policyRequest, policyView, ratesQuery, scriptRequest, sendSurveyRequest, surveyAnswerRequest, TaskView } from './follow-ups.contract.js';

export type FollowUpsDeps = {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  workOrders: WorkOrdersService;
  network: NetworkService;
  linkKey: string;
  publicUrl: string;
  /** Days between two surveys of one customer (AFTERCARE_SURVEY_WAIT_DAYS). */
  surveyWaitDays?: number;
};

export const defaultSurveyWaitDays = 7;
const surveyLinkTtlMs = 7 * 86_400_000;
/** The follow-up desk keeps office hours on the national calendar (working days moved for holidays). */
const deskCalendar = compileCalendar(cnNationalCalendar());
const companyZone = 'Asia/Shanghai';

export function createFollowUpsService(deps: FollowUpsDeps) {
  const { db, clock } = deps;
  const waitDays = deps.surveyWaitDays ?? defaultSurveyWaitDays;
  const visible = (caller: Caller): repo.OrderCondition => (orderId) => orderInScopeSql(orderScope(caller.principal), orderId);

  const history = (q: Queryable, t: repo.TaskRow, actor: string, action: string, changes: Record<string, unknown>) =>
    repo.insertHistory(q, { taskId: t.id, orderId: t.orderId, at: clock.now(), actor, action, changes });

  async function view(q: Queryable, t: repo.TaskRow): Promise<TaskView> {
    const order = await findOrder(q, t.orderId);
    const script = t.scriptId ? await repo.scriptById(q, t.scriptId) : await repo.currentScript(q, t.orderKind);
    const survey = await repo.surveyOfOrder(q, t.orderId);
    const now = clock.now();
    return {
      id: t.id,
      orderId: t.orderId,
      orderNumber: order?.number ?? '',
      orderKind: t.orderKind,
      customerId: t.customerId,
      providerId: t.providerId,
      status: t.status,
      outcome: t.outcome,
      outcomeName: t.outcome ? outcomeNames[t.outcome] : null,
      dueAt: t.dueAt.toISOString(),
      overdue: t.status === 'open' && t.dueAt.getTime() < now.getTime(),
      timeZone: t.timeZone,
      dayPartNow: dayPartAt(now, t.timeZone),
      maxAttempts: t.maxAttempts,
      attempts: (await repo.attemptsOf(q, t.id)).map((a) => ({ at: a.at.toISOString(), result: a.result, dayPart: a.dayPart, actor: a.actor, note: a.note })),
      script: script ? scriptOut(script) : null,
      scriptVersion: t.scriptVersion,
      answers: t.answers,
      lead: t.lead,
      correction: t.correction,
      survey: survey ? { channel: survey.channel, status: survey.status, sentAt: survey.sentAt.toISOString(), answeredAt: survey.answeredAt?.toISOString() ?? null } : null,
      closedAt: t.closedAt?.toISOString() ?? null,
      closedBy: t.closedBy,
      version: t.version,
    };
  }

  const scriptOut = (s: repo.ScriptRow) => ({ id: s.id, orderKind: s.orderKind, version: s.version, questions: s.questions, createdAt: s.createdAt.toISOString(), createdBy: s.createdBy });

  async function taskFor(q: Queryable, caller: Caller, id: string) {
    const t = await repo.findTask(q, id, visible(caller));
    if (!t) throw followUpErrors.notFound(id);
    return t;
  }

  /** The customer's zone: the zone of the provider serving the order. */
  async function zoneOf(q: Queryable, o: OrderRow) {
    const provider = o.providerId ? await deps.network.providerById(q, o.providerId) : undefined;
    return provider?.timeZone ?? companyZone;
  }

  /** At confirmation (the follower, in the order's transaction): a task when the policy and its sample say so; a redo's new confirmation reopens it. */
  async function onConfirmed(tx: Tx, o: OrderRow) {
    const now = clock.now();
    const existing = await repo.taskOfOrder(tx, o.id);
    if (existing) {
      if (existing.status !== 'closed' || existing.outcome !== 'not_fixed_redo') return;
      const hours = (await repo.activePolicies(tx)).find((p) => p.id === existing.policyId)?.dueBusinessHours ?? 24;
      const dueAt = addBusinessTime(deskCalendar, now, hours * 3_600_000);
      const reopened = await repo.updateTaskAtVersion(tx, existing.id, existing.version, { status: 'open', outcome: null, closedAt: null, closedBy: null, dueAt });
      if (reopened) await history(tx, reopened, 'system:follow-ups', 'reopened', { status: { from: 'closed', to: 'open' }, dueAt: dueAt.toISOString() });
      return;
    }
    const chosen = policyFor(await repo.activePolicies(tx), { id: o.id, kind: o.kind, customerTier: o.customerTier, providerId: o.providerId });
    if (!chosen?.sampled) return;
    const p = chosen.policy;
    const script = await repo.currentScript(tx, o.kind);
    const made = await repo.insertTask(tx, {
      id: newId(),
      orderId: o.id,
      customerId: o.customerId,
      providerId: o.providerId,
      orderKind: o.kind,
      policyId: p.id,
      timeZone: await zoneOf(tx, o),
      status: 'open',
      dueAt: addBusinessTime(deskCalendar, now, p.dueBusinessHours * 3_600_000),
      maxAttempts: p.maxAttempts,
      onUnreachable: p.onUnreachable,
      scriptId: script?.id ?? null,
      createdAt: now,
    });
    if (made) await history(tx, made, 'system:follow-ups', 'created', { policyId: p.id, policy: p.name, samplePercent: p.samplePercent, dueAt: made.dueAt.toISOString() });
  }

  async function followedUpByHand(tx: Tx, o: OrderRow, actor: string) {
    const t = await repo.taskOfOrder(tx, o.id);
    if (!t || t.status !== 'open') return;
    const done = await repo.updateTaskAtVersion(tx, t.id, t.version, { status: 'closed', outcome: 'satisfied', closedAt: clock.now(), closedBy: actor, answers: o.followUp });
    if (done) await history(tx, done, actor, 'closed', { status: { from: 'open', to: 'closed' }, outcome: 'satisfied', by: 'order_form' });
  }

  /** Sends the order's one survey (SMS link or portal), after the wait since the customer's last one. */
  async function sendSurvey(tx: Tx, o: OrderRow, taskId: string | null, channel: 'sms' | 'portal', actor: string) {
    await repo.lockCustomerSurveys(tx, o.customerId);
    if (await repo.surveyOfOrder(tx, o.id)) throw followUpErrors.surveyExists();
    const now = clock.now();
    const until = surveyWaitUntil(await repo.lastSurveySentAt(tx, o.customerId), now, waitDays);
    if (until) throw followUpErrors.surveyWait(until.toISOString());
    const nonce = randomBytes(12).toString('base64url');
    const expiresAt = new Date(now.getTime() + surveyLinkTtlMs);
    const made = await repo.insertSurvey(tx, { id: newId(), orderId: o.id, customerId: o.customerId, taskId, channel, status: 'sent', nonce, sentAt: now, expiresAt, sentBy: actor });
    if (!made) throw followUpErrors.surveyExists();
    const token = signSurveyLink(deps.linkKey, { k: 'survey', id: made.id, n: nonce, exp: expiresAt.getTime() });
    if (channel === 'sms') {
      const url = `${deps.publicUrl.replace(/\/$/, '')}/survey#${token}`;
      await enqueueMessage(tx, clock, {
        channel: 'sms',
        recipient: o.contactPhone,
        customerId: o.customerId,
        template: 'survey_link',
        bodyZh: `【售后服务】您的工单 ${o.number} 已完成，请花一分钟评价本次服务：${url} （7天内有效）`,
        bodyEn: `[Aftercare] Your order ${o.number} is done. Please take a minute to rate the service: ${url} (valid for 7 days)`,
        subject: { kind: 'work_order', id: o.id },
        timeZone: await zoneOf(tx, o),
      });
    }
    return { survey: made, token };
  }

  async function close(tx: Tx, t: repo.TaskRow, outcome: Outcome, actor: string, patch: Partial<repo.TaskRow> = {}) {
    const now = clock.now();
    const done = await repo.updateTaskAtVersion(tx, t.id, t.version, { ...patch, status: 'closed', outcome, closedAt: now, closedBy: actor });
    if (!done) throw followUpErrors.staleVersion(t.version + 1);
    await history(tx, done, actor, 'closed', { status: { from: 'open', to: 'closed' }, outcome });
    return done;
  }

  /** The order's follow-up form, as work orders kept it, with what the task adds (a superset). */
  async function recordOnOrder(tx: Tx, caller: Caller, orderId: string, form: Record<string, unknown>) {
    const o = await findOrder(tx, orderId);
    if (!o || o.status !== 'confirmed') return;
    await deps.workOrders.performIn(tx, caller, orderId, 'follow_up', { version: o.version, ...form } as never);
  }

  async function outcomeOf(tx: Tx, caller: Caller, t: repo.TaskRow, input: z.infer<typeof attemptRequest>, actor: string) {
    const script = t.scriptId ? await repo.scriptById(tx, t.scriptId) : await repo.currentScript(tx, t.orderKind);
    const problems = answerProblems((script?.questions ?? []) as ScriptQuestion[], input.answers);
    if (problems.length) throw followUpErrors.answers(problems);
    const level = input.satisfaction ?? (input.outcome === 'fixed' ? 'satisfied' : 'dissatisfied');
    const kept = {
      scriptId: script?.id ?? null,
      scriptVersion: script?.version ?? null,
      answers: { ...input.answers, satisfaction: level, ...(input.attitude ? { attitude: input.attitude } : {}), ...(input.skill ? { skill: input.skill } : {}) },
      lead: input.lead ? { kind: input.lead.kind, note: input.lead.note ?? null } : null,
      correction: input.correction ?? null,
    };
    const defaultScore = level === 'satisfied' ? 5 : level === 'neutral' ? 3 : 1;
    const form = (outcome: Outcome, fixed: boolean) => ({
      satisfaction: legacySatisfaction(level),
      attitude: input.attitude ?? defaultScore,
      skill: input.skill ?? defaultScore,
      fixedFirstTime: fixed,
      repeatVisit: false,
      ...(input.note ? { comment: input.note } : {}),
      // What the follow-up task adds to the form (fraud signals read answerCode).
      source: 'follow_up_task',
      taskId: t.id,
      outcome,
      answerCode: outcome === 'nobody_came' ? 'nobody_came' : fixed ? 'fixed' : 'not_fixed',
      scriptVersion: kept.scriptVersion,
      ...(kept.lead ? { lead: kept.lead } : {}),
      ...(kept.correction ? { correction: kept.correction } : {}),
    });
    let outcome: Outcome;
    if (input.outcome === 'fixed') {
      outcome = 'satisfied';
      await recordOnOrder(tx, caller, t.orderId, form(outcome, true));
    } else if (input.outcome === 'nobody_came') {
      outcome = 'nobody_came';
      await recordOnOrder(tx, caller, t.orderId, form(outcome, false));
    } else if (input.notFixedAction === 'complaint') {
      outcome = 'complaint';
      await recordOnOrder(tx, caller, t.orderId, form(outcome, false));
    } else {
      outcome = 'not_fixed_redo';
      const o = await findOrder(tx, t.orderId);
      if (o && ['work_done', 'confirmed', 'followed_up'].includes(o.status)) await deps.workOrders.performIn(tx, caller, t.orderId, 'redo', { version: o.version, reason: `回访：客户说未修好 / follow-up: the customer says it is not fixed${input.note ? ` — ${input.note}` : ''}` });
    }
    return close(tx, t, outcome, actor, kept);
  }

  return {
    orderFollower: {
      name: 'follow-ups',
      stepped: async (tx, _before, after, action, caller) => {
        if (action === 'confirm') await onConfirmed(tx, after);
        // The order's form filled in by hand (not by a task's call): the task is done with it.
        if (action === 'follow_up' && after.followUp?.source !== 'follow_up_task') await followedUpByHand(tx, after, actorName(caller.principal));
      },
    } satisfies OrderFollower,

    async queue(caller: Caller, s: { limit: number; offset: number }) {
      requirePermission(caller.principal, 'followups.read');
      const { rows, total } = await repo.openQueue(db, visible(caller), s.limit, s.offset);
      const items = [];
      for (const r of rows) items.push(await view(db, r));
      return { items, total, limit: s.limit, offset: s.offset };
    },

    async get(caller: Caller, id: string) {
      requirePermission(caller.principal, 'followups.read');
      const t = await taskFor(db, caller, id);
      const h = await repo.historyOf(db, t.id);
      return { ...(await view(db, t)), history: h.map((x) => ({ at: x.at.toISOString(), actor: x.actor, action: x.action, changes: x.changes })) };
    },

    async ofOrder(caller: Caller, orderId: string) {
      requirePermission(caller.principal, 'followups.read');
      const o = await findOrder(db, orderId, orderInScopeSql(orderScope(caller.principal), orderId as never));
      const t = o ? await repo.taskOfOrder(db, o.id) : undefined;
      if (!t) throw followUpErrors.notFound(orderId);
      return this.get(caller, t.id);
    },

    /** One call attempt: its result, and when reached what the customer said. */
    async attempt(caller: Caller, id: string, input: z.infer<typeof attemptRequest>) {
      requirePermission(caller.principal, 'followups.call');
      const actor = actorName(caller.principal);
      const done = await db.transaction(async (tx) => {
        const t = await taskFor(tx, caller, id);
        if (t.status !== 'open') throw followUpErrors.closed();
        if (t.version !== input.version) throw followUpErrors.staleVersion(t.version);
        const now = clock.now();
        const dayPart = dayPartAt(now, t.timeZone);
        if (dayPart === 'quiet') throw followUpErrors.quietHours(t.timeZone);
        await repo.insertAttempt(tx, { taskId: t.id, at: now, result: input.result, dayPart, actor, note: input.note ?? null });
        await history(tx, t, actor, 'attempt', { result: input.result, dayPart });
        if (input.result === 'reached') return outcomeOf(tx, caller, t, input, actor);
        if (input.result === 'refused') return close(tx, t, 'refused', actor);
        const failed = (await repo.attemptsOf(tx, t.id)).filter((a) => a.result !== 'reached');
        if (!unreachable(failed, t.maxAttempts)) {
          const bumped = await repo.updateTaskAtVersion(tx, t.id, t.version, {});
          if (!bumped) throw followUpErrors.staleVersion(t.version + 1);
          return bumped;
        }
        if (t.onUnreachable === 'sms_survey' && input.result !== 'wrong_number') {
          const o = await findOrder(tx, t.orderId);
          // A survey the order had, or one too soon after the customer's last, leaves the task unreachable.
          const sent = o ? await sendSurvey(tx, o, t.id, 'sms', actor).catch((e: unknown) => (e instanceof Error && 'code' in e && ['survey_exists', 'survey_wait'].includes((e as { code: string }).code) ? null : Promise.reject(e))) : null;
          if (sent) return close(tx, t, 'survey_sent', actor);
        }
        return close(tx, t, 'unreachable', actor);
      });
      return this.get(caller, done.id);
    },

    /** A survey for the task's order sent by hand (SMS link or the portal). */
    async sendSurvey(caller: Caller, id: string, input: z.infer<typeof sendSurveyRequest>) {
      requirePermission(caller.principal, 'followups.call');
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const t = await taskFor(tx, caller, id);
        const o = (await findOrder(tx, t.orderId))!;
        const { survey } = await sendSurvey(tx, o, t.id, input.channel, actor);
        await history(tx, t, actor, 'survey_sent', { channel: input.channel, surveyId: survey.id });
        await deps.audit(tx, { caller, action: 'followups.survey_sent', subjectKind: 'work_order', subjectId: o.id, details: { channel: input.channel } });
        return { surveyId: survey.id, orderId: o.id, channel: survey.channel, sentAt: survey.sentAt.toISOString(), expiresAt: survey.expiresAt.toISOString() };
      });
    },

    /** For tests and the system: send the order's survey outside a task (the token is the link's). */
    async sendOrderSurvey(caller: Caller, orderId: string, channel: 'sms' | 'portal') {
      requirePermission(caller.principal, 'followups.call');
      return db.transaction(async (tx) => {
        const o = await findOrder(tx, orderId, orderInScopeSql(orderScope(caller.principal), orderId as never));
        if (!o) throw followUpErrors.notFound(orderId);
        const { survey, token } = await sendSurvey(tx, o, null, channel, actorName(caller.principal));
        return { surveyId: survey.id, token };
      });
    },

    /** The customer's open survey of their own order, with its one-time link's token (the portal opens the survey page with it). */
    async portalSurvey(caller: Caller, orderId: string): Promise<PortalSurveyView> {
      const o = await findOrder(db, orderId, orderInScopeSql(orderScope(caller.principal), orderId as never));
      if (!o) throw followUpErrors.notFound(orderId);
      // Staff never hold a customer's link (an unknown order is a 404 for everyone, as elsewhere).
      if (caller.principal.kind !== 'customer') throw followUpErrors.notYours();
      const s = await repo.surveyOfOrder(db, o.id);
      const open = s && s.status === 'sent' && s.nonce && s.expiresAt > clock.now();
      return {
        orderNumber: o.number,
        survey: open ? { expiresAt: s.expiresAt.toISOString(), token: signSurveyLink(deps.linkKey, { k: 'survey', id: s.id, n: s.nonce!, exp: s.expiresAt.getTime() }) } : null,
      };
    },

    async linkView(token: string) {
      const s = await linkSurvey(db, token, false);
      const o = (await findOrder(db, s.orderId))!;
      return { orderNumber: o.number, orderKind: o.kind, status: s.status, expiresAt: s.expiresAt.toISOString(), answeredAt: s.answeredAt?.toISOString() ?? null };
    },

    /** The customer's answer through the link: once; the second (also two at once) is refused. */
    async linkAnswer(token: string, input: z.infer<typeof surveyAnswerRequest>) {
      return db.transaction(async (tx) => {
        const s = await linkSurvey(tx, token, true);
        const done = await repo.answerSurvey(tx, s.id, s.nonce!, clock.now(), input);
        if (!done) throw followUpErrors.linkBad('used');
        const o = (await findOrder(tx, s.orderId))!;
        const t = await repo.taskOfOrder(tx, s.orderId);
        if (t) await history(tx, t, `customer:${s.customerId}`, 'survey_answered', { channel: s.channel, satisfaction: input.satisfaction, nps: input.nps });
        return { orderNumber: o.number, orderKind: o.kind, status: done.status, expiresAt: done.expiresAt.toISOString(), answeredAt: done.answeredAt?.toISOString() ?? null };
      });
    },

    /** Response rates by channel over [from, to): calls reached of calls tried, surveys answered of sent. */
    async rates(caller: Caller, s: z.infer<typeof ratesQuery>) {
      requirePermission(caller.principal, 'followups.read');
      const from = new Date(`${s.from}T00:00:00+08:00`);
      const to = new Date(`${s.to}T00:00:00+08:00`);
      const c = await repo.responseCounts(db, from, to, visible(caller));
      const of = (ch: 'sms' | 'portal') => c.surveys.find((x) => x.channel === ch) ?? { asked: 0, answered: 0 };
      return {
        from: s.from,
        to: s.to,
        channels: [
          { channel: 'phone' as const, ...c.calls, rate: rate(c.calls.answered, c.calls.asked) },
          ...(['sms', 'portal'] as const).map((ch) => ({ channel: ch, asked: of(ch).asked, answered: of(ch).answered, rate: rate(of(ch).answered, of(ch).asked) })),
        ],
      };
    },

    async scripts(caller: Caller) {
      requirePermission(caller.principal, 'followups.read');
      return { items: (await repo.scriptsOf(db)).map(scriptOut) };
    },

    /** A new version of a kind's script; answers already given keep the version they answered. */
    async addScript(caller: Caller, input: z.infer<typeof scriptRequest>) {
      requirePermission(caller.principal, 'followups.manage');
      return db.transaction(async (tx) => {
        const current = await repo.currentScript(tx, input.orderKind);
        const made = await repo.insertScript(tx, { id: newId(), orderKind: input.orderKind, version: (current?.version ?? 0) + 1, questions: input.questions, createdAt: clock.now(), createdBy: actorName(caller.principal) });
        if (!made) throw followUpErrors.staleVersion(current?.version ?? 0);
        await deps.audit(tx, { caller, action: 'followups.script_added', subjectKind: 'follow_up_script', subjectId: made.id, details: { orderKind: made.orderKind, version: made.version } });
        return scriptOut(made);
      });
    },

    async policies(caller: Caller) {
      requirePermission(caller.principal, 'followups.read');
      return { items: (await repo.activePolicies(db)).map(policyOut) };
    },

    async addPolicy(caller: Caller, input: z.infer<typeof policyRequest>) {
      requirePermission(caller.principal, 'followups.manage');
      return db.transaction(async (tx) => {
        const made = await repo.insertPolicy(tx, { id: newId(), ...input, active: true, createdAt: clock.now() });
        await deps.audit(tx, { caller, action: 'followups.policy_added', subjectKind: 'follow_up_policy', subjectId: made.id, details: { ...input } });
        return policyOut(made);
      });
    },
  };

  function policyOut(p: repo.PolicyRow) {
    return { id: p.id, name: p.name, rank: p.rank, orderKind: p.orderKind as z.infer<typeof policyView>['orderKind'], customerTier: p.customerTier, providerId: p.providerId, samplePercent: p.samplePercent, dueBusinessHours: p.dueBusinessHours, maxAttempts: p.maxAttempts, onUnreachable: p.onUnreachable, active: p.active, createdAt: p.createdAt.toISOString() };
  }

  async function linkSurvey(q: Queryable, token: string, forAnswer: boolean) {
    const read = readSurveyLink(deps.linkKey, token, clock.now().getTime());
    if (!read.ok) throw followUpErrors.linkBad(read.why);
    const s = await repo.surveyById(q, read.payload.id);
    if (!s) throw followUpErrors.linkBad('tampered');
    if (s.status === 'answered') {
      if (forAnswer) throw followUpErrors.linkBad('used');
      return s;
    }
    if (s.nonce !== read.payload.n) throw followUpErrors.linkBad('tampered');
    return s;
  }
}

export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
