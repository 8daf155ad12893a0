// The care module's API: campaigns (build, dry run, send, report), the frequency cap, a customer's
// consent with its evidence, and the portal's inbox and consent switches.
import type { z } from 'zod';
import { get, post, put, query } from '../../shared/api';
import type { campaignRequest, campaignView, consentUpdate, consentView, customerConsentView, customerInboxView, dryRunView, previewView, reportView, runView, settingsView } from '../../../../src/modules/care/care.contract';
import type { Page } from '../../shared/types';

export type Campaign = z.infer<typeof campaignView>;
export type CampaignInput = z.input<typeof campaignRequest>;
export type DryRun = z.infer<typeof dryRunView>;
export type Report = z.infer<typeof reportView>;
export type Consents = z.infer<typeof consentView>;
export type Inbox = z.infer<typeof customerInboxView>;
export type MyConsents = z.infer<typeof customerConsentView>;

export const campaigns = (offset = 0) => get<Page<Campaign>>(`/care/campaigns${query({ limit: 50, offset })}`);
export const campaign = (id: string) => get<Campaign>(`/care/campaigns/${id}`);
export const createCampaign = (body: CampaignInput) => post<Campaign>('/care/campaigns', body);
export const setCampaignStatus = (id: string, version: number, status: Campaign['status']) => post<Campaign>(`/care/campaigns/${id}/status`, { version, status });
export const dryRun = (id: string, day: string) => get<DryRun>(`/care/campaigns/${id}/dry-run${query({ day })}`);
export const runCampaign = (id: string, day: string) => post<z.infer<typeof runView>>(`/care/campaigns/${id}/run`, { day });
export const report = (id: string) => get<Report>(`/care/campaigns/${id}/report`);
export const preview = (template: { zh: string; en: string }, purpose: Campaign['purpose']) => post<z.infer<typeof previewView>>('/care/preview', { template, purpose });
export const careSettings = () => get<z.infer<typeof settingsView>>('/care/settings');
export const consentsOf = (customerId: string) => get<Consents>(`/customers/${customerId}/consents`);
export const updateConsents = (customerId: string, body: z.input<typeof consentUpdate>) => put<Consents>(`/customers/${customerId}/consents`, body);
export const myInbox = () => get<Inbox>('/portal/care/messages?limit=20');
export const readMessage = (id: string) => post<unknown>(`/portal/care/messages/${id}/read`);
export const myConsents = () => get<MyConsents>('/portal/care/consents');
export const updateMyConsents = (changes: MyConsents['items']) => put<MyConsents>('/portal/care/consents', { changes });
