// The settlement module's API: statements and their steps, line disputes and answers, rules, piece rates, technician pay.
import type { z } from 'zod';
import { get, post, put, query } from '../../shared/api';
import type { generateAllView, lineAnswerRequest, lineDisputeRequest, pieceRatesView, ruleCreate, rulesView, ruleView, statementDetailView, statementView, technicianPayView } from '../../../../src/modules/settlement/settlement.contract';
import type { Page } from '../../shared/types';

export type Statement = z.infer<typeof statementView>;
export type GenerateAll = z.infer<typeof generateAllView>;
export type StatementDetail = z.infer<typeof statementDetailView>;
export type StatementLine = StatementDetail['lines'][number];
export type Rule = z.infer<typeof ruleView>;
export type Rules = z.infer<typeof rulesView>;
export type RuleInput = z.input<typeof ruleCreate>;
export type LineDispute = z.input<typeof lineDisputeRequest>;
export type LineAnswer = z.input<typeof lineAnswerRequest>;
export type TechnicianPay = z.infer<typeof technicianPayView>;
export type PieceRates = z.infer<typeof pieceRatesView>;
export type LineReason = LineDispute['reason'];

export const lineReasons: LineReason[] = ['amount_wrong', 'order_not_ours', 'rule_misapplied', 'collected_wrong', 'other'];
export const jobTypes = ['installation', 'repair', 'maintenance', 'inspection', 'return_exchange', 'complaint', 'consultation'];

export const listStatements = (q: { status?: string; period?: string; offset?: number }) => get<Page<Statement>>(`/settlement-statements${query({ ...q, limit: 50 })}`);
export const getStatement = (id: string) => get<StatementDetail>(`/settlement-statements/${id}`);
export const generateStatement = (providerId: string, period: string) => post<StatementDetail>('/settlement-statements/generate', { providerId, period });
export const generateAllStatements = (period: string) => post<GenerateAll>('/settlement-statements/generate-all', { period });
export const stepStatement = (id: string, action: 'send' | 'agree' | 'approve', version: number) => post<StatementDetail>(`/settlement-statements/${id}/${action}`, { version });
export const payStatement = (id: string, version: number, reference: string) => post<StatementDetail>(`/settlement-statements/${id}/pay`, { version, reference });
export const disputeLine = (id: string, lineNo: number, body: LineDispute) => post<StatementDetail>(`/settlement-statements/${id}/lines/${lineNo}/dispute`, body);
export const answerLine = (id: string, lineNo: number, body: LineAnswer) => post<StatementDetail>(`/settlement-statements/${id}/lines/${lineNo}/answer`, body);
export const technicianPay = (id: string) => get<TechnicianPay>(`/settlement-statements/${id}/technician-pay`);
export const pieceRates = (providerId?: string) => get<PieceRates>(`/settlement/piece-rates${query({ providerId })}`);
export const setPieceRates = (rates: { jobType: string; rateFen: number }[], providerId?: string) => put<PieceRates>('/settlement/piece-rates', { providerId, rates });
export const listRules = () => get<Rules>('/settlement/rules');
export const createRule = (body: RuleInput) => post<Rule>('/settlement/rules', body);
export const providers = () => get<{ items: { id: string; name: string; code: string }[] }>('/providers');
