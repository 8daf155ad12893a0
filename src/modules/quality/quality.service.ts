import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditFn } from '../../kernel/audit.js';
import { orderScope, requirePermission, actorName, type Caller } from '../../kernel/scopes.js';
import { newId } from '../../shared/ids.js';
import { chinaDay } from '../../shared/zoned.js';
import * as repo from './quality.repo.js';
import { qualityErrors } from './quality.errors.js';
import { csvCell, defaultTrendRule, EARLY_FAILURE_DAYS, monthsBefore, pareto, per1000, previousMonth, REPEAT_WINDOW_DAYS, share, trendVerdict, type TrendRule } from './quality.rules.js';
import type { alertsQuery, causeOriginRequest, dashboardQuery, exportQuery, originsQuery, ordersQuery, ratesQuery, statisticsQuery } from './quality.contract.js';

export type QualityDeps = { db: Db; clock: Clock; audit: AuditFn; trendRule?: TrendRule };

const jobCaller: Caller = { principal: { kind: 'system', name: 'quality.trend_alerts' }, address: null };
/** The orders kept with an alert: enough to read, not a copy of the month. */
const alertOrderLimit = 500;

/** Midnight China time of a YYYY-MM-DD day. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export function createQualityService({ db, clock, audit, trendRule = defaultTrendRule }: QualityDeps) {
  /** Quality figures span every provider's work, so only headquarters reads them. */
  function mayView(caller: Caller) {
    requirePermission(caller.principal, 'quality.view');
    if (orderScope(caller.principal).kind !== 'all') throw qualityErrors.headquartersOnly();
  }
  const period = (q: { from: string; to: string }) => ({ from: dayStart(q.from), to: dayStart(q.to) });
  type AlertRow = NonNullable<Awaited<ReturnType<typeof repo.findAlert>>>;
  const alertView = (a: AlertRow, names: { models: Map<string, string>; parts: Map<string, string> }) => ({
    id: a.id,
    subject: a.partId ? ('part' as const) : ('model' as const),
    modelId: a.modelId,
    modelName: a.modelId ? (names.models.get(a.modelId) ?? null) : null,
    partId: a.partId,
    partName: a.partId ? (names.parts.get(a.partId) ?? null) : null,
    month: a.month,
    faults: a.faults,
    units: a.units,
    ratePer1000: a.ratePer1000,
    baselinePer1000: a.baselinePer1000,
    upperLimitPer1000: a.upperLimitPer1000,
    orderIds: a.orderIds,
    raisedAt: a.raisedAt.toISOString(),
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  });

  /** The names of the alerts' models and parts. */
  async function alertNames(q: Parameters<typeof repo.modelNames>[0], rows: AlertRow[]) {
    const ids = (pick: (a: AlertRow) => string | null) => [...new Set(rows.map(pick).filter((x): x is string => x !== null))];
    const [models, parts] = await Promise.all([repo.modelNames(q, ids((a) => a.modelId)), repo.partNames(q, ids((a) => a.partId))]);
    return { models, parts };
  }

  return {
    async statistics(caller: Caller, q: z.infer<typeof statisticsQuery>) {
      mayView(caller);
      const rows = await repo.faultStatistics(db, { ...period(q), dimension: q.dimension, modelId: q.modelId });
      return { dimension: q.dimension, rows: pareto(rows).map((r) => ({ ...r, per1000: r.units === null ? null : per1000(r.faults, r.units) })) };
    },

    async rates(caller: Caller, q: z.infer<typeof ratesQuery>) {
      mayView(caller);
      const f = await repo.rateFigures(db, { ...period(q), modelId: q.modelId, earlyDays: EARLY_FAILURE_DAYS, repeatDays: REPEAT_WINDOW_DAYS });
      return {
        ...f,
        earlyFailuresPer1000: per1000(f.earlyFailures, f.cohortUnits),
        firstTimeFixRate: share(f.firstTimeFixes, f.fixes),
        repeatRepairRate: share(f.repeatRepairs, f.repairs),
        earlyDays: EARLY_FAILURE_DAYS,
        repeatDays: REPEAT_WINDOW_DAYS,
      };
    },

    async origins(caller: Caller, q: z.infer<typeof originsQuery>) {
      mayView(caller);
      const rows = await repo.originShares(db, { ...period(q), by: q.by });
      return {
        by: q.by,
        rows: rows.map((r) => {
          const known = r.product + r.installation;
          return { ...r, installationShare: share(r.installation, known), productShare: share(r.product, known) };
        }),
        sources: ['fault_codes.cause → quality_cause_origins', 'return_appraisals.responsibility', 'complaints.root_cause (product, installation)'],
      };
    },

    async orders(caller: Caller, q: z.infer<typeof ordersQuery>) {
      mayView(caller);
      const r = await repo.faultOrders(db, { ...period(q), dimension: q.dimension, key: q.key, modelId: q.modelId, limit: q.limit, offset: q.offset });
      return { total: r.total, items: r.rows.map((o) => ({ ...o, createdAt: o.createdAt.toISOString(), doneAt: o.doneAt.toISOString() })) };
    },

    /** The period's faults as CSV for R&D, one row per repair order; the export is audited. */
    async exportCsv(caller: Caller, q: z.infer<typeof exportQuery>): Promise<string> {
      mayView(caller);
      const header = ['order_number', 'opened_at', 'done_at', 'model', 'symptom_code', 'cause_code', 'region', 'provider_id', 'installer_id', 'in_service_since', 'photo_count'];
      const lines = [header.join(',')];
      const pageSize = 5000;
      for (let offset = 0; ; offset += pageSize) {
        const r = await repo.faultOrders(db, { ...period(q), modelId: q.modelId, limit: pageSize, offset });
        for (const o of r.rows) lines.push([o.number, o.createdAt.toISOString(), o.doneAt.toISOString(), o.modelCode, o.symptomCode, o.causeCode, o.region, o.providerId, o.installerId, o.startOn, o.photoIds.length].map(csvCell).join(','));
        if (r.rows.length < pageSize) break;
      }
      await db.transaction((tx) => audit(tx, { caller, action: 'quality.export', subjectKind: 'quality_export', subjectId: `${q.from}..${q.to}`, details: { ...q, rows: lines.length - 1 } }));
      return `${lines.join('\r\n')}\r\n`;
    },

    /** The first view: Pareto of causes and monthly rates per model over the twelve months to `month`, and the latest alerts; from the rollup. */
    async dashboard(caller: Caller, q: z.infer<typeof dashboardQuery>) {
      mayView(caller);
      const month = q.month ?? chinaDay(clock.now()).slice(0, 7);
      const months = [...monthsBefore(month, 11), month];
      const [causes, monthly, units, alerts] = await Promise.all([
        repo.causesFromRollup(db, { fromMonth: months[0], toMonth: month, modelId: q.modelId }),
        repo.monthlyByModel(db, { fromMonth: months[0], toMonth: month, modelId: q.modelId }),
        repo.unitsAtMonthStart(db, months),
        repo.listAlerts(db, { limit: 20, offset: 0 }),
      ]);
      const [names, alertNamed] = await Promise.all([repo.modelNames(db, [...new Set(monthly.map((m) => m.modelId))]), alertNames(db, alerts.rows)]);
      const faultsOf = new Map(monthly.map((m) => [`${m.modelId}|${m.month}`, m.faults]));
      const trend = [...new Set(monthly.map((m) => m.modelId))].map((modelId) => ({
        modelId,
        modelName: names.get(modelId) ?? null,
        months: months.map((mo) => {
          const faults = faultsOf.get(`${modelId}|${mo}`) ?? 0;
          const u = units.get(modelId)?.get(mo) ?? 0;
          return { month: mo, faults, units: u, per1000: per1000(faults, u) };
        }),
      }));
      return { month, fromMonth: months[0], pareto: pareto(causes), trend, alerts: alerts.rows.map((a) => alertView(a, alertNamed)) };
    },

    async alerts(caller: Caller, q: z.infer<typeof alertsQuery>) {
      mayView(caller);
      const r = await repo.listAlerts(db, q);
      const names = await alertNames(db, r.rows);
      return { items: r.rows.map((a) => alertView(a, names)), total: r.total, limit: q.limit, offset: q.offset };
    },

    async acknowledge(caller: Caller, id: string) {
      mayView(caller);
      return db.transaction(async (tx) => {
        const found = await repo.findAlert(tx, id);
        if (!found) throw qualityErrors.alertNotFound(id);
        const row = await repo.acknowledgeAlert(tx, id, actorName(caller.principal), clock.now());
        if (!row) throw qualityErrors.alreadyAcknowledged();
        await audit(tx, { caller, action: 'quality.alert_acknowledge', subjectKind: 'quality_alert', subjectId: id, details: { modelId: row.modelId, partId: row.partId, month: row.month } });
        return alertView(row, await alertNames(tx, [row]));
      });
    },

    async causeOrigins(caller: Caller) {
      mayView(caller);
      return { items: (await repo.causeOrigins(db)).map((o) => ({ ...o, updatedAt: o.updatedAt.toISOString() })) };
    },

    async setCauseOrigin(caller: Caller, input: z.infer<typeof causeOriginRequest>) {
      requirePermission(caller.principal, 'quality.manage');
      const at = clock.now();
      await db.transaction(async (tx) => {
        await repo.setCauseOrigin(tx, { ...input, updatedBy: actorName(caller.principal), updatedAt: at });
        await audit(tx, { caller, action: 'quality.cause_origin', subjectKind: 'fault_code', subjectId: input.causeCode, details: input });
      });
      return { ...input, updatedBy: actorName(caller.principal), updatedAt: at.toISOString() };
    },

    /**
     * The daily job: rebuilds the rollup for the thirteen months to `month` (the last complete
     * month by default) and raises one alert per model, and one per part, whose month breaks the
     * control limit. The unique (model, month) and (part, month) indexes make it exactly once,
     * however often or wherever the job runs.
     */
    async raiseAlerts(month = previousMonth(chinaDay(clock.now()))): Promise<number> {
      const baselineMonths = monthsBefore(month, trendRule.baselineMonths);
      const months = [...baselineMonths, month];
      return db.transaction(async (tx) => {
        await repo.refreshRollup(tx, months[0]);
        const monthly = await repo.monthlyByModel(tx, { fromMonth: months[0], toMonth: month });
        const units = await repo.unitsAtMonthStart(tx, months);
        const faultsOf = new Map(monthly.map((m) => [`${m.modelId}|${m.month}`, m.faults]));
        let raised = 0;
        for (const modelId of new Set(monthly.filter((m) => m.month === month).map((m) => m.modelId))) {
          const figure = (mo: string) => ({ month: mo, faults: faultsOf.get(`${modelId}|${mo}`) ?? 0, units: units.get(modelId)?.get(mo) ?? 0 });
          const current = figure(month);
          const v = trendVerdict(current, baselineMonths.map(figure), trendRule);
          if (!v.alert) continue;
          const made = await repo.insertAlert(tx, {
            id: newId(),
            modelId,
            month,
            faults: current.faults,
            units: current.units,
            ratePer1000: v.ratePer1000!,
            baselinePer1000: v.baselinePer1000!,
            upperLimitPer1000: v.upperLimitPer1000!,
            orderIds: await repo.orderIdsOfModelMonth(tx, modelId, month, alertOrderLimit),
            raisedAt: clock.now(),
          });
          if (!made) continue;
          await audit(tx, { caller: jobCaller, action: 'quality.alert_raised', subjectKind: 'quality_alert', subjectId: made.id, details: { modelId, month, ...v } });
          raised++;
        }
        // The same rule per part: its faults are the repairs that replaced it, its units those of the models using it.
        const byPart = await repo.monthlyByPart(tx, { fromMonth: months[0], toMonth: month });
        const partUnits = await repo.partUnitsAtMonthStart(tx, months);
        const partFaults = new Map(byPart.map((m) => [`${m.partId}|${m.month}`, m.faults]));
        for (const partId of new Set(byPart.filter((m) => m.month === month).map((m) => m.partId))) {
          const figure = (mo: string) => ({ month: mo, faults: partFaults.get(`${partId}|${mo}`) ?? 0, units: partUnits.get(partId)?.get(mo) ?? 0 });
          const current = figure(month);
          const v = trendVerdict(current, baselineMonths.map(figure), trendRule);
          if (!v.alert) continue;
          const made = await repo.insertAlert(tx, {
            id: newId(),
            partId,
            month,
            faults: current.faults,
            units: current.units,
            ratePer1000: v.ratePer1000!,
            baselinePer1000: v.baselinePer1000!,
            upperLimitPer1000: v.upperLimitPer1000!,
            orderIds: await repo.orderIdsOfPartMonth(tx, partId, month, alertOrderLimit),
            raisedAt: clock.now(),
          });
          if (!made) continue;
          await audit(tx, { caller: jobCaller, action: 'quality.alert_raised', subjectKind: 'quality_alert', subjectId: made.id, details: { partId, month, ...v } });
          raised++;
        }
        return raised;
      });
    },

    /** For the demo and the benchmark: the rollup from `fromMonth` on. */
    async refreshRollup(fromMonth: string) {
      await db.transaction((tx) => repo.refreshRollup(tx, fromMonth));
    },
  };
}

export type QualityService = ReturnType<typeof createQualityService>;
