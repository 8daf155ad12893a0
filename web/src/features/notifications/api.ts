// The notifications module's API: the outbox of messages to customers.
import { get, query } from '../../shared/api';
import type { Page } from '../../shared/types';

// The outbox route declares its answer inline (no named contract schema), so its shape is written here once.
export type OutboxMessage = { id: string; channel: string; recipient: string; template: string; bodyZh: string; bodyEn: string; createdAt: string; sentAt: string | null };

export const listOutbox = (q: { limit?: number; offset?: number; unsentOnly?: 'true' | 'false' }) => get<Page<OutboxMessage>>(`/outbox${query(q)}`);
