import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, testApp, type TestApp } from '../../test/harness.js';
import { loadNationalDemo } from './national-demo.js';
import { nationalSize } from './national-rules.js';

// The national demo at a small size (same proportions): its counts, that every order's status is
// where its history leads, and that the console's main reads answer on it. PostgreSQL only.
let t: TestApp;
const size = nationalSize(1000);

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  t = await testApp();
  if (engine === 'postgres') await loadNationalDemo(t.database, { customers: size.customers, now: t.clock.now() });
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe.runIf(engine === 'pglite')('national demo on PGlite', () => {
  it('is refused: it is made for PostgreSQL', async () => {
    await expect(loadNationalDemo(t.database, { customers: 1000 })).rejects.toThrow(/PostgreSQL/);
  });
});

describe.runIf(engine === 'postgres')('national demo, small size', () => {
  const one = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows[0];

  it('has the proportions of the full size', async () => {
    const c = await one<Record<string, number>>(sql`select (select count(*)::int from customers) as customers, (select count(*)::int from units) as units,
      (select count(*)::int from work_orders) as orders, (select count(*)::int from providers) as providers, (select count(*)::int from technicians) as technicians,
      (select count(*)::int from customer_phones) as phones, (select count(distinct phone)::int from customer_phones) as distinct_phones,
      (select count(*)::int from unit_serials) as serials, (select count(distinct serial)::int from unit_serials) as distinct_serials,
      (select count(distinct address->>'province')::int from work_orders) as provinces`);
    expect(c).toMatchObject({ customers: 1000, units: 3000, orders: 5000, providers: size.providers, technicians: size.technicians, provinces: 31 });
    expect(c.distinct_phones).toBe(c.phones);
    expect(c.distinct_serials).toBe(c.serials);
  });

  it('leaves each order where its history leads: one row per step, the last one its status', async () => {
    const bad = await one<{ n: number }>(sql`select count(*)::int as n from work_orders w
      where w.version <> (select count(*) from work_order_history h where h.order_id = w.id)
         or w.status <> (select h.to_status from work_order_history h where h.order_id = w.id order by h.version desc limit 1)
         or (w.status in ('dispatched', 'assigned', 'booked', 'on_site', 'work_done', 'confirmed', 'followed_up', 'closed') and w.provider_id is null)
         or (w.status in ('on_site', 'work_done', 'confirmed', 'followed_up', 'closed') and w.checked_in_at is null)
         or (w.status = 'closed' and (w.done_at is null or w.closed_at is null or w.follow_up is null))
         or w.created_at < (select u.purchase_date from units u where u.id = w.unit_id)
         or w.customer_id <> (select u.owner_id from units u where u.id = w.unit_id)`);
    expect(bad.n).toBe(0);
    // The steps are written by statements side by side: an order's rows in id order must still be in version order.
    const misordered = await one<{ n: number }>(sql`select count(*)::int as n from (select version, lag(version) over (partition by order_id order by id) as before from work_order_history) h
      where h.before is not null and h.version <> h.before + 1`);
    expect(misordered.n).toBe(0);
    const statuses = await rows<{ status: string }>(sql`select distinct status from work_orders`);
    expect(statuses.length).toBeGreaterThan(3);
  });

  it("copies every check-in with its order's provider and technician (the scorecard's visits read the copy)", async () => {
    const c = await one<{ history: number; copies: number; differ: number }>(sql`select
      (select count(*)::int from work_order_history where action = 'check_in') as history,
      (select count(*)::int from work_order_check_ins) as copies,
      (select count(*)::int from work_order_check_ins ci join work_order_history h on h.id = ci.history_id join work_orders w on w.id = ci.order_id
        where h.action <> 'check_in' or ci.at <> h.at or ci.provider_id is distinct from w.provider_id or ci.technician_id is distinct from w.technician_id) as differ`);
    expect(c.history).toBeGreaterThan(0);
    expect(c.copies).toBe(c.history);
    expect(c.differ).toBe(0);
  });

  it('gives the last three weeks’ orders their promise, and none older', async () => {
    const p = await one<{ recent: number; promised: number; older: number }>(sql`select
      (select count(*)::int from work_orders where created_at >= ${t.clock.now().toISOString()}::timestamptz - interval '21 days') as recent,
      (select count(*)::int from order_promises) as promised,
      (select count(*)::int from order_promises p join work_orders w on w.id = p.order_id where w.created_at < ${t.clock.now().toISOString()}::timestamptz - interval '21 days') as older`);
    expect(p.promised).toBeGreaterThan(0);
    expect(p.promised).toBe(p.recent);
    expect(p.older).toBe(0);
  });

  it("answers the console's main reads: customer 360, search by phone's last four and by serial, order lists, at risk", async () => {
    const c = await one<{ id: string; phone: string; serial: string }>(sql`select c.id, p.phone, s.serial from customers c join customer_phones p on p.customer_id = c.id and p.is_primary
      join units u on u.owner_id = c.id join unit_serials s on s.unit_id = u.id order by c.number limit 1`);
    const customer = await t.get(`/customers/${c.id}`);
    expect(customer.status).toBe(200);
    const units = await t.get(`/units?ownerId=${c.id}&limit=50`);
    expect(units.body.items).toHaveLength(3);
    const orders = await t.get(`/work-orders?customerId=${c.id}&limit=50`);
    expect(orders.status).toBe(200);
    expect(orders.body.items.length).toBeGreaterThan(0);
    const byPhone = await t.get(`/customers?phone=${c.phone.slice(-4)}&limit=200`);
    expect(byPhone.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const bySerial = await t.get(`/customers?serial=${c.serial}`);
    expect(bySerial.body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const open = await t.get('/work-orders?status=booked&sort=-createdAt&limit=50');
    expect(open.status).toBe(200);
    expect(open.body.items.every((o: { status: string }) => o.status === 'booked')).toBe(true);
    const region = await t.get(`/work-orders?region=${encodeURIComponent('浙江省')}&sort=-createdAt&limit=50`);
    expect(region.body.items.length).toBeGreaterThan(0);
    const atRisk = await t.get('/promises/at-risk?limit=50');
    expect(atRisk.status).toBe(200);
  });
});
