// The workspace module's API: my queue, recent customers, symptom templates; and an order's internal notes.
import type { z } from 'zod';
import { get, patch, post, query } from '../../shared/api';
import type { queueView, recentCustomerView, templatePatch, templateRequest, templateView } from '../../../../src/modules/workspace/workspace.contract';
import type { orderNoteView } from '../../../../src/modules/work-orders/work-orders.notes.contract';

export type Queue = z.infer<typeof queueView>;
export type RecentCustomer = z.infer<typeof recentCustomerView>;
export type SymptomTemplate = z.infer<typeof templateView>;
export type OrderNote = z.infer<typeof orderNoteView>;

export const myQueue = () => get<Queue>('/workspace/queue');
export const recentCustomers = () => get<{ items: RecentCustomer[] }>('/workspace/recent-customers');
export const openedCustomer = (customerId: string) => post<{ items: RecentCustomer[] }>('/workspace/recent-customers', { customerId });
export const listTemplates = (q: { categoryId?: string; includeArchived?: 'true' }) => get<{ items: SymptomTemplate[] }>(`/symptom-templates${query(q)}`);
export const createTemplate = (body: z.input<typeof templateRequest>) => post<SymptomTemplate>('/symptom-templates', body);
export const updateTemplate = (id: string, body: z.input<typeof templatePatch>) => patch<SymptomTemplate>(`/symptom-templates/${id}`, body);
export const orderNotes = (orderId: string) => get<{ items: OrderNote[] }>(`/work-orders/${orderId}/notes`);
export const addOrderNote = (orderId: string, text: string) => post<OrderNote>(`/work-orders/${orderId}/notes`, { text });
