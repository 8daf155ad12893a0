// The training area's pages. Other features call its client, ./api, directly.
export { TrainingPage } from './Training';
export { ExamPage } from './Exam';
