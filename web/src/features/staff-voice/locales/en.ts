// English for the staff-voice area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  voice: {
    navPulse: 'Pulse surveys', navSuggestions: 'Suggestion box',
    pulseTitle: 'Pulse surveys', pulseIntro: 'A few questions now and then. Answers are anonymous: who answered is kept apart from what they answered.',
    noSurveys: 'No pulse surveys yet.', survey_open: 'Open', survey_closed: 'Closed', youAnswered: 'You have answered.', results: 'Results', close: 'Close the survey',
    answer: 'Answer the survey', anonymousHint: 'Anonymous: results are shown only for groups of {{n}} or more.', enpsQuestion: 'How likely are you to recommend working here to a friend? (0–10)', sendAnswer: 'Send my answer',
    groupBy: 'Group by', by_all: 'Everyone', by_provider: 'Provider', by_role: 'Role', group: 'Group', responses: 'Answers', pulseScore: 'Pulse score (1–5)', everyone: 'Everyone', headquarters: 'Headquarters',
    hidden: 'Fewer than {{n}} answers (or it would give a small group away): not shown', minimumNote: 'Groups below {{n}} answers are not shown.',
    newSurvey: 'Start a pulse survey', titleZh: 'Title (Chinese)', titleEn: 'Title (English)', month: 'Month', questions: 'Questions (1–5)', questionsHint: 'One a line: code|Chinese|English', minGroupSize: 'Minimum group size', start: 'Start',
    suggestionsTitle: 'Suggestion box', suggest: 'Make a suggestion', suggestionText: 'Your suggestion', category: 'About', postAnonymously: 'Post anonymously', anonymousSuggestionHint: 'Anonymous: your name is not kept, nor the time — only the day.', send: 'Send',
    status: 'Status', any: 'Any', noSuggestions: 'No suggestions yet.', anonymous: 'Anonymous', implemented: 'Implemented', answerWas: 'Answer: {{text}}', answerSuggestion: 'Answer', answerText: 'Answer',
  },
  suggestionStatus: { new: 'New', under_review: 'Under review', accepted: 'Accepted', rejected: 'Not adopted', implemented: 'Implemented' },
  suggestionCategory: { service: 'Service', process: 'Process', tools: 'Tools', training: 'Training', workplace: 'Workplace', other: 'Other' },
};
