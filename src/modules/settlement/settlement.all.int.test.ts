import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { manualClock, systemCaller, testDatabase } from '../../../test/harness.js';
import { seedMonth } from '../../../bench/settlement/seed.js';
import { createSettlementService, type SettlementService } from './settlement.service.js';
import { defaultHolds, defaultMeasures } from './settlement.sources.js';
import { MONTHLY_DRAFTS_JOB, settlementJobs } from './settlement.jobs.js';

// Every provider's draft generated set-based (generateAll, a chunk of providers per transaction)
// is the very statement generating the providers one by one makes: the same orders claimed and
// held, the same lines in the same order (fees, collected, rule lines with their orders, corrections
// carried), the same totals — whichever runs first. The month is the bench's (bench/settlement/seed.ts),
// small, with a provider in another time zone (its January ends later), an active provider with no
// orders (a fixed rule still applies), an inactive one with none (no statement), a correction from
// December, and a sent statement left as it is.
const clock = manualClock(new Date('2026-02-05T02:00:00Z'));
let database: Database;
let drop: () => Promise<void>;
let settlement: SettlementService;
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
const run = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(q));
const uuid = (prefix: string, n: number) => `00000000-0000-4000-${prefix}-${n.toString(16).padStart(12, '0')}`;
const providers = 6;
const kathmandu = uuid('c200', 2);
const empty = uuid('c200', 7);
const inactive = uuid('c200', 8);

/** Every draft as it stands, without what differs by when it was made (generation, version, time). */
async function drafts() {
  const statements = await run(sql`select id, provider_id, period, period_from::text, period_to::text, time_zone, status, total_fen::text, order_count, held_count from settlement_statements where period = '2026-01' order by id`);
  const lines = await run(sql`select l.statement_id, l.line_no, l.kind, l.order_id, l.order_number, l.fee_line_id, l.fee_kind, l.payer, l.rule_id, l.rule_code, l.measure, l.measured_value, l.quantity, l.order_ids::text, l.name_zh, l.name_en, l.amount_fen::text, l.currency
    from settlement_lines l join settlement_statements s on s.id = l.statement_id where s.period = '2026-01' order by l.statement_id, l.line_no`);
  const orders = await run(sql`select o.* from settlement_orders o join settlement_statements s on s.id = o.statement_id where s.period = '2026-01' order by o.order_id`);
  const held = await run(sql`select h.statement_id, h.order_id, h.order_number, h.reasons::text from settlement_held_orders h join settlement_statements s on s.id = h.statement_id where s.period = '2026-01' order by h.order_id`);
  const corrections = await run(sql`select id, statement_id from settlement_corrections order by id`);
  return { statements, lines, orders, held, corrections };
}

async function oneByOne() {
  const ids = (await run<{ id: string }>(sql`select id from providers where id <> ${inactive} order by code`)).map((r) => r.id);
  for (const providerId of ids) await settlement.generate(systemCaller, { providerId, period: '2026-01' });
}

/** Back to no January statements at all (December's stays). */
async function forget() {
  await database.db.execute(sql`update settlement_corrections set statement_id = null where statement_id in (select id from settlement_statements where period = '2026-01')`);
  await database.db.execute(sql`delete from settlement_lines where statement_id in (select id from settlement_statements where period = '2026-01')`);
  await database.db.execute(sql`delete from settlement_orders where statement_id in (select id from settlement_statements where period = '2026-01')`);
  await database.db.execute(sql`delete from settlement_held_orders where statement_id in (select id from settlement_statements where period = '2026-01')`);
  await database.db.execute(sql`delete from settlement_statements where period = '2026-01'`);
}

