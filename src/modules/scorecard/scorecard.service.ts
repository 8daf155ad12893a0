import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { newId } from '../../shared/ids.js';
import { enqueueMessage } from '../notifications/index.js';
import * as repo from './scorecard.repo.js';
import { scorecardErrors } from './scorecard.errors.js';
import { figure, formatFigure, light, median, monthsTo, perspectiveNames, perspectives, previousMonth, trendOf, type Level } from './scorecard.rules.js';
import { renderCsv, renderHtml, renderXlsx, type Lang } from './scorecard.export.js';
import type { ScorecardCard, breakdownQuery, certificationQuery, commentsQuery, deliverySettingsRequest, drillQuery, exportQuery, measureUpdate, recipientRequest, scorecardQuery } from './scorecard.contract.js';

export type ScorecardDeps = { db: Db; clock: Clock; audit: AuditFn };

const jobCaller: Caller = { principal: { kind: 'system', name: 'scorecard.monthly_delivery' }, address: null };
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const chinaMonth = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
const iso = (d: Date) => d.toISOString();

/** Days into the next month after which a month's rollup is final (late follow-ups and surveys of its orders). */
const ROLLUP_SETTLE_DAYS = 7;

/** Whose figures a request is for, once the caller's scope has been applied. */
type Target = { level: Level; key: string | null; filter: repo.Filter };

