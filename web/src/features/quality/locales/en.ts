// English for the quality area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  quality: {
    nav: 'Quality',
    title: 'Product quality', intro: 'Faults of completed repairs over twelve months: which causes matter most, how each model’s monthly rate moves against its own control limit, and the orders behind every figure.',
    month: 'Up to month', period: '{{from}} to {{to}}', export: 'Export the faults as CSV (for R&D)',
    alerts: 'Trend alerts', noAlerts: 'No alerts.', alertLine: '{{model}} · {{month}}: {{rate}} ‰ faults ({{faults}}), above its limit {{limit}} ‰ (baseline {{baseline}} ‰)',
    alertOrders: 'Orders of the alert month {{month}}', orders: 'Orders', acknowledge: 'Acknowledge', acknowledged: 'Acknowledged by {{by}}, {{at}}',
    pareto: 'Pareto of fault causes', paretoTable: 'Causes, largest first', cause: 'Cause', faults: 'Faults', share: 'Share', cumulative: 'Cumulative', noCode: '(no code)',
    causeOrders: 'Orders with cause {{cause}}', trend: 'Monthly faults per 1,000 units in the field', model: 'Model', faultsOfUnits: '{{faults}} faults, {{units}} units',
    trendHint: 'An alert is raised when a month’s rate is above the model’s previous twelve months’ rate plus three standard deviations (the larger of those months’ own spread and chance), with at least five faults.',
    rates: 'Early failure, first-time fix, repeat repair', early: 'Early failure', earlyValue: '{{n}} of {{of}} units put in service ({{per1000}} per 1,000) failed within {{days}} days',
    ftf: 'First-time fix', ftfValue: '{{n}} of {{of}} fixes ({{rate}}) stayed fixed for {{days}} days',
    repeat: 'Repeat repair', repeatValue: '{{n}} of {{of}} repairs ({{rate}}) came within {{days}} days of a fix',
    origins: 'Installation- or product-caused', category: 'Category', product: 'Product', installation: 'Installation', other: 'Other', unknown: 'Not classified', installationShare: 'Installation share',
    originsHint: 'From the cause codes (as classified under quality settings) and the returns appraisals’ responsibility.',
    partAlertLine: 'Part {{part}} · {{month}}: {{rate}} ‰ faults ({{faults}} repairs replaced it), above its limit {{limit}} ‰ (baseline {{baseline}} ‰)',
    partAlertOrders: 'Repairs that replaced the part in {{month}}',
    byPart: 'Faults by part', partModel: 'Model', allModels: 'All models', part: 'Part', unitsUsing: 'Units in the field using it', per1000: 'Per 1,000 units', noPart: '(no part replaced)',
    partOrders: 'Repairs that replaced {{part}}',
    byPartHint: 'A repair counts once for every part it replaced. The rate is per 1,000 units in the field (by the end of the period) of the models whose bill of materials holds the part. Parts are alerted by the same rule as models.',
    close: 'Close', ordersTotal: '{{n}} orders', order: 'Order', opened: 'Opened', region: 'Region', photos: 'Photos', photo: 'Photo of the order',
  },
};
