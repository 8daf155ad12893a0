// English for the live area (the notification bell). Every key has its Chinese twin in zh.ts.
export const en = {
  live: {
    bell: 'Notifications', unreadSuffix: 'unread', title: 'Notifications', none: 'No notifications yet.', markAll: 'Mark all read', unread: 'Unread', close: 'Close', connected: 'Live updates on', disconnected: 'Live updates reconnecting…',
    order: 'Order {{number}}', byCustomer: 'by the customer', byStaff: 'by the service desk', due: 'due {{when}}',
  },
  liveKind: {
    dispatched: 'Dispatched', assigned: 'Assigned', booked: 'Visit booked', checked_in: 'Checked in', completed: 'Work done', confirmed: 'Confirmed', promise_warning: 'Promise at risk', promise_escalated: 'Promise breached, escalated',
  },
};
