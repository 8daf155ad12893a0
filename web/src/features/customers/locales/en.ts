// English for the customers area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  tier: { ordinary: 'Ordinary', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' },
  search: {
    title: 'Service desk', label: 'Phone, name, serial or order number', placeholder: 'Phone, name, serial or order number', submit: 'Search',
    hint: 'Type the caller’s phone (or its last digits), a name, a serial or an order number and press Enter.',
    none: 'Nothing found for “{{q}}”.', customers: 'Customers ({{count}})', exportCsv: 'Export these customers (CSV)', exportXlsx: 'Export (XLSX)', orders: 'Work orders ({{count}})',
  },
  customer: {
    kind: { person: 'Person', company: 'Company' }, newOrder: 'New work order', contact: 'Contact', phones: 'Phones', primary: 'primary', addresses: 'Addresses',
    language: 'Language', since: 'Customer since', units: 'Units ({{count}})', noUnits: 'No units registered.', orders: 'Order history ({{count}})', noOrders: 'No orders yet.',
  },
};
