// The event types a subscription may name, and the states of a delivery: shared by the rules, the tables and the contract (the console reads it).
export const eventTypes = ['order.created', 'order.status_changed'] as const;
export type EventType = (typeof eventTypes)[number];

export const eventNames: Record<EventType, { zh: string; en: string }> = {
  'order.created': { zh: '工单创建', en: 'Order created' },
  'order.status_changed': { zh: '工单状态变化', en: 'Order status changed' },
};

export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
