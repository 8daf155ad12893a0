// Historical orders brought by an import (a migration): written straight to the orders and their
// history, never through the live flow, so no promise clock, message, follow-up, care run, webhook
// or settlement claim starts for an order that was finished years ago elsewhere.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { intakeContactsSql } from '../customers/index.js';
import { workOrderHistory, workOrderNumberSeq, workOrders } from './work-orders.tables.js';

export type ImportedOrder = {
  /** The order this row replaces (its key was imported before), or null. */
  known: string | null;
  kind: string;
  status: string;
  priority: string;
  channel: string;
  customerId: string;
  unitId: string | null;
  symptom: string;
  providerId: string | null;
  technicianId: string | null;
  createdAt: string;
  appointmentFrom: string | null;
  appointmentTo: string | null;
  checkedInAt: string | null;
  doneAt: string | null;
  confirmedAt: string | null;
  closedAt: string | null;
  /** The milestones reached, in order: a new order's history rows. */
  history: { at: string; fromStatus: string | null; toStatus: string }[];
};

const actor = 'system:imports';
const reason = 'imported / 导入';

/**
 * An import's batch of historical orders in one statement. A new order takes its number from the
 * sequence (with the month it was opened), the customer's tier, primary phone and default address as
 * its snapshot, and one history row per milestone; a known one is replaced (version up) with one
 * history row saying so. Answers, in the rows' order, each row's order id and whether it was replaced.
 */
export async function writeImportedOrders(q: Queryable, rows: (ImportedOrder & { id: string })[], at: Date): Promise<{ id: string; replaced: boolean }[]> {
  if (rows.length === 0) return [];
  const now = at.toISOString();
  const json = rows.map((r, n) => ({
    n, id: r.id, known: r.known, customer_id: r.customerId, phone: null, address_id: null, address: null, kind: r.kind, status: r.status, priority: r.priority, channel: r.channel,
    unit_id: r.unitId, symptom: r.symptom, provider_id: r.providerId, technician_id: r.technicianId, created_at: r.createdAt, appointment_from: r.appointmentFrom,
    appointment_to: r.appointmentTo, checked_in_at: r.checkedInAt, done_at: r.doneAt, confirmed_at: r.confirmedAt, closed_at: r.closedAt,
    history: r.history, prefix: `WO${r.createdAt.slice(2, 4)}${r.createdAt.slice(5, 7)}-`,
  }));
  const result = await q.execute(sql`
    with x as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as r(n int, id uuid, known uuid, customer_id uuid, phone text, address_id uuid, address jsonb,
        kind text, status text, priority text, channel text, unit_id uuid, symptom text, provider_id uuid, technician_id uuid, created_at timestamptz,
        appointment_from timestamptz, appointment_to timestamptz, checked_in_at timestamptz, done_at timestamptz, confirmed_at timestamptz, closed_at timestamptz,
        history jsonb, prefix text)),
    k as materialized (${intakeContactsSql(sql`x`)}),
    before as (select o.id, o.status from ${workOrders} o join x on o.id = x.known),
    replaced as (
      update ${workOrders} o set kind = x.kind, status = x.status, priority = x.priority, channel = x.channel, customer_id = x.customer_id, customer_tier = k.tier,
        contact_phone = coalesce(k.phone, ''), address = coalesce(k.address, jsonb_build_object('province', '', 'city', '', 'district', '', 'street', '')), unit_id = x.unit_id, symptom = x.symptom, provider_id = x.provider_id, technician_id = x.technician_id,
        appointment_from = x.appointment_from, appointment_to = x.appointment_to, checked_in_at = x.checked_in_at, done_at = x.done_at,
        confirmed_at = x.confirmed_at, closed_at = x.closed_at, version = o.version + 1, updated_at = ${now}::timestamptz
      from x join k on k.request_id = x.id
      where o.id = x.known
      returning o.id, o.status, o.version),
    made as (
      insert into ${workOrders} (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, unit_id, symptom,
        provider_id, technician_id, appointment_from, appointment_to, checked_in_at, done_at, confirmed_at, closed_at, version, created_at, updated_at)
      select x.id, x.prefix || translate(format('%6s', nextval(${workOrderNumberSeq.seqName})), ' ', '0'), x.kind, x.status, x.priority, x.channel, x.customer_id, k.tier, coalesce(k.phone, ''),
        coalesce(k.address, jsonb_build_object('province', '', 'city', '', 'district', '', 'street', '')),
        x.unit_id, x.symptom, x.provider_id, x.technician_id, x.appointment_from, x.appointment_to, x.checked_in_at, x.done_at, x.confirmed_at, x.closed_at,
        jsonb_array_length(x.history), x.created_at, coalesce(x.closed_at, x.confirmed_at, x.done_at, x.checked_in_at, x.created_at)
      from x join k on k.request_id = x.id
      where x.known is null or x.known not in (select id from replaced)
      returning id),
    made_history as (
      insert into ${workOrderHistory} (order_id, at, actor, action, from_status, to_status, reason, changes, version)
      select x.id, (h.e->>'at')::timestamptz, ${actor}, 'import', h.e->>'fromStatus', h.e->>'toStatus', ${reason}, '{}'::jsonb, h.n::int
      from x join made on made.id = x.id, jsonb_array_elements(x.history) with ordinality as h(e, n)),
    replaced_history as (
      insert into ${workOrderHistory} (order_id, at, actor, action, from_status, to_status, reason, changes, version)
      select r.id, ${now}::timestamptz, ${actor}, 'import', b.status, r.status, ${reason}, '{}'::jsonb, r.version
      from replaced r join before b on b.id = r.id)
    select x.id as id, false as replaced from x join made on made.id = x.id
    union all select r.id, true from replaced r`);
  const written = (Array.isArray(result) ? result : (result as unknown as { rows: { id: string; replaced: boolean }[] }).rows) as { id: string; replaced: boolean }[];
  const byRow = new Map(written.map((w) => [w.id, w]));
  return rows.map((r) => byRow.get(r.id) ?? byRow.get(r.known ?? '') ?? { id: r.id, replaced: false });
}
