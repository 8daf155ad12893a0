// The follow-ups module's API: the queue, a task, call attempts, surveys by link, response rates.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type { attemptRequest, customerSurveyView, portalSurveyView, ratesView, surveyAnswerRequest, surveySentView, taskDetailView, taskView } from '../../../../src/modules/follow-ups/follow-ups.contract';
import type { Page } from '../../shared/types';

export type Task = z.infer<typeof taskView>;
export type TaskDetail = z.infer<typeof taskDetailView>;
export type Attempt = z.input<typeof attemptRequest>;
export type AttemptResult = Attempt['result'];
export type Rates = z.infer<typeof ratesView>;
export type CustomerSurvey = z.infer<typeof customerSurveyView>;
export type SurveyAnswer = z.input<typeof surveyAnswerRequest>;
export type Satisfaction = SurveyAnswer['satisfaction'];

export const levels: Satisfaction[] = ['satisfied', 'neutral', 'dissatisfied'];
export const aspects = ['timeliness', 'attitude', 'skill', 'tidiness', 'priceTransparency'] as const;
export const leadKinds = ['new_product', 'extended_warranty', 'maintenance_contract'] as const;

export const followUpQueue = (offset = 0) => get<Page<Task>>(`/follow-ups${query({ limit: 50, offset })}`);
export const followUpTask = (id: string) => get<TaskDetail>(`/follow-ups/${id}`);
export const recordAttempt = (id: string, body: Attempt) => post<TaskDetail>(`/follow-ups/${id}/attempts`, body);
export const sendSurvey = (id: string, channel: 'sms' | 'portal') => post<z.infer<typeof surveySentView>>(`/follow-ups/${id}/survey`, { channel });
export const responseRates = (from: string, to: string) => get<Rates>(`/follow-ups/response-rates${query({ from, to })}`);
export const surveyByLink = (token: string) => get<CustomerSurvey>(`/survey-links/${encodeURIComponent(token)}`);
export const answerSurvey = (token: string, body: SurveyAnswer) => post<CustomerSurvey>(`/survey-links/${encodeURIComponent(token)}`, body);
/** The customer's open survey of their order (portal): the token opens the one-time survey page. */
export const portalSurvey = (orderId: string) => get<z.infer<typeof portalSurveyView>>(`/follow-ups/portal-survey/${orderId}`);
