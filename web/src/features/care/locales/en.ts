// English for the care area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  care: {
    nav: 'Care campaigns', title: 'Care campaigns', intro: 'Reach owners at the right moments — warranty ends, birthdays, seasons, recalls — with consent, quiet hours and caps; each occurrence once.',
    list: 'Campaigns', none: 'No campaigns yet.', name: 'Name', trigger: 'Trigger', purpose: 'Purpose', status: 'Status', created: 'Created',
    builder: 'Build a campaign', days: 'Days', part: 'Warranty', partUnit: 'Whole unit', partMain: 'Main parts', month: 'Month', dayOfMonth: 'Day of month', holiday: 'Holiday',
    models: 'Model codes', batch: 'Batch (serial prefix)', silentMonths: 'Silent for months', audience: 'Audience', tiers: 'Tiers', provinces: 'Provinces', categories: 'Categories', listHint: 'Separated by commas; empty: all',
    templateZh: 'Message (Chinese)', templateEn: 'Message (English)', variables: 'Variables: {name} {model} {warrantyEnd} {days} {holiday} {link}', preview: 'Preview', channels: 'Channels (in order)', linkUrl: 'Offer link', create: 'Create (as a draft)',
    activate: 'Activate', pause: 'Pause', dryRun: 'Dry run', runDay: 'Day', send: 'Send now', sentResult: 'Selected {{selected}}, sent {{enqueued}}, skipped {{skipped}}, already sent {{duplicates}}.',
    count: '{{count}} would receive it', sample: 'Sample', customer: 'Customer', model: 'Model', warrantyEnd: 'Warranty ends', message: 'Message',
    report: 'Report', selected: 'Selected', enqueued: 'Sent', skipped: 'Skipped (consent, cap, no channel)', delivered: 'Delivered', failed: 'Failed', clicked: 'Clicked', converted: 'Converted',
    consentTitle: 'Consent to be contacted', channel: 'Channel', implicit: 'No record: service follows the general consent; no marketing', evidence: 'Evidence', evidenceHint: 'A signed form number, a call recording, the page and time', saveConsent: 'Record the change', consentHistory: 'History', granted: 'granted', refused: 'refused',
    myMessages: 'My messages', noMessages: 'No messages.', markRead: 'Mark read', myConsents: 'What you hear from us',
  },
  careTrigger: { after_install: 'Days after installation', warranty_end: 'Warranty ending', seasonal: 'Seasonal maintenance', birthday: 'Birthday', holiday: 'Holiday', anniversary: 'Purchase anniversary', recall: 'Improvement or recall', win_back: 'Win-back', monthly: 'Monthly thinking of you' },
  carePurpose: { service: 'Service', marketing: 'Marketing', survey: 'Survey' },
  careStatus: { draft: 'Draft', active: 'Active', paused: 'Paused', archived: 'Archived' },
  careChannel: { sms: 'SMS', email: 'E-mail', wechat: 'WeChat', inbox: 'Portal inbox' },
  careHoliday: { new_year: "New Year's Day", spring_festival: 'Spring Festival', lantern: 'Lantern Festival', dragon_boat: 'Dragon Boat Festival', mid_autumn: 'Mid-Autumn Festival', double_ninth: 'Double Ninth Festival', national_day: 'National Day' },
  careSource: { console: 'Service desk', portal: 'Portal', sms_reply: 'SMS reply', unsubscribe_link: 'Unsubscribe link', import: 'Import', registration: 'Registration' },
};