export function createScorecardService({ db, clock, audit }: ScorecardDeps) {
  const sourceReady = (source: string) => source in repo.sources && ((repo.sources as Record<string, repo.Source>)[source].facts in repo.facts);
  const measureView = (m: repo.MeasureRow) => ({ ...m, sourceReady: sourceReady(m.source), updatedAt: iso(m.updatedAt) });

  /**
   * Applies the caller's scope: headquarters reads every level; a provider admin its provider and
   * its technicians; a technician only their own figures. A key out of scope is refused (403), an
   * unknown one is 404.
   */
  async function target(caller: Caller, level: Level, key: string | undefined): Promise<Target> {
    requirePermission(caller.principal, 'scorecard.view');
    const scope = orderScope(caller.principal);
    if (scope.kind === 'technician') {
      if (level !== 'technician' || (key !== undefined && key !== scope.technicianId)) throw scorecardErrors.outOfScope();
      return { level, key: scope.technicianId, filter: { level, key: scope.technicianId } };
    }
    if (scope.kind === 'provider') {
      if (level === 'provider') {
        if (key !== undefined && key !== scope.providerId) throw scorecardErrors.outOfScope();
        return { level, key: scope.providerId, filter: { level, key: scope.providerId } };
      }
      if (level !== 'technician') throw scorecardErrors.outOfScope();
      if (key === undefined) throw scorecardErrors.keyRequired();
      if (!uuid.test(key)) throw scorecardErrors.badKey();
      const of = await repo.providerOfTechnician(db, key);
      if (of === null) throw scorecardErrors.technicianNotFound(key);
      if (of !== scope.providerId) throw scorecardErrors.outOfScope();
      return { level, key, filter: { level, key, providerId: scope.providerId } };
    }
    if (scope.kind !== 'all') throw scorecardErrors.outOfScope();
    if (level === 'company') return { level, key: null, filter: { level } };
    if (key === undefined) throw scorecardErrors.keyRequired();
    if (level === 'provider' || level === 'technician') {
      if (!uuid.test(key)) throw scorecardErrors.badKey();
      if (level === 'provider' && !(await repo.providerExists(db, key))) throw scorecardErrors.providerNotFound(key);
      if (level === 'technician' && (await repo.providerOfTechnician(db, key)) === null) throw scorecardErrors.technicianNotFound(key);
    }
    return { level, key, filter: { level, key } };
  }

  async function activeMeasure(code: string) {
    const m = await repo.findMeasure(db, code);
    if (!m || !(m.source in repo.sources)) throw scorecardErrors.measureNotFound(code);
    return m;
  }

  /** The scorecard of one company, region, provider or technician: every active measure, its light, its trend, and at the provider level the network median. */
  async function build(t: Target, month: string, count: number): Promise<ScorecardCard> {
    const months = monthsTo(month, count);
    const measures = (await repo.listMeasures(db)).filter((m) => m.active && m.source in repo.sources);
    const names = [...new Set(measures.map((m) => m.source as repo.SourceName))];
    const [rows, network] = await Promise.all([
      repo.aggregates(db, { fromMonth: months[0], toMonth: month, sources: names, filter: t.filter }),
      t.level === 'provider' ? repo.aggregates(db, { fromMonth: month, toMonth: month, sources: names, filter: { level: 'provider' } }) : Promise.resolve([]),
    ]);
    const byMonth = new Map(rows.map((r) => [`${r.source}|${r.month}`, r]));
    const named = t.key && (t.level === 'provider' || t.level === 'technician') ? (await repo.keyNames(db, t.level, [t.key])).get(t.key) : undefined;
    const keyName = t.key && (t.level === 'provider' || t.level === 'technician') ? (named?.name ?? null) : t.key;
    return {
      month,
      level: t.level,
      key: t.key,
      keyName,
      keyNameEn: named?.nameEn ?? null,
      perspectives: perspectives.map((p) => ({
        perspective: p,
        nameZh: perspectiveNames[p].zh,
        nameEn: perspectiveNames[p].en,
        measures: measures
          .filter((m) => m.perspective === p)
          .map((m) => {
            const s: repo.Source = repo.sources[m.source as repo.SourceName];
            const trend = months.map((mo) => ({ month: mo, value: figure(byMonth.get(`${m.source}|${mo}`), s.aggregate, s.scale) }));
            const value = trend[trend.length - 1].value;
            const { delta, better } = trendOf(trend.map((x) => x.value), m.direction);
            const networkMedian = t.level === 'provider' ? median(network.filter((r) => r.source === m.source).map((r) => figure(r, s.aggregate, s.scale))) : undefined;
            return {
              code: m.code,
              nameZh: m.nameZh,
              nameEn: m.nameEn,
              definitionZh: m.definitionZh,
              definitionEn: m.definitionEn,
              unit: m.unit,
              direction: m.direction,
              target: m.target,
              green: m.green,
              red: m.red,
              owner: m.owner,
              source: m.source,
              sourceReady: sourceReady(m.source),
              value,
              light: light(value, m),
              trend,
              delta,
              better,
              ...(networkMedian !== undefined ? { networkMedian } : {}),
            };
          }),
      })),
    };
  }

  const monthOf = (m?: string) => m ?? chinaMonth(clock.now());

  return {
    async scorecard(caller: Caller, q: z.infer<typeof scorecardQuery>) {
      const t = await target(caller, q.level, q.key);
      return build(t, monthOf(q.month), q.months);
    },

    /** One measure for every region, provider or technician in the month (a provider admin: its technicians only), with the median. */
    async breakdown(caller: Caller, q: z.infer<typeof breakdownQuery>) {
      requirePermission(caller.principal, 'scorecard.view');
      const scope = orderScope(caller.principal);
      let filter: repo.Filter = { level: q.level };
      if (scope.kind === 'provider') {
        if (q.level !== 'technician') throw scorecardErrors.outOfScope();
        filter = { level: q.level, providerId: scope.providerId };
      } else if (scope.kind !== 'all') throw scorecardErrors.outOfScope();
      const m = await activeMeasure(q.measure);
      const s: repo.Source = repo.sources[m.source as repo.SourceName];
      const month = monthOf(q.month);
      const rows = await repo.aggregates(db, { fromMonth: month, toMonth: month, sources: [m.source as repo.SourceName], filter });
      const names = await repo.keyNames(db, q.level, rows.map((r) => r.key));
      const out = rows
        .map((r) => {
          const value = figure(r, s.aggregate, s.scale);
          return { key: r.key, name: names.get(r.key)?.name ?? (q.level === 'region' ? r.key : null), nameEn: names.get(r.key)?.nameEn ?? null, value, light: light(value, m) };
        })
        .sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : m.direction === 'higher' ? a.value - b.value : b.value - a.value) || a.key.localeCompare(b.key));
      return { month, measure: m.code, level: q.level, rows: out, median: median(out.map((r) => r.value)) };
    },

    /** The orders (or people) behind a figure: the same facts the figure is computed from. */
    async drill(caller: Caller, q: z.infer<typeof drillQuery>) {
      // The scope's and the measure's look-ups at once (a round trip each on a loaded server); the scope's
      // refusal still comes first when both fail.
      const [scoped, measure] = await Promise.allSettled([target(caller, q.level, q.key), activeMeasure(q.measure)]);
      if (scoped.status === 'rejected') throw scoped.reason;
      if (measure.status === 'rejected') throw measure.reason;
      const [t, m] = [scoped.value, measure.value];
      const month = monthOf(q.month);
      const r = await repo.drill(db, { month, source: m.source as repo.SourceName, filter: t.filter, limit: q.limit, offset: q.offset });
      return { month, measure: m.code, total: r.total, items: r.rows };
    },

    /** Certification coverage per product category, in the caller's scope (the measure's pairs by category). */
    async certificationByCategory(caller: Caller, q: z.infer<typeof certificationQuery>) {
      const t = await target(caller, q.level, q.key);
      const month = monthOf(q.month);
      const rows = await repo.certificationByCategory(db, { month, filter: t.filter });
      return { month, level: t.level, key: t.key, items: rows.map((r) => ({ ...r, coverage: (r.certified / r.technicians) * 100 })) };
    },

    /**
     * What customers said of a technician's work in the month (follow-up and survey comments on their own
     * orders): a technician their own only; a provider admin their technicians'; headquarters anyone's.
     */
    async comments(caller: Caller, q: z.infer<typeof commentsQuery>) {
      const t = await target(caller, 'technician', q.key);
      const month = monthOf(q.month);
      const r = await repo.customerComments(db, { month, technicianId: t.key!, limit: q.limit, offset: q.offset });
      return { month, technicianId: t.key!, total: r.total, items: r.rows };
    },

    async measures(caller: Caller) {
      requirePermission(caller.principal, 'scorecard.view');
      return { items: (await repo.listMeasures(db)).map(measureView), sources: repo.sourceNames };
    },

    async updateMeasure(caller: Caller, input: z.infer<typeof measureUpdate>) {
      requirePermission(caller.principal, 'scorecard.manage');
      return db.transaction(async (tx) => {
        const m = await repo.findMeasure(tx, input.code);
        if (!m) throw scorecardErrors.measureNotFound(input.code);
        if (m.version !== input.version) throw scorecardErrors.staleVersion(m.version);
        const { code: _code, version: _version, ...patch } = input;
        const next = { ...m, ...patch };
        if (next.green !== null && next.red !== null && (next.direction === 'higher' ? next.green < next.red : next.green > next.red)) throw scorecardErrors.thresholds();
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const [k, v] of Object.entries(patch)) if (v !== undefined && (m as Record<string, unknown>)[k] !== v) changes[k] = { from: (m as Record<string, unknown>)[k], to: v };
        const at = clock.now();
        const row = await repo.updateMeasureAtVersion(tx, m.code, m.version, { ...patch, updatedBy: actorName(caller.principal), updatedAt: at });
        if (!row) throw scorecardErrors.staleVersion(m.version);
        await repo.insertMeasureHistory(tx, { code: m.code, at, actor: actorName(caller.principal), action: 'changed', changes });
        await audit(tx, { caller, action: 'scorecard.measure_changed', subjectKind: 'scorecard_measure', subjectId: m.code, details: changes });
        return measureView(row);
      });
    },

    async measureHistory(caller: Caller, code: string) {
      requirePermission(caller.principal, 'scorecard.manage');
      await activeMeasure(code);
      return { items: (await repo.measureHistory(db, code)).map((h) => ({ ...h, at: iso(h.at) })) };
    },

    async delivery(caller: Caller) {
      requirePermission(caller.principal, 'scorecard.manage');
      const [s, recipients] = await Promise.all([repo.deliverySettings(db), repo.listRecipients(db)]);
      return deliveryView(s!, recipients);
    },

    async setDelivery(caller: Caller, input: z.infer<typeof deliverySettingsRequest>) {
      requirePermission(caller.principal, 'scorecard.manage');
      return db.transaction(async (tx) => {
        const s = (await repo.deliverySettings(tx))!;
        if (s.version !== input.version) throw scorecardErrors.staleVersion(s.version);
        const row = await repo.updateDeliverySettings(tx, s.version, { roles: [...new Set(input.roles)], updatedBy: actorName(caller.principal), updatedAt: clock.now() });
        if (!row) throw scorecardErrors.staleVersion(s.version);
        await audit(tx, { caller, action: 'scorecard.delivery_roles', subjectKind: 'scorecard_delivery', subjectId: 'default', details: { from: s.roles, to: row.roles } });
        return deliveryView(row, await repo.listRecipients(tx));
      });
    },

    async addRecipient(caller: Caller, input: z.infer<typeof recipientRequest>) {
      requirePermission(caller.principal, 'scorecard.manage');
      return db.transaction(async (tx) => {
        if (input.providerId && !(await repo.providerExists(tx, input.providerId))) throw scorecardErrors.providerNotFound(input.providerId);
        const made = await repo.insertRecipient(tx, { id: newId(), email: input.email.toLowerCase(), role: input.role, providerId: input.providerId ?? null, language: input.language, createdBy: actorName(caller.principal), createdAt: clock.now() });
        if (!made) throw scorecardErrors.recipientExists();
        await audit(tx, { caller, action: 'scorecard.recipient_added', subjectKind: 'scorecard_recipient', subjectId: made.id, details: { email: made.email, role: made.role, providerId: made.providerId } });
        return recipientView(made);
      });
    },

    async removeRecipient(caller: Caller, id: string) {
      requirePermission(caller.principal, 'scorecard.manage');
      return db.transaction(async (tx) => {
        const gone = await repo.deleteRecipient(tx, id);
        if (!gone) throw scorecardErrors.recipientNotFound(id);
        await audit(tx, { caller, action: 'scorecard.recipient_removed', subjectKind: 'scorecard_recipient', subjectId: id, details: { email: gone.email, role: gone.role } });
        return recipientView(gone);
      });
    },

    /**
     * The monthly job: last month's scorecard e-mailed (the notifications module's e-mail channel)
     * to every mailbox of a chosen role — headquarters the company's, a provider admin its provider's
     * against the network median. One delivery row per month and mailbox, claimed in the same
     * transaction as the message: however often the job runs, each mailbox gets the month once.
     */
    async deliverMonth(month = previousMonth(chinaMonth(clock.now()))): Promise<number> {
      const s = (await repo.deliverySettings(db))!;
      const recipients = (await repo.listRecipients(db)).filter((r) => s.roles.includes(r.role));
      let sent = 0;
      for (const r of recipients) {
        const t: Target = r.role === 'provider_admin' ? { level: 'provider', key: r.providerId, filter: { level: 'provider', key: r.providerId! } } : { level: 'company', key: null, filter: { level: 'company' } };
        const card = await build(t, month, 2);
        const text = (lang: Lang) => mailText(card, lang);
        const done = await db.transaction(async (tx) => {
          if (!(await repo.claimDelivery(tx, { month, recipientId: r.id, email: r.email, sentAt: clock.now() }))) return false;
          await enqueueMessage(tx, clock, { channel: 'email', recipient: r.email, template: 'scorecard_monthly', bodyZh: text('zh'), bodyEn: text('en'), language: r.language, subject: { kind: 'scorecard', id: month } });
          await audit(tx, { caller: jobCaller, action: 'scorecard.delivered', subjectKind: 'scorecard_recipient', subjectId: r.id, details: { month, email: r.email, level: t.level, key: t.key } });
          return true;
        });
        if (done) sent++;
      }
      return sent;
    },

    /**
     * Rolls one closed month up (every source, every level; replaces its rows). The month being
     * lived in, or a later one, is refused: it is always computed live.
     */
    async rollUp(month: string): Promise<number> {
      if (month >= chinaMonth(clock.now())) throw new Error(`scorecard: ${month} is not closed yet`);
      return repo.rollUp(db, month, clock.now());
    },

    /**
     * The daily job: last month rolled up until it has been rolled up once after its first week
     * (follow-ups and surveys of the month's orders come in over the following days); then it is
     * left as it is. Answers the rows written, or null when there was nothing to do.
     */
    async rollUpLastMonth(): Promise<number | null> {
      const now = clock.now();
      const current = chinaMonth(now);
      const month = previousMonth(current);
      const settled = new Date(Date.parse(`${current}-01T00:00:00+08:00`) + ROLLUP_SETTLE_DAYS * 86400_000);
      const done = await repo.rollupOf(db, month);
      if (done && done.rolledAt >= settled) return null;
      return repo.rollUp(db, month, now);
    },

    async runDelivery(caller: Caller, month: string) {
      requirePermission(caller.principal, 'scorecard.manage');
      return { month, sent: await this.deliverMonth(month) };
    },

    async exportScorecard(caller: Caller, q: z.infer<typeof exportQuery>, format: 'csv' | 'xlsx' | 'html') {
      const t = await target(caller, q.level, q.key);
      const card = await build(t, monthOf(q.month), 12);
      await audit(db, { caller, action: 'scorecard.export', subjectKind: 'scorecard', subjectId: `${card.month}:${t.level}:${t.key ?? ''}`, details: { format } });
      if (format === 'csv') return { type: 'text/csv; charset=utf-8', body: renderCsv(card, q.lang) };
      if (format === 'xlsx') return { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await renderXlsx(card, q.lang) };
      return { type: 'text/html; charset=utf-8', body: renderHtml(card, q.lang) };
    },
  };
}

