// English for the service-contracts area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  contracts: {
    title: 'Service contracts', none: 'No contracts on this unit.', sell: 'Sell a contract', kind: 'Product', term: 'Term (months)', price: 'Price (¥)', startsOn: 'Cover starts',
    coversLabour: 'Covers labour', coversParts: 'Covers parts', visits: 'Visits included', every: 'A visit every (months)', submit: 'Sell', sold: 'Sold.',
    kindName: { extended_warranty: 'Extended warranty', maintenance: 'Maintenance contract' },
    status: { active: 'Active', cancelled: 'Cancelled' },
    period: '{{from}} – {{to}}', covers: 'covers {{what}}', labour: 'labour', parts: 'parts', visitList: 'Visits', visit: { planned: 'planned', ordered: 'ordered', cancelled: 'cancelled' },
    cancel: 'Cancel contract', cancelTitle: 'Cancel the contract', reason: 'Reason', fee: 'Cancellation fee (¥)', confirmCancel: 'Cancel it', refund: 'Owed back: {{amount}}',
  },
};
