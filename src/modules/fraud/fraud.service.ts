// Fraud signals: every order is scored when its work is completed, confirmed and followed up (a
// follower of orders) and again on demand; the score and its explanation are kept, one row per
// order with a history of re-scores. An order at or over the hold score is held for review; a
// reviewer releases it or confirms it as fraud (the provider told; settlement reads confirmed
// orders for its penalty rule). Only one decision wins. Every change is a history and audit row.
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { can } from '../../kernel/permissions.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { enqueueMessage } from '../notifications/index.js';
import { productFactsOf } from '../catalog/index.js';
import type { NetworkService } from '../network/index.js';
import { modelsOfUnits, serialHolders, serialsOf } from '../units/index.js';
import { oldPartsNotReturned } from '../parts/index.js';
import { orderFlagsOf } from '../evidence/index.js';
import { checkInRecordedAt, confirmOverridesByProvider, earlierWorkOnUnit, findOrder, orderInScopeSql, ordersLike, type OrderFollower, type OrderRow, type WorkOrdersService } from '../work-orders/index.js';
import * as repo from './fraud.repo.js';
import { fraudErrors } from './fraud.errors.js';
import { defaultHoldScore, defaultRules, explain, nextReviewStatus, paramBounds, paramNames, paramProblem, ratesAgainstPeers, ruleNames, scoreOrder, statusAfterScore, statusNames, type OrderSignals, type ReviewStatus, type RuleCode, type RuleConfig } from './fraud.rules.js';
import type { decisionRequest, queueQuery, ratesQuery, ruleUpdate, ScoreView, settingsUpdate } from './fraud.contract.js';

export type FraudDeps = {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  workOrders: WorkOrdersService;
  network: NetworkService;
};

const DAY = 86_400_000;
/** The steps after which an order is (re-)scored: what the rules read is known then. */
const scoredSteps = new Set(['complete', 'confirm', 'follow_up']);
const overdueCaller: Caller = { principal: { kind: 'system', name: 'fraud.part_overdue' }, address: null };

