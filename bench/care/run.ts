// The daily care run over N customers and 3N units on PostgreSQL: every trigger due that day
// (warranty ends in 30 days, birthdays, a seasonal audience by province and category) selected
// and enqueued by two server copies at once, beside the equivalent hand-written SQL selects in the
// same run (target: the run ≤ 2× the selects). Also the selection alone (the run's statements
// without the writes). Checks every message exactly once. Prints figures; never fails a build.
// usage: tsx bench/care/run.ts [--customers 1000000] [--rounds 1] [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--keep]
// Each figure: wall time, and the CPU time of PostgreSQL's backends (from /proc) and of this process.
// --keep seeds a database named for the size once (bench_care_<customers>) and reuses it on later runs
// (the sends, messages and campaigns of the previous run are removed first); without it, a fresh one is dropped after.
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createCareService } from '../../src/modules/care/index.js';
import { auditWith } from '../../src/kernel/audit.js';
import { arg, backendCpuMeter, freshPostgres } from '../kit.js';

const customers = Number(arg('--customers', '1000000'));
const rounds = Number(arg('--rounds', '1'));
const units = customers * 3;
const serverUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
const models = 40;
const day = '2026-06-15';
const clock = { now: () => new Date('2026-06-15T02:00:00Z') };
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const ms = (t0: number) => performance.now() - t0;
const uid = (prefix: string, n: SQL | string) => sql`('00000000-0000-4000-${sql.raw(prefix)}-' || lpad(to_hex(${typeof n === 'string' ? sql.raw(n) : n}), 12, '0'))::uuid`;

/** Customers with a phone, an address in one of 31 provinces and a birthday; 3 units each over 2023–2026; half consent to marketing by SMS. */
async function seed(database: Database) {
  const db = database.db;
  const t0 = performance.now();
  await db.execute(sql`insert into customer_tiers (code, name_zh, name_en, rank) values ('ordinary', '普通', 'Ordinary', 1) on conflict do nothing`);
  await db.execute(sql`insert into product_categories (id, code, name_zh, name_en, created_at) values ('00000000-0000-4000-8000-000000000002', 'AC', '空调', 'Air conditioner', now())`);
  await db.execute(sql`insert into product_models (id, category_id, code, name_zh, name_en, whole_unit_months, main_parts_months, main_parts, daily_depreciation_rate, standard_minutes, created_at)
    select ${uid('c000', 'g')}, '00000000-0000-4000-8000-000000000002', 'M' || g, '型号' || g, 'Model ' || g, 12, 36, '[]', 0.0005, '{}', now() from generate_series(1, ${models}) g`);
  await db.execute(sql`insert into customers (id, number, kind, name, tier, birthday, preferred_language, preferred_channel, consent_to_contact, created_at, updated_at)
    select ${uid('a000', 'g')}, 'C' || g, 'person', '客户' || g, 'ordinary', date '1960-01-01' + ((g::bigint * 7919) % 15000)::int, case when g % 10 = 0 then 'en' else 'zh' end, 'sms', g % 3 <> 0, now(), now()
    from generate_series(1, ${customers}) g`);
  await db.execute(sql`insert into customer_phones (id, customer_id, phone, label, is_primary) select ${uid('a100', 'g')}, ${uid('a000', 'g')}, '139' || lpad(g::text, 8, '0'), 'mobile', true from generate_series(1, ${customers}) g`);
  await db.execute(sql`insert into customer_addresses (id, customer_id, label, province, city, district, street, is_default)
    select ${uid('a200', 'g')}, ${uid('a000', 'g')}, 'home', 'P' || (g % 31), '市', '区', '街道 ' || g, true from generate_series(1, ${customers}) g`);
  await db.execute(sql`insert into units (id, model_id, owner_id, purchase_date, channel, price_fen, created_at, updated_at)
    select ${uid('b000', 'g')}, ${uid('c000', sql`1 + g % ${models}`)}, ${uid('a000', sql`1 + (g - 1) % ${customers}`)}, date '2023-01-01' + ((g::bigint * 7919) % 1260)::int, 'store', 300000, now(), now()
    from generate_series(1, ${units}) g`);
  await db.execute(sql`insert into care_consents (customer_id, channel, purpose, granted, source, evidence, changed_at, changed_by)
    select ${uid('a000', 'g')}, 'sms', 'marketing', true, 'import', 'bench', now(), 'bench' from generate_series(1, ${customers}) g where g % 2 = 0`);
  await db.execute(sql`vacuum analyze`);
  return ms(t0);
}

