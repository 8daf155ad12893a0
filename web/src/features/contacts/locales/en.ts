// English for the contacts area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  contacts: {
    title: 'Contact timeline', none: 'No contacts match.', more: 'Show older', search: 'Search the timeline', kinds: 'Kinds', words: 'Words', from: 'From', to: 'To', apply: 'Apply',
    logCall: 'Log a call', addNote: 'Add a note', recordSuggestion: 'Record a suggestion', order: 'About order', noOrder: 'No particular order',
    direction: 'Direction', phone: 'Number used', minutes: 'Duration (minutes)', outcome: 'Outcome', notes: 'Notes', saveCall: 'Save the call', seconds: '{{n}} s',
    noteText: 'Note', internal: 'Internal: the customer never sees it.', saveNote: 'Save the note',
    topic: 'Topic', suggestionText: "The customer's suggestion", saveSuggestion: 'Save the suggestion',
    answer: 'Answer', answerSuggestion: 'Answer the suggestion', outcomeOfSuggestion: 'Decision', customerReads: 'The customer reads this in the portal.', sendAnswer: 'Send the answer',
    mySuggestions: 'My suggestions', noSuggestions: 'You have not sent us a suggestion yet.', sendSuggestion: 'Send a suggestion', yourIdea: 'Your idea', send: 'Send', ourAnswer: 'Our answer',
  },
  contactKind: { call: 'Calls', note: 'Notes', suggestion: 'Suggestions', message: 'Messages', visit: 'Visits', survey: 'Surveys', complaint: 'Complaints', portal: 'Portal' },
  contactDirection: { in: 'Incoming', out: 'Outgoing' },
  contactAction: {
    reached: 'Reached', no_answer: 'No answer', busy: 'Busy', voicemail: 'Voicemail', wrong_number: 'Wrong number', refused: 'Refused',
    note: 'Note', open: 'Awaiting an answer', adopted: 'Adopted', noted: 'Noted', declined: 'Declined',
    queued: 'Queued', sending: 'Sending', sent: 'Sent', delivered: 'Delivered', failed: 'Failed',
    book: 'Visit booked', check_in: 'Checked in', complete: 'Work done', redo: 'Sent back to redo',
    follow_up: 'Followed up', survey_sent: 'Survey sent', survey_answered: 'Survey answered',
    file: 'Filed', escalate: 'Escalated', deescalate: 'De-escalated', resolve: 'Resolved', answer: 'Answered', breach: 'Clock ran out',
    sign_in: 'Signed in', confirm: 'Confirmed the work', cancel: 'Cancelled', intake: 'Asked for service', fee_dispute: 'Disputed a fee',
  },
  suggestionTopic: { product: 'Product', service: 'Service', app: 'App and portal', price: 'Prices', other: 'Other' },
};
