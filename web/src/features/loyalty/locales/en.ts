// English for the loyalty area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  loyalty: {
    title: 'Loyalty', tier: 'Tier', invited: 'invited', line: 'Dedicated line', commonLine: 'the common service line', discount: 'Fee discount', freeVisits: 'Free visits a year',
    value: 'Customer value', valueScore: 'R {{r}} · F {{f}} · M {{m}} = {{score}} / 15', top: 'Top 10 %', notScored: 'Not scored yet (the nightly run scores everyone).',
    history: 'Tier history', noHistory: 'No tier change yet.', change: '{{from}} → {{to}}', referral: 'Referral link', makeCode: 'Make a referral code', noCode: 'No referral code yet.',
  },
};
