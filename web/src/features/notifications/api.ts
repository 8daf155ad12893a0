// The notifications module's API: the outbox of messages to customers, their delivery and history.
import type { z } from 'zod';
import { get, query, type QueryOf } from '../../shared/api';
import type { Page } from '../../shared/types';
import type { historyEntryView, messageView, outboxQuery } from '../../../../src/modules/notifications/notifications.contract';

export type OutboxMessage = z.infer<typeof messageView>;
export type MessageStatus = OutboxMessage['status'];
export type HistoryEntry = z.infer<typeof historyEntryView>;
export type TemplateInfo = { name: string; urgent: boolean; titleZh: string; titleEn: string };

export const listOutbox = (q: QueryOf<typeof outboxQuery>) => get<Page<OutboxMessage>>(`/outbox${query(q)}`);
export const listTemplates = () => get<{ items: TemplateInfo[] }>('/outbox/templates');
/** Masked like the list (the API's default): the console never asks for clear text. */
export const messageHistory = (id: string) => get<{ items: HistoryEntry[] }>(`/outbox/${id}/history`);
