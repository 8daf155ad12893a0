// English for the agent's workspace. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  workspace: {
    nav: 'My workspace', queue: 'My queue', queueIntro: 'Orders you took in that still need the desk, follow-up calls waiting, complaints you filed.',
    orders: 'Orders waiting', followUps: 'Follow-up calls', complaints: 'My complaints', noOrders: 'Nothing of yours is waiting.', noFollowUps: 'No follow-up calls waiting.', noComplaints: 'No open complaints of yours.',
    number: 'Number', customer: 'Customer', why: 'Why', since: 'Since', due: 'Due', overdue: 'Overdue', severity: 'Severity',
    recent: 'Recent customers', noRecent: 'Customers you open appear here.',
  },
  palette: {
    title: 'Command palette', label: 'Search customers, orders and commands', placeholder: 'Type a name, phone, order number or a command…', results: 'Results',
    none: 'Nothing matches.', customers: 'Customers', orders: 'Orders', commands: 'Commands', hint: '↑ ↓ to choose, Enter to open, Esc to close',
    goQueue: 'Go to my queue', goSearch: 'Search customers', goOrders: 'Go to orders', goComplaints: 'Go to complaints', goFollowUps: 'Go to follow-up calls', goTemplates: 'Symptom templates',
    newOrderFor: 'New order for {{name}}', showShortcuts: 'Keyboard shortcuts',
  },
  shortcuts: {
    title: 'Keyboard shortcuts', palette: 'Open the command palette', search: 'Focus the search box', queue: 'Go to my queue', orders: 'Go to orders', help: 'Show this help', close: 'Close',
    keys: 'Keys', action: 'Action',
  },
  notes: {
    title: 'Internal notes', intro: 'Staff only: never shown to the customer.', none: 'No notes yet.', add: 'Add note', text: 'Note', by: '{{author}}, {{when}}',
  },
  templates: {
    nav: 'Symptom templates', title: 'Symptom templates', intro: 'Common symptoms per product category: the desk picks one on the new-order form.', category: 'Product category',
    titleZh: 'Title (Chinese)', titleEn: 'Title (English)', symptom: 'Symptom text', faultCode: 'Fault code (symptom)', none: 'No templates for this category yet.',
    add: 'Add template', save: 'Save', edit: 'Edit', archive: 'Archive', restore: 'Restore', archived: 'Archived', pick: 'Symptom template', pickNone: '— Type the symptom —', noUnit: 'Choose the unit to see its category’s templates.',
  },
};