beforeAll(async () => {
  ({ database, drop } = await testDatabase());
  await seedMonth(database, { orders: 700, providers });
  const db = database.db;
  // A provider whose January ends 2 h 15 min after Shanghai's: orders confirmed on 1 February at 01:00 Beijing time are its January's.
  await db.execute(sql`update providers set time_zone = 'Asia/Kathmandu' where id = ${kathmandu}`);
  await db.execute(sql`update work_orders set confirmed_at = timestamptz '2026-02-01 01:00:00+08' where right(number, 1) in ('3', '7')`);
  await db.execute(sql`insert into providers (id, code, name, kind, contact_name, contact_phone, active, created_at) values
    (${empty}, 'P-EMPTY', '新网点', 'contractor', '联系人', '02000000000', true, now()), (${inactive}, 'P-GONE', '停用网点', 'contractor', '联系人', '02000000000', false, now())`);
  // A fixed reward when no complaint was upheld (an empty statement gets it too), and a share measure more.
  await db.execute(sql`insert into settlement_rules (id, code, name_zh, name_en, kind, measure, threshold_min, threshold_max, basis, amount_fen, active_from, created_at, created_by) values
    (${uuid('8000', 0x21)}, 'no_complaint', '无投诉奖励', 'No complaint', 'reward', 'complaint_upheld', null, 1, 'fixed', 20000, '2025-01-01', now(), 'test'),
    (${uuid('8000', 0x22)}, 'kept', '按时奖励', 'Kept', 'reward', 'promises_kept_share', 0.1, null, 'per_order', 100, '2025-01-01', now(), 'test')`);
  // December's paid statement of provider 1, with a correction agreed on it: carried into January.
  await db.execute(sql`insert into settlement_statements (id, provider_id, period, period_from, period_to, time_zone, status, created_at)
    values (${uuid('8000', 0x31)}, ${uuid('c200', 1)}, '2025-12', '2025-12-01', '2026-01-01', 'Asia/Shanghai', 'paid', now())`);
  await db.execute(sql`insert into settlement_corrections (id, provider_id, from_statement_id, from_line_no, amount_fen, name_zh, name_en, created_at) values
    (${uuid('8000', 0x41)}, ${uuid('c200', 1)}, ${uuid('8000', 0x31)}, 3, 1500, '2025-12 第 3 行', '2025-12 line 3', now()),
    (${uuid('8000', 0x42)}, ${uuid('c200', 1)}, ${uuid('8000', 0x31)}, 5, -700, '2025-12 第 5 行', '2025-12 line 5', now())`);
  // Two drafts per transaction: the chunks' edges are crossed too.
  settlement = createSettlementService({ db, clock, audit: async () => undefined, measures: defaultMeasures, holds: defaultHolds, announce: async () => undefined, draftsPerTransaction: 2 });
}, 600_000);

afterAll(async () => drop?.());

