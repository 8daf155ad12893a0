// English for the calendar feeds area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  calendarFeed: {
    title: 'Calendar link', intro: 'Booked visits as a calendar any phone or computer can subscribe to. Anyone with the link sees the visits: keep it private, and revoke it if it leaks.',
    link: 'Subscription address', copy: 'Copy', make: 'Make a calendar link', replace: 'Make a new link (the old one stops working)', revoke: 'Revoke the link', active: 'A link is in use since {{since}}.',
  },
};
