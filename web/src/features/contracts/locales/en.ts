// English for the service-contracts area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  contracts: {
    title: 'Service contracts', none: 'No contracts on this unit.', sell: 'Sell a contract', kind: 'Product', term: 'Term (months)', price: 'Price (¥)', startsOn: 'Cover starts',
    coversLabour: 'Covers labour', coversParts: 'Covers parts', visits: 'Visits included', every: 'A visit every (months)', submit: 'Sell', sold: 'Sold.',
    kindName: { extended_warranty: 'Extended warranty', maintenance: 'Maintenance contract' },
    status: { active: 'Active', cancelled: 'Cancelled' },
    period: '{{from}} – {{to}}', covers: 'covers {{what}}', labour: 'labour', parts: 'parts', visitList: 'Visits', visit: { planned: 'planned', ordered: 'ordered', cancelled: 'cancelled' },
    cancel: 'Cancel contract', cancelTitle: 'Cancel the contract', reason: 'Reason', fee: 'Cancellation fee (¥)', confirmCancel: 'Cancel it', refund: 'Owed back: {{amount}}',
    myTitle: 'My service contracts', myNone: 'You have no service contracts. Ask us about an extended warranty or a maintenance plan.', myTerm: 'Term', myCover: 'Cover', myVisitsLeft: 'Visits left',
    visitsLeft: '{{left}} of {{total}}', nextVisit: 'next about {{date}}', myRenewal: 'Renewal', renewLater: 'Runs until {{date}}; we remind you 30 days before it ends.', renewNow: 'Ends in {{days}} days: call us or ask for service to renew.', ended: 'Ended.', myPrice: 'Price paid', payLater: 'to pay at the next visit or when we call', renewOffer: 'Renew for {{price}}: the same cover from {{from}} to {{to}}.', renewTerms: 'I agree to the renewal terms and price', renewButton: 'Renew (pay later)', renewed: 'Renewed: {{from}} – {{to}}. {{price}} to pay at the next visit or when we call.', myPriceDue: 'Price',
    renewalOf: 'renewal of an earlier contract', renewedTo: 'renewed until {{date}}', unpaid: 'not paid yet: the customer pays at the next visit or on our call',
  },
};
