// The follow-ups area's face: the agents' queue with the script and attempt buttons and the response
// rates; the customer's survey page behind the SMS link, and the portal's card that opens it.
export { FollowUpQueuePage } from './FollowUpQueue';
export { SurveyPage } from './SurveyPage';
export { MySurvey } from './MySurvey';
