// The demo's contacts: calls the desk logged about one order in five that was done (the customer
// asking when the technician comes, or the desk calling back), a note on a few customers, and
// suggestions — some answered — so the customer page's timeline and the portal's "my suggestions"
// show something. Ids and times come from the seed and the demo's clock: the same every run.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { createRng } from './prng.js';

type DemoOrder = { id: string; customerId: string; createdAt: Date; contactPhone: string; doneAt?: Date | null };

const callNotes = ['客户询问师傅几点到 / asked when the technician comes', '回电确认上门时间 / called back to confirm the visit', '客户反馈已修好，表示感谢 / says it works now, thanks us', '无人接听，稍后再拨 / no answer, try later'];
const notes = ['老客户，偏好下午上门 / long-time customer, prefers afternoons', '家中有老人，请提前电话 / elderly at home: call before coming', '小区需登记，带好工牌 / the estate checks badges at the gate'];
const ideas = [
  { topic: 'app', text: '希望能在小程序里看到师傅位置 / show the technician on a map', answer: '已采纳，下个版本上线 / adopted: in the next release', status: 'adopted' },
  { topic: 'service', text: '希望周末也能上门 / weekend visits please', answer: '已记录，旺季将试行周末上门 / noted: we will try weekends in the high season', status: 'noted' },
  { topic: 'product', text: '遥控器按键太小 / the remote’s buttons are too small', answer: null, status: 'open' },
] as const;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const id = (kind: number, n: number) => `00000000-0000-4000-9${hex(kind, 3)}-${hex(n, 12)}`;

export async function loadContactsDemo(database: Database, seed: number, orders: DemoOrder[]): Promise<Record<string, number>> {
  const rng = createRng(seed + 909);
  const done = orders.filter((o) => o.doneAt);
  const calls = done.filter((_, i) => i % 5 === 0).map((o, i) => {
    const note = rng.pick(callNotes);
    return { id: id(1, i + 1), customerId: o.customerId, orderId: o.id, direction: note.startsWith('回电') ? 'out' : 'in', phone: o.contactPhone, startedAt: new Date(o.createdAt.getTime() + 3_600_000), durationSeconds: rng.int(30, 420), outcome: note.startsWith('无人') ? 'no_answer' : 'reached', notes: note };
  });
  const customers = [...new Set(done.map((o) => o.customerId))];
  const noted = customers.filter((_, i) => i % 7 === 0).map((customerId, i) => ({ id: id(2, i + 1), customerId, text: rng.pick(notes), at: done.find((o) => o.customerId === customerId)!.createdAt }));
  const suggested = customers.slice(0, ideas.length).map((customerId, i) => ({ id: id(3, i + 1), customerId, ...ideas[i], at: done.find((o) => o.customerId === customerId)!.createdAt }));
  await database.db.transaction(async (tx) => {
    for (const c of calls)
      await tx.execute(sql`insert into contact_calls (id, customer_id, order_id, direction, phone, started_at, duration_seconds, outcome, notes, agent, created_at)
        values (${c.id}, ${c.customerId}, ${c.orderId}, ${c.direction}, ${c.phone}, ${c.startedAt}, ${c.durationSeconds}, ${c.outcome}, ${c.notes}, 'user:agent', ${c.startedAt})`);
    for (const n of noted) await tx.execute(sql`insert into contact_notes (id, customer_id, text, author, created_at) values (${n.id}, ${n.customerId}, ${n.text}, 'user:agent', ${n.at})`);
    for (const s of suggested) {
      const answeredAt = s.answer ? new Date(s.at.getTime() + 86_400_000) : null;
      await tx.execute(sql`insert into customer_suggestions (id, customer_id, channel, topic, text, status, answer, answered_at, answered_by, recorded_by, created_at)
        values (${s.id}, ${s.customerId}, 'portal', ${s.topic}, ${s.text}, ${s.status}, ${s.answer}, ${answeredAt}, ${s.answer ? 'user:manager' : null}, ${`customer:${s.customerId}`}, ${s.at})`);
      await tx.execute(sql`insert into customer_suggestion_history (suggestion_id, at, actor, action, from_status, to_status) values (${s.id}, ${s.at}, ${`customer:${s.customerId}`}, 'record', null, 'open')`);
      if (answeredAt) await tx.execute(sql`insert into customer_suggestion_history (suggestion_id, at, actor, action, from_status, to_status) values (${s.id}, ${answeredAt}, 'user:manager', 'answer', 'open', ${s.status})`);
    }
  });
  return { contact_calls: calls.length, contact_notes: noted.length, customer_suggestions: suggested.length };
}