/**
 * The same selections written by hand, deciding what the run decides for each candidate: the
 * channel its consent and reach allow (marketing by SMS or the inbox needs an explicit grant; the
 * birthday's service notice in the inbox follows the general consent unless a record says
 * otherwise), the frequency cap's count of recent capped sends, and whether the occurrence was
 * already sent. Same rows as the run's selection.
 */
const capCount = (customer: string) => sql.raw(`(select count(*) from care_sends s join care_campaigns cc on cc.id = s.campaign_id
  where s.customer_id = ${customer} and s.status = 'enqueued' and s.created_at > timestamptz '2026-06-08T02:00:00Z' and cc.purpose in ('marketing', 'survey'))`);
const granted = (customer: string, channel: string, purpose: string) => sql.raw(`(select g.granted from care_consents g where g.customer_id = ${customer} and g.channel = '${channel}' and g.purpose = '${purpose}')`);
const hand = (seasonalId: string) => [
  sql`select u.id, u.owner_id, c.name, p.phone, (coalesce(u.replaced_on, u.purchase_date) + interval '12 months')::date as ends,
        case when p.phone is not null and coalesce(${granted('c.id', 'sms', 'marketing')}, false) then 'sms' when coalesce(${granted('c.id', 'inbox', 'marketing')}, false) then 'inbox' end as channel,
        ${capCount('c.id')} as recent,
        exists (select 1 from care_sends s where s.customer_id = c.id and s.occurrence = 'warranty_end:unit:' || u.id || ':2026-07-15') as sent
      from units u join product_models m on m.id = u.model_id join customers c on c.id = u.owner_id
      left join customer_phones p on p.customer_id = c.id and p.is_primary
      where (coalesce(u.replaced_on, u.purchase_date) + make_interval(months => m.whole_unit_months))::date = date '2026-07-15'`,
  sql`select c.id, c.name, p.phone, coalesce(${granted('c.id', 'inbox', 'service')}, c.consent_to_contact) as inbox,
        exists (select 1 from care_sends s where s.customer_id = c.id and s.occurrence = 'birthday:2026') as sent
      from customers c left join customer_phones p on p.customer_id = c.id and p.is_primary where to_char(c.birthday, 'MM-DD') = '06-15'`,
  sql`select c.id, c.name, p.phone, p.phone is not null and coalesce(${granted('c.id', 'sms', 'marketing')}, false) as sms, ${capCount('c.id')} as recent,
        exists (select 1 from care_sends s where s.customer_id = c.id and s.occurrence = ${`seasonal:${seasonalId}:2026`}) as sent
      from customers c join customer_addresses a on a.customer_id = c.id and a.is_default left join customer_phones p on p.customer_id = c.id and p.is_primary
      where a.province = 'P7' and exists (select 1 from units u join product_models m on m.id = u.model_id join product_categories k on k.id = m.category_id where u.owner_id = c.id and k.code = 'AC')`,
];

/** The kept database of this size, created when missing; whether it holds a finished seed. */
async function keptPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_care_${customers}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!found.rowCount) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: async () => {} };
}

