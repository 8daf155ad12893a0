// The complaints module's API: filing, the workbench, one complaint and its steps.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type {
  actionRequest,
  compensationRequest,
  complaintDetailView,
  complaintView,
  contactRequest,
  customerComplaintView,
  fileRequest,
  sharedComplaintView,
} from '../../../../src/modules/complaints/complaints.contract';
import type { Page } from '../../shared/types';

export type Complaint = z.infer<typeof complaintView>;
export type ComplaintDetail = z.infer<typeof complaintDetailView>;
export type SharedComplaint = z.infer<typeof sharedComplaintView>;
export type CustomerComplaint = z.infer<typeof customerComplaintView>;
export type FileComplaint = z.input<typeof fileRequest>;
export type Level = Complaint['level'];
export type Severity = Complaint['severity'];
export type Category = Complaint['category'];
export type Source = Complaint['source'];
export type RootCause = NonNullable<Complaint['rootCause']>;
export type CompensationKind = z.input<typeof compensationRequest>['kind'];
export type ActionKind = z.input<typeof actionRequest>['kind'];
export type ContactChannel = z.input<typeof contactRequest>['channel'];

export const levels: Level[] = ['desk', 'supervisor', 'manager', 'executive'];
export const severities: Severity[] = ['low', 'normal', 'high', 'critical'];
export const categories: Category[] = ['product_quality', 'installation', 'service_attitude', 'timeliness', 'price', 'parts', 'other'];
export const sources: Source[] = ['phone', 'portal', 'social_media', 'dealer', 'regulator_12315'];
export const rootCauses: RootCause[] = ['product', 'installation', 'attitude', 'timeliness', 'price', 'parts'];
export const compensationKinds: CompensationKind[] = ['apology', 'credit', 'free_service', 'refund'];
export const actionKinds: ActionKind[] = ['note', 'investigation', 'call_back', 'visit', 'other'];
export const contactChannels: ContactChannel[] = ['phone', 'sms', 'wechat', 'visit', 'portal', 'email'];

export const isShared = (c: Complaint | SharedComplaint | CustomerComplaint): c is SharedComplaint => 'shared' in c;

export const fileComplaint = (body: FileComplaint) => post<ComplaintDetail & CustomerComplaint>('/complaints', body);
export const listComplaints = (q: { status?: string; level?: string; overdue?: string; offset?: number }) => get<Page<Complaint | SharedComplaint>>(`/complaints${query({ ...q, limit: 50 })}`);
export const myComplaints = () => get<Page<CustomerComplaint>>(`/complaints${query({ limit: 100 })}`);
export const getComplaint = (id: string) => get<ComplaintDetail | SharedComplaint>(`/complaints/${id}`);
export const complaintStep = (id: string, step: 'escalate' | 'deescalate' | 'severity' | 'actions' | 'contacts' | 'compensations' | 'resolve' | 'answer' | 'share', body: unknown) => post<ComplaintDetail>(`/complaints/${id}/${step}`, body);
export const answerComplaint = (id: string, version: number, accepted: boolean, reason?: string) => post<CustomerComplaint>(`/complaints/${id}/answer`, { version, accepted, reason });
