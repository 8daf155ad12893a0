import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { zonedInstant } from '../../shared/zoned.js';
import { actorName, requirePermission, type Caller } from '../../kernel/scopes.js';
import { enqueueMessage } from '../notifications/index.js';
import { noticeContact } from '../customers/index.js';
import type { UnitsService } from '../units/index.js';
import type { WorkOrdersService } from '../work-orders/index.js';
import * as repo from './contracts.repo.js';
import { proRataRefund, renewalDue, termEndsOn, visitSchedule, type RefundDecision } from './contracts.rules.js';
import type { cancelRequest, ContractView, sellRequest } from './contracts.contract.js';
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
  /** The zone a visit's day is read in (default Asia/Shanghai). */
  timeZone?: string;
};

export const DAILY_JOB = 'contracts.daily';
const systemCaller: Caller = { principal: { kind: 'system', name: 'contracts' }, address: null };
const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => day(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000));

export function createContractsService(deps: ContractsDeps) {
  const { db, clock } = deps;
  const leadDays = deps.visitLeadDays ?? 14;
  const noticeDays = deps.renewalNoticeDays ?? 30;
  const coolingOffDays = deps.coolingOffDays ?? 15;

  async function views(q: Queryable, rows: repo.ContractRow[], refunds = new Map<string, RefundDecision>()): Promise<ContractView[]> {
    const ids = rows.map((r) => r.id);
    const [visits, history] = await Promise.all([repo.visitsOf(q, ids), repo.historyOf(q, ids)]);
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
      const startsOn = input.startsOn ?? day(now);
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
        const today = day(now);
        const refund = proRataRefund({
          priceFen: row.priceFen,
          soldOn: day(row.soldAt) < today ? day(row.soldAt) : today,
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
      const today = day(clock.now());
      let ordered = 0;
      for (const { visit, contract } of await repo.visitsDue(db, addDays(today, leadDays), 500)) {
        if (!(await repo.claimVisit(db, visit.id))) continue;
        const made = await deps.workOrders.intake(systemCaller, {
          kind: 'maintenance',
          customerId: contract.customerId,
          unitId: contract.unitId,
          symptom: `合同保养上门（${visit.dueOn}）/ Contract maintenance visit (${visit.dueOn})`,
          accept: true,
          priority: 'normal',
          channel: 'api',
          externalRef: `contract-visit:${visit.id}`,
          // The visit's day in the company's zone (customers carry no zone of their own yet), office hours.
          wishedFrom: zonedInstant(visit.dueOn, '09:00', deps.timeZone ?? 'Asia/Shanghai').toISOString(),
          wishedTo: zonedInstant(visit.dueOn, '18:00', deps.timeZone ?? 'Asia/Shanghai').toISOString(),
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
          const who = await noticeContact(tx, c.customerId);
          if (who?.phone) {
            const what = c.kind === 'extended_warranty' ? { zh: '延保服务', en: 'extended warranty' } : { zh: '保养合同', en: 'maintenance contract' };
            await enqueueMessage(tx, clock, {
              channel: 'sms',
              recipient: who.phone,
              customerId: c.customerId,
              template: 'contract_renewal',
              bodyZh: `【售后服务】您的${what.zh}将于 ${c.endsOn} 到期，如需续约请联系客服。`,
              bodyEn: `[Aftercare] Your ${what.en} ends on ${c.endsOn}. Contact us to renew it.`,
              subject: { kind: 'service_contract', id: c.id },
              language: who.language,
            });
          }
          await repo.appendHistory(tx, [{ id: newId(), contractId: c.id, action: 'renewal_reminded', by: 'system:contracts', at: clock.now(), reason: null, data: { endsOn: c.endsOn, sms: Boolean(who?.phone) } }]);
          return true;
        });
        if (sent) reminded++;
      }
      return { ordered, reminded };
    },
  };
}

export type ContractsService = ReturnType<typeof createContractsService>;
