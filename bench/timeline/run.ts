// The contact timeline's first page and a search, for customers picked at random among many, beside
// a hand-written SQL union of the same sources (no per-branch cut, as one would write it at a psql
// prompt) in the same run. Prints both figures and the ratio; never fails a build.
// usage: tsx bench/timeline/run.ts [--customers 20000] [--orders 200000] [--samples 200] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
import { cpus } from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createContactsService } from '../../src/modules/contacts/index.js';
import { timelineSql } from '../../src/modules/contacts/contacts.repo.js';
import { timelineKinds } from '../../src/modules/contacts/contacts.rules.js';
import { arg, freshPostgres } from '../kit.js';

const customers = Number(arg('--customers', '20000'));
const orders = Number(arg('--orders', '200000'));
const samples = Number(arg('--samples', '200'));
const serverUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const uid = (prefix: string, n: string) => sql.raw(`('00000000-0000-4000-${prefix}-' || lpad(to_hex(${n}), 12, '0'))::uuid`);

/** Customers with orders over 2025; each order booked, checked in and completed (three history rows), two SMS, and a call for every other order; a note per customer. */
async function seed(database: Database) {
  const db = database.db;
  const t0 = performance.now();
  await db.execute(sql`insert into customers (id, number, kind, name, tier, preferred_language, preferred_channel, consent_to_contact, created_at, updated_at)
    select ${uid('8000', 'g')}, 'C-' || g, 'person', '客户' || g, 'ordinary', 'zh', 'sms', true, now(), now() from generate_series(1, ${customers}) g`);
  await db.execute(sql`insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, symptom, created_at, updated_at)
    select ${uid('a000', 'g')}, 'WB-' || g, 'repair', 'closed', 'normal', 'phone', ${uid('8000', `1 + (g * 7919) % ${customers}`)}, 'ordinary', '13800000000',
           '{}'::jsonb, case when g % 7 = 0 then '室内机漏水' else '不制冷' end, at, at
    from (select g, timestamptz '2025-01-01 00:00:00+08' + make_interval(secs => (g::bigint * 104729) % 31000000) as at from generate_series(1, ${orders}) g) s`);
  await db.execute(sql`insert into work_order_history (order_id, at, actor, action, from_status, to_status, changes, version)
    select w.id, w.created_at + a.n * interval '1 day', 'user:bench', a.action, null, a.status, '{}'::jsonb, a.n + 1
    from work_orders w cross join (values (1, 'book', 'booked'), (2, 'check_in', 'on_site'), (3, 'complete', 'work_done')) a(n, action, status)`);
  await db.execute(sql`insert into outbox_messages (id, channel, recipient, customer_id, template, body_zh, body_en, subject, created_at, status, next_attempt_at, sent_at)
    select gen_random_uuid(), 'sms', '13800000000', w.customer_id, m.template, '您的工单 ' || w.number || ' ' || m.zh, 'Your order ' || w.number || ' ' || m.en,
           jsonb_build_object('kind', 'work_order', 'id', w.id), w.created_at + m.n * interval '1 day', 'delivered', w.created_at, w.created_at + m.n * interval '1 day'
    from work_orders w cross join (values (1, 'visit_booked', '已预约', 'is booked'), (2, 'technician_on_site', '师傅已到达', 'technician arrived')) m(n, template, zh, en)`);
  await db.execute(sql`insert into contact_calls (id, customer_id, order_id, direction, phone, started_at, duration_seconds, outcome, notes, agent, created_at)
    select gen_random_uuid(), w.customer_id, w.id, 'in', '13800000000', w.created_at + interval '2 hours', 120, 'reached', '客户询问进度 ' || w.number, 'user:bench', w.created_at
    from work_orders w where right(w.number, 1) in ('0', '2', '4', '6', '8')`);
  await db.execute(sql`insert into contact_notes (id, customer_id, text, author, created_at)
    select gen_random_uuid(), c.id, '老客户，偏好下午上门', 'user:bench', timestamptz '2025-06-01 00:00:00+08' from customers c`);
  await db.execute(sql`vacuum analyze`);
  return ms(t0);
}

