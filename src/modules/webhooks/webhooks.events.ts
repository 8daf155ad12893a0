// The event types a subscription may name, and the states of a delivery: shared by the rules, the tables and the contract (the console reads it).
import { announcedTypes } from '../../kernel/events.js';

/** Order events come from the follower of orders; the rest are other modules' announcements (src/kernel/events.ts). */
export const eventTypes = ['order.created', 'order.status_changed', ...announcedTypes] as const;
export type EventType = (typeof eventTypes)[number];

export const eventNames: Record<EventType, { zh: string; en: string }> = {
  'order.created': { zh: '工单创建', en: 'Order created' },
  'order.status_changed': { zh: '工单状态变化', en: 'Order status changed' },
  'promise.broken': { zh: '服务承诺超时', en: 'Promise broken' },
  'complaint.escalated': { zh: '投诉升级', en: 'Complaint escalated' },
  'statement.approved': { zh: '结算单已审批', en: 'Statement approved' },
};

export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
