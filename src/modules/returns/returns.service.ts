import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditFn } from '../../kernel/audit.js';
import { can } from '../../kernel/permissions.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { formatMoney, money } from '../../shared/money.js';
import { chinaDay } from '../../shared/zoned.js';
import type { CatalogService } from '../catalog/index.js';
import type { FeesService } from '../fees/index.js';
import { modelsOfUnits, refundLessDepreciation, termsFromModel, type UnitsService } from '../units/index.js';
import { orderInScopeSql, type OrderFollower, type OrderRow, type PhotosService, type WorkOrdersService } from '../work-orders/index.js';
import * as repo from './returns.repo.js';
import { returnsErrors } from './returns.errors.js';
import {
  actionPermission,
  allowedActions,
  allowedDecisions,
  approverPermission,
  bearerFor,
  caseAmountFen,
  decisionsAfterAppraisal,
  needsOverride,
  signaturesNeeded,
  statusWords,
  stepCase,
  stepWayBack,
  wayBackSettled,
  type CaseAction,
  type CaseStatus,
  type Decision,
  type Responsibility,
  type ReturnPolicy,
  type WayBackState,
} from './returns.rules.js';
import { customerEntries, type LineMoney } from './returns.timeline.js';
import type {
  appraisalRequest,
  caseListQuery,
  CaseDetailView,
  CaseView,
  CustomerReturnTimeline,
  decideRequest,
  executeRequest,
  openCaseRequest,
  policyRequest,
  wayBackRequest,
} from './returns.contract.js';

export type ReturnsDeps = { db: Db; clock: Clock; audit: AuditFn; catalog: CatalogService; units: UnitsService; workOrders: WorkOrdersService; photos: PhotosService; fees: FeesService };

const moneyOf = (fen: number | null, currency: string) => (fen === null ? null : { amountFen: fen, currency });
/** The case's customer reads times in the company's zone (the case is the desk's, not a provider's). */
const companyTimeZone = 'Asia/Shanghai';

type StepResult = { to?: CaseStatus; patch?: Partial<repo.CaseRow>; details?: Record<string, unknown>; lineId?: string; historyAction?: string };

