// English for the units area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  serial: { main: 'Serial', indoor: 'Indoor', outdoor: 'Outdoor' },
  unit: {
    bought: 'bought {{date}}', model: 'Model', serial: 'Serial number', purchaseDate: 'Purchase date', channel: 'Bought at', store: 'A shop', online: 'Online',
    price: 'Price paid (¥)', invoice: 'Invoice number',
  },
  warranty: { in: 'In warranty', out: 'Out of warranty', wholeUntil: 'whole unit until {{date}}', mainUntil: 'main parts until {{date}}' },
  sanbao: {
    ask: '三包: which remedy applies?', faultCode: 'Reported fault (code or words)', faultHint: 'e.g. the symptom code from the fault tree', kind: 'Kind of fault',
    performance: 'Performance fault', other: 'Other fault', misuse: 'Misuse', unauthorisedDismantling: 'Dismantled without authorisation',
    customerRequestsNoReasonReturn: 'Customer asks for the 7-day no-reason return', forceMajeure: 'Force majeure', submit: 'Ask',
    option: { refund: 'Refund', replace: 'Replace', repair: 'Repair' }, free: 'free of charge', paid: 'paid repair', refund: 'refund {{amount}}', rule: 'rule: {{rule}}',
  },
};