describe("every provider's draft at once", { timeout: 300_000 }, () => {
  let reference: Awaited<ReturnType<typeof drafts>>;

  it('one by one: the reference drafts, with every kind of line', async () => {
    await oneByOne();
    reference = await drafts();
    expect(reference.statements).toHaveLength(providers + 1);
    const kinds = new Set(reference.lines.map((l) => l.kind));
    expect([...kinds].sort()).toEqual(['collected', 'correction', 'fee', 'rule']);
    expect(reference.statements.every((s) => s.held_count !== 0 || s.id === reference.statements.find((x) => x.provider_id === empty)!.id)).toBe(true);
    // The other zone's January holds orders confirmed on 1 February in Beijing; Shanghai's does not.
    const late = await run<{ provider_id: string; n: string }>(sql`select s.provider_id, count(*) as n from settlement_orders o join settlement_statements s on s.id = o.statement_id
      join work_orders w on w.id = o.order_id where w.confirmed_at = timestamptz '2026-02-01 01:00:00+08' group by 1`);
    expect(late.map((r) => r.provider_id)).toEqual([kathmandu]);
    expect(Number(late[0].n)).toBeGreaterThan(0);
    const emptyLines = reference.lines.filter((l) => l.statement_id === reference.statements.find((s) => s.provider_id === empty)!.id);
    expect(emptyLines.map((l) => [l.kind, l.rule_code, l.order_ids])).toEqual([['rule', 'no_complaint', '[]']]);
  });

  it('regenerated all at once: the same drafts', async () => {
    const result = await settlement.generateAll(systemCaller, { period: '2026-01' });
    expect(result).toMatchObject({ period: '2026-01', generated: providers + 1, skipped: [] });
    expect(result.orders).toBe(reference.orders.length);
    expect(result.totalFen).toBe(reference.statements.reduce((s, r) => s + Number(r.total_fen), 0));
    expect(await drafts()).toEqual(reference);
  });

  it('a statement is not deleted, nor its id changed, while a line, a settled order or a held order names it (the trigger that stands for their foreign keys)', async () => {
    const id = reference.statements.find((s) => s.provider_id === uuid('c200', 3))!.id as string;
    const refused = { cause: { message: expect.stringMatching(/still has lines or orders/) } };
    await expect(database.db.execute(sql`delete from settlement_statements where id = ${id}`)).rejects.toMatchObject(refused);
    await expect(database.db.execute(sql`update settlement_statements set id = gen_random_uuid() where id = ${id}`)).rejects.toMatchObject(refused);
    await database.db.execute(sql`delete from settlement_lines where statement_id = ${id}`);
    await expect(database.db.execute(sql`delete from settlement_statements where id = ${id}`)).rejects.toMatchObject(refused);
    await database.db.execute(sql`delete from settlement_orders where statement_id = ${id}`);
    await expect(database.db.execute(sql`delete from settlement_statements where id = ${id}`)).rejects.toMatchObject(refused);
    await database.db.execute(sql`delete from settlement_held_orders where statement_id = ${id}`);
    await database.db.execute(sql`delete from settlement_statements where id = ${id}`);
    expect(await run(sql`select id from settlement_statements where id = ${id}`)).toEqual([]);
  });

  it('all at once first, then one by one: the same drafts each time', async () => {
    await forget();
    await settlement.generateAll(systemCaller, { period: '2026-01' });
    expect(await drafts()).toEqual(reference);
    await oneByOne();
    expect(await drafts()).toEqual(reference);
  });

  it('the monthly job makes each draft once: run twice, and twice at once, the drafts are made one time', async () => {
    await forget();
    const [job] = settlementJobs(settlement);
    expect(job.name).toBe(MONTHLY_DRAFTS_JOB);
    await job.handle({});
    await job.handle({});
    await Promise.all([job.handle({}), job.handle({})]);
    expect(await drafts()).toEqual(reference);
    const generations = await run<{ generation: number; n: string }>(sql`select generation, count(*) as n from settlement_statements where period = '2026-01' group by 1`);
    expect(generations.map((g) => [g.generation, Number(g.n)])).toEqual([[1, providers + 1]]);
    const history = await run<{ n: string }>(sql`select count(*) as n from settlement_history where action = 'generate' and actor = 'system:settlement.monthly_drafts'`);
    expect(Number(history[0].n)).toBe(providers + 1);
    // A draft made by hand before the job is left as it is, too.
    await forget();
    await settlement.generate(systemCaller, { providerId: kathmandu, period: '2026-01' });
    await job.handle({});
    expect(await drafts()).toEqual(reference);
    const kathmanduGeneration = await run<{ generation: number }>(sql`select generation from settlement_statements where provider_id = ${kathmandu} and period = '2026-01'`);
    expect(kathmanduGeneration[0].generation).toBe(1);
  });

  it('one transaction at a time, three at once, or one large chunk split in two: the same drafts', async () => {
    for (const [draftsPerTransaction, transactionsAtOnce] of [[2, 1], [2, 3], [500, 2]]) {
      await forget();
      const each = createSettlementService({ db: database.db, clock, audit: async () => undefined, measures: defaultMeasures, holds: defaultHolds, announce: async () => undefined, draftsPerTransaction, transactionsAtOnce });
      const result = await each.generateAll(systemCaller, { period: '2026-01' });
      expect(result).toMatchObject({ period: '2026-01', generated: providers + 1, orders: reference.orders.length, skipped: [] });
      expect(await drafts()).toEqual(reference);
    }
  });

  it('a chunk that fails: the month fails, that chunk makes no draft, the chunks already made stay, and generating again makes them all', async () => {
    await forget();
    // A real failure in one chunk's transaction (its drafts' totals are written last): provider 5's, in the third chunk of two.
    const refused = uuid('c200', 5);
    await database.db.execute(
      sql.raw(`create function settlement_test_refuse() returns trigger language plpgsql as $$ begin
        if new.provider_id = '${refused}' then raise exception 'refused for the test'; end if; return new; end $$`),
    );
    await database.db.execute(sql`create trigger settlement_test_refuse before update on settlement_statements for each row execute function settlement_test_refuse()`);
    try {
      await expect(settlement.generateAll(systemCaller, { period: '2026-01' })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/refused for the test/) } });
      const now = await drafts();
      const providerOf = new Map(reference.statements.map((r) => [r.id, r.provider_id]));
      // Providers 5 and 6 share the failed transaction: neither has a statement; providers 1–4 (the first two chunks, done before it) have theirs as they should be.
      expect(now.statements.map((r) => r.provider_id)).not.toContain(refused);
      expect(now.statements.map((r) => r.provider_id)).not.toContain(uuid('c200', 6));
      const early = (id: unknown) => [1, 2, 3, 4].map((n) => uuid('c200', n)).includes(String(providerOf.get(String(id))));
      expect(now.statements.filter((r) => early(r.id))).toEqual(reference.statements.filter((r) => early(r.id)));
      expect(now.lines.filter((l) => early(l.statement_id))).toEqual(reference.lines.filter((l) => early(l.statement_id)));
    } finally {
      await database.db.execute(sql`drop trigger settlement_test_refuse on settlement_statements`);
      await database.db.execute(sql`drop function settlement_test_refuse()`);
    }
    await settlement.generateAll(systemCaller, { period: '2026-01' });
    expect(await drafts()).toEqual(reference);
  });

  it('a sent statement is skipped and named; a month not over is refused', async () => {
    const sent = reference.statements.find((s) => s.provider_id === kathmandu)!;
    await database.db.execute(sql`update settlement_statements set status = 'sent' where id = ${sent.id}`);
    const result = await settlement.generateAll(systemCaller, { period: '2026-01' });
    expect(result.generated).toBe(providers);
    expect(result.skipped).toEqual([{ providerId: kathmandu, reason: 'frozen', reasonName: { zh: '对账单已发送，不再重新生成', en: 'Already sent: not generated again' }, status: 'sent' }]);
    expect((await drafts()).lines).toEqual(reference.lines);
    await expect(settlement.generateAll(systemCaller, { period: '2026-02' })).rejects.toMatchObject({ status: 400 });
  });
});