export function createReturnsService(deps: ReturnsDeps) {
  const { db, clock } = deps;
  const visible = (caller: Caller): repo.OrderCondition => (orderId) => orderInScopeSql(orderScope(caller.principal), orderId);

  function requireReader(caller: Caller) {
    const p = caller.principal;
    if (!can(p, 'returns.handle') && !can(p, 'returns.appraise') && !can(p, 'returns.approve')) requirePermission(p, 'returns.handle');
  }

  async function findCase(q: Queryable, caller: Caller, id: string) {
    const row = await repo.findCase(q, id, visible(caller));
    if (!row) throw returnsErrors.notFound(id);
    return row;
  }

  function toCaseView(row: repo.CaseRow, lines: repo.LineRow[]): CaseView {
    const refundFen = caseAmountFen(lines.map((l) => ({ decision: l.decision as Decision | null, refundFen: l.refundFen })));
    return {
      id: row.id,
      customerId: row.customerId,
      orderId: row.orderId,
      status: row.status as CaseStatus,
      statusText: statusWords[row.status as CaseStatus],
      allowedActions: allowedActions(row.status as CaseStatus),
      policy: row.policy,
      refundTotal: { amountFen: refundFen, currency: lines[0]?.currency ?? 'CNY' },
      needsManager: approverPermission(row.policy, refundFen) === 'returns.approve',
      rejectedReason: row.rejectedReason,
      version: row.version,
      openedBy: row.openedBy,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      lines: lines.map((l) => ({
        id: l.id,
        unitId: l.unitId,
        faultCode: l.faultCode,
        reportedOn: l.reportedOn,
        sanbao: { rule: l.sanbaoRule, options: l.sanbaoOptions, reason: l.sanbaoReason },
        noReasonReturn: l.noReasonReturn,
        unitPrice: { amountFen: l.unitPriceFen, currency: l.currency },
        refundable: { amountFen: l.refundableFen, currency: l.currency },
        requested: l.requested as Decision,
        override: l.overrideReason ? { reason: l.overrideReason, by: l.overrideBy ?? '' } : null,
        decision: l.decision as Decision | null,
        replacementModelId: l.replacementModelId,
        priceDifference: moneyOf(l.priceDifferenceFen, l.currency),
        refund: moneyOf(l.refundFen, l.currency),
        replacementUnitId: l.replacementUnitId,
        wayBack: l.wayBack as WayBackState,
        pickup: l.pickupFrom && l.pickupTo ? { from: l.pickupFrom.toISOString(), to: l.pickupTo.toISOString() } : null,
        pickupOrderId: l.pickupOrderId,
        warehouse: l.warehouse,
      })),
    };
  }

  async function detail(q: Queryable, row: repo.CaseRow): Promise<CaseDetailView> {
    const lines = await repo.linesOf(q, [row.id]);
    const appraisals = await repo.appraisalsOf(q, row.id);
    const signatures = await repo.signaturesOf(q, appraisals.map((a) => a.id));
    const history = await repo.historyOf(q, row.id);
    return {
      ...toCaseView(row, lines),
      appraisals: appraisals.map((a) => {
        const signed = signatures.filter((s) => s.appraisalId === a.id).map((s) => ({ signer: s.signer, signedAt: s.signedAt.toISOString(), image: s.image }));
        return { id: a.id, lineId: a.lineId, by: a.by, findings: a.findings, photoIds: a.photoIds, responsibility: a.responsibility as Responsibility, bearer: a.bearer as CaseDetailView['appraisals'][number]['bearer'], signaturesNeeded: a.signaturesNeeded, signatures: signed, complete: signed.length >= a.signaturesNeeded, appraisedBy: a.appraisedBy, appraisedAt: a.appraisedAt.toISOString() };
      }),
      history: history.map((h) => ({ id: h.id, lineId: h.lineId, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, details: h.details, actor: h.actor, at: h.at.toISOString() })),
    };
  }

  /** Whether every line has an appraisal with all the signatures it needs. */
  async function allAppraised(q: Queryable, caseId: string): Promise<boolean> {
    const lines = await repo.linesOf(q, [caseId]);
    const appraisals = await repo.appraisalsOf(q, caseId);
    const signatures = await repo.signaturesOf(q, appraisals.map((a) => a.id));
    return lines.every((l) => {
      const a = appraisals.find((x) => x.lineId === l.id);
      return !!a && signatures.filter((s) => s.appraisalId === a.id).length >= a.signaturesNeeded;
    });
  }

  /**
   * One step of a case: the case claimed at the version the caller read (of two at once, one wins;
   * the other gets 409), the state machine asked, the work done, one history row written.
   */
  async function step(caller: Caller, id: string, action: CaseAction, version: number, work: (tx: Tx, row: repo.CaseRow, lines: repo.LineRow[]) => Promise<StepResult>): Promise<CaseDetailView> {
    return db.transaction(async (tx) => {
      // Approval above the policy's amount needs a manager besides (checked in its work, which knows the amount).
      requirePermission(caller.principal, actionPermission[action]);
      const current = await findCase(tx, caller, id);
      const status = current.status as CaseStatus;
      const next = stepCase(status, action);
      if (!next.ok) throw returnsErrors.illegalStep(action, status, next.allowed);
      const claimed = await repo.updateCaseAtVersion(tx, id, version, { updatedAt: clock.now() });
      if (!claimed) throw returnsErrors.staleVersion(current.version);
      const result = await work(tx, claimed, await repo.linesOf(tx, [id]));
      const to = result.to ?? next.to;
      const row = to !== status || result.patch ? await repo.updateCaseAtVersion(tx, id, claimed.version, { ...result.patch, status: to }) : claimed;
      await repo.insertHistory(tx, [{ id: newId(), caseId: id, lineId: result.lineId ?? null, action: result.historyAction ?? action, fromStatus: status, toStatus: to, details: result.details ?? {}, actor: actorName(caller.principal), at: clock.now() }]);
      return detail(tx, row!);
    });
  }

  const lineOf = (lines: repo.LineRow[], lineId: string, path = 'lineId') => {
    const line = lines.find((l) => l.id === lineId);
    if (!line) throw returnsErrors.lineNotInCase(path);
    return line;
  };

  async function currentPolicy(q: Queryable): Promise<ReturnPolicy & { version: number; updatedBy: string; updatedAt: Date }> {
    return repo.policy(q);
  }

  const service = {
    /** Opens a case from the 三包 answer for each unit; a remedy the rules do not allow needs a manager's override with a reason. */
    async open(caller: Caller, input: z.infer<typeof openCaseRequest>): Promise<CaseDetailView> {
      requirePermission(caller.principal, 'returns.handle');
      const order = await deps.workOrders.get(caller, input.orderId).catch((err) => {
        if (err instanceof AppError && err.status === 404) throw returnsErrors.notReturnOrder();
        throw err;
      });
      if (order.kind !== 'return_exchange' || order.status === 'closed' || order.status === 'cancelled') throw returnsErrors.notReturnOrder();
      const reportedOn = input.reportedOn ?? chinaDay(clock.now());
      const seen = new Set<string>();
      const lines: repo.LineInsert[] = [];
      const overrides: Record<string, unknown>[] = [];
      const caseId = newId();
      for (const [i, l] of input.lines.entries()) {
        if (seen.has(l.unitId)) throw returnsErrors.duplicateUnit(i);
        seen.add(l.unitId);
        const unit = await deps.units.unitOfCustomer(db, l.unitId, order.customerId);
        if (!unit) throw returnsErrors.notCustomersUnit(i);
        const { requested, override, unitId, ...fault } = l;
        void unitId;
        const remedy = await deps.units.remedy(caller, l.unitId, { ...fault, reportedOn, modelFound: null });
        if (needsOverride(remedy.options, requested)) {
          if (!override) throw returnsErrors.remedyNeedsOverride(i, requested, allowedDecisions(remedy.options));
          if (!can(caller.principal, 'returns.approve')) throw returnsErrors.overrideNeedsManager(i);
          overrides.push({ line: i, unitId: l.unitId, requested, allowed: allowedDecisions(remedy.options), rule: remedy.rule, reason: override.reason });
        }
        const model = await deps.catalog.modelById(db, unit.modelId);
        // A refund the rules did not offer (an override) pays what they would: the price less depreciation.
        const refundable = remedy.refundAmountFen > 0 ? remedy.refundAmountFen : refundLessDepreciation(unit.priceFen, termsFromModel(model).dailyDepreciationPerMillion ?? 500, remedy.facts.daysUsed);
        const overridden = needsOverride(remedy.options, requested) && override;
        lines.push({
          id: newId(),
          caseId,
          unitId: l.unitId,
          faultCode: l.faultCode,
          reportedOn,
          sanbaoRule: remedy.rule,
          sanbaoOptions: remedy.options,
          sanbaoReason: remedy.reason,
          noReasonReturn: remedy.rule === 'online.7dayNoReasonReturn',
          unitPriceFen: unit.priceFen,
          refundableFen: refundable,
          currency: unit.currency,
          requested,
          overrideReason: overridden ? override.reason : null,
          overrideBy: overridden ? actorName(caller.principal) : null,
        });
      }
      return db.transaction(async (tx) => {
        const policy = await currentPolicy(tx);
        const now = clock.now();
        const row = await repo.insertCase(tx, {
          id: caseId,
          customerId: order.customerId,
          orderId: order.id,
          status: 'opened',
          policy: { panelAboveFen: policy.panelAboveFen, panelForRefunds: policy.panelForRefunds, panelSize: policy.panelSize, managerApprovalAboveFen: policy.managerApprovalAboveFen },
          openedBy: actorName(caller.principal),
          createdAt: now,
          updatedAt: now,
        });
        if (!row) throw returnsErrors.orderTaken();
        await repo.insertLines(tx, lines);
        await repo.insertHistory(tx, [{ id: newId(), caseId, lineId: null, action: 'open', fromStatus: null, toStatus: 'opened', details: { lines: lines.map((l) => ({ unitId: l.unitId, rule: l.sanbaoRule, requested: l.requested, overridden: !!l.overrideReason })) }, actor: actorName(caller.principal), at: now }]);
        for (const o of overrides) await deps.audit(tx, { caller, action: 'return_remedy_override', subjectKind: 'return_case', subjectId: caseId, details: o });
        return detail(tx, row);
      });
    },

    async get(caller: Caller, id: string): Promise<CaseDetailView> {
      requireReader(caller);
      return detail(db, await findCase(db, caller, id));
    },

    async list(caller: Caller, s: z.infer<typeof caseListQuery>) {
      requireReader(caller);
      const { rows, total } = await repo.listCases(db, { visible: visible(caller), status: s.status, customerId: s.customerId, limit: s.limit, offset: s.offset });
      const lines = await repo.linesOf(db, rows.map((r) => r.id));
      return { items: rows.map((r) => toCaseView(r, lines.filter((l) => l.caseId === r.id))), total, limit: s.limit, offset: s.offset };
    },

    startAppraisal: (caller: Caller, id: string, version: number) => step(caller, id, 'start_appraisal', version, async () => ({})),

    /** A technician's or the centre's appraisal of one line; the appraiser is its first signature. */
    async appraise(caller: Caller, id: string, input: z.infer<typeof appraisalRequest>) {
      // The photos are the case order's, in its photo storage; read before the step's transaction.
      requirePermission(caller.principal, actionPermission.appraise);
      if (input.photoIds.length) {
        const row = await findCase(db, caller, id);
        const ofOrder = new Set((await deps.photos.list(caller, row.orderId)).map((p) => p.id));
        const i = input.photoIds.findIndex((p) => !ofOrder.has(p));
        if (i >= 0) throw returnsErrors.photoNotOfOrder(i);
      }
      return step(caller, id, 'appraise', input.version, async (tx, row, lines) => {
        const line = lineOf(lines, input.lineId);
        const now = clock.now();
        const bearer = bearerFor(input.responsibility, line.noReasonReturn);
        const needed = signaturesNeeded(row.policy, { unitPriceFen: line.unitPriceFen, requested: line.requested as Decision });
        const made = await repo.insertAppraisal(tx, { id: newId(), caseId: id, lineId: line.id, by: input.by, findings: input.findings, photoIds: input.photoIds, responsibility: input.responsibility, bearer, signaturesNeeded: needed, appraisedBy: actorName(caller.principal), appraisedAt: now });
        if (!made) throw returnsErrors.alreadyAppraised();
        await repo.insertSignature(tx, { appraisalId: made.id, signer: actorName(caller.principal), image: input.signature ?? null, signedAt: now });
        return { to: (await allAppraised(tx, id)) ? 'appraised' : 'appraising', lineId: line.id, details: { appraisalId: made.id, responsibility: input.responsibility, bearer, signaturesNeeded: needed } };
      });
    },

    /** A panel member's signature: a distinct person each time. */
    sign: (caller: Caller, id: string, input: { version: number; appraisalId: string; signature?: string }) =>
      step(caller, id, 'sign', input.version, async (tx) => {
        const appraisal = (await repo.appraisalsOf(tx, id)).find((a) => a.id === input.appraisalId);
        if (!appraisal) throw returnsErrors.lineNotInCase('appraisalId');
        const signed = await repo.signaturesOf(tx, [appraisal.id]);
        const signer = actorName(caller.principal);
        if (signed.some((s) => s.signer === signer)) throw returnsErrors.alreadySigned();
        if (signed.length >= appraisal.signaturesNeeded) throw returnsErrors.noSignatureNeeded();
        if (!(await repo.insertSignature(tx, { appraisalId: appraisal.id, signer, image: input.signature ?? null, signedAt: clock.now() }))) throw returnsErrors.alreadySigned();
        return { to: (await allAppraised(tx, id)) ? 'appraised' : 'appraising', lineId: appraisal.lineId, details: { appraisalId: appraisal.id, signatures: signed.length + 1, needed: appraisal.signaturesNeeded, drawn: !!input.signature } };
      }),

    /** Exchange, refund or repair for every line, within what the 三包 answer and the appraisal leave open. */
    decide: (caller: Caller, id: string, input: z.infer<typeof decideRequest>) =>
      step(caller, id, 'decide', input.version, async (tx, _row, lines) => {
        const ids = input.lines.map((l) => l.lineId);
        if (new Set(ids).size !== ids.length || ids.length !== lines.length) throw returnsErrors.everyLine('lines');
        const appraisals = await repo.appraisalsOf(tx, id);
        const models = await modelsOfUnits(tx, lines.map((l) => l.unitId));
        const recorded: LineMoney[] = [];
        for (const [i, d] of input.lines.entries()) {
          const line = lineOf(lines, d.lineId, `lines.${i}.lineId`);
          const appraisal = appraisals.find((a) => a.lineId === line.id)!;
          const allowed = allowedDecisions(line.sanbaoOptions as ('refund' | 'replace' | 'repair')[]);
          if (line.overrideReason && !allowed.includes(line.requested as Decision)) allowed.push(line.requested as Decision);
          const open = decisionsAfterAppraisal(allowed, appraisal.responsibility as Responsibility, line.noReasonReturn);
          if (!open.includes(d.decision)) throw returnsErrors.decisionNotAllowed(i, d.decision, open);
          const oldModel = models.get(line.unitId)!;
          let replacementModelId: string | null = null;
          let priceDifferenceFen: number | null = null;
          if (d.decision === 'exchange') {
            replacementModelId = d.replacementModelId ?? oldModel;
            if (replacementModelId !== oldModel) await deps.catalog.modelById(tx, replacementModelId).catch(() => Promise.reject(returnsErrors.noSuchModel(i)));
            if (d.priceDifference && replacementModelId === oldModel && d.priceDifference.amountFen !== 0) throw returnsErrors.priceDifference(i);
            if (d.priceDifference && d.priceDifference.currency !== line.currency) throw returnsErrors.priceDifference(i);
            priceDifferenceFen = d.priceDifference?.amountFen ?? 0;
          } else if (d.priceDifference || d.replacementModelId) throw returnsErrors.priceDifference(i);
          const refundFen = d.decision === 'refund' ? line.refundableFen : null;
          await repo.updateLine(tx, line.id, { decision: d.decision, replacementModelId, priceDifferenceFen, refundFen });
          recorded.push({ decision: d.decision, refundFen, priceDifferenceFen, currency: line.currency });
        }
        const refunds = recorded.reduce((n, l) => n + (l.refundFen ?? 0), 0);
        return { details: { lines: recorded, refundTotalFen: refunds } };
      }),

    /** Approval: the desk's up to the policy's amount, a manager's above it. */
    approve: (caller: Caller, id: string, input: { version: number; note?: string }) =>
      step(caller, id, 'approve', input.version, async (tx, row, lines) => {
        const amount = caseAmountFen(lines.map((l) => ({ decision: l.decision as Decision | null, refundFen: l.refundFen })));
        const needs = approverPermission(row.policy, amount);
        if (!can(caller.principal, needs)) {
          if (needs === 'returns.approve') throw returnsErrors.approvalNeedsManager(formatMoney(money(amount)), formatMoney(money(row.policy.managerApprovalAboveFen)));
          requirePermission(caller.principal, needs);
        }
        if (needs === 'returns.approve') await deps.audit(tx, { caller, action: 'return_approved_above_threshold', subjectKind: 'return_case', subjectId: id, details: { refundTotalFen: amount, thresholdFen: row.policy.managerApprovalAboveFen } });
        return { details: { refundTotalFen: amount, by: needs === 'returns.approve' ? 'manager' : 'desk', note: input.note ?? null } };
      }),

    /** Carries the decision out: replacement units registered and linked, refunds recorded as paid. */
    execute: (caller: Caller, id: string, input: z.infer<typeof executeRequest>) =>
      step(caller, id, 'execute', input.version, async (tx, row, lines) => {
        const onDate = input.onDate ?? chinaDay(clock.now());
        const recorded: (LineMoney & { replacementUnitId?: string; paymentId?: string })[] = [];
        for (const r of input.replacements) lineOf(lines, r.lineId, 'replacements');
        for (const line of lines) {
          const decision = line.decision as Decision;
          if (decision === 'exchange') {
            const i = input.replacements.findIndex((r) => r.lineId === line.id);
            if (i < 0) throw returnsErrors.serialsNeeded(input.replacements.length);
            const made = await deps.units.registerExchange(tx, caller, line.unitId, { modelId: line.replacementModelId!, serials: input.replacements[i].serials, onDate, priceFen: line.unitPriceFen + (line.priceDifferenceFen ?? 0) });
            await repo.updateLine(tx, line.id, { replacementUnitId: made.id });
            recorded.push({ decision, refundFen: null, priceDifferenceFen: line.priceDifferenceFen, currency: line.currency, onDate, replacementUnitId: made.id });
          } else if (decision === 'refund' && line.refundFen) {
            // The refund is paid, not only owed: a negative payment on the case's order, once per line.
            const paid = await deps.fees.payments.recordRefund(caller, {
              orderId: row.orderId,
              amount: money(line.refundFen, line.currency),
              method: input.refundMethod ?? 'bank_transfer',
              reference: input.refundReference ?? null,
              reason: `退货退款 / Return refund (${line.sanbaoRule})`,
              source: { kind: 'return_case', id },
              paidBackBy: 'maker',
              idempotencyKey: `return_case:${id}:${line.id}`,
            }, tx);
            recorded.push({ decision, refundFen: line.refundFen, priceDifferenceFen: null, currency: line.currency, onDate, paymentId: paid.paymentId, refundMethod: input.refundMethod ?? 'bank_transfer' });
          } else recorded.push({ decision, refundFen: line.refundFen, priceDifferenceFen: null, currency: line.currency, onDate });
        }
        return { details: { onDate, lines: recorded } };
      }),

    /**
     * The old unit's way back: pickup booked (a visit of kind `return`, dispatched and booked like
     * any other), picked up (that visit completed), received at a warehouse, its fate.
     */
    async wayBack(caller: Caller, id: string, input: z.infer<typeof wayBackRequest>) {
      let pickupOrderId: string | null = null;
      if (input.step === 'book_pickup') {
        requirePermission(caller.principal, actionPermission.way_back);
        if (new Date(input.to) <= new Date(input.from)) throw returnsErrors.pickupWindow();
        const row = await findCase(db, caller, id);
        const line = lineOf(await repo.linesOf(db, [id]), input.lineId);
        if (line.decision === 'repair' || line.wayBack !== 'with_customer') return service.wayBackStep(caller, id, input, null);
        // Intake commits on its own; its reference makes a retry (or a lost race below) find the same visit.
        const { order } = await deps.workOrders.intake(caller, {
          kind: 'return',
          priority: 'normal',
          channel: 'phone',
          externalRef: `return-pickup:${line.id}`,
          customerId: row.customerId,
          unitId: line.unitId,
          symptom: '退换货：上门取回旧机 / Return: pick up the old unit',
          addressId: input.addressId ?? null,
          wishedFrom: input.from,
          wishedTo: input.to,
          accept: true,
        });
        pickupOrderId = order.id;
      }
      return service.wayBackStep(caller, id, input, pickupOrderId);
    },

    wayBackStep: (caller: Caller, id: string, input: z.infer<typeof wayBackRequest>, pickupOrderId: string | null) =>
      step(caller, id, 'way_back', input.version, async (tx, _row, lines) => {
        const line = lineOf(lines, input.lineId);
        if (line.decision === 'repair') throw returnsErrors.noWayBack(lines.indexOf(line));
        const fate = input.step === 'fate' ? input.fate : undefined;
        const next = stepWayBack(line.wayBack as WayBackState, input.step, fate);
        if (!next.ok) throw returnsErrors.wayBackRefused(input.step, line.wayBack, next.allowed);
        const patch: Partial<repo.LineRow> = { wayBack: next.to };
        const details: Record<string, unknown> = { from: line.wayBack, to: next.to };
        if (input.step === 'book_pickup') {
          if (new Date(input.to) <= new Date(input.from)) throw returnsErrors.pickupWindow();
          Object.assign(patch, { pickupFrom: new Date(input.from), pickupTo: new Date(input.to), pickupOrderId });
          Object.assign(details, { from: input.from, to: input.to, state: next.to, pickupOrderId });
        }
        if (input.step === 'receive') Object.assign(patch, { warehouse: input.warehouse }), Object.assign(details, { warehouse: input.warehouse });
        await repo.updateLine(tx, line.id, patch);
        return { lineId: line.id, historyAction: input.step, details };
      }),

    /** Returns follows work orders: a completed pickup visit moves its line's way back to "picked up". */
    orderFollower: {
      name: 'returns',
      stepped: async (tx: Tx, before: OrderRow, after: OrderRow, action: Parameters<NonNullable<OrderFollower['stepped']>>[3], caller: Caller) => {
        if (after.kind !== 'return' || action !== 'complete' || before.status === after.status) return;
        const found = await repo.lineOfPickup(tx, after.id);
        if (!found || found.line.wayBack !== 'pickup_booked') return;
        const next = stepWayBack('pickup_booked', 'picked_up');
        if (!next.ok) return;
        const now = clock.now();
        await repo.updateLine(tx, found.line.id, { wayBack: next.to });
        await repo.updateCaseAtVersion(tx, found.case.id, found.case.version, { updatedAt: now });
        await repo.insertHistory(tx, [{ id: newId(), caseId: found.case.id, lineId: found.line.id, action: 'picked_up', fromStatus: found.case.status, toStatus: found.case.status, details: { from: 'pickup_booked', to: next.to, pickupOrderId: after.id }, actor: actorName(caller.principal), at: now }]);
      },
    } satisfies OrderFollower,

    close: (caller: Caller, id: string, version: number) =>
      step(caller, id, 'close', version, async (_tx, _row, lines) => {
        if (!lines.every((l) => wayBackSettled(l.decision as Decision | null, l.wayBack as WayBackState))) throw returnsErrors.unsettled();
        return {};
      }),

    reject: (caller: Caller, id: string, input: { version: number; reason: string }) => step(caller, id, 'reject', input.version, async () => ({ patch: { rejectedReason: input.reason }, details: { reason: input.reason } })),

    /** The customer's cases in plain words: a customer sees their own; staff name the customer. */
    async timelines(caller: Caller, customerId: string | undefined): Promise<{ items: CustomerReturnTimeline[] }> {
      const p = caller.principal;
      if (p.kind !== 'customer') requireReader(caller);
      const who = p.kind === 'customer' ? p.customerId : customerId;
      if (!who) throw returnsErrors.customerIdNeeded();
      const { rows } = await repo.listCases(db, { visible: visible(caller), customerId: who, limit: 200, offset: 0 });
      const items: CustomerReturnTimeline[] = [];
      for (const row of rows) {
        const lines = await repo.linesOf(db, [row.id]);
        const history = await repo.historyOf(db, row.id);
        items.push({
          caseId: row.id,
          status: row.status as CaseStatus,
          statusText: statusWords[row.status as CaseStatus],
          lines: lines.map((l) => ({ unitId: l.unitId, decision: l.decision as Decision | null, refund: moneyOf(l.refundFen, l.currency), priceDifference: moneyOf(l.priceDifferenceFen, l.currency), replacementUnitId: l.replacementUnitId })),
          entries: customerEntries(history, companyTimeZone),
        });
      }
      return { items };
    },

    async policy(caller: Caller) {
      requireReader(caller);
      const p = await currentPolicy(db);
      return { panelAboveFen: p.panelAboveFen, panelForRefunds: p.panelForRefunds, panelSize: p.panelSize, managerApprovalAboveFen: p.managerApprovalAboveFen, currency: 'CNY' as const, version: p.version, updatedBy: p.updatedBy, updatedAt: p.updatedAt.toISOString() };
    },

    async setPolicy(caller: Caller, input: z.infer<typeof policyRequest>) {
      requirePermission(caller.principal, 'returns.approve');
      const { version, ...fields } = input;
      return db.transaction(async (tx) => {
        const before = await currentPolicy(tx);
        const row = await repo.updatePolicyAtVersion(tx, version, { ...fields, updatedBy: actorName(caller.principal), updatedAt: clock.now() });
        if (!row) throw returnsErrors.staleVersion(before.version);
        await deps.audit(tx, { caller, action: 'return_policy_changed', subjectKind: 'return_policy', subjectId: null, details: { before: { panelAboveFen: before.panelAboveFen, panelForRefunds: before.panelForRefunds, panelSize: before.panelSize, managerApprovalAboveFen: before.managerApprovalAboveFen }, after: fields } });
        return { ...fields, currency: 'CNY' as const, version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt.toISOString() };
      });
    },

    async statistics(caller: Caller, s: { from: string; to: string }) {
      requirePermission(caller.principal, 'returns.approve');
      const r = await repo.statistics(db, { visible: visible(caller), from: new Date(`${s.from}T00:00:00+08:00`), to: new Date(`${s.to}T00:00:00+08:00`) });
      const group = (g: { key: string | null; lines: number; currency: string; refundFen: string | number }) => ({ key: g.key, lines: Number(g.lines), refunded: { amountFen: Number(g.refundFen), currency: g.currency } });
      return {
        from: s.from,
        to: s.to,
        byStatus: r.byStatus.map((g) => ({ key: g.key, cases: Number(g.cases) })),
        byResponsibility: r.byResponsibility.map(group),
        byDecision: r.byDecision.map(group),
        byProvider: r.byProvider.map((g) => ({ ...group(g), name: g.name, nameEn: g.nameEn })),
        refunded: r.totals.map((g) => ({ amountFen: Number(g.refundFen), currency: g.currency })),
      };
    },
  };
  return service;
}

export type ReturnsService = ReturnType<typeof createReturnsService>;
