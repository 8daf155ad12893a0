// The customer's timeline: the staff's history rows read as milestones in plain words.
//
// Built field by field from the staff rows, so nothing the staff record carries (who, from which
// address, why, internal targets, coordinates, ids) reaches the customer unless it is copied here
// on purpose. The technician is named the way they introduce themselves at the door ("季师傅"),
// and times are written in the customer's own zone (the zone of the provider serving them).
import { windowWords } from '../../shared/zoned.js';
import { publicTechnicianName } from '../../shared/names.js';
import { orderStatuses } from './work-orders.rules.js';
import type { CustomerHistoryEntry, CustomerMilestone, HistoryView } from './work-orders.contract.js';

const milestoneOfAction: Partial<Record<string, CustomerMilestone>> = {
  intake: 'received',
  accept: 'accepted',
  dispatch: 'dispatched',
  assign: 'technician_assigned',
  book: 'visit_booked',
  check_in: 'arrived',
  complete: 'work_done',
  send_acceptance_code: 'acceptance_code_sent',
  confirm: 'confirmed',
  follow_up: 'followed_up',
  close: 'closed',
  cancel: 'cancelled',
  reopen: 'reopened',
  redo: 'redo',
  hold: 'on_hold',
  resume: 'resumed',
  // Someone typed a wrong acceptance code on the customer's order: theirs to know.
  confirm_refused: 'wrong_code',
};

type Words = { zh: string; en: string };

/** What each milestone says; `name` and `when` are filled where the milestone has them. */
function wordsFor(m: CustomerMilestone, name: string | null, when: Words | null, hold: string | null): Words {
  switch (m) {
    case 'received':
      return { zh: '我们已收到您的服务请求', en: 'We received your request' };
    case 'accepted':
      return { zh: '您的请求已受理', en: 'Your request was accepted' };
    case 'dispatched':
      return { zh: '已交给您附近的服务网点', en: 'Passed to a service provider near you' };
    case 'technician_assigned':
      return name ? { zh: `已为您安排${name}`, en: `Technician ${name} assigned` } : { zh: '已为您安排师傅', en: 'A technician was assigned' };
    case 'visit_booked':
      return when ? { zh: `上门时间已约好：${when.zh}`, en: `Visit booked: ${when.en}` } : { zh: '上门时间已约好', en: 'Visit booked' };
    case 'arrived':
      return { zh: '师傅已到达', en: 'The technician arrived' };
    case 'work_done':
      return { zh: '服务已完成', en: 'Work done' };
    case 'acceptance_code_sent':
      return { zh: '请确认：验收码已发到您的手机', en: 'Please confirm: we sent an acceptance code to your phone' };
    case 'confirmed':
      return { zh: '您已确认服务完成', en: 'You confirmed the work' };
    case 'followed_up':
      return { zh: '感谢您的评价', en: 'Thank you for your feedback' };
    case 'closed':
      return { zh: '工单已完结', en: 'Order closed' };
    case 'cancelled':
      return { zh: '工单已取消', en: 'Order cancelled' };
    case 'reopened':
      return { zh: '工单已重新打开', en: 'Order reopened' };
    case 'redo':
      return { zh: '我们会重新上门处理', en: 'We will come back to do the work again' };
    case 'on_hold':
      if (hold === 'waiting_for_parts') return { zh: '暂停：等待配件', en: 'On hold: waiting for parts' };
      if (hold === 'waiting_for_customer') return { zh: '暂停：等待您的回复', en: 'On hold: waiting to hear from you' };
      return { zh: '暂停', en: 'On hold' };
    case 'resumed':
      return { zh: '服务已继续', en: 'Service resumed' };
    case 'wrong_code':
      return { zh: '有人输入了错误的验收码', en: 'A wrong acceptance code was entered' };
  }
}

const changedTo = (h: HistoryView, field: string): unknown => h.changes[field]?.to;
const text = (v: unknown): string | null => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : null);

/** The technicians a customer's history names, so their names can be looked up first. */
export function assignedTechnicianIds(rows: HistoryView[]): string[] {
  return [...new Set(rows.filter((h) => h.action === 'assign').map((h) => text(changedTo(h, 'technicianId'))).filter((id): id is string => id !== null))];
}

/**
 * Staff rows to customer milestones: internal steps (taking or giving back a job, refusals other
 * than a wrong code) are left out. `technicianName` gives a technician's full name; the customer
 * reads their public name only. `timeZone` is the customer's.
 */
export function toCustomerHistory(rows: HistoryView[], technicianName: (id: string) => string | null, timeZone: string): CustomerHistoryEntry[] {
  const out: CustomerHistoryEntry[] = [];
  for (const h of rows) {
    const milestone = milestoneOfAction[h.action];
    if (!milestone) continue;
    const status = orderStatuses.find((s) => s === h.toStatus);
    if (!status) continue;
    const technicianId = milestone === 'technician_assigned' ? text(changedTo(h, 'technicianId')) : null;
    const fullName = technicianId ? technicianName(technicianId) : null;
    const name = fullName ? publicTechnicianName(fullName) : null;
    const from = milestone === 'visit_booked' ? text(changedTo(h, 'appointmentFrom')) : null;
    const to = milestone === 'visit_booked' ? text(changedTo(h, 'appointmentTo')) : null;
    const when = from && to ? windowWords(new Date(from), new Date(to), timeZone) : null;
    const hold = milestone === 'on_hold' ? text(changedTo(h, 'holdReason')) : null;
    const words = wordsFor(milestone, name, when, hold);
    out.push({ at: h.at, milestone, status, technicianName: name, window: from && to ? { from, to } : null, text: { zh: words.zh, en: words.en } });
  }
  return out;
}
