import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { testDatabase } from '../../test/harness.js';
import { customers } from '../modules/customers/customers.tables.js';
import { workOrderHistory, workOrders } from '../modules/work-orders/work-orders.tables.js';
import { nextStatus, orderKinds, orderStatuses, type OrderAction, type OrderKind, type OrderStatus } from '../modules/work-orders/work-orders.rules.js';
import { isEmpty, loadDemo } from './demo.js';
import { createServices } from '../server/services.js';
import type { Caller } from '../kernel/scopes.js';

const system: Caller = { principal: { kind: 'system', name: 'test' }, address: null };

const seed = 4242;
// Fixed so both loads lay out the same dates and numbers.
const now = new Date('2026-03-18T06:45:00Z');
const DAY = 86_400_000;

let database: Database;
let drop: () => Promise<void>;
let counts: Record<string, number>;
let emptyBefore: boolean;

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await db.db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  ({ database, drop } = await testDatabase());
  emptyBefore = await isEmpty(database);
  counts = await loadDemo(database, { seed, now });
}, 300_000);

afterAll(async () => {
  await drop?.();
});

describe('demo data', () => {
  it('goes into an empty database and leaves it non-empty', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isEmpty(database)).toBe(false);
    await expect(loadDemo(database, { seed, now })).rejects.toThrow(/empty database/);
  });

  it('has the promised sizes', async () => {
    const [c] = await rows<Record<string, number>>(
      database,
      sql`select (select count(*)::int from providers) as providers, (select count(*)::int from technicians) as technicians,
                 (select count(*)::int from customers) as customers, (select count(*)::int from units) as units,
                 (select count(*)::int from work_orders) as orders, (select count(*)::int from work_order_history) as history,
                 (select count(distinct kind)::int from providers) as provider_kinds`,
    );
    // The generated 5,000, tomorrow's 24 taken through intake, and the old unit's pickup visit a return case booked.
    // 2,000 customers and the three friends the loyalty demo's referrals brought.
    expect(c).toMatchObject({ providers: 3, technicians: 30, customers: 2000 + 3, units: 3000, orders: 5000 + 24 + 1, provider_kinds: 3 });
    expect(counts).toMatchObject({ providers: 3, technicians: 30, customers: 2000, units: 3000, work_orders: 5000, orders_to_plan_tomorrow: 24 });
    // Loyalty: the four tiers' rules, everyone scored, contracts, referrals (rewarded, reversed, waiting), leads, a campaign with sends.
    expect(counts).toMatchObject({ loyalty_tier_rules: 4, customer_values: 2000, service_contracts: 8, referrals: 3, sales_leads: 8, care_campaigns: 1 });
    expect(counts.loyalty_tier_changes).toBeGreaterThan(400);
    expect(counts.care_sends).toBeGreaterThan(0);
    const [refs] = await rows<{ claimed: number; distinct: number }>(
      database,
      sql`select (select count(*)::int from intake_refs) as claimed, (select count(distinct external_ref)::int from work_orders) as distinct`,
    );
    expect(refs.distinct).toBeGreaterThan(0);
    expect(refs.claimed).toBe(refs.distinct);
    const roles = await rows<{ role: string }>(database, sql`select distinct role from users order by role`);
    expect(roles.map((r) => r.role)).toEqual(['admin', 'agent', 'dispatcher', 'follow_up', 'manager', 'provider_admin', 'technician']);
    // One per role, and a login for each of the other 28 technicians.
    expect(counts.users).toBe(9 + 28);
  });

  it('gives every technician a login, so any suggestion can be followed end to end', async () => {
    const [c] = await rows<{ without: number; logins: number }>(
      database,
      sql`select (select count(*)::int from technicians t where not exists (select 1 from users u where u.technician_id = t.id)) as without,
                 (select count(*)::int from users where role = 'technician') as logins`,
    );
    expect(c).toEqual({ without: 0, logins: 30 });
    const services = createServices(database, { now: () => now });
    const session = await services.access.signIn('js-baijia-1', 'aftercare-demo', null);
    expect(session.user).toMatchObject({ role: 'technician', technicianId: expect.any(String) });
  });

  it('covers every status and every kind', async () => {
    const statuses = await rows<{ status: string }>(database, sql`select distinct status from work_orders`);
    expect(statuses.map((r) => r.status).sort()).toEqual([...orderStatuses].sort());
    const kinds = await rows<{ kind: string }>(database, sql`select distinct kind from work_orders`);
    expect(kinds.map((r) => r.kind).sort()).toEqual([...orderKinds].sort());
    const [open] = await rows<{ closed: number; open: number }>(
      database,
      sql`select count(*) filter (where status = 'closed')::int as closed, count(*) filter (where status not in ('closed', 'cancelled'))::int as open from work_orders`,
    );
    expect(open.closed).toBeGreaterThan(4000);
    expect(open.open).toBeGreaterThan(30);
  });

  it('replays every order history legally through the state machine', async () => {
    const orders = await database.db.select().from(workOrders);
    const history = await database.db.select().from(workOrderHistory).orderBy(asc(workOrderHistory.orderId), asc(workOrderHistory.id));
    const byOrder = new Map<string, (typeof history)[number][]>();
    for (const h of history) byOrder.set(h.orderId, [...(byOrder.get(h.orderId) ?? []), h]);
    const problems: string[] = [];
    for (const o of orders) {
      const hs = byOrder.get(o.id) ?? [];
      const first = hs[0];
      if (!first || first.action !== 'intake' || first.fromStatus !== null || first.toStatus !== 'intake' || first.version !== 1 || first.at.getTime() !== o.createdAt.getTime()) {
        problems.push(`${o.number}: does not start with intake`);
        continue;
      }
      let status: OrderStatus = 'intake';
      let beforeHold: OrderStatus | null = null;
      let at = first.at.getTime();
      hs.slice(1).forEach((h, i) => {
        const next = nextStatus({ status, kind: o.kind as OrderKind, statusBeforeHold: beforeHold }, h.action as OrderAction);
        if (h.fromStatus !== status || !next.ok || next.to !== h.toStatus) problems.push(`${o.number}: ${h.action} from ${status} is not legal`);
        if (h.version !== i + 2) problems.push(`${o.number}: version ${h.version} at step ${i + 2}`);
        if (h.at.getTime() < at) problems.push(`${o.number}: time goes backwards at ${h.action}`);
        at = h.at.getTime();
        if (h.action === 'hold') beforeHold = status;
        if (h.action === 'resume' || h.action === 'cancel') beforeHold = null;
        status = h.toStatus as OrderStatus;
      });
      if (status !== o.status) problems.push(`${o.number}: history ends ${status}, order is ${o.status}`);
      if (hs.length !== o.version) problems.push(`${o.number}: ${hs.length} history rows, version ${o.version}`);
      if ((o.statusBeforeHold ?? null) !== beforeHold) problems.push(`${o.number}: statusBeforeHold ${o.statusBeforeHold}, history says ${beforeHold}`);
      if (o.updatedAt.getTime() !== at) problems.push(`${o.number}: updatedAt is not the last transition`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('fills the fields each status implies', async () => {
    const orders = await database.db.select().from(workOrders);
    const problems: string[] = [];
    const past = (s: string, list: string[]) => list.includes(s);
    for (const o of orders) {
      const s = o.status === 'on_hold' ? (o.statusBeforeHold as string) : o.status;
      const need = (ok: unknown, what: string) => {
        if (ok === null || ok === undefined || ok === false) problems.push(`${o.number} (${o.status}): ${what}`);
      };
      need(o.contactPhone.match(/^[0-9]{11,12}$/), 'contact phone of digits');
      need(o.address?.city, 'address snapshot');
      need(o.customerTier, 'tier snapshot');
      if (past(s, ['dispatched', 'assigned', 'booked', 'on_site', 'work_done', 'confirmed', 'followed_up'])) need(o.providerId, 'provider');
      if (past(s, ['assigned', 'booked', 'on_site', 'work_done', 'confirmed', 'followed_up'])) need(o.technicianId, 'technician');
      if (past(s, ['booked', 'on_site', 'work_done', 'confirmed', 'followed_up'])) need(o.appointmentFrom && o.appointmentTo, 'appointment');
      if (past(s, ['on_site', 'work_done', 'confirmed', 'followed_up'])) need(o.checkedInAt && o.checkInLat && o.checkInLng, 'check-in');
      if (past(s, ['work_done', 'confirmed', 'followed_up'])) need(o.doneAt && o.symptomCode && o.causeCode && o.remedyCode, 'fault codes');
      if (past(s, ['confirmed', 'followed_up'])) need(o.confirmedAt && o.confirmedBy, 'confirmation');
      if (s === 'followed_up') need(o.followUp && 'satisfaction' in o.followUp && 'attitude' in o.followUp && 'skill' in o.followUp && 'fixedFirstTime' in o.followUp && 'repeatVisit' in o.followUp, 'follow-up');
      if (o.status === 'closed') need(o.closedAt, 'closedAt');
      if (o.status === 'cancelled') need(o.cancelReason, 'cancelReason');
      if (o.status === 'on_hold') need(o.holdReason && o.heldAt && o.statusBeforeHold, 'hold fields');
      if (o.kind === 'complaint') need(o.complaintOfOrderId, 'the order complained about');
    }
    expect(problems.slice(0, 10)).toEqual([]);

    const [bad] = await rows<{ chains: number; complaints: number; far: number }>(
      database,
      sql`select
        (select count(*)::int from work_orders o join units u on u.id = o.unit_id join product_models m on m.id = u.model_id
          where o.symptom_code is not null and not exists (
            select 1 from fault_codes s join fault_codes c on c.parent_id = s.id join fault_codes r on r.parent_id = c.id
            where s.category_id = m.category_id and s.level = 'symptom' and s.code = o.symptom_code and c.code = o.cause_code and r.code = o.remedy_code)) as chains,
        (select count(*)::int from work_orders c join work_orders t on t.id = c.complaint_of_order_id
          where t.customer_id <> c.customer_id or t.created_at >= c.created_at) as complaints,
        (select count(*)::int from work_orders where checked_in_at is not null
          and abs(check_in_lat - (address->>'lat')::float8) + abs(check_in_lng - (address->>'lng')::float8) > 0.2) as far`,
    );
    expect(bad).toEqual({ chains: 0, complaints: 0, far: 0 });
  });

  it('gives every unit unique serials, indoor and outdoor for air conditioners', async () => {
    const [s] = await rows<{ total: number; distinct_serials: number; ac_wrong: number; other_wrong: number; mismatched: number }>(
      database,
      sql`with roles as (
            select u.id, c.code as category, string_agg(s.role, ',' order by s.role) as roles
            from units u join product_models m on m.id = u.model_id join product_categories c on c.id = m.category_id
            left join unit_serials s on s.unit_id = u.id group by u.id, c.code)
          select (select count(*)::int from unit_serials) as total, (select count(distinct serial)::int from unit_serials) as distinct_serials,
                 (select count(*)::int from roles where category = 'AC' and roles is distinct from 'indoor,outdoor') as ac_wrong,
                 (select count(*)::int from roles where category <> 'AC' and roles is distinct from 'main') as other_wrong,
                 (select count(*)::int from unit_serials s join units u on u.id = s.unit_id join product_models m on m.id = u.model_id
                   where s.serial !~ ('^(?:' || m.serial_pattern || ')$')) as mismatched`,
    );
    expect(s.total).toBe(s.distinct_serials);
    expect(s).toMatchObject({ ac_wrong: 0, other_wrong: 0, mismatched: 0 });
  });

  it('dates every order within the last 12 months and no event after now', async () => {
    const [d] = await rows<{ first: number; last: number; late_events: number; early_events: number }>(
      database,
      sql`select (extract(epoch from min(created_at)) * 1000)::float8 as first, (extract(epoch from max(created_at)) * 1000)::float8 as last,
            (select count(*)::int from work_order_history where at > ${now.toISOString()}::timestamptz) as late_events,
            (select count(*)::int from work_order_history h join work_orders o on o.id = h.order_id where h.at < o.created_at) as early_events
          from work_orders`,
    );
    expect(d.first).toBeGreaterThanOrEqual(now.getTime() - 365 * DAY);
    expect(d.last).toBeLessThanOrEqual(now.getTime());
    expect(d).toMatchObject({ late_events: 0, early_events: 0 });
  });

  it('moves the number sequences past the demo so new intakes do not collide', async () => {
    const [n] = await rows<{ customer: string; order: string }>(database, sql`select nextval('customer_number_seq')::text as customer, nextval('work_order_number_seq')::text as order`);
    // The demo's 2,000 customers, then the three referral friends registered through the service;
    // its 5,000 orders, then tomorrow's 24 taken through intake, then the return case's pickup visit.
    expect(n).toEqual({ customer: '2004', order: '5026' });
  });

  it('has courses with exams, certified and uncertified technicians, and a day the optimizer can plan', async () => {
    const [t] = await rows<Record<string, number>>(
      database,
      sql`select (select count(*)::int from training_courses) as courses, (select count(*)::int from training_exams) as exams,
                 (select count(*)::int from training_exam_questions) as questions,
                 (select count(distinct technician_id)::int from certifications where code = 'AC-INSTALL' and expires_at > ${now.toISOString()}::timestamptz) as ac_certified,
                 (select count(*)::int from certifications where expires_at between ${now.toISOString()}::timestamptz and ${now.toISOString()}::timestamptz + interval '31 days') as expiring`,
    );
    expect(t).toMatchObject({ courses: 4, exams: 4, ac_certified: 24, expiring: expect.any(Number) });
    expect(t.questions).toBeGreaterThanOrEqual(18);
    expect(t.expiring).toBeGreaterThanOrEqual(3);
    // A short search: the test asks what gets planned, not how well.
    const services = createServices(database, { now: () => now }, { planBudget: { iterations: 2000 } });
    const provider = (await services.network.listProviders(system)).find((p) => p.code === 'SH-BRANCH')!;
    const [tomorrow] = await rows<{ date: string }>(database, sql`select to_char(min(wished_from) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as date from work_orders where created_at = ${now.toISOString()}::timestamptz`);
    const plan = await services.dispatch.previewPlan(system, { providerId: provider.id, date: tomorrow.date });
    const tomorrows = await rows<{ id: string }>(database, sql`select id from work_orders where created_at = ${now.toISOString()}::timestamptz`);
    const planned = new Set(plan.stops.map((st) => st.orderId));
    expect(tomorrows.filter((o) => planned.has(o.id)).length).toBe(24);
    // Older open orders of the provider come along; any left out say why.
    for (const u of plan.unplanned) expect(u.zh.length * u.en.length).toBeGreaterThan(0);
    // Only technicians certified for air conditioners get them.
    const certified = new Set((await rows<{ id: string }>(database, sql`select technician_id as id from certifications where code = 'AC-INSTALL'`)).map((r) => r.id));
    expect(plan.stops.every((st) => certified.has(st.technicianId))).toBe(true);
  }, 120_000);

  it("keeps promises on the last weeks' orders: China's calendar by default, policies, orders at risk, all three outcomes", async () => {
    const [c] = await rows<Record<string, unknown>>(
      database,
      sql`select (select code from calendars where is_default) as default_calendar,
                 (select count(*)::int from calendar_days d join calendars c on c.id = d.calendar_id where c.code = 'CN' and d.date = '2026-02-14' and d.kind = 'workday') as make_up_day,
                 (select count(*)::int from promise_policies) as policies,
                 (select count(*)::int from order_promises where next_warn_at <= ${now}) as at_risk,
                 (select count(*)::int from order_promises p join work_orders w on w.id = p.order_id where w.status in ('closed', 'cancelled') and p.next_due_at is not null) as closed_but_running,
                 (select count(*)::int from promise_pauses) as pauses,
                 (select array_agg(distinct outcome order by outcome) from promise_clocks where outcome is not null) as outcomes`,
    );
    expect(c).toMatchObject({ default_calendar: 'CN', make_up_day: 1, policies: 5, closed_but_running: 0, outcomes: ['beaten', 'broken', 'kept'] });
    expect(c.at_risk).toBeGreaterThan(0);
    expect(counts.order_promises).toBeGreaterThan(100);
  });

  it('has return cases in various states, each readable by the desk with its 三包 answer and money', async () => {
    expect(counts).toMatchObject({ return_cases: 3, return_refunds: 1, return_pickups: 1 });
    const services = createServices(database, { now: () => now });
    const desk = system;
    const page = await services.returns.list(desk, { limit: 10, offset: 0 });
    expect(page.items.map((c) => c.status).sort()).toEqual(['appraising', 'decided', 'executed']);
    // Through the flow: the refund paid back through fees, the pickup a visit of kind `return` waiting for dispatch.
    const executed = await services.returns.get(desk, page.items.find((c) => c.status === 'executed')!.id);
    expect(executed.history.map((h) => h.action)).toEqual(['open', 'start_appraisal', 'appraise', ...(executed.history.some((h) => h.action === 'sign') ? ['sign'] : []), 'decide', 'approve', 'execute', 'book_pickup']);
    const refund = (await services.fees.payments.list(desk, executed.orderId)).items.find((p) => p.source?.kind === 'return_case');
    expect(refund).toMatchObject({ amountFen: -executed.lines[0].refund!.amountFen, collectedBy: 'maker', source: { id: executed.id } });
    const pickup = await services.workOrders.get(desk, executed.lines[0].pickupOrderId!);
    expect(pickup).toMatchObject({ kind: 'return', status: 'awaiting_dispatch', unitId: executed.lines[0].unitId });
    for (const c of page.items) {
      const detail = await services.returns.get(desk, c.id);
      expect(detail.lines[0].sanbao.rule).toMatch(/^(sanbao|online)\./);
      expect(detail.history[0].action).toBe('open');
      expect(Number.isInteger(detail.lines[0].refundable.amountFen)).toBe(true);
    }
  });

  it('has a fee dispute taken through its flow: paid, disputed, partly upheld, refunded', async () => {
    expect(counts).toMatchObject({ fee_disputes: 1, dispute_refunds: 1 });
    const services = createServices(database, { now: () => now });
    const [d] = (await services.disputes.list(system, { limit: 10, offset: 0 } as never)).items;
    expect(d).toMatchObject({ status: 'partly_upheld', raisedByKind: 'customer', refundOwedTo: 'customer' });
    expect(d.refunded).toEqual(d.credit);
    const receipt = await services.fees.payments.list(system, d.orderId);
    expect(receipt.items.find((p) => p.source?.kind === 'dispute')).toMatchObject({ amountFen: -d.credit!.amountFen, source: { id: d.id } });
    expect(receipt.balanceFen).toBe(0);
  });

  it('has old parts owed back to the factory: one late, one boxed waiting to ship, one received at the warehouse', async () => {
    expect(counts.old_part_returns).toBeGreaterThanOrEqual(3);
    const services = createServices(database, { now: () => now });
    const all = (await services.partReturns.list(system, { limit: 100, offset: 0 })).items;
    expect(all).toHaveLength(counts.old_part_returns);
    const late = (await services.partReturns.list(system, { overdue: 'true', limit: 100, offset: 0 })).items;
    expect(late).toHaveLength(1);
    expect(new Date(late[0].dueAt).getTime()).toBeLessThan(now.getTime());
    const boxes = (await services.partReturns.listShipments(system, { limit: 100, offset: 0 })).items;
    expect(boxes.map((b) => b.status).sort()).toEqual(['packed', 'received']);
    expect(all.filter((r) => r.status === 'packed')).toHaveLength(1);
    expect(all.filter((r) => r.status === 'shipped')).toHaveLength(1);
  });

  it('has last month audited (scores and stars, one failed item with its corrective action), a pulse survey and suggestions', async () => {
    const services = createServices(database, { now: () => now });
    const lastMonth = '2026-02';
    const audits = (await services.audits.list(system, { month: lastMonth, limit: 50, offset: 0 } as never)).items as { kind: string; score: number | null; stars: number; passed: boolean }[];
    expect(audits.length).toBe(counts.service_audits);
    expect(audits.filter((a) => a.kind === 'on_site').length).toBe(6);
    expect(audits.every((a) => a.score !== null && a.passed)).toBe(true);
    expect(audits.filter((a) => a.stars < 5).map((a) => a.score)).toEqual([89.5]);
    const actions = (await services.audits.actions(system, { limit: 50, offset: 0 } as never)).items as { itemCode: string; status: string }[];
    expect(actions.map((a) => [a.itemCode, a.status])).toEqual([['shoe_covers', 'submitted']]);
    // The scorecard reads them: the company's audit score, eNPS and pulse score of last month have data.
    const card = await services.scorecard.scorecard(system, { month: lastMonth, level: 'company', months: 1 });
    const value = (code: string) => card.perspectives.flatMap((p) => p.measures).find((m) => m.code === code)!.value;
    for (const code of ['audit_score', 'enps', 'pulse_score', 'suggestions_made', 'suggestions_implemented']) expect(value(code), code).not.toBeNull();
    // Every staff member answered: by provider each group (three providers, headquarters) is at or above the minimum
    // size and shown; by role the technicians are, the roles of one or two people are hidden.
    const [survey] = (await services.staffVoice.surveys(system, { limit: 5, offset: 0 })).items;
    expect(counts.pulse_responses).toBe(counts.users);
    const byProvider = await services.staffVoice.results(system, survey.id, { by: 'provider' });
    expect(byProvider.groups.map((g) => g.hidden)).toEqual([false, false, false, false]);
    const byRole = await services.staffVoice.results(system, survey.id, { by: 'role' });
    expect(byRole.groups.find((g) => g.group === 'technician')!.hidden).toBe(false);
    expect(byRole.groups.filter((g) => g.hidden).length).toBeGreaterThan(2);
    const suggestions = (await services.staffVoice.suggestions(system, { limit: 50, offset: 0 })).items;
    expect(suggestions.map((x) => x.status).sort()).toEqual(['implemented', 'new', 'rejected', 'under_review']);
    expect(suggestions.filter((x) => x.anonymous).every((x) => x.authorName === null)).toBe(true);
  });

  it('is reproducible from the seed', async () => {
    const { database: again, drop: dropAgain } = await testDatabase();
    try {
      await loadDemo(again, { seed, now });
      // Tomorrow's orders come through intake and the referral friends register through the
      // service (fresh ids, created at `now`); the generated years are the same.
      const names = async (db: Database) => (await db.db.select({ n: customers.number, name: customers.name, id: customers.id }).from(customers).where(lt(customers.createdAt, now)).orderBy(asc(customers.number))).map((r) => `${r.n} ${r.name} ${r.id}`);
      const numbers = async (db: Database) => (await db.db.select({ n: workOrders.number, id: workOrders.id, s: workOrders.status }).from(workOrders).where(lt(workOrders.createdAt, now)).orderBy(asc(workOrders.number))).map((r) => `${r.n} ${r.id} ${r.s}`);
      expect(await names(again)).toEqual(await names(database));
      expect(await numbers(again)).toEqual(await numbers(database));
    } finally {
      await dropAgain();
    }
  }, 300_000);
});
