export { createTrainingService, type TrainingService } from './training.service.js';
export { trainingRoutes } from './training.routes.js';
export { certificationRefusal, type Refusal } from './training.rules.js';
export { trainingJobs, CERTIFICATION_WARNINGS_JOB } from './training.jobs.js';
