// The staff-voice area's face: pulse surveys (answer and results) and the suggestion box.
export { PulsePage } from './Pulse';
export { SuggestionsPage } from './Suggestions';
