// English for the fee disputes area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  disputes: {
    navQueue: 'Fee disputes', navStatistics: 'Dispute statistics',
    cardTitle: 'Disputes of these charges', none: 'No disputes.', dispute: 'Dispute', disputeOf: 'Dispute {{item}}', open: 'Under review',
    raiseTitle: 'Dispute a charge', line: 'Charge', reason: 'Reason', text: 'What is wrong', photoIds: 'Photo ids from the order (comma-separated, optional)', send: 'Send the dispute',
    left: '{{amount}} may be disputed', answerBy: 'Answer by {{when}}', refund: 'Refund {{amount}}', answer: 'Answer', withdraw: 'Withdraw',
    queueTitle: 'Fee disputes', queueIntro: 'Overdue disputes first, then the open ones by due time, then the decided.', status: 'Status', anyStatus: 'Any status',
    order: 'Order', disputed: 'Disputed', due: 'Due', overdue: 'Overdue', raisedBy: 'Raised by', raisedByCustomer: 'Customer', raisedByProvider: 'Provider',
    reviewTitle: 'Review the dispute', outcome: 'Outcome', amount: 'Amount credited (yuan)', amountHint: 'Only for a partly upheld dispute: more than 0, less than the disputed amount.', outcomeReason: 'Reason (the customer reads it)', decide: 'Record the outcome',
    credit: 'Credit', history: 'History', evidence: 'Evidence', close: 'Close',
    statsTitle: 'Dispute statistics', from: 'From', to: 'To', byProvider: 'By provider', byReason: 'By reason', count: 'Disputes', decided: 'Decided', upheld: 'Upheld', upheldShare: 'Upheld share', disputedAmount: 'Disputed', credited: 'Credited', unknown: '—',
    customerEvidence: "The customer's photos", refunds: 'Refunds', refundedBy: '{{amount}} given back by {{method}}', refundTitle: 'Give the money back', refundOwed: '{{amount}} credited and not yet given back',
    refundAmount: 'Amount (yuan)', refundMethod: 'Paid back by', refundReference: 'Transaction or slip number', refundReferenceHint: 'Required unless paid in cash.', paidBackBy: 'Who gives it back',
    paidBack: { provider: 'The service provider', technician: 'The technician', maker: 'The maker' }, refundRecord: 'Record the refund', refundedSoFar: 'Refunded {{amount}}',
    addPhoto: 'Add a photo', yourPhoto: 'Your photo',
  },
  disputeReason: {
    duplicate_charge: 'Duplicate charge', excessive_labour: 'Excessive labour', excessive_part_cost: 'Excessive part cost', work_not_done: 'Work not done',
    no_defect_found: 'No defect found', warranty_wrongly_expired: 'Warranty wrongly taken as expired', distance_wrong: 'Distance wrong', other: 'Other',
  },
  disputeStatus: { open: 'Under review', upheld: 'Upheld', partly_upheld: 'Partly upheld', rejected: 'Rejected', withdrawn: 'Withdrawn' },
  disputeOutcome: { upheld: 'Upheld: credit the whole disputed amount', partly_upheld: 'Partly upheld: credit an amount', rejected: 'Rejected' },
};
