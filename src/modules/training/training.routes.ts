import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import {
  attemptListQuery,
  attemptView,
  certificationListQuery,
  certificationView,
  courseListQuery,
  courseView,
  createCourseRequest,
  createExamRequest,
  createQuestionRequest,
  examView,
  grantCertificationRequest,
  paperView,
  questionView,
  revokeCertificationRequest,
  startAttemptRequest,
  submitAttemptRequest,
} from './training.contract.js';
import type { TrainingService } from './training.service.js';

const tags = ['Training and certification 培训与认证'];

export function trainingRoutes(service: TrainingService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/training/courses', tags, summary: 'Add a course for a product category', request: jsonBody(createCourseRequest), responses: { 201: jsonResponse(courseView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createCourse(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/training/courses', tags, summary: 'Courses', request: { query: courseListQuery }, responses: { 200: jsonResponse(z.object({ items: z.array(courseView) }), 'Courses'), ...errorResponses } }),
    async (c) => c.json({ items: await service.listCourses(c.get('caller'), c.req.valid('query')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/training/exams', tags, summary: "Add a course's exam: paper size, time limit, pass mark, retake rules", request: jsonBody(createExamRequest), responses: { 201: jsonResponse(examView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createExam(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/training/exams', tags, summary: 'Exams', request: { query: z.object({ courseId: z.string().uuid().optional() }) }, responses: { 200: jsonResponse(z.object({ items: z.array(examView) }), 'Exams'), ...errorResponses } }),
    async (c) => c.json({ items: await service.listExams(c.get('caller'), c.req.valid('query').courseId) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/training/exams/{id}/questions', tags, summary: "Add a question to the exam's bank", request: { params: idParam, ...jsonBody(createQuestionRequest) }, responses: { 201: jsonResponse(questionView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.addQuestion(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/training/exams/{id}/questions', tags, summary: 'The question bank, with answers', request: { params: idParam }, responses: { 200: jsonResponse(z.object({ items: z.array(questionView) }), 'Questions'), ...errorResponses } }),
    async (c) => c.json({ items: await service.listQuestions(c.get('caller'), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/training/exams/{id}/attempts', tags, summary: 'Start an attempt: a randomised paper, timed', request: { params: idParam, query: startAttemptRequest }, responses: { 201: jsonResponse(paperView, 'The paper'), ...errorResponses } }),
    async (c) => c.json(await service.startAttempt(c.get('caller'), c.req.valid('param').id, c.req.valid('query')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/training/attempts/{id}/submit', tags, summary: 'Hand in the paper: scored once; a pass grants the certification', request: { params: idParam, ...jsonBody(submitAttemptRequest) }, responses: { 200: jsonResponse(z.object({ attempt: attemptView, certification: certificationView.nullable() }), 'The result'), ...errorResponses } }),
    async (c) => c.json(await service.submitAttempt(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/training/attempts', tags, summary: 'Exam results', request: { query: attemptListQuery }, responses: { 200: jsonResponse(pageOf(attemptView), 'Attempts'), ...errorResponses } }),
    async (c) => c.json(await service.listAttempts(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/certifications', tags, summary: 'Certifications, with validity; expiringBefore finds those due for renewal', request: { query: certificationListQuery }, responses: { 200: jsonResponse(pageOf(certificationView), 'Certifications'), ...errorResponses } }),
    async (c) => c.json(await service.listCertifications(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/certifications', tags, summary: 'Grant a certification earned elsewhere, with a reason', request: jsonBody(grantCertificationRequest), responses: { 201: jsonResponse(certificationView, 'Granted'), ...errorResponses } }),
    async (c) => c.json(await service.grantCertification(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/certifications/{id}/revoke', tags, summary: 'Revoke a certification, with a reason', request: { params: idParam, ...jsonBody(revokeCertificationRequest) }, responses: { 200: jsonResponse(certificationView, 'Revoked'), ...errorResponses } }),
    async (c) => c.json(await service.revokeCertification(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}
