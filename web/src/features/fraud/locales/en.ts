// English for the fraud signals area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  fraud: {
    navQueue: 'Fraud review', navRules: 'Fraud rules', navRates: 'Fraud signal rates',
    queueTitle: 'Fraud review', queueIntro: 'Orders whose signals reached the hold score are held out of settlement until released or confirmed as fraud.', status: 'Status', none: 'No orders.',
    order: 'Order', provider: 'Provider', score: 'Score', signals: 'Signals', scoredAt: 'Scored',
    reviewTitle: 'Review the order', decision: 'Decision', rescore: 'Score again', history: 'History', close: 'Close',
    action: 'Decision', confirm: 'Confirm as fraud (the provider is told)', release: 'Release', reason: 'Reason', decide: 'Record the decision',
    rulesTitle: 'Fraud rules', rulesIntro: 'Each rule that fires adds its weight to the order\'s score; at the hold score the order waits for review.', holdScore: 'Hold score', holdScoreHint: 'Orders scoring this much or more are held for review.', save: 'Save', enabled: 'On', weight: 'Weight',
    ratesTitle: 'Fraud signal rates', ratesIntro: 'Per rule, the share of each provider\'s scored orders it flagged, beside the median of the providers.', from: 'From', to: 'To', noRates: 'Nothing scored in this period.',
    scoredCount: '{{count}} orders scored', rule: 'Rule', flagged: 'Flagged', share: 'Share', peerMedian: 'Peer median', chart: 'Share and median', aboveMedian: 'Above peers',
  },
  fraudStatus: { clear: 'Clear', held: 'Held for review', released: 'Released', confirmed: 'Confirmed fraud' },
  fraudAction: { score: 'Scored', rescore: 'Scored again', release: 'Released', confirm: 'Confirmed as fraud' },
  fraudRule: {
    no_check_in: 'Completed without check-in', check_in_far: 'Check-in far from the address', check_in_outside_window: 'Check-in outside the booked window',
    short_job: 'Job far shorter than standard', photo_reused: 'Photo reused from another order', serial_mismatch: 'Serial does not match the unit',
    serial_on_two_customers: "Same serial on two customers' units", many_orders: 'Many orders for one phone, address or unit', override_share: 'Acceptance-code overrides above peers',
    follow_up_contradicts: 'Follow-up: nobody came or not fixed', repeat_visit: 'Repeat visit without a new fault', part_not_returned: 'Old part not returned',
  },
};
