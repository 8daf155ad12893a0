// Settlement with providers: a statement per provider per month, generated set-based in the
// database (settlement.repo.ts), then sent, disputed line by line, answered, agreed, approved (a
// large one by a second role) and paid. Only a draft is generated again; after that a statement
// never changes, and an answer that puts something right becomes a line of the next statement.
// Every step is a history row and an audit row.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import type { Announcements } from '../../kernel/events.js';
import { can } from '../../kernel/permissions.js';
import { actorName, providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { providerTimeZone } from '../network/index.js';
import * as repo from './settlement.repo.js';
import { settlementErrors } from './settlement.errors.js';
import {
  approvalNeedsSecondRole,
  dayStartIn,
  disputeReasonNames,
  evaluateRule,
  measuredValue,
  monthBounds,
  nextStatus,
  previousMonth,
  ruleInForce,
  ruleProblem,
  statusNames,
  technicianPay,
  type LineDisputeReason,
  type Rule,
  type StatementAction,
  type StatementStatus,
} from './settlement.rules.js';
import type { HoldSource, MeasureSource } from './settlement.sources.js';
import type { generateAllRequest, GenerateAllView, generateRequest, lineAnswerRequest, lineDisputeRequest, listQuery, payRequest, pieceRatesRequest, ruleCreate, ruleUpdate, StatementDetailView, StatementView } from './settlement.contract.js';
import { renderCsv, renderHtml, renderXlsx, type Lang } from './settlement.export.js';

export type SettlementDeps = {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  /** Where measures and holds come from (settlement.sources.ts); parts and fraud add theirs. */
  measures: MeasureSource[];
  holds: HoldSource[];
  /** Above this total (fen, either sign) approving needs settlement.approve_large. */
  approvalThresholdFen?: number;
  /** An approval is announced (webhooks' statement.approved), for the ERP that pays it. */
  announce: Announcements['announce'];
  /** When every provider's month is generated: how many drafts one transaction makes at most (500). */
  draftsPerTransaction?: number;
  /**
   * When every provider's month is generated: how many of those transactions run at once, each on a
   * connection of its own (2; PGlite runs them one after another whatever this says). The providers
   * are split into at least this many chunks, so two cores share the month as a parallel query would.
   */
  transactionsAtOnce?: number;
};

/** A draft to generate: the provider's statement and the instant its month ends in the provider's zone. */
type DraftTarget = repo.DraftTarget & { timeZone: string };

const skipReasonNames = {
  frozen: { zh: '对账单已发送，不再重新生成', en: 'Already sent: not generated again' },
  period_not_over: { zh: '该网点所在时区本月尚未结束', en: "The month is not over in the provider's time zone" },
};

const defaultApprovalThresholdFen = 5_000_000;
const monthlyJobCaller: Caller = { principal: { kind: 'system', name: 'settlement.monthly_drafts' }, address: null };

/** The same provider and month always name the same statement: a regenerated draft keeps its id. */
export function statementIdOf(providerId: string, period: string): string {
  const h = createHash('sha256').update(`settlement:${providerId}:${period}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const fmt = (fen: number) => `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toFixed(2)}`;

export function createSettlementService(deps: SettlementDeps) {
  const { db, clock } = deps;
  const threshold = deps.approvalThresholdFen ?? defaultApprovalThresholdFen;
  const draftsPerTransaction = Math.max(1, deps.draftsPerTransaction ?? 500);
  const transactionsAtOnce = Math.max(1, deps.transactionsAtOnce ?? 2);
  const measures = new Map(deps.measures.map((m) => [m.code, m]));
  const holds = new Map(deps.holds.map((h) => [h.code, h]));
  const holdName = (code: string) => {
    const h = holds.get(code);
    return { code, name: h ? { zh: h.nameZh, en: h.nameEn } : { zh: code, en: code } };
  };

  /** The provider a caller is confined to; undefined: headquarters (all); null: none. */
  function confinedTo(caller: Caller): string | undefined | null {
    const s = providerScope(caller.principal);
    if (s.kind === 'all') return undefined;
    if (s.kind === 'provider') return s.providerId;
    return null;
  }

  function explain(l: repo.LineRow): { zh: string; en: string } {
    switch (l.kind) {
      case 'fee': {
        const payer = { maker: ['厂家', 'the maker'], customer: ['顾客', 'the customer'], dealer: ['经销商', 'the dealer'], provider: ['网点', 'the provider'] }[l.payer ?? 'maker'] ?? [l.payer, l.payer];
        const against = l.payer === 'provider' ? { zh: '，由网点承担，从应付中扣除', en: '; borne by the provider, deducted' } : { zh: '', en: '' };
        return { zh: `工单 ${l.orderNumber} 费用「${l.nameZh}」，按生效价目计价，付款方：${payer[0]}${against.zh}`, en: `Order ${l.orderNumber}: fee "${l.nameEn}" at the price list in force, paid by ${payer[1]}${against.en}` };
      }
      case 'collected':
        return { zh: `工单 ${l.orderNumber}：网点已向顾客收取 ${fmt(-l.amountFen)}，从应付中扣除`, en: `Order ${l.orderNumber}: the provider collected ${fmt(-l.amountFen)} from the customer, deducted` };
      case 'rule': {
        const m = measures.get(l.measure ?? '');
        const name = m ? { zh: m.nameZh, en: m.nameEn } : { zh: l.measure ?? '', en: l.measure ?? '' };
        return {
          zh: `规则 ${l.ruleCode}：${name.zh} = ${l.measuredValue}，涉及 ${l.orderIds.length} 单，计 ${l.quantity} 次`,
          en: `Rule ${l.ruleCode}: ${name.en} = ${l.measuredValue}, ${l.orderIds.length} orders behind it, applied ${l.quantity}×`,
        };
      }
      case 'correction':
        return { zh: `上期更正：${l.nameZh}`, en: `Correction from an earlier period: ${l.nameEn}` };
    }
  }

  function view(s: repo.StatementRow, names: { providerName: string | null; providerNameEn: string | null } | undefined): StatementView {
    const status = s.status as StatementStatus;
    return {
      id: s.id,
      providerId: s.providerId,
      providerName: names?.providerName ?? null,
      providerNameEn: names?.providerNameEn ?? null,
      period: s.period,
      periodFrom: s.periodFrom,
      periodTo: s.periodTo,
      timeZone: s.timeZone,
      status,
      statusName: statusNames[status],
      totalFen: s.totalFen,
      currency: s.currency,
      orderCount: s.orderCount,
      heldCount: s.heldCount,
      generation: s.generation,
      generatedAt: s.generatedAt?.toISOString() ?? null,
      sentAt: s.sentAt?.toISOString() ?? null,
      agreedAt: s.agreedAt?.toISOString() ?? null,
      approvedAt: s.approvedAt?.toISOString() ?? null,
      approvedBy: s.approvedBy,
      paidAt: s.paidAt?.toISOString() ?? null,
      paymentReference: s.paymentReference,
      needsSecondRole: approvalNeedsSecondRole(s.totalFen, threshold),
      version: s.version,
    };
  }

  async function detail(q: Queryable, s: repo.StatementRow): Promise<StatementDetailView> {
    const [lines, history, listed] = [await repo.linesOf(q, s.id), await repo.historyOf(q, s.id), await repo.listStatements(q, { providerId: s.providerId, period: s.period, limit: 1, offset: 0 })];
    const [held, rolledIn, numbers] = [await repo.heldOf(q, s.id), await repo.rolledInto(q, s.id), await repo.orderNumbersOf(q, s.id)];
    return {
      ...view(s, listed.rows[0]),
      lines: lines.map((l) => ({
        lineNo: l.lineNo,
        kind: l.kind,
        orderId: l.orderId,
        orderNumber: l.orderNumber,
        feeKind: l.feeKind,
        payer: l.payer,
        ruleCode: l.ruleCode,
        measure: l.measure,
        measuredValue: l.measuredValue,
        quantity: l.quantity,
        orderIds: l.orderIds,
        orderNumbers: l.orderIds.map((o) => numbers.get(o) ?? o),
        nameZh: l.nameZh,
        nameEn: l.nameEn,
        explain: explain(l),
        amountFen: l.amountFen,
        currency: l.currency,
        disputeStatus: l.disputeStatus,
        disputeReason: l.disputeReason,
        disputeNote: l.disputeNote,
        answer: l.answer,
        answerCorrectionFen: l.answerCreditFen,
      })),
      held: held.map((h) => ({ orderId: h.orderId, orderNumber: h.orderNumber, reasons: h.reasons.map(holdName), settledIn: h.settledIn && h.settledPeriod ? { statementId: h.settledIn, period: h.settledPeriod } : null })),
      rolledIn: rolledIn.map((r) => ({ orderId: r.orderId, orderNumber: r.orderNumber, heldIn: r.heldPeriod, reasons: r.reasons.map(holdName) })),
      history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, details: h.details })),
    };
  }

  async function findVisible(q: Queryable, caller: Caller, id: string) {
    const confined = confinedTo(caller);
    if (confined === null) throw settlementErrors.notFound(id);
    const row = await repo.findStatement(q, id, confined);
    if (!row) throw settlementErrors.notFound(id);
    return row;
  }

  /** One step of a statement at the version the caller read, with its history and audit rows. */
  async function step(tx: Queryable, caller: Caller, row: repo.StatementRow, action: StatementAction, version: number, patch: Partial<repo.StatementRow>, details: Record<string, unknown>) {
    const from = row.status as StatementStatus;
    const to = nextStatus(from, action);
    if (!to) throw settlementErrors.illegalStep(from, action);
    if (row.version !== version) throw settlementErrors.staleVersion(row.version);
    const moved = await repo.updateStatementAtVersion(tx, row.id, version, { ...patch, status: to });
    if (!moved) throw settlementErrors.staleVersion(row.version + 1);
    await record(tx, caller, row.id, action, from, to, details);
    return moved;
  }

  async function record(tx: Queryable, caller: Caller, id: string, action: string, from: string | null, to: string | null, details: Record<string, unknown>) {
    await repo.insertHistory(tx, { subjectKind: 'statement', subjectId: id, at: clock.now(), actor: actorName(caller.principal), action, fromStatus: from, toStatus: to, details });
    await deps.audit(tx, { caller, action: `settlement.${action}`, subjectKind: 'settlement_statement', subjectId: id, details: { from, to, ...details } });
  }

  function ruleOf(r: repo.RuleRow): Rule {
    return { id: r.id, code: r.code, kind: r.kind, measure: r.measure, thresholdMin: r.thresholdMin, thresholdMax: r.thresholdMax, basis: r.basis, amountFen: r.amountFen, activeFrom: r.activeFrom, activeTo: r.activeTo };
  }

  /**
   * The reward and penalty lines of each draft: each rule in force measured on the draft's orders
   * (counts from the database, the pure evaluation in settlement.rules.ts, the orders behind a line
   * taken in the database), numbered after the draft's fee and collected lines in the rules' order.
   */
  async function ruleLines(tx: Queryable, drafts: repo.DraftTarget[], periodFrom: string, periodTo: string) {
    const rules = (await repo.listRules(tx)).filter((r) => ruleInForce(r, periodFrom, periodTo) && measures.has(r.measure));
    if (!rules.length) return;
    const used = [...new Set(rules.map((r) => r.measure))].map((c) => measures.get(c)!);
    const index = new Map(used.map((m, i) => [m.code, i]));
    const lines: repo.RuleLine[] = [];
    for (const s of await repo.measure(tx, drafts, used)) {
      let lineNo = s.lastLineNo;
      for (const r of rules) {
        const i = index.get(r.measure)!;
        const value = measuredValue(used[i].unit, s.flagged[i], s.settled);
        if (value === null) continue;
        const made = evaluateRule(ruleOf(r), { value, flaggedOrders: s.flagged[i], settledOrders: s.settled });
        if (!made) continue;
        lines.push({ statementId: s.statementId, lineNo: ++lineNo, ruleId: r.id, ruleCode: r.code, measure: r.measure, measuredValue: value, quantity: made.quantity, nameZh: r.nameZh, nameEn: r.nameEn, amountFen: made.amountFen, currency: r.currency, measureIndex: i });
      }
    }
    await repo.insertRuleLines(tx, lines, used.length);
  }

  /**
   * Generates (or regenerates) these providers' drafts of a month in the caller's transaction,
   * set-based: the same dozen statements for one provider or for a chunk of hundreds, so a draft is
   * the same statement whichever way it was made. A statement already sent is left as it is (frozen).
   * With `onlyNew` only the statements this call makes are generated (the monthly job's run once).
   */
  async function generateDrafts(tx: Queryable, caller: Caller, period: string, targets: DraftTarget[], onlyNew = false) {
    const { from, to } = monthBounds(period);
    const now = clock.now();
    await repo.forMonthWork(tx);
    const { locked, made: madeNow } = await repo.lockStatements(
      tx,
      targets.map((t) => ({ id: t.statementId, providerId: t.providerId, period, periodFrom: from, periodTo: to, timeZone: t.timeZone, status: 'draft', createdAt: now })),
    );
    const frozen = onlyNew ? [] : locked.filter((r) => r.status !== 'draft');
    const draftIds = new Set(locked.filter((r) => r.status === 'draft' && (!onlyNew || madeNow.has(r.id))).map((r) => r.id));
    const drafts = targets.filter((t) => draftIds.has(t.statementId));
    if (!drafts.length) return { frozen, made: [] };
    await repo.clearDrafts(tx, drafts.map((d) => d.statementId));
    const counts = await repo.claimOrders(tx, drafts, deps.holds);
    await ruleLines(tx, drafts, from, to);
    await repo.carryCorrections(tx, drafts, period);
    const finished = await repo.finishDrafts(tx, drafts.map((d) => ({ statementId: d.statementId, ...counts.get(d.statementId)! })), now);
    const made = drafts.map((d) => ({ ...d, ...counts.get(d.statementId)!, ...finished.get(d.statementId)! }));
    const actor = actorName(caller.principal);
    const details = (m: (typeof made)[number]) => ({ period, orders: m.claimed, held: m.held, totalFen: m.totalFen, generation: m.generation });
    await repo.insertHistoryRows(tx, made.map((m) => ({ subjectKind: 'statement', subjectId: m.statementId, at: now, actor, action: 'generate', fromStatus: null, toStatus: 'draft', details: details(m) })));
    for (const m of made) await deps.audit(tx, { caller, action: 'settlement.generate', subjectKind: 'settlement_statement', subjectId: m.statementId, details: { from: null, to: 'draft', ...details(m) } });
    return { frozen, made };
  }

  return {
    measures: deps.measures,

    /** Generates (or regenerates) the draft of a provider's month; a statement already sent is refused. */
    async generate(caller: Caller, input: z.infer<typeof generateRequest>) {
      requirePermission(caller.principal, 'settlement.manage');
      const timeZone = await providerTimeZone(db, input.providerId);
      if (!timeZone) throw settlementErrors.providerNotFound();
      const end = dayStartIn(monthBounds(input.period).to, timeZone);
      if (end > clock.now()) throw settlementErrors.periodInFuture();
      const id = statementIdOf(input.providerId, input.period);
      return db.transaction(async (tx) => {
        const { frozen } = await generateDrafts(tx, caller, input.period, [{ statementId: id, providerId: input.providerId, before: end, timeZone }]);
        if (frozen.length) throw settlementErrors.frozen(frozen[0].status as StatementStatus);
        return detail(tx, (await repo.findStatement(tx, id))!);
      });
    },

    /**
     * Generates every provider's draft of a month (the active providers, and any other with an order
     * to settle), set-based, a chunk of providers per transaction, two transactions at once on
     * PostgreSQL; the month never passes through the application. A statement already sent, or a month not yet over in a provider's zone, is skipped and named.
     */
    async generateAll(caller: Caller, input: z.infer<typeof generateAllRequest>): Promise<GenerateAllView> {
      requirePermission(caller.principal, 'settlement.manage');
      const result = await generateMonth(caller, input.period, false);
      if (!result) throw settlementErrors.periodInFuture();
      return result;
    },

    /**
     * The monthly job (settlement.jobs.ts): every provider's draft of the month just closed (by UTC),
     * made only where the provider has no statement of that month yet, so running it again makes
     * nothing twice. Nothing due yet (the month not over in any zone) is not an error here.
     */
    async generateClosedMonth(): Promise<GenerateAllView | null> {
      return generateMonth(monthlyJobCaller, previousMonth(clock.now().toISOString().slice(0, 7)), true);
    },

    async list(caller: Caller, query: z.infer<typeof listQuery>) {
      requirePermission(caller.principal, 'settlement.read');
      const confined = confinedTo(caller);
      if (confined === null) return { items: [], total: 0, limit: query.limit, offset: query.offset };
      const { rows, total } = await repo.listStatements(db, { providerId: confined ?? query.providerId, status: query.status, period: query.period, limit: query.limit, offset: query.offset });
      return { items: rows.map((r) => view(r.s, r)), total, limit: query.limit, offset: query.offset };
    },

    async get(caller: Caller, id: string) {
      requirePermission(caller.principal, 'settlement.read');
      return detail(db, await findVisible(db, caller, id));
    },

    async send(caller: Caller, id: string, input: { version: number }) {
      requirePermission(caller.principal, 'settlement.manage');
      return db.transaction(async (tx) => detail(tx, await step(tx, caller, await findVisible(tx, caller, id), 'send', input.version, { sentAt: clock.now() }, {})));
    },

    /** The provider disputes one line (a reason code and its evidence in words); the statement is disputed until every line is answered. */
    async disputeLine(caller: Caller, id: string, lineNo: number, input: z.infer<typeof lineDisputeRequest>) {
      requirePermission(caller.principal, 'settlement.respond');
      return db.transaction(async (tx) => {
        const row = await findVisible(tx, caller, id);
        if (!nextStatus(row.status as StatementStatus, 'dispute')) throw settlementErrors.illegalStep(row.status as StatementStatus, 'dispute');
        const line = await repo.lineForUpdate(tx, id, lineNo);
        if (!line) throw settlementErrors.lineNotFound(lineNo);
        if (line.disputeStatus === 'open') throw settlementErrors.lineDisputeOpen();
        await repo.updateLine(tx, id, lineNo, { disputeStatus: 'open', disputeReason: input.reason, disputeNote: input.note, answer: null, answerCreditFen: null });
        const moved = await step(tx, caller, row, 'dispute', row.version, {}, { lineNo, reason: input.reason, reasonName: disputeReasonNames[input.reason as LineDisputeReason], note: input.note });
        return detail(tx, moved);
      });
    },

    /** Headquarters answers a disputed line; a correction goes to the provider's next statement. */
    async answerLine(caller: Caller, id: string, lineNo: number, input: z.infer<typeof lineAnswerRequest>) {
      requirePermission(caller.principal, 'settlement.manage');
      return db.transaction(async (tx) => {
        const row = await findVisible(tx, caller, id);
        if (row.status !== 'disputed') throw settlementErrors.illegalStep(row.status as StatementStatus, 'answer');
        const line = await repo.lineForUpdate(tx, id, lineNo);
        if (!line) throw settlementErrors.lineNotFound(lineNo);
        if (line.disputeStatus !== 'open') throw settlementErrors.lineNotDisputed();
        await repo.updateLine(tx, id, lineNo, { disputeStatus: 'answered', answer: input.answer, answerCreditFen: input.correctionFen });
        if (input.correctionFen !== 0) {
          await repo.insertCorrection(tx, {
            id: newId(),
            providerId: row.providerId,
            fromStatementId: id,
            fromLineNo: lineNo,
            amountFen: input.correctionFen,
            currency: line.currency,
            nameZh: `${row.period} 第 ${lineNo} 行：${line.nameZh}`,
            nameEn: `${row.period} line ${lineNo}: ${line.nameEn}`,
            createdAt: clock.now(),
          });
        }
        const details = { lineNo, answer: input.answer, correctionFen: input.correctionFen };
        if ((await repo.openDisputeCount(tx, id)) > 0) {
          await record(tx, caller, id, 'answer_line', row.status, row.status, details);
          return detail(tx, (await repo.updateStatementAtVersion(tx, id, row.version, {}))!);
        }
        return detail(tx, await step(tx, caller, row, 'answer', row.version, {}, details));
      });
    },

    async agree(caller: Caller, id: string, input: { version: number }) {
      requirePermission(caller.principal, 'settlement.respond');
      return db.transaction(async (tx) => {
        const row = await findVisible(tx, caller, id);
        if (row.status === 'disputed') throw settlementErrors.openDisputes();
        return detail(tx, await step(tx, caller, row, 'agree', input.version, { agreedAt: clock.now() }, {}));
      });
    },

    /**
     * Approval by amount: above the threshold only the second role (settlement.approve_large)
     * approves; and always a second person: whoever generated or sent the statement may not. Two at once: one wins.
     */
    async approve(caller: Caller, id: string, input: { version: number }) {
      requirePermission(caller.principal, 'settlement.approve');
      return db.transaction(async (tx) => {
        const row = await findVisible(tx, caller, id);
        if (approvalNeedsSecondRole(row.totalFen, threshold) && !can(caller.principal, 'settlement.approve_large')) throw settlementErrors.needsSecondRole(threshold);
        const me = actorName(caller.principal);
        if (caller.principal.kind === 'staff' && (await repo.historyOf(tx, id)).some((h) => (h.action === 'generate' || h.action === 'send') && h.actor === me)) throw settlementErrors.preparedBySelf();
        const approved = await step(tx, caller, row, 'approve', input.version, { approvedAt: clock.now(), approvedBy: actorName(caller.principal) }, { totalFen: row.totalFen });
        await deps.announce(tx, [{ type: 'statement.approved', payload: { id: approved.id, providerId: approved.providerId, period: approved.period, periodFrom: approved.periodFrom, periodTo: approved.periodTo, total: { amountFen: approved.totalFen, currency: approved.currency }, orderCount: approved.orderCount, approvedAt: approved.approvedAt?.toISOString() ?? null } }]);
        return detail(tx, approved);
      });
    },

    async pay(caller: Caller, id: string, input: z.infer<typeof payRequest>) {
      requirePermission(caller.principal, 'settlement.pay');
      return db.transaction(async (tx) => {
        const row = await findVisible(tx, caller, id);
        return detail(tx, await step(tx, caller, row, 'pay', input.version, { paidAt: clock.now(), paymentReference: input.reference }, { reference: input.reference, totalFen: row.totalFen }));
      });
    },

    async exportStatement(caller: Caller, id: string, format: 'csv' | 'xlsx' | 'html', lang: Lang) {
      const d = await this.get(caller, id);
      if (format === 'csv') return { body: renderCsv(d, lang), type: 'text/csv; charset=utf-8' };
      if (format === 'xlsx') return { body: await renderXlsx(d, lang), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
      return { body: renderHtml(d, lang), type: 'text/html; charset=utf-8' };
    },

    // ----------------------------------------------------------------------------------------
    // Technician pay

    async technicianPay(caller: Caller, id: string) {
      requirePermission(caller.principal, 'settlement.rates');
      const s = await findVisible(db, caller, id);
      const counts = await repo.ordersByTechnician(db, id);
      const rates = new Map((await repo.pieceRates(db, s.providerId)).map((r) => [r.jobType, r.rateFen]));
      const names = new Map(counts.map((c) => [c.technicianId ?? '', c]));
      const pay = technicianPay(counts.map((c) => ({ technicianId: c.technicianId, jobType: c.jobType, orders: Number(c.orders) })), rates);
      return { statementId: id, period: s.period, technicians: pay.map((p) => ({ ...p, name: names.get(p.technicianId ?? '')?.name ?? null, nameEn: names.get(p.technicianId ?? '')?.nameEn ?? null })) };
    },

    async pieceRates(caller: Caller, providerId?: string) {
      requirePermission(caller.principal, 'settlement.rates');
      const pid = ratesProvider(caller, providerId);
      return { providerId: pid, rates: (await repo.pieceRates(db, pid)).map((r) => ({ jobType: r.jobType, rateFen: r.rateFen, currency: r.currency })) };
    },

    async setPieceRates(caller: Caller, input: z.infer<typeof pieceRatesRequest>) {
      requirePermission(caller.principal, 'settlement.rates');
      const pid = ratesProvider(caller, input.providerId);
      if (!(await providerTimeZone(db, pid))) throw settlementErrors.providerNotFound();
      const now = clock.now();
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        await repo.replacePieceRates(tx, pid, input.rates.map((r) => ({ providerId: pid, jobType: r.jobType, rateFen: r.rateFen, updatedAt: now, updatedBy: actor })));
        await repo.insertHistory(tx, { subjectKind: 'piece_rates', subjectId: pid, at: now, actor, action: 'set_piece_rates', details: { rates: input.rates } });
        await deps.audit(tx, { caller, action: 'settlement.set_piece_rates', subjectKind: 'provider', subjectId: pid, details: { rates: input.rates } });
        return { providerId: pid, rates: input.rates.map((r) => ({ ...r, currency: 'CNY' })) };
      });
    },

    // ----------------------------------------------------------------------------------------
    // Rules as data

    async rules(caller: Caller) {
      requirePermission(caller.principal, 'settlement.read');
      return { items: (await repo.listRules(db)).map(ruleView), measures: deps.measures.map((m) => ({ code: m.code, nameZh: m.nameZh, nameEn: m.nameEn, unit: m.unit })) };
    },

    async createRule(caller: Caller, input: z.infer<typeof ruleCreate>) {
      requirePermission(caller.principal, 'settlement.manage');
      checkRule(input);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const made = await repo.insertRule(tx, { id: newId(), ...input, createdAt: now, createdBy: actorName(caller.principal) });
        if (!made) throw settlementErrors.ruleCodeTaken();
        await repo.insertHistory(tx, { subjectKind: 'rule', subjectId: made.id, at: now, actor: actorName(caller.principal), action: 'rule_created', details: { ...input } });
        await deps.audit(tx, { caller, action: 'settlement.rule_created', subjectKind: 'settlement_rule', subjectId: made.id, details: { ...input } });
        return ruleView(made);
      });
    },

    async updateRule(caller: Caller, id: string, input: z.infer<typeof ruleUpdate>) {
      requirePermission(caller.principal, 'settlement.manage');
      checkRule(input);
      return db.transaction(async (tx) => {
        const before = await repo.findRule(tx, id);
        if (!before) throw settlementErrors.ruleNotFound(id);
        const { version, ...patch } = input;
        // Refused before the update: a version at the column's limit would otherwise overflow its version + 1 (a 500).
        if (before.version !== version) throw settlementErrors.staleVersion(before.version);
        const made = await repo.updateRuleAtVersion(tx, id, version, patch);
        if (!made) throw settlementErrors.staleVersion(before.version);
        await repo.insertHistory(tx, { subjectKind: 'rule', subjectId: id, at: clock.now(), actor: actorName(caller.principal), action: 'rule_changed', details: { before: ruleView(before), after: patch } });
        await deps.audit(tx, { caller, action: 'settlement.rule_changed', subjectKind: 'settlement_rule', subjectId: id, details: { ...patch } });
        return ruleView(made);
      });
    },
  };

  /**
   * Every provider's draft of a month, a chunk of providers per transaction; with `onlyNew`, only
   * where the provider has no statement of it yet. Null when the month is over in no provider's zone.
   */
  async function generateMonth(caller: Caller, period: string, onlyNew: boolean): Promise<GenerateAllView | null> {
    const { to } = monthBounds(period);
    const now = clock.now();
    const all = (await repo.providersToSettle(db)).map((p) => ({ providerId: p.id, timeZone: p.timeZone, statementId: statementIdOf(p.id, period), before: dayStartIn(to, p.timeZone) }));
    const due = all.filter((t) => t.before <= now);
    if (!due.length) return null;
    const skipped: GenerateAllView['skipped'] = all.filter((t) => t.before > now).map((t) => ({ providerId: t.providerId, reason: 'period_not_over', reasonName: skipReasonNames.period_not_over, status: null }));
    // Chunks no larger than draftsPerTransaction, and at least as many as run at once. They share
    // nothing: a chunk's providers are its own, so are their orders (an order is claimed for its
    // provider's statement) and their statements, locked by the chunk's transaction as before; two
    // chunks at once therefore claim disjoint orders and number disjoint statements' lines.
    const size = Math.min(draftsPerTransaction, Math.ceil(due.length / transactionsAtOnce));
    const chunks: DraftTarget[][] = [];
    for (let i = 0; i < due.length; i += size) chunks.push(due.slice(i, i + size));
    const done = await inTurn(chunks, transactionsAtOnce, (chunk) => db.transaction((tx) => generateDrafts(tx, caller, period, chunk, onlyNew)));
    const result = { period, generated: 0, orders: 0, held: 0, totalFen: 0, currency: 'CNY' };
    for (const { frozen, made } of done) {
      for (const m of made) Object.assign(result, { generated: result.generated + 1, orders: result.orders + m.claimed, held: result.held + m.held, totalFen: result.totalFen + m.totalFen });
      for (const f of frozen) skipped.push({ providerId: f.providerId, reason: 'frozen', reasonName: skipReasonNames.frozen, status: f.status });
    }
    return { ...result, skipped };
  }

  function checkRule(input: Pick<Rule, 'thresholdMin' | 'thresholdMax' | 'activeFrom' | 'activeTo' | 'measure'>) {
    if (!measures.has(input.measure)) throw settlementErrors.unknownMeasure();
    const problem = ruleProblem(input);
    if (problem) throw settlementErrors.rule(problem);
  }

  function ratesProvider(caller: Caller, providerId?: string): string {
    const confined = confinedTo(caller);
    if (confined === null) throw settlementErrors.noProvider();
    if (confined) return confined;
    if (!providerId) throw settlementErrors.noProvider();
    return providerId;
  }
}

/**
 * `work` over every item, at most `atOnce` at a time, answers in the items' order. After a failure
 * no further item starts; those under way finish (their transactions commit or roll back on their
 * own), then the first failure is thrown — as when the chunks ran one after another, the chunks
 * already committed stay (each is a whole set of drafts, and generating again redoes them).
 */
async function inTurn<T, R>(items: T[], atOnce: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await work(items[i]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}

function ruleView(r: repo.RuleRow) {
  return { id: r.id, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, kind: r.kind, measure: r.measure, thresholdMin: r.thresholdMin, thresholdMax: r.thresholdMax, basis: r.basis, amountFen: r.amountFen, currency: r.currency, activeFrom: r.activeFrom, activeTo: r.activeTo, version: r.version };
}

export type SettlementService = ReturnType<typeof createSettlementService>;
