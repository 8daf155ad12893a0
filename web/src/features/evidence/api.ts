// The evidence module's API: what a completion must show, per category and kind, and each order's standing.
import type { z } from 'zod';
import { del, get, post, put } from '../../shared/api';
import type { orderEvidenceView, ruleInput, ruleUpdate, ruleView } from '../../../../src/modules/evidence/evidence.contract';

export type EvidenceRule = z.infer<typeof ruleView>;
export type RuleInput = z.input<typeof ruleInput>;
export type RuleUpdate = z.input<typeof ruleUpdate>;
export type OrderEvidence = z.infer<typeof orderEvidenceView>;
export type Reading = EvidenceRule['readings'][number];

export const listRules = () => get<{ items: EvidenceRule[] }>('/evidence-rules');
export const createRule = (body: RuleInput) => post<EvidenceRule>('/evidence-rules', body);
export const updateRule = (id: string, body: RuleUpdate) => put<EvidenceRule>(`/evidence-rules/${id}`, body);
export const deleteRule = (id: string, version: number) => del<void>(`/evidence-rules/${id}?version=${version}`);
export const orderEvidence = (orderId: string) => get<OrderEvidence>(`/work-orders/${orderId}/evidence`);
