// English for the parts area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  parts: {
    navCatalog: 'Parts', navStock: 'Stock', navRequests: 'Part requests',
    catalogTitle: 'Parts catalogue', catalogIntro: 'Part numbers, prices in yuan, the models that use each part, and whether the old part must come back.',
    number: 'Part number', nameZh: 'Name (Chinese)', nameEn: 'Name (English)', models: 'Used by models', isMain: 'Main part', listPrice: 'List price (yuan)', issuePrice: 'Issue price (yuan)',
    serialised: 'Serialised', returnable: 'Old part returns', returnDays: 'Return within (days)', warrantyMonths: 'Own warranty (months)', add: 'Add the part', none: 'No parts yet.', yes: 'Yes', no: 'No',
    stockTitle: 'Stock', stockIntro: 'Quantities on hand and reserved at each location you keep, and every movement.', location: 'Location', choose: 'Choose…',
    part: 'Part', onHand: 'On hand', reserved: 'Reserved', available: 'Available', serials: 'Serials', noStock: 'Nothing in stock here.',
    movements: 'Movements', movement: 'Movement', quantity: 'Quantity', after: 'After', reason: 'Reason', actor: 'By', at: 'At', noMovements: 'No movements yet.',
    receiveTitle: 'Receive stock', serialsHint: 'One serial per unit for a serialised part, comma-separated', receive: 'Receive',
    countTitle: 'Stock count', openCount: 'Start a count of this location', counted: 'Counted', expected: 'Books', countReason: 'Reason for the differences', submitCount: 'Submit the count',
    approveCount: 'Approve and post the differences', rejectCount: 'Reject', countStatus: 'Count status',
    requestsTitle: 'Part requests', requestsIntro: 'Requested → approved (reserved at the source) → shipped → received. An order waiting for its parts resumes when they arrive.',
    status: 'Status', anyStatus: 'Any status', to: 'To', from: 'From', order: 'Order', noRequests: 'No requests.',
    approve: 'Approve', source: 'Take from', ship: 'Ship', receiveShipment: 'Receive', reject: 'Reject', rejectReason: 'Why not', shipSerials: 'Serials shipped (comma-separated)',
    orderTitle: 'Parts', orderRequested: 'Requested for this order', orderUsed: 'Parts used', requestPart: 'Request a part', request: 'Request',
    usePart: 'Record a part used', serial: 'Serial of the new part', oldSerial: 'Serial of the old part', use: 'Record', noneUsed: 'No parts used yet.',
    underWarranty: 'Under warranty: charged to the maker', customerPays: 'The customer pays', returnBy: 'Old part back by {{when}}',
  },
  requestStatus: { requested: 'Requested', approved: 'Approved', shipped: 'Shipped', received: 'Received', rejected: 'Rejected', cancelled: 'Cancelled' },
  countStatus: { open: 'Counting', submitted: 'Awaiting approval', approved: 'Approved, adjusted', rejected: 'Rejected' },
};
