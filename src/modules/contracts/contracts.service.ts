import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { chinaDay, isTimeZone, localDate } from '../../shared/zoned.js';
import { actorName, requirePermission, type Caller } from '../../kernel/scopes.js';
import { customerTimeZone, sendCareNotice } from '../care/index.js';
import type { UnitsService } from '../units/index.js';
import type { WorkOrdersService } from '../work-orders/index.js';
import * as repo from './contracts.repo.js';
import { proRataRefund, renewalDue, termEndsOn, visitSchedule, visitWindow, type RefundDecision } from './contracts.rules.js';
import type { cancelRequest, ContractView, renewRequest, sellRequest } from './contracts.contract.js';
import { contractsErrors } from './contracts.errors.js';

export type ContractsDeps = {
  db: Db;
  clock: Clock;
  units: Pick<UnitsService, 'get'>;
  workOrders: Pick<WorkOrdersService, 'intake'>;
  /** Days before a visit is due that its maintenance order is made (default 14). */
  visitLeadDays?: number;
  /** Days before the term ends that the customer is reminded to renew (default 30). */
  renewalNoticeDays?: number;
  /** A cancellation within this many days of the sale, unused, gets the whole price back (default 15). */
  coolingOffDays?: number;
  /** The company's zone (default Asia/Shanghai): a visit's day is read in the customer's own zone (care profile), this one when they have none. */
  timeZone?: string;
};

