// English for the dashboard area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  dashboard: {
    title: 'Dashboard', all: 'Orders in all', open: 'Open in the field', awaiting: 'Awaiting dispatch', byState: 'Orders by state', byProvider: 'Open orders per provider', promises: 'Promises beaten, kept and broken, last six months',
    orders: 'Orders', openOrders: 'Open orders', asTable: 'As a table',
    filters: 'Filters', from: 'Opened from', to: 'Opened until', provider: 'Provider', allProviders: 'All providers', clear: 'Clear filters',
    promisesInRange: 'Promises beaten, kept and broken in the dates chosen', showOrders: 'Show the orders: {{what}}', ordersOf: 'Orders: {{what}}',
    closeDrill: 'Close the list', noOrders: 'No order is behind this figure.', drillTotal: '{{n}} orders', number: 'Order', state: 'State', opened: 'Opened', met: 'Milestone met',
  },
};
