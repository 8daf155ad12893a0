// The fraud module's API: the review queue, one order's score, the decisions, the rules, the rates.
import type { z } from 'zod';
import { get, post, put, query } from '../../shared/api';
import type { decisionRequest, ratesView, ruleUpdate, rulesView, scoreDetailView, scoreView } from '../../../../src/modules/fraud/fraud.contract';
import type { Page } from '../../shared/types';

export type Score = z.infer<typeof scoreView>;
export type ScoreDetail = z.infer<typeof scoreDetailView>;
export type Rules = z.infer<typeof rulesView>;
export type Rule = Rules['rules'][number];
export type Rates = z.infer<typeof ratesView>;
export type Decision = z.input<typeof decisionRequest>;

export const fraudQueue = (q: { status?: string; offset?: number }) => get<Page<Score>>(`/fraud/queue${query({ ...q, limit: 50 })}`);
export const fraudOf = (orderId: string) => get<ScoreDetail>(`/work-orders/${orderId}/fraud`);
export const rescore = (orderId: string) => post<ScoreDetail>(`/work-orders/${orderId}/fraud/rescore`);
export const decide = (orderId: string, action: 'release' | 'confirm', body: Decision) => post<ScoreDetail>(`/work-orders/${orderId}/fraud/${action}`, body);
export const fraudRules = () => get<Rules>('/fraud/rules');
export const updateRule = (code: string, body: z.input<typeof ruleUpdate>) => put<Rules>(`/fraud/rules/${code}`, body);
export const updateHoldScore = (version: number, holdScore: number) => put<Rules>('/fraud/settings', { version, holdScore });
export const fraudRates = (from: string, to: string) => get<Rates>(`/fraud/rates${query({ from, to })}`);