function recipientView(r: repo.RecipientRow) {
  return { id: r.id, email: r.email, role: r.role, providerId: r.providerId, language: r.language, createdBy: r.createdBy, createdAt: iso(r.createdAt) };
}

function deliveryView(s: NonNullable<Awaited<ReturnType<typeof repo.deliverySettings>>>, recipients: repo.RecipientRow[]) {
  return { roles: s.roles as ('manager' | 'admin' | 'provider_admin')[], version: s.version, updatedBy: s.updatedBy, updatedAt: iso(s.updatedAt), recipients: recipients.map(recipientView) };
}


/** The e-mail: one line per measure with its light, grouped by perspective. */
function mailText(card: ScorecardCard, lang: Lang): string {
  const lights = { green: lang === 'zh' ? '绿' : 'green', amber: lang === 'zh' ? '黄' : 'amber', red: lang === 'zh' ? '红' : 'red', none: '—' };
  const head = lang === 'zh' ? `【售后服务】${card.month} 平衡计分卡${card.keyName ? `（${card.keyName}）` : ''}` : `[Aftercare] Balanced scorecard ${card.month}${card.keyName ? ` (${card.keyName})` : ''}`;
  const lines = [head];
  for (const p of card.perspectives) {
    lines.push('', lang === 'zh' ? p.nameZh : p.nameEn);
    for (const m of p.measures) {
      const median = m.networkMedian !== undefined ? (lang === 'zh' ? `；网络中位数 ${formatFigure(m.networkMedian, m.unit, lang)}` : `; network median ${formatFigure(m.networkMedian, m.unit, lang)}`) : '';
      lines.push(`- ${lang === 'zh' ? m.nameZh : m.nameEn}: ${formatFigure(m.value, m.unit, lang)} [${lights[m.light]}]${median}`);
    }
  }
  return lines.join('\n');
}

export type ScorecardService = ReturnType<typeof createScorecardService>;
