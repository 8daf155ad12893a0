// The demo's promises: China's national calendar (the default), a provider that works weekends,
// a few policies, and the last weeks' orders replayed through the promise clocks step by step at
// the times their history records — so the at-risk list, the outcomes and the reports have data.
// Open orders with a deadline already passed get their warnings and escalations from the sweep in
// the server's first minute.
import { asc, gte, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { createPromisesService } from '../modules/promises/index.js';
import { cnNationalCalendar, cnNationalYears } from '../modules/promises/cn-national.js';
import { compileCalendar } from '../modules/promises/calendar.rules.js';
import { applyStep, clockEffect, clockSummary, openClocks, promiseNext, selectPolicy, type Shares } from '../modules/promises/promises.rules.js';
import { orderPromises, promiseClocks, promiseHistory, promisePauses } from '../modules/promises/promises.tables.js';
import type { OrderRow } from '../modules/work-orders/index.js';
import { workOrderHistory, workOrders } from '../modules/work-orders/work-orders.tables.js';
import type { Caller } from '../kernel/scopes.js';
import type { PolicyInput } from '../modules/promises/promises.contract.js';

const DAY = 86_400_000;
/** Orders opened this many days before `now` get promises; older ones predate them. */
export const REPLAY_DAYS = 21;

const policies: (Pick<PolicyInput, 'code' | 'nameZh' | 'nameEn' | 'targets'> & Partial<PolicyInput>)[] = [
  { code: 'STANDARD', nameZh: '标准服务承诺', nameEn: 'Standard promise', targets: { first_response: { customerMinutes: 480, internalMinutes: 240 }, on_site: { customerMinutes: 960, internalMinutes: 720 }, resolution: { customerMinutes: 1440, internalMinutes: 1200 } } },
  { code: 'GOLD', nameZh: '金卡客户承诺', nameEn: 'Gold customers', customerTier: 'gold', targets: { first_response: { customerMinutes: 240, internalMinutes: 120 }, on_site: { customerMinutes: 480 }, resolution: { customerMinutes: 960 } } },
  { code: 'URGENT', nameZh: '紧急工单承诺', nameEn: 'Urgent orders', priority: 'urgent', targets: { first_response: { customerMinutes: 120, internalMinutes: 60 }, on_site: { customerMinutes: 360 }, resolution: { customerMinutes: 720 } }, escalateRole: 'manager' },
  { code: 'INSTALL', nameZh: '安装承诺', nameEn: 'Installations', orderKind: 'installation', targets: { first_response: { customerMinutes: 480 }, on_site: { customerMinutes: 1440 }, resolution: { customerMinutes: 1920 } } },
  { code: 'CONSULT', nameZh: '咨询承诺', nameEn: 'Consultations', orderKind: 'consultation', targets: { first_response: { customerMinutes: 120 }, resolution: { customerMinutes: 240 } } },
];

type Change = { from: unknown; to: unknown };

/** The order as the step left it, from the history row's recorded changes. */
function applyChanges(before: OrderRow, status: string, changes: Record<string, Change>): OrderRow {
  const after: Record<string, unknown> = { ...before, status };
  for (const [field, { to }] of Object.entries(changes)) {
    after[field] = typeof to === 'string' && /At$/.test(field) ? new Date(to) : to;
  }
  return after as OrderRow;
}

export async function loadPromisesDemo(database: Database, options: { now: Date; providerIds: string[] }): Promise<Record<string, number>> {
  const rules = await makePromiseRules(database, options);
  // The recent past, replayed in memory with the same rules the service applies, then written at once.
  const since = new Date(options.now.getTime() - REPLAY_DAYS * DAY);
  const orders = await database.db.select().from(workOrders).where(gte(workOrders.createdAt, since)).orderBy(asc(workOrders.createdAt));
  const ids = orders.map((o) => o.id);
  const history = ids.length ? await database.db.select().from(workOrderHistory).where(inArray(workOrderHistory.orderId, ids)).orderBy(asc(workOrderHistory.id)) : [];
  const categories = new Map<string, string>();
  const unitRows = await database.db.execute(sql`select u.id, m.category_id from units u join product_models m on m.id = u.model_id`);
  for (const r of (Array.isArray(unitRows) ? unitRows : (unitRows as unknown as { rows: { id: string; category_id: string }[] }).rows) as { id: string; category_id: string }[]) categories.set(r.id, r.category_id);
  const made = await replayPromises(database, rules, orders, history, categories);
  return { calendars: 2, promise_policies: rules.candidates.length, order_promises: made };
}

export type PromiseRules = Awaited<ReturnType<typeof makePromiseRules>>;

/** China's national calendar (the default), the first provider's own 7-day calendar and the demo's policies. */
export async function makePromiseRules(database: Database, options: { now: Date; providerIds: string[] }) {
  const promises = createPromisesService({
    db: database.db,
    clock: { now: () => options.now },
    audit: async () => undefined,
    enqueue: async () => undefined,
    enqueueMany: async () => undefined,
    categoryOfUnit: async () => null,
    // The demo's history is loaded before any webhook subscriber exists: nobody hears it.
    announce: async () => undefined,
  });
  const system: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };
  const cnRules = cnNationalCalendar(cnNationalYears());
  const cn = await promises.createCalendar(system, {
    code: 'CN',
    nameZh: '中国法定工作日（办公时间）',
    nameEn: 'China national working days (office hours)',
    ...cnRules,
    isDefault: true,
  });
  // The first provider's own branch works every day, 08:00–20:00: its orders' clocks switch to it at dispatch.
  const branchRules = { timeZone: 'Asia/Shanghai', week: Array.from({ length: 7 }, () => [{ start: '08:00', end: '20:00' }]), days: [] };
  const branch = await promises.createCalendar(system, { code: 'BRANCH-7D', nameZh: '直营网点（每天 8–20 点）', nameEn: 'Own branch (daily 08:00–20:00)', ...branchRules, isDefault: false, providerId: options.providerIds[0] });
  const made = [];
  for (const p of policies) {
    made.push(await promises.createPolicy(system, { active: true, warnShare: 0.75, beatenShare: 0.25, warnRole: 'dispatcher', escalateRole: 'manager', ...p }));
  }
  const candidates = made.map((p, i) => ({ ...p, createdAt: new Date(i) }));
  const calendars = { [cn.id]: compileCalendar(cnRules), [branch.id]: compileCalendar(branchRules) };
  return { now: options.now, branchProviderId: options.providerIds[0], cn, branch, candidates, calendars };
}

