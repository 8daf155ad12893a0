// The returns module's API: return/exchange cases, their steps, the policy and the statistics.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type { caseDetailView, caseView, openCaseRequest, statisticsView } from '../../../../src/modules/returns/returns.contract';
import type { Page } from '../../shared/types';

export type ReturnCase = z.infer<typeof caseView>;
export type ReturnCaseDetail = z.infer<typeof caseDetailView>;
export type OpenCase = z.input<typeof openCaseRequest>;
export type ReturnStatistics = z.infer<typeof statisticsView>;
export type CaseStep = 'start-appraisal' | 'appraisals' | 'signatures' | 'decision' | 'approval' | 'execution' | 'way-back' | 'close' | 'reject';

export const listCases = (status?: string) => get<Page<ReturnCase>>(`/return-cases${query({ status, limit: 100 })}`);
export const getCase = (id: string) => get<ReturnCaseDetail>(`/return-cases/${id}`);
export const openCase = (body: OpenCase) => post<ReturnCaseDetail>('/return-cases', body);
export const caseStep = (id: string, step: CaseStep, body: Record<string, unknown>) => post<ReturnCaseDetail>(`/return-cases/${id}/${step}`, body);
export const returnStatistics = (from: string, to: string) => get<ReturnStatistics>(`/return-statistics${query({ from, to })}`);
