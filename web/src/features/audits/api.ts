// The audits module's API: checklist templates, audits and scores, corrective actions, the dispatch weight.
import type { z } from 'zod';
import { get, post, put, query } from '../../shared/api';
import type { actionDetailView, actionView, auditDetailView, auditView, performRequest, scoresView, settingsView, templateContent, templateDetailView, templateView } from '../../../../src/modules/audits/audits.contract';
import type { Page } from '../../shared/types';

export type Template = z.infer<typeof templateView>;
export type TemplateDetail = z.infer<typeof templateDetailView>;
export type TemplateContent = z.infer<typeof templateContent>;
export type Section = TemplateContent['sections'][number];
export type Item = Section['items'][number];
export type Audit = z.infer<typeof auditView>;
export type AuditDetail = z.infer<typeof auditDetailView>;
export type Action = z.infer<typeof actionView>;
export type ActionDetail = z.infer<typeof actionDetailView>;
export type Scores = z.infer<typeof scoresView>;
export type Settings = z.infer<typeof settingsView>;
export type Perform = z.input<typeof performRequest>;
export type Finding = Perform['findings'][number];

export const evidenceTypes: Item['evidence'][] = ['pass_fail', 'measured', 'photo'];

export const listTemplates = () => get<{ items: Template[] }>('/audit-templates');
export const getTemplate = (id: string) => get<TemplateDetail>(`/audit-templates/${id}`);
export const createTemplate = (body: { code: string; nameZh: string; nameEn: string; content: TemplateContent }) => post<Template>('/audit-templates', body);
export const saveTemplate = (id: string, body: { rowVersion: number; nameZh: string; nameEn: string; content: TemplateContent }) => put<Template>(`/audit-templates/${id}`, body);
export const performAudit = (body: Perform) => post<AuditDetail>('/audits', body);
export const listAudits = (q: { providerId?: string; month?: string; kind?: string; offset?: number }) => get<Page<Audit>>(`/audits${query({ ...q, limit: 50 })}`);
export const getAudit = (id: string) => get<AuditDetail>(`/audits/${id}`);
export const auditScores = (q: { level: 'provider' | 'technician'; from?: string; to?: string; key?: string }) => get<Scores>(`/audits/scores${query(q)}`);
export const listActions = (q: { status?: string; overdue?: string; offset?: number }) => get<Page<Action>>(`/corrective-actions${query({ ...q, limit: 50 })}`);
export const getAction = (id: string) => get<ActionDetail>(`/corrective-actions/${id}`);
export const submitAction = (id: string, version: number, correction: string) => post<ActionDetail>(`/corrective-actions/${id}/submit`, { version, correction });
export const verifyAction = (id: string, version: number, outcome: 'verified' | 'rejected', note?: string) => post<ActionDetail>(`/corrective-actions/${id}/verify`, { version, outcome, note });
export const auditSettings = () => get<Settings>('/audits/settings');
export const saveAuditSettings = (version: number, dispatchWeight: number, standingDays: number) => put<Settings>('/audits/settings', { version, dispatchWeight, standingDays });