/** The same page written by hand: one union over the sources of the customer, sorted and cut once. */
const hand = (customerId: string, words?: string) => sql`
  select * from (
    select c.started_at as at, 'call' as kind, c.id::text as id, c.order_id, c.notes as body from contact_calls c where c.customer_id = ${customerId}
    union all select n.created_at, 'note', n.id::text, n.order_id, n.text from contact_notes n where n.customer_id = ${customerId}
    union all select s.created_at, 'suggestion', s.id::text, null, s.text from customer_suggestions s where s.customer_id = ${customerId}
    union all select m.created_at, 'message', m.id::text, (m.subject->>'id')::uuid, m.body_zh || ' ' || m.body_en from outbox_messages m where m.customer_id = ${customerId}
    union all select h.at, 'visit', h.id::text, h.order_id, w.symptom from work_orders w join work_order_history h on h.order_id = w.id
      where w.customer_id = ${customerId} and h.action in ('book', 'check_in', 'complete', 'redo')
    union all select h.at, 'complaint', h.seq::text, null, c.text from complaints c join complaint_history h on h.complaint_id = c.id where c.customer_id = ${customerId}
    union all select s.sent_at, 'survey', s.id::text, s.order_id, null from follow_up_surveys s where s.customer_id = ${customerId}
    union all select s.created_at, 'portal', md5(s.id), null, null from sessions s where s.customer_id = ${customerId}
  ) t ${words ? sql`where t.body ilike ${`%${words}%`}` : sql``}
  order by t.at desc, t.kind desc, t.id desc limit 31`;

async function main() {
  console.log(`# bench/timeline — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, PostgreSQL`);
  const { url, drop } = await freshPostgres(serverUrl, 'aftercare_bench_timeline');
  const database = await openDatabase({ engine: 'postgres', url });
  try {
    await database.migrate();
    const seedMs = await seed(database);
    console.log(`${customers.toLocaleString('en')} customers, ${orders.toLocaleString('en')} orders (${(orders * 3).toLocaleString('en')} visits, ${(orders * 2).toLocaleString('en')} SMS, ${(orders / 2).toLocaleString('en')} calls); seeded in ${(seedMs / 1000).toFixed(1)} s; median of ${samples} customers`);
    const service = createContactsService({ db: database.db, clock: { now: () => new Date() }, audit: async () => {} });
    const picks = Array.from({ length: samples }, (_, i) => `00000000-0000-4000-8000-${(1 + ((i * 104729) % customers)).toString(16).padStart(12, '0')}`);
    for (const [label, words] of [['first page (30, all kinds)', undefined], ['search "漏水" (30)', '漏水']] as const) {
      const ours: number[] = [];
      const statement: number[] = [];
      const theirs: number[] = [];
      for (const customerId of picks) {
        let t0 = performance.now();
        const page = await service.timeline(system, { customerId, limit: 30, q: words });
        ours.push(ms(t0));
        t0 = performance.now();
        await database.db.execute(timelineSql({ customerId, scope: { kind: 'all' }, kinds: timelineKinds, limit: 30, pattern: words && `%${words}%`, secretTemplates: ['portal_code', 'acceptance_code'] })!);
        statement.push(ms(t0));
        t0 = performance.now();
        const r = await database.db.execute(hand(customerId, words));
        theirs.push(ms(t0));
        const handRows = (r as unknown as { rows: unknown[] }).rows.length;
        if (Math.min(handRows, 30) !== page.items.length) console.log(`  ! ${customerId}: ours ${page.items.length} rows, hand ${handRows}`);
      }
      const a = median(ours);
      const b = median(theirs);
      const c = median(statement);
      console.log(`${label.padEnd(30)} ours ${a.toFixed(2).padStart(7)} ms (statement alone ${c.toFixed(2)} ms)  hand ${b.toFixed(2).padStart(7)} ms  ratio ${(a / b).toFixed(2)} (statement ${(c / b).toFixed(2)})`);
    }
    if (process.argv.includes('--explain')) {
      const plan = await database.db.execute(sql`explain (analyze, buffers) ${timelineSql({ customerId: picks[0], scope: { kind: 'all' }, kinds: timelineKinds, limit: 30, secretTemplates: [] })!}`);
      console.log((plan as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  } finally {
    await database.close();
    await drop();
  }
}

await main();
