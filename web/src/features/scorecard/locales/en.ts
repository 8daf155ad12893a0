// English for the scorecard area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  scorecard: {
    nav: 'Scorecard', navMeasures: 'Scorecard measures',
    title: 'Balanced scorecard', intro: 'Financial, customer, internal process, learning and growth: each figure against its target and thresholds, its trend over twelve months, and the orders or people behind it.',
    ownTitle: 'My figures', providerTitle: 'Our provider against the network',
    month: 'Month', level: 'Level', key: 'Region, provider or technician', show: 'Show',
    levels: { company: 'Company', region: 'Region', provider: 'Provider', technician: 'Technician' },
    measure: 'Measure', value: 'Value', light: 'Light', target: 'Target', trend: 'Trend', median: 'Network median', owner: 'Owner', definition: 'Definition',
    lights: { green: 'Green', amber: 'Amber', red: 'Red', none: 'No light' },
    noData: 'no data', notYet: 'nothing of this kind recorded yet',
    better: 'better than last month', worse: 'worse than last month',
    drill: 'Behind the figure', drillTitle: '{{measure}}, {{month}}: {{n}} rows', close: 'Close',
    subject: 'Order or person', provider: 'Provider', technician: 'Technician', region: 'Region', weight: 'Weight',
    trendTitle: '{{measure}} by month', breakdown: 'By provider', breakdownTitle: '{{measure}} by {{level}}',
    export: 'Export', csv: 'CSV', xlsx: 'Excel', print: 'Printable page',
    measuresTitle: 'Scorecard measures', measuresIntro: 'Each measure is data: its definition, the named source it is computed by, its direction, target and red/amber/green thresholds, and its owner.',
    source: 'Source', direction: 'Better when', higher: 'higher', lower: 'lower', green: 'Green at', red: 'Red past', active: 'Shown', save: 'Save', saved: 'Saved',
  },
};
