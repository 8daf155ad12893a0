// English for the follow-ups area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  followUps: {
    nav: 'Follow-ups', title: 'Follow-up calls', intro: 'Open follow-ups, soonest due first. Call between 09:00 and 21:00 in the customer’s zone; a customer not reached at three times of day gets an SMS survey.',
    none: 'No follow-ups to call.', order: 'Order', kind: 'Kind', due: 'Due', overdue: 'Overdue', attempts: 'Attempts', open: 'Call',
    taskTitle: 'Follow-up of {{number}}', script: 'Script v{{version}}', noScript: 'No script for this kind of order.', yes: 'Yes', no: 'No', notAsked: '—',
    callNow: 'Now it is {{part}} for the customer.', attemptsSoFar: 'Attempts so far', noAttempts: 'No attempts yet.',
    noAnswer: 'No answer', busy: 'Busy', wrongNumber: 'Wrong number', refused: 'Refused', reached: 'Reached: record the answers',
    outcome: 'What the customer says', fixed: 'Fixed', notFixed: 'Not fixed', nobodyCame: 'Nobody came',
    satisfaction: 'Satisfaction', attitude: 'Attitude (1–5)', skill: 'Skill (1–5)', notFixedAction: 'Then', redo: 'Send back for a redo', complaint: 'Record a complaint',
    lead: 'Interested in', noLead: 'Nothing', leadNote: 'Lead note', correctionCode: 'Correct fault code (optional)', correctionNote: 'What was wrongly recorded (optional)', note: 'Note',
    save: 'Record the call', sendSurvey: 'Send an SMS survey', surveySent: 'Survey sent.', closed: 'Closed: {{outcome}}', close: 'Close', history: 'History',
    ratesTitle: 'Response rates', from: 'From', to: 'To', channel: 'Channel', asked: 'Asked', answered: 'Answered', rate: 'Rate',
  },
  followUpResult: { reached: 'Reached', no_answer: 'No answer', busy: 'Busy', wrong_number: 'Wrong number', refused: 'Refused' },
  followUpDayPart: { morning: 'morning', afternoon: 'afternoon', evening: 'evening', quiet: 'quiet hours' },
  followUpChannel: { phone: 'Phone', sms: 'SMS survey', portal: 'Portal survey' },
  followUpLead: { new_product: 'A new product', extended_warranty: 'Extended warranty', maintenance_contract: 'Maintenance contract' },
  surveyLevel: { satisfied: 'Satisfied', neutral: 'Neutral', dissatisfied: 'Dissatisfied' },
  survey: {
    portalIntro: 'A short survey of this order is waiting for you (until {{until}}).', answerNow: 'Rate the service',
    title: 'How was our service?', intro: 'Order {{number}}. It takes a minute; your answers go to the service team.', overall: 'Overall',
    aspects: 'Rate each (1 poor – 5 excellent)', timeliness: 'Timeliness', attitude: 'Attitude', skill: 'Skill', tidiness: 'Tidiness', priceTransparency: 'Clear prices',
    nps: 'How likely are you to recommend us to a friend? (0–10)', npsReason: 'Why?', comment: 'Anything else', send: 'Send',
    thanks: 'Thank you! Your answers were received.', answered: 'This survey has been answered already. Thank you!', noToken: 'This link is not complete: open the link from the SMS again.',
  },
};