export const DAILY_JOB = 'contracts.daily';
const systemCaller: Caller = { principal: { kind: 'system', name: 'contracts' }, address: null };
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function createContractsService(deps: ContractsDeps) {
  const { db, clock } = deps;
  const leadDays = deps.visitLeadDays ?? 14;
  const noticeDays = deps.renewalNoticeDays ?? 30;
  const coolingOffDays = deps.coolingOffDays ?? 15;
  const companyZone = deps.timeZone ?? 'Asia/Shanghai';
  /** The zone the customer's contract schedule is kept in: theirs when the care profile names a valid one. */
  const zoneOf = async (q: Queryable, customerId: string) => {
    const z = await customerTimeZone(q, customerId);
    return z && isTimeZone(z) ? z : companyZone;
  };

  /** The renewal on offer: the same cover and term at the contract's price from the day after it ends; none once cancelled or renewed. */
  function renewalOf(r: repo.ContractRow, renewed: boolean, today: string): ContractView['renewal'] {
    if (r.status !== 'active' || renewed) return null;
    const startsOn = addDays(r.endsOn, 1);
    return { open: renewalDue(r.endsOn, today, noticeDays), priceFen: r.priceFen, currency: r.currency, termMonths: r.termMonths, startsOn, endsOn: termEndsOn(startsOn, r.termMonths) };
  }

  async function views(q: Queryable, rows: repo.ContractRow[], refunds = new Map<string, RefundDecision>()): Promise<ContractView[]> {
    const ids = rows.map((r) => r.id);
    const [visits, history, renewed] = await Promise.all([repo.visitsOf(q, ids), repo.historyOf(q, ids), repo.renewedOnes(q, ids)]);
    const today = chinaDay(clock.now());
    return rows.map((r) => ({
      id: r.id,
      unitId: r.unitId,
      customerId: r.customerId,
      kind: r.kind,
      status: r.status,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      termMonths: r.termMonths,
      priceFen: r.priceFen,
      currency: r.currency,
      coversLabour: r.coversLabour,
      coversParts: r.coversParts,
      partCodes: r.partCodes ?? null,
      visitsIncluded: r.visitsIncluded,
      visitEveryMonths: r.visitEveryMonths,
      soldBy: r.soldBy,
      soldAt: r.soldAt.toISOString(),
      cancelledOn: r.cancelledOn,
      refundOwedFen: r.refundOwedFen,
      refund: refunds.get(r.id) ?? (history.find((h) => h.contractId === r.id && h.action === 'cancelled')?.data?.refund as RefundDecision | undefined) ?? null,
      payment: r.payment,
      renewedFrom: r.renewedFrom ?? null,
      renewal: renewalOf(r, renewed.has(r.id), today),
      visits: visits.filter((v) => v.contractId === r.id).map((v) => ({ dueOn: v.dueOn, status: v.status, orderId: v.orderId })),
      history: history.filter((h) => h.contractId === r.id).map((h) => ({ action: h.action, by: h.by, at: h.at.toISOString(), reason: h.reason, data: h.data ?? null })),
      version: r.version,
    }));
  }

  async function find(q: Queryable, caller: Caller, id: string, forUpdate = false) {
    const row = await repo.contractById(q, id, forUpdate);
    if (!row) throw contractsErrors.notFound(id);
    // Seeing the contract is seeing its unit: the unit's scope decides (404 when out of it).
    try {
      await deps.units.get(caller, row.unitId);
    } catch (err) {
      if ((err as { status?: number }).status === 404) throw contractsErrors.notFound(id);
      throw err;
    }
    return row;
  }

  return {
    /** Sell a contract for a unit: the cover from `startsOn` for the term, its maintenance visits planned at once. */
    async sell(caller: Caller, unitId: string, input: z.infer<typeof sellRequest>): Promise<ContractView> {
      requirePermission(caller.principal, 'contracts.sell');
      const unit = await deps.units.get(caller, unitId);
      const now = clock.now();
      // Today as the customer lives it: a sale at 23:30 in Shanghai on the 1st is not the 1st in Los Angeles.
      const startsOn = input.startsOn ?? localDate(now, await zoneOf(db, unit.ownerId));
      if (startsOn < unit.purchaseDate) throw contractsErrors.startsBeforeSale();
      const endsOn = termEndsOn(startsOn, input.termMonths);
      const id = newId();
      const by = actorName(caller.principal);
      return db.transaction(async (tx) => {
        await repo.insertContract(tx, {
          id,
          unitId,
          customerId: unit.ownerId,
          kind: input.kind,
          status: 'active',
          startsOn,
          endsOn,
          termMonths: input.termMonths,
          priceFen: input.price.amountFen,
          currency: input.price.currency,
          coversLabour: input.coversLabour,
          coversParts: input.coversParts,
          partCodes: input.partCodes ?? null,
          visitsIncluded: input.visitsIncluded,
          visitEveryMonths: input.visitEveryMonths,
          soldBy: by,
          soldAt: now,
        });
        const due = visitSchedule({ startsOn, endsOn, visitEveryMonths: input.visitEveryMonths, visitsIncluded: input.visitsIncluded });
        await repo.planVisits(tx, due.map((dueOn) => ({ id: newId(), contractId: id, dueOn, status: 'planned' as const, createdAt: now })));
        await repo.appendHistory(tx, [{ id: newId(), contractId: id, action: 'sold', by, at: now, reason: null, data: { kind: input.kind, startsOn, endsOn, priceFen: input.price.amountFen, visits: due } }]);
        return (await views(tx, [(await repo.contractById(tx, id))!]))[0];
      });
    },

    async listForUnit(caller: Caller, unitId: string): Promise<{ items: ContractView[] }> {
      await deps.units.get(caller, unitId);
      return { items: await views(db, await repo.contractsOfUnit(db, unitId)) };
    },

    /**
     * The customer renews their own contract in the portal: the same cover and term at the
     * contract's price, from the day after it ends, once its renewal is open (30 days before the
     * end). No payment is taken online: the renewal is marked to pay later (at the next visit or
     * on the company's call). One renewal per contract — the unique key decides between two at once.
     */
    async renew(caller: Caller, id: string, input: z.infer<typeof renewRequest>): Promise<ContractView> {
      if (caller.principal.kind !== 'customer') throw contractsErrors.customersOnly();
      const customerId = caller.principal.customerId;
      if (!input.acceptTerms) throw contractsErrors.termsNotAccepted();
      const now = clock.now();
      const renewalId = newId();
      return db.transaction(async (tx) => {
        const row = await repo.contractById(tx, id, true);
        if (!row || row.customerId !== customerId) throw contractsErrors.notFound(id);
        if (row.version !== input.version) throw contractsErrors.staleVersion(row.version);
        const offer = renewalOf(row, (await repo.renewedOnes(tx, [id])).has(id), chinaDay(now));
        if (!offer) throw contractsErrors.notRenewable(row.status === 'active' ? { en: 'The contract is renewed already', zh: '该合同已续约' } : { en: 'The contract is cancelled', zh: '该合同已取消' });
        if (!offer.open) throw contractsErrors.notRenewable({ en: `Renewal opens ${noticeDays} days before the contract ends (${row.endsOn})`, zh: `合同到期（${row.endsOn}）前 ${noticeDays} 天起可续约` });
        if (!(await repo.insertRenewal(tx, {
          id: renewalId,
          unitId: row.unitId,
          customerId,
          kind: row.kind,
          status: 'active',
          startsOn: offer.startsOn,
          endsOn: offer.endsOn,
          termMonths: row.termMonths,
          priceFen: offer.priceFen,
          currency: offer.currency,
          coversLabour: row.coversLabour,
          coversParts: row.coversParts,
          partCodes: row.partCodes ?? null,
          visitsIncluded: row.visitsIncluded,
          visitEveryMonths: row.visitEveryMonths,
          soldBy: 'customer:portal',
          soldAt: now,
          renewedFrom: id,
          payment: 'pay_later',
        })))
          throw contractsErrors.notRenewable({ en: 'The contract is renewed already', zh: '该合同已续约' });
        const due = visitSchedule({ startsOn: offer.startsOn, endsOn: offer.endsOn, visitEveryMonths: row.visitEveryMonths, visitsIncluded: row.visitsIncluded });
        await repo.planVisits(tx, due.map((dueOn) => ({ id: newId(), contractId: renewalId, dueOn, status: 'planned' as const, createdAt: now })));
        await repo.appendHistory(tx, [
          { id: newId(), contractId: renewalId, action: 'sold', by: 'customer', at: now, reason: null, data: { renewalOf: id, kind: row.kind, startsOn: offer.startsOn, endsOn: offer.endsOn, priceFen: offer.priceFen, payment: 'pay_later', termsAccepted: true, channel: 'portal', visits: due } },
          { id: newId(), contractId: id, action: 'renewed', by: 'customer', at: now, reason: null, data: { renewal: renewalId, startsOn: offer.startsOn, endsOn: offer.endsOn, priceFen: offer.priceFen } },
        ]);
        return (await views(tx, [(await repo.contractById(tx, renewalId))!]))[0];
      });
    },

    /** Cancel: the pro-rata refund rule decides what is owed back, recorded on the contract; planned visits are dropped. */
    async cancel(caller: Caller, id: string, input: z.infer<typeof cancelRequest>): Promise<ContractView> {
      requirePermission(caller.principal, 'contracts.sell');
      await find(db, caller, id);
      const now = clock.now();
      const by = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const row = (await repo.contractById(tx, id, true))!;
        if (row.version !== input.version) throw contractsErrors.staleVersion(row.version);
        if (row.status !== 'active') throw contractsErrors.notActive();
        const today = chinaDay(now);
        const refund = proRataRefund({
          priceFen: row.priceFen,
          soldOn: chinaDay(row.soldAt) < today ? chinaDay(row.soldAt) : today,
          startsOn: row.startsOn,
          endsOn: row.endsOn,
          cancelOn: today,
          visitsIncluded: row.visitsIncluded,
          visitsUsed: await repo.usedVisits(tx, id),
          coveredClaims: 0,
          coolingOffDays,
          cancellationFeeFen: input.cancellationFeeFen,
        });
        const updated = await repo.updateContract(tx, id, row.version, { status: 'cancelled', cancelledOn: today, refundOwedFen: refund.refundFen });
        if (!updated) throw contractsErrors.staleVersion(row.version + 1);
        await repo.cancelPlannedVisits(tx, id);
        await repo.appendHistory(tx, [{ id: newId(), contractId: id, action: 'cancelled', by, at: now, reason: input.reason, data: { refund, status: { from: 'active', to: 'cancelled' } } }]);
        return (await views(tx, [updated], new Map([[id, refund]])))[0];
      });
    },

    /**
     * The daily run (one copy per tick; exactly once in effect either way): a maintenance order for
     * each visit due within the lead days (the visit is claimed first, so two copies never both
     * order it), and a renewal reminder for each contract ending within the notice days (its key
     * row written in the same transaction as the message).
     */
    async daily(): Promise<{ ordered: number; reminded: number }> {
      const today = chinaDay(clock.now());
      let ordered = 0;
      for (const { visit, contract } of await repo.visitsDue(db, addDays(today, leadDays), 500)) {
        if (!(await repo.claimVisit(db, visit.id))) continue;
        // The visit's day in the customer's zone (the company's when unknown), office hours.
        const wished = visitWindow(visit.dueOn, await zoneOf(db, contract.customerId));
        const made = await deps.workOrders.intake(systemCaller, {
          kind: 'maintenance',
          customerId: contract.customerId,
          unitId: contract.unitId,
          symptom: `合同保养上门（${visit.dueOn}）/ Contract maintenance visit (${visit.dueOn})`,
          accept: true,
          priority: 'normal',
          channel: 'api',
          externalRef: `contract-visit:${visit.id}`,
          wishedFrom: wished.from,
          wishedTo: wished.to,
        });
        await db.transaction(async (tx) => {
          await repo.setVisitOrder(tx, visit.id, made.order.id);
          await repo.appendHistory(tx, [{ id: newId(), contractId: contract.id, action: 'visit_ordered', by: 'system:contracts', at: clock.now(), reason: null, data: { dueOn: visit.dueOn, orderId: made.order.id } }]);
        });
        ordered++;
      }
      let reminded = 0;
      for (const c of await repo.endingBetween(db, today, addDays(today, noticeDays), 500)) {
        if (!renewalDue(c.endsOn, today, noticeDays)) continue;
        const sent = await db.transaction(async (tx: Tx) => {
          if (!(await repo.claimReminder(tx, c.id, c.endsOn, clock.now()))) return false;
          // A renewal is an offer: through care, it needs the customer's marketing consent by SMS, carries
          // the opt-out, and waits out quiet hours in the customer's zone.
          const what = c.kind === 'extended_warranty' ? { zh: '延保服务', en: 'extended warranty' } : { zh: '保养合同', en: 'maintenance contract' };
          const sent = await sendCareNotice(tx, clock, {
            customerId: c.customerId,
            purpose: 'marketing',
            template: 'contract_renewal',
            bodyZh: `【售后服务】您的${what.zh}将于 ${c.endsOn} 到期，如需续约请联系客服。`,
            bodyEn: `[Aftercare] Your ${what.en} ends on ${c.endsOn}. Contact us to renew it.`,
            subject: { kind: 'service_contract', id: c.id },
            companyZone,
          });
          await repo.appendHistory(tx, [{ id: newId(), contractId: c.id, action: 'renewal_reminded', by: 'system:contracts', at: clock.now(), reason: null, data: { endsOn: c.endsOn, sms: sent.status === 'enqueued', message: sent.status } }]);
          return true;
        });
        if (sent) reminded++;
      }
      return { ordered, reminded };
    },
  };
}

export type ContractsService = ReturnType<typeof createContractsService>;