async function seeded(database: Database): Promise<boolean> {
  const [{ n }] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from customers where number = ${`C${customers}`}`));
  return n === 1;
}

/** What an earlier run on a kept database left: its campaigns, sends and messages. */
async function clearRun(database: Database) {
  await database.db.execute(sql`truncate care_outcomes, care_inbox, care_sends, care_run_days, care_campaign_history, care_campaigns, outbox_messages cascade`);
  await database.db.execute(sql`delete from pgboss.job where name = 'notifications.deliver'`);
  await database.db.execute(sql`vacuum analyze care_sends, outbox_messages, care_inbox`);
}

async function main() {
  const keep = process.argv.includes('--keep');
  const { url, drop } = keep ? await keptPostgres() : await freshPostgres(serverUrl, 'bench_care');
  const a = await openDatabase({ engine: 'postgres', url });
  try {
    await a.migrate();
    console.log(`care bench: ${customers} customers, ${units} units, run day ${day}`);
    if (keep && (await seeded(a))) {
      await clearRun(a);
      console.log('  seed reused');
    } else console.log(`  seed ${(await seed(a) / 1000).toFixed(1)} s`);
    const b = await openDatabase({ engine: 'postgres', url });
    const cpu = await backendCpuMeter(url);
    const care = (d: Database) => createCareService({ db: d.db, clock, audit: auditWith(clock), linkKey: 'bench', publicUrl: 'https://care.bench' });
    const ca = care(a);
    const cb = care(b);
    // Wall time, this process's CPU and the backends' CPU of one phase (CPU is what to compare on a shared machine).
    const measure = async (work: () => Promise<void>) => {
      await cpu.start();
      const n0 = process.cpuUsage();
      const t = performance.now();
      await work();
      const wall = ms(t);
      const n = process.cpuUsage(n0);
      return { wall, node: (n.user + n.system) / 1000, backend: await cpu.stop() };
    };
    const fmt = (m: { wall: number; node: number; backend: number | null }) => `${m.wall.toFixed(0)} ms wall, backend CPU ${m.backend === null ? '?' : m.backend.toFixed(0)} ms, node CPU ${m.node.toFixed(0)} ms`;
    const cpuOf = (m: { node: number; backend: number | null }) => (m.backend ?? 0) + m.node;
    for (let round = 1; round <= rounds; round++) {
      if (round > 1) await clearRun(a);
      const make = async (body: Parameters<typeof ca.create>[1]) => {
        const c = await ca.create(system, body);
        await ca.setStatus(system, c.id, { version: c.version, status: 'active' });
        return c.id;
      };
      const ids = [
        await make({ name: '保修到期', purpose: 'marketing', trigger: { kind: 'warranty_end', days: 30, part: 'unit' }, audience: {}, template: { zh: '{name}，您的{model}保修将于{warrantyEnd}到期 {link}', en: '{name}, your {model} warranty ends {warrantyEnd} {link}' }, channels: ['sms', 'inbox'], conversionDays: 30 }),
        await make({ name: '生日', purpose: 'service', trigger: { kind: 'birthday' }, audience: {}, template: { zh: '{name}生日快乐', en: 'Happy birthday {name}' }, channels: ['inbox'], conversionDays: 30 }),
        await make({ name: '夏季清洗', purpose: 'marketing', trigger: { kind: 'seasonal', month: 6, day: 15 }, audience: { provinces: ['P7'], categories: ['AC'] }, template: { zh: '{name}，夏天到了，空调该清洗了 {link}', en: '{name}, time to clean your AC {link}' }, channels: ['sms'], conversionDays: 30 }),
      ];

      let handRows = 0;
      const handM = await measure(async () => {
        for (const q of hand(ids[2])) handRows += rowsOf(await a.db.execute(q)).length;
      });

      let selected = 0;
      const selectM = await measure(async () => {
        for (const id of ids) selected += (await ca.selectAll(id, day)).length;
      });

      // Two server copies run the day at once: each occurrence is claimed once.
      let ra = { enqueued: 0, duplicates: 0, skipped: 0 };
      let rb = ra;
      const runM = await measure(async () => {
        [ra, rb] = await Promise.all([ca.runDay(day, 'bench-a'), cb.runDay(day, 'bench-b')]);
      });
      const [{ sends, distinct }] = rowsOf<{ sends: number; distinct: number }>(await a.db.execute(sql`select count(*)::int as sends, count(distinct (customer_id, occurrence))::int as distinct from care_sends`));
      const [{ outbox }] = rowsOf<{ outbox: number }>(await a.db.execute(sql`select count(*)::int as outbox from outbox_messages`));
      const [{ inbox }] = rowsOf<{ inbox: number }>(await a.db.execute(sql`select count(*)::int as inbox from care_inbox`));
      const enqueued = ra.enqueued + rb.enqueued;
      const load = (await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ');
      console.log(`  round ${round} (load average ${load})`);
      console.log(`    hand-written selects: ${fmt(handM)} (${handRows} rows)`);
      console.log(`    care selection alone: ${fmt(selectM)} (${selected} candidates) — wall ${(selectM.wall / handM.wall).toFixed(2)}×, CPU ${(cpuOf(selectM) / cpuOf(handM)).toFixed(2)}×`);
      console.log(`    care run, two copies (select + consent + cap + enqueue): ${fmt(runM)} — wall ${(runM.wall / handM.wall).toFixed(2)}×, CPU (backend + node) ${(cpuOf(runM) / cpuOf(handM)).toFixed(2)}× the hand-written selects`);
      console.log(`    sends ${sends} (distinct occurrences ${distinct}), enqueued ${enqueued} = outbox ${outbox} + inbox ${inbox}; duplicates refused ${ra.duplicates + rb.duplicates}; skipped ${ra.skipped + rb.skipped}`);
      console.log(`    exactly once: ${sends === distinct && enqueued === outbox + inbox ? 'yes' : 'NO'}`);
    }
    await cpu.close();
    await b.close();
  } finally {
    await a.close();
    await drop();
  }
}

await main();
process.exit(0);
