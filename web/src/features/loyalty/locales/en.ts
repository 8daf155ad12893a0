// English for the loyalty area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  loyalty: {
    title: 'Loyalty', tier: 'Tier', invited: 'invited', line: 'Dedicated line', commonLine: 'the common service line', discount: 'Fee discount', freeVisits: 'Free visits a year',
    value: 'Customer value', valueScore: 'R {{r}} · F {{f}} · M {{m}} = {{score}} / 15', top: 'Top 10 %', notScored: 'Not scored yet (the nightly run scores everyone).',
    history: 'Tier history', noHistory: 'No tier change yet.', change: '{{from}} → {{to}}', referral: 'Referral link', makeCode: 'Make a referral code', noCode: 'No referral code yet.',
    valueFacts: '{{purchases}} purchases · last {{days}} days ago · scored {{on}}', by: 'by {{by}}',
    invite: 'Invite to a tier', inviteTier: 'Tier (invitation only)', inviteReason: 'Reason', inviteSubmit: 'Invite', noInvitationTier: 'No tier is invitation-only.',
    nav: 'Loyalty', pageTitle: 'Loyalty: tiers and referrals',
    policy: 'A customer earns the highest tier whose every threshold they meet (spend, units owned, months a customer, friends referred and rewarded); the nightly run moves them up at once, and down one tier a night only after 90 days of grace. Invitation-only tiers are given by hand on the customer page and kept until withdrawn. Every change is kept with its reason.',
    rules: 'Tier rules and entitlements', earned: 'How it is earned', entitlements: 'What it gives', updated: 'Changed', edit: 'Edit', noRule: 'No rule: never earned',
    invitationOnly: 'Invitation only', thresholds: 'spend ≥ {{spend}} · units ≥ {{units}} · {{months}} months · {{referrals}} referrals',
    gives: '{{discount}} % off fees · {{visits}} free visits a year · {{line}} · planner weight {{bonus}}', byRank: 'by rank',
    editTier: 'Edit {{tier}}', saved: '{{tier}} saved.', minSpend: 'Spend at least (¥)', minUnits: 'Units owned at least', minTenure: 'Months a customer at least', minReferrals: 'Referrals rewarded at least',
    discountPercent: 'Fee discount (%)', plannerBonus: 'Planner weight', plannerBonusHint: 'Empty: by the tier’s rank.', lineHint: 'Empty: the common service line.', save: 'Save rule',
    referrals: 'Referrals', noReferrals: 'No referrals yet.', code: 'Code', referrer: 'Referred by', friend: 'Friend', status: 'Status', reward: 'Reward', reason: 'Why',
    referralStatus: { attributed: 'Waiting for a purchase', rewarded: 'Rewarded', not_rewarded: 'Not rewarded', reversed: 'Reversed' }, purchase: 'purchase {{amount}}',
    myTitle: 'Membership and referrals', myTier: 'Your tier: {{tier}}', myLine: 'your line {{line}}', myDiscount: '{{discount}} % off service fees',
    shareIntro: 'Share your link with friends: when a friend you referred buys, you get a reward.', myCode: 'Your referral code', myLink: 'Your referral link', copy: 'Copy link', copied: 'Copied.', makeMyCode: 'Get my referral link',
  },
  leads: {
    nav: 'Sales leads', title: 'Sales leads', intro: 'Leads from service: interest noted at a follow-up, old units out of warranty, trade-ins. Move each one on as the sales side works it.',
    list: 'Leads', filter: 'Status', all: 'All', none: 'No leads.', history: 'Changes', move: 'Change status', newStatus: 'New status', note: 'Note',
    status: { new: 'New', contacted: 'Contacted', won: 'Won', lost: 'Lost' },
    source: { follow_up_interest: 'Interest at follow-up', out_of_warranty: 'Out of warranty', trade_in: 'Trade-in' },
  },
};
