// The training module's API (courses, exams, attempts, certifications): each path and its types declared once.
import type { z } from 'zod';
import { get, post, query, type QueryOf } from '../../shared/api';
import type { Page } from '../../shared/types';
import type {
  attemptListQuery,
  attemptView,
  certificationListQuery,
  certificationView,
  courseView,
  createCourseRequest,
  createExamRequest,
  createQuestionRequest,
  examView,
  paperView,
  questionView,
  submitAttemptRequest,
} from '../../../../src/modules/training/training.contract';

export type Course = z.infer<typeof courseView>;
export type Exam = z.infer<typeof examView>;
export type Paper = z.infer<typeof paperView>;
export type Attempt = z.infer<typeof attemptView>;
export type Certification = z.infer<typeof certificationView>;
export type Question = z.infer<typeof questionView>;
export type NewCourse = z.input<typeof createCourseRequest>;
export type NewExam = z.input<typeof createExamRequest>;
export type AttemptResult = { attempt: Attempt; certification: Certification | null };

export const listCourses = () => get<{ items: Course[] }>('/training/courses');
export const addCourse = (body: NewCourse) => post<Course>('/training/courses', body);
export const listExams = () => get<{ items: Exam[] }>('/training/exams');
export const addExam = (body: NewExam) => post<Exam>('/training/exams', body);
export const addQuestion = (examId: string, body: z.input<typeof createQuestionRequest>) => post<Question>(`/training/exams/${examId}/questions`, body);
export const startAttempt = (examId: string) => post<Paper>(`/training/exams/${examId}/attempts`);
export const submitAttempt = (attemptId: string, body: z.input<typeof submitAttemptRequest>) => post<AttemptResult>(`/training/attempts/${attemptId}/submit`, body);
export const listAttempts = (q: QueryOf<typeof attemptListQuery>) => get<Page<Attempt>>(`/training/attempts${query(q)}`);
export const listCertifications = (q: QueryOf<typeof certificationListQuery>) => get<Page<Certification>>(`/certifications${query(q)}`);