export function createFraudService(deps: FraudDeps) {
  const { db, clock } = deps;
  const visible = (caller: Caller): repo.OrderCondition => (orderId) => orderInScopeSql(orderScope(caller.principal), orderId);

  async function rulesOf(q: Queryable): Promise<{ rules: RuleConfig[]; holdScore: number }> {
    const rows = await repo.listRules(q);
    const s = await repo.settings(q);
    const rules = rows.length ? rows.map((r) => ({ code: r.code as RuleCode, enabled: r.enabled, weight: r.weight, params: r.params })) : defaultRules;
    return { rules, holdScore: s?.holdScore ?? defaultHoldScore };
  }

  const param = (rules: RuleConfig[], code: RuleCode, name: string, fallback: number) => rules.find((r) => r.code === code)?.params[name] ?? fallback;

  /** What the rules read of the order, from the modules that own it. */
  async function signalsOf(q: Queryable, o: OrderRow, rules: RuleConfig[]): Promise<OrderSignals> {
    const now = clock.now();
    const at = o.doneAt ?? now;
    let standardMinutes: number | null = null;
    let unitSerials: string[] = [];
    if (o.unitId) {
      const modelId = (await modelsOfUnits(q, [o.unitId])).get(o.unitId);
      const facts = modelId ? (await productFactsOf(q, [modelId])).get(modelId) : undefined;
      standardMinutes = facts?.standardMinutes?.[o.kind] ?? null;
      unitSerials = (await serialsOf(q, [o.unitId])).map((s) => s.serial);
    }
    const confirmedSerials = o.confirmedSerials ?? [];
    const holders = await serialHolders(q, confirmedSerials);
    const serialsElsewhere = [...new Set(holders.filter((h) => h.ownerId !== o.customerId).map((h) => h.serial))];
    const manyDays = param(rules, 'many_orders', 'windowDays', 30);
    const recent = await ordersLike(q, o, new Date(o.createdAt.getTime() - manyDays * DAY));
    let overrides: OrderSignals['overrides'] = null;
    const confirmedByOverride = o.confirmedBy === 'agent_override';
    if (confirmedByOverride && o.providerId) {
      const shares = await confirmOverridesByProvider(q, new Date(now.getTime() - param(rules, 'override_share', 'windowDays', 90) * DAY));
      const mine = shares.find((s) => s.providerId === o.providerId);
      overrides = {
        providerShare: mine && mine.confirmed ? mine.overridden / mine.confirmed : null,
        providerConfirmed: mine?.confirmed ?? 0,
        peerShares: shares.filter((s) => s.providerId !== o.providerId && s.confirmed > 0).map((s) => s.overridden / s.confirmed),
      };
    }
    const fu = o.followUp as { answer?: 'fixed' | 'not_fixed' | 'nobody_came'; fixedFirstTime?: boolean } | null;
    let repeatVisits: { number: string }[] = [];
    if (o.unitId && o.doneAt) {
      const since = new Date(at.getTime() - param(rules, 'repeat_visit', 'windowDays', 30) * DAY);
      // Without a new fault: the earlier visit found the same symptom, or one of the two named none.
      repeatVisits = (await earlierWorkOnUnit(q, o.unitId, o.id, since, at)).filter((e) => !o.symptomCode || !e.symptomCode || e.symptomCode === o.symptomCode).map((e) => ({ number: e.number }));
    }
    return {
      checkedInAt: o.checkedInAt,
      checkInRecordedAt: await checkInRecordedAt(q, o.id),
      doneAt: o.doneAt,
      flags: (await orderFlagsOf(q, o.id)).map((f) => ({ kind: f.kind, details: f.details })),
      standardMinutes,
      confirmedSerials,
      unitSerials,
      serialsElsewhere,
      recent: { ...recent, windowDays: manyDays },
      confirmedByOverride,
      overrides,
      followUp: fu ? { answer: fu.answer ?? null, fixedFirstTime: typeof fu.fixedFirstTime === 'boolean' ? fu.fixedFirstTime : null } : null,
      repeatVisits,
      partsNotReturned: await oldPartsNotReturned(q, o.id, now),
    };
  }

  /** Scores the order inside the caller's transaction; holds it when the score reaches the hold score. */
  async function scoreIn(tx: Tx, o: OrderRow, caller: Caller, action: string) {
    const { rules, holdScore } = await rulesOf(tx);
    const result = scoreOrder(rules, await signalsOf(tx, o, rules));
    const now = clock.now();
    const actor = actorName(caller.principal);
    let before = await repo.scoreForUpdate(tx, o.id);
    let row: repo.ScoreRow | undefined;
    const status = statusAfterScore((before?.status as ReviewStatus | undefined) ?? null, result.score, holdScore);
    if (!before) {
      row = await repo.insertScore(tx, { orderId: o.id, providerId: o.providerId, score: result.score, holdScore, signals: result.signals, status, scoredAt: now, createdAt: now });
      // Scored at once by two steps: the other made the row; this one is a re-score of it.
      if (!row) before = await repo.scoreForUpdate(tx, o.id);
    }
    if (!row) row = await repo.updateScore(tx, o.id, { providerId: o.providerId, score: result.score, holdScore, signals: result.signals, status: statusAfterScore(before!.status as ReviewStatus, result.score, holdScore), scoredAt: now });
    const from = before?.status ?? null;
    await repo.insertHistory(tx, { orderId: o.id, at: now, actor, action: before ? 'rescore' : 'score', score: result.score, signals: result.signals, fromStatus: from, toStatus: row.status, details: { step: action, holdScore } });
    if (from !== row.status && row.status === 'held') {
      await deps.audit(tx, { caller, action: 'fraud.hold', subjectKind: 'work_order', subjectId: o.id, details: { score: result.score, holdScore, from, to: row.status, signals: result.signals.map((s) => s.code) } });
    }
    return row;
  }

  function view(r: repo.ScoreRow, names: { number?: string | null; providerName?: string | null; providerNameEn?: string | null } = {}): ScoreView {
    const status = r.status as ReviewStatus;
    const score = { score: r.score, signals: r.signals };
    return {
      orderId: r.orderId,
      number: names.number ?? null,
      providerId: r.providerId,
      providerName: names.providerName ?? null,
      providerNameEn: names.providerNameEn ?? null,
      score: r.score,
      holdScore: r.holdScore,
      signals: r.signals,
      explanation: { zh: explain(score, 'zh'), en: explain(score, 'en') },
      status,
      statusName: statusNames[status],
      scoredAt: r.scoredAt.toISOString(),
      scorings: r.scorings,
      decisionReason: r.decisionReason,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      version: r.version,
    };
  }

  async function detail(q: Queryable, r: repo.ScoreRow) {
    const order = await findOrder(q, r.orderId);
    const provider = r.providerId ? await deps.network.providerById(q, r.providerId) : undefined;
    const history = await repo.historyOf(q, r.orderId);
    return {
      ...view(r, { number: order?.number, providerName: provider?.name, providerNameEn: provider?.nameEn }),
      history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, score: h.score, signals: h.signals, fromStatus: h.fromStatus, toStatus: h.toStatus, details: h.details })),
    };
  }

  async function findVisible(q: Queryable, caller: Caller, orderId: string) {
    const row = await repo.findScore(q, orderId, visible(caller));
    if (!row) throw fraudErrors.notScored(orderId);
    return row;
  }

  async function decide(caller: Caller, orderId: string, action: 'release' | 'confirm', input: z.infer<typeof decisionRequest>) {
    requirePermission(caller.principal, 'fraud.review');
    await findVisible(db, caller, orderId);
    const actor = actorName(caller.principal);
    return db.transaction(async (tx) => {
      // Locked: two reviewers at once queue here; the second finds the order decided.
      const row = (await repo.scoreForUpdate(tx, orderId))!;
      const to = nextReviewStatus(row.status as ReviewStatus, action);
      if (!to) throw fraudErrors.notHeld(row.status as ReviewStatus);
      if (row.version !== input.version) throw fraudErrors.staleVersion(row.version);
      const now = clock.now();
      const moved = await repo.decideAtVersion(tx, orderId, input.version, { status: to, decisionReason: input.reason, decidedBy: actor, decidedAt: now });
      if (!moved) throw fraudErrors.staleVersion(row.version + 1);
      await repo.insertHistory(tx, { orderId, at: now, actor, action, score: row.score, signals: row.signals, fromStatus: row.status, toStatus: to, details: { reason: input.reason } });
      await deps.audit(tx, { caller, action: `fraud.${action}`, subjectKind: 'work_order', subjectId: orderId, details: { from: row.status, to, score: row.score, reason: input.reason } });
      if (to === 'confirmed' && row.providerId) {
        const provider = await deps.network.providerById(tx, row.providerId);
        const order = await findOrder(tx, orderId);
        if (provider && order) {
          await enqueueMessage(tx, clock, {
            channel: 'sms',
            recipient: provider.contactPhone,
            template: 'fraud_confirmed',
            bodyZh: `【售后服务】工单 ${order.number} 经审核确认为虚假服务，将在结算中扣罚：${input.reason}`,
            bodyEn: `[Aftercare] Order ${order.number} was confirmed as fraudulent on review and will be penalised in settlement: ${input.reason}`,
            subject: { kind: 'work_order', id: orderId },
          });
        }
      }
      return detail(tx, moved);
    });
  }

  const orderFollower: OrderFollower = {
    name: 'fraud',
    stepped: async (tx, _before, after, action, caller) => {
      if (!scoredSteps.has(action) || !after.doneAt) return;
      await scoreIn(tx, after, caller, action);
    },
  };

  function requireRulesReader(caller: Caller) {
    if (!can(caller.principal, 'fraud.rules')) requirePermission(caller.principal, 'fraud.review');
  }

  async function rulesView() {
    const rows = await repo.listRules(db);
    const s = await repo.settings(db);
    return {
      holdScore: s?.holdScore ?? defaultHoldScore,
      settingsVersion: s?.version ?? 1,
      rules: rows.map((r) => {
        const code = r.code as RuleCode;
        return {
          code,
          name: ruleNames[code],
          enabled: r.enabled,
          weight: r.weight,
          params: r.params,
          paramInfo: Object.entries(paramBounds[code]).map(([name, b]) => ({ name, min: b.min, max: b.max, label: paramNames[name] ?? { zh: name, en: name } })),
          version: r.version,
          updatedAt: r.updatedAt.toISOString(),
          updatedBy: r.updatedBy,
        };
      }),
    };
  }

  return {
    orderFollower,

    async queue(caller: Caller, query: z.infer<typeof queueQuery>) {
      requirePermission(caller.principal, 'fraud.review');
      const { rows, total } = await repo.listScores(db, { visible: visible(caller), status: query.status, providerId: query.providerId, limit: query.limit, offset: query.offset });
      return { items: rows.map((r) => view(r.score, { number: r.number, providerName: r.providerName, providerNameEn: r.providerNameEn })), total, limit: query.limit, offset: query.offset };
    },

    async get(caller: Caller, orderId: string) {
      requirePermission(caller.principal, 'fraud.review');
      return detail(db, await findVisible(db, caller, orderId));
    },

    /**
     * The hourly job: an order whose old part's return deadline passed unshipped is scored again
     * (the "part not returned" rule now counts it), once per return — the claim's key decides, so
     * a rerun or a second worker re-scores nothing twice. Orders not yet completed are scored at
     * completion anyway.
     */
    async rescoreOverdueParts(): Promise<number> {
      return db.transaction(async (tx) => {
        let rescored = 0;
        for (const orderId of await repo.claimOverdueReturns(tx, clock.now(), 500)) {
          const o = await findOrder(tx, orderId);
          if (!o?.doneAt) continue;
          await scoreIn(tx, o, overdueCaller, 'part_overdue');
          rescored++;
        }
        return rescored;
      });
    },

    /** Scores the order again now (after new evidence, a follow-up, or a rule changed). */
    async rescore(caller: Caller, orderId: string) {
      requirePermission(caller.principal, 'fraud.review');
      await deps.workOrders.get(caller, orderId);
      return db.transaction(async (tx) => {
        const o = (await findOrder(tx, orderId))!;
        const row = await scoreIn(tx, o, caller, 'on_demand');
        await deps.audit(tx, { caller, action: 'fraud.rescore', subjectKind: 'work_order', subjectId: orderId, details: { score: row.score, status: row.status } });
        return detail(tx, row);
      });
    },

    release: (caller: Caller, orderId: string, input: z.infer<typeof decisionRequest>) => decide(caller, orderId, 'release', input),
    confirm: (caller: Caller, orderId: string, input: z.infer<typeof decisionRequest>) => decide(caller, orderId, 'confirm', input),

    async rules(caller: Caller) {
      requireRulesReader(caller);
      return rulesView();
    },

    async updateRule(caller: Caller, code: RuleCode, input: z.infer<typeof ruleUpdate>) {
      requirePermission(caller.principal, 'fraud.rules');
      const problem = paramProblem(code, input.params);
      if (problem) throw fraudErrors.param(problem);
      await db.transaction(async (tx) => {
        const current = await repo.findRule(tx, code);
        if (!current) throw fraudErrors.ruleNotFound(code);
        // Refused before the update: a version at the column's limit would otherwise overflow its version + 1 (a 500).
        if (current.version !== input.version) throw fraudErrors.staleVersion(current.version);
        const row = await repo.updateRuleAtVersion(tx, code, input.version, { enabled: input.enabled, weight: input.weight, params: input.params, updatedAt: clock.now(), updatedBy: actorName(caller.principal) });
        if (!row) throw fraudErrors.staleVersion(current.version);
        await deps.audit(tx, { caller, action: 'fraud.rule_update', subjectKind: 'fraud_rule', subjectId: code, details: { from: { enabled: current.enabled, weight: current.weight, params: current.params }, to: { enabled: row.enabled, weight: row.weight, params: row.params } } });
      });
      return rulesView();
    },

    async updateSettings(caller: Caller, input: z.infer<typeof settingsUpdate>) {
      requirePermission(caller.principal, 'fraud.rules');
      await db.transaction(async (tx) => {
        const current = await repo.settings(tx);
        const row = await repo.updateSettingsAtVersion(tx, input.version, { holdScore: input.holdScore, updatedAt: clock.now(), updatedBy: actorName(caller.principal) });
        if (!row) throw fraudErrors.staleVersion(current?.version ?? 1);
        await deps.audit(tx, { caller, action: 'fraud.settings_update', subjectKind: 'fraud_settings', subjectId: 'default', details: { from: current?.holdScore ?? null, to: row.holdScore } });
      });
      return rulesView();
    },

    /** Per provider and rule, the share of its orders scored in [from, to) that the rule flagged, against the providers' median. */
    async rates(caller: Caller, query: z.infer<typeof ratesQuery>) {
      requirePermission(caller.principal, 'fraud.review');
      const rows = await repo.flaggedByProvider(db, { visible: visible(caller), from: new Date(`${query.from}T00:00:00+08:00`), to: new Date(`${query.to}T00:00:00+08:00`) });
      const rates = ratesAgainstPeers(rows);
      const names = new Map(rows.map((r) => [r.providerId, r]));
      return { medians: rates.medians, providers: rates.providers.map((p) => ({ ...p, name: names.get(p.providerId)?.name ?? null, nameEn: names.get(p.providerId)?.nameEn ?? null })) };
    },
  };
}

export type FraudService = ReturnType<typeof createFraudService>;
