// English for the returns area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  returns: {
    title: 'Return cases', intro: 'Returns and exchanges: each starts from the 三包 answer, is appraised, decided, approved and carried out.', none: 'No return cases.',
    status: 'Status', anyStatus: 'Any status', opened: 'Opened', lines: 'Units', refund: 'Refund', open: 'Open',
    openTitle: 'Open a return case', orderId: 'Return order', unitId: 'Unit', faultCode: 'Fault code', requested: 'Customer asks for', noReason: '7-day no-reason return (online purchase)',
    overrideReason: "Manager's override: reason", openButton: 'Open the case',
    caseTitle: 'Return case', sanbao: '三包 answer', refundable: 'Refundable', unitPrice: 'Price paid', decision: 'Decision', priceDifference: 'Price difference',
    wayBack: "Old unit's way back", replacement: 'Replacement unit', history: 'History', allowed: 'Next steps',
    startAppraisal: 'Start the appraisal', appraisalTitle: 'Appraisal (鉴定)', by: 'Appraised by', findings: 'Findings', photoIds: 'Photo ids (from the order, comma-separated)', responsibility: 'Responsibility',
    bearer: 'Cost borne by', signatures: 'Signatures {{n}} of {{needed}}', sign: 'Sign as a panel member', appraise: 'Record the appraisal',
    decide: 'Record the decision', approve: 'Approve', execute: 'Carry out', serials: 'Replacement serial', onDate: 'Exchange date',
    bookPickup: 'Book the pickup', pickupFrom: 'Pickup from', pickupTo: 'Pickup to', receive: 'Received at the warehouse', warehouse: 'Warehouse', fate: 'Fate', setFate: 'Record the fate',
    close: 'Close the case', reject: 'Reject', rejectReason: 'Reason for rejecting', needsManager: 'Refunds above the policy amount: a manager approves.',
    statsTitle: 'Return statistics', from: 'From', to: 'To', show: 'Show', byResponsibility: 'By responsibility', byDecision: 'By decision', byProvider: 'By provider', byStatus: 'By status',
    key: 'Group', count: 'Units', cases: 'Cases', refunded: 'Refunds paid', unknown: '—',
  },
  returnStatus: { opened: 'Opened', appraising: 'Being appraised', appraised: 'Appraised', decided: 'Decided', approved: 'Approved', executed: 'Carried out', closed: 'Closed', rejected: 'Rejected' },
  returnDecision: { exchange: 'Exchange', refund: 'Refund', repair: 'Repair' },
  responsibility: { product_quality: 'Product quality', installation: 'Installation', transport: 'Transport', customer_misuse: 'Customer misuse', no_fault_found: 'No fault found' },
  bearer: { maker: 'Maker', installer: "Installer's provider", carrier: 'Carrier', customer: 'Customer' },
  appraiser: { technician: 'Technician', centre: 'Service centre' },
  wayBackState: { with_customer: 'With the customer', pickup_booked: 'Pickup booked', picked_up: 'Picked up', received: 'At the warehouse', back_to_factory: 'Back to the factory', repair: 'To repair', stock: 'Back to stock', scrap: 'Scrapped' },
};