/**
 * Each order's promise as the service would have made it at intake and moved it at each step of its
 * history (`history` in the order it was written), written at once; answers how many orders got one.
 */
export async function replayPromises(database: Database, rules: PromiseRules, orders: (typeof workOrders.$inferSelect)[], history: (typeof workOrderHistory.$inferSelect)[], categories: Map<string, string>): Promise<number> {
  const { cn, branch, candidates, calendars } = rules;
  const options = { now: rules.now, providerIds: [rules.branchProviderId] };
  const stepsOf = new Map<string, typeof history>();
  for (const h of history) stepsOf.set(h.orderId, [...(stepsOf.get(h.orderId) ?? []), h]);
  const out = { promises: [] as (typeof orderPromises.$inferInsert)[], clocks: [] as (typeof promiseClocks.$inferInsert)[], pauses: [] as (typeof promisePauses.$inferInsert)[], history: [] as (typeof promiseHistory.$inferInsert)[] };
  const actor = 'system:demo';
  for (const order of orders) {
    const regions = [order.address.city, order.address.province];
    const policy = selectPolicy(candidates, { orderKind: order.kind, priority: order.priority, customerTier: order.customerTier, regions, categoryId: order.unitId ? (categories.get(order.unitId) ?? null) : null });
    if (!policy) continue;
    const shares: Shares = { warnShare: policy.warnShare, beatenShare: policy.beatenShare };
    let calendarId = cn.id;
    let clocks = openClocks(calendars[calendarId], policy.targets, order.createdAt, shares);
    let pausedAt: Date | null = null;
    const pauses: (typeof promisePauses.$inferInsert)[] = [];
    out.history.push({ orderId: order.id, at: order.createdAt, actor, action: 'promise_made', details: { policy: policy.code, calendarId, clocks: clocks.map(clockSummary) } });
    let state: OrderRow = { ...order, status: 'intake', providerId: null, checkedInAt: null, doneAt: null, holdReason: null };
    for (const h of stepsOf.get(order.id) ?? []) {
      if (h.action === 'intake' || h.action.endsWith('_refused')) continue;
      const next = applyChanges(state, h.toStatus, h.changes);
      const effect = clockEffect(h.action, state.status);
      state = next;
      if (effect.kind === 'none') continue;
      const movesTo = effect.kind === 'provider' && next.providerId === options.providerIds[0] && calendarId !== branch.id ? branch.id : undefined;
      if (effect.kind === 'provider' && !movesTo) continue;
      const result = applyStep(calendars[calendarId], shares, clocks, effect, { at: h.at, checkedInAt: next.checkedInAt ?? null, doneAt: next.doneAt ?? null, movesTo: movesTo ? calendars[movesTo] : undefined });
      clocks = result.clocks;
      if (movesTo) calendarId = movesTo;
      if (result.pause === 'start') {
        pauses.push({ orderId: order.id, reason: next.holdReason ?? 'on_hold', startedAt: h.at, endedAt: null });
        pausedAt = h.at;
      } else if (result.pause === 'end' && pausedAt) {
        pauses[pauses.length - 1].endedAt = h.at;
        pausedAt = null;
      }
      if (result.changed.length || movesTo) out.history.push({ orderId: order.id, at: h.at, actor, action: h.action, details: { ...(movesTo ? { calendarId } : {}), clocks: result.changed.map(clockSummary) } });
    }
    out.promises.push({ orderId: order.id, policyId: policy.id, calendarId, warnShare: policy.warnShare, beatenShare: policy.beatenShare, warnRole: policy.warnRole, escalateRole: policy.escalateRole, pausedAt, ...promiseNext(clocks), updatedAt: options.now });
    out.clocks.push(...clocks.map((c) => ({ orderId: order.id, ...c })));
    out.pauses.push(...pauses);
  }
  await database.db.transaction(async (tx) => {
    for (const [table, rows] of [[orderPromises, out.promises], [promiseClocks, out.clocks], [promisePauses, out.pauses], [promiseHistory, out.history]] as const) {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(table).values(rows.slice(i, i + 500) as never);
    }
  });
  return out.promises.length;
}
