// The demo's quality facts: cause codes classified by whose they are (the demo's fault tree marks
// installation causes in their English name), and one model whose faults jump last month — a bad
// batch of compressors — so the quality dashboard shows its one trend alert.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { createQualityService } from '../modules/quality/index.js';
import { previousMonth } from '../modules/quality/quality.rules.js';
import { auditWith } from '../kernel/audit.js';
import type { Clock } from '../shared/clock.js';

const BURST = 40;

export async function loadQualityDemo(database: Database, now: Date): Promise<Record<string, number>> {
  const db = database.db;
  const month = previousMonth(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10));
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into quality_cause_origins (cause_code, origin, updated_by, updated_at)
      select code, case when name_en like '%(installation)%' then 'installation' else 'product' end, 'demo', ${now} from fault_codes where level = 'cause'
      on conflict do nothing`);
    // The burst: forty repairs of the best-selling model's units, opened on the 10th to 20th of last month (China time), fixed the next day.
    await tx.execute(sql`
      with m as (select model_id from units group by 1 order by count(*) desc, model_id limit 1),
      c as (select c.code as cause, s.code as symptom from fault_codes c join fault_codes s on s.id = c.parent_id
            where c.level = 'cause' and c.category_id = (select category_id from product_models where id = (select model_id from m)) and c.name_en not like '%(installation)%'
            order by c.code limit 1),
      u as (select u.id, u.owner_id, row_number() over (order by u.id) as n from units u where u.model_id = (select model_id from m) limit ${BURST}),
      o as (
        select gen_random_uuid() as id, u.id as unit_id, u.owner_id, u.n,
               (${`${month}-10 10:00:00`}::timestamp - interval '8 hours') at time zone 'UTC' + make_interval(hours => (u.n * 6)::int) as at
        from u)
      insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, unit_id, symptom, provider_id, technician_id,
                               done_at, symptom_code, cause_code, closed_at, created_at, updated_at)
      select o.id, 'QD' || to_char(o.at, 'YYMM') || lpad(o.n::text, 4, '0'), 'repair', 'closed', 'normal', 'phone', o.owner_id, cu.tier,
             coalesce((select p.phone from customer_phones p where p.customer_id = o.owner_id order by p.is_primary desc limit 1), '13800000000'),
             coalesce((select w.address from work_orders w where w.customer_id = o.owner_id limit 1), '{"province":"广东省","city":"广州市","district":"天河区","street":"—"}'::jsonb),
             o.unit_id, '压缩机不启动 / compressor does not start',
             (select id from providers order by code limit 1), null, o.at + interval '1 day', c.symptom, c.cause, o.at + interval '2 days', o.at, o.at + interval '2 days'
      from o join customers cu on cu.id = o.owner_id cross join c`);
    await tx.execute(sql`insert into work_order_history (order_id, at, actor, action, from_status, to_status, changes, version)
      select id, created_at, 'demo', 'intake', null, 'closed', '{}'::jsonb, 1 from work_orders where number like 'QD%'`);
  });
  const clock: Clock = { now: () => now };
  const quality = createQualityService({ db, clock, audit: auditWith(clock) });
  const alerts = await quality.raiseAlerts(month);
  return { quality_burst_orders: BURST, quality_alerts: alerts };
}
