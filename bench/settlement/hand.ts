// The bench's month by hand (bench/settlement/run.ts and profile.ts): the figure the drafts are held to.
import { sql } from 'drizzle-orm';
import { periodEnd } from './seed.js';

/**
 * The same month by hand, as one would write it at a psql prompt: per provider, the orders not
 * held, their fee lines (the provider's own negative), the cash collected, and each rule's measure.
 */
export const hand = sql`
  with o as (
    select w.id, w.provider_id from work_orders w
    where w.confirmed_at < ${periodEnd}::timestamptz and w.follow_up is not null and w.status in ('followed_up', 'closed')
      and not exists (select 1 from fee_disputes d where d.order_id = w.id and d.status = 'open')
      and not exists (select 1 from fraud_scores f where f.order_id = w.id and f.status = 'held')
      and not exists (select 1 from old_part_returns r where r.order_id = w.id and r.due_at >= ${periodEnd}::timestamptz
        and (r.shipped_at is null or r.shipped_at > ${periodEnd}::timestamptz) and (r.missing_at is null or r.missing_at > ${periodEnd}::timestamptz))),
  fees as (select o.provider_id, sum(case when l.payer = 'provider' then -l.amount_fen else l.amount_fen end) as fen, count(*) as lines
           from o join order_fee_lines l on l.order_id = o.id and l.status = 'active' group by 1),
  cash as (select o.provider_id, -sum(p.amount_fen) as fen, count(distinct p.order_id) as lines
           from o join order_payments p on p.order_id = o.id and p.collected_by_kind in ('provider', 'technician') group by 1),
  m as (select o.provider_id, count(*) as settled,
           count(*) filter (where w.follow_up->>'satisfaction' = 'delighted') as delighted,
           count(*) filter (where w.follow_up->>'satisfaction' = 'dissatisfied') as dissatisfied,
           count(*) filter (where exists (select 1 from promise_clocks c where c.order_id = o.id and c.status <> 'void' and c.outcome = 'beaten')) as beaten,
           count(*) filter (where exists (select 1 from old_part_returns r where r.order_id = o.id and (r.missing_at <= ${periodEnd}::timestamptz or (r.shipped_at <= ${periodEnd}::timestamptz and r.shipped_at > r.due_at)
             or ((r.shipped_at is null or r.shipped_at > ${periodEnd}::timestamptz) and r.due_at < ${periodEnd}::timestamptz)))) as old_parts,
           count(*) filter (where exists (select 1 from fraud_scores f where f.order_id = o.id and f.status = 'confirmed')) as fraud
        from o join work_orders w on w.id = o.id group by 1)
  select m.provider_id, m.settled, fees.fen as fee_fen, fees.lines as fee_lines, coalesce(cash.fen, 0) as cash_fen, coalesce(cash.lines, 0) as cash_lines,
         m.delighted, m.dissatisfied, m.beaten, m.old_parts, m.fraud
  from m left join fees using (provider_id) left join cash using (provider_id) order by 1`;
