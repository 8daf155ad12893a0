// English for the notifications area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  outbox: { title: 'Messages to customers', none: 'No messages.', at: 'Written', to: 'To', template: 'Kind', body: 'Text', sent: 'Sent', waiting: 'waiting' },
};
