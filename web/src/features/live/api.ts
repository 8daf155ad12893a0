// The live module's API: the bell's notifications and their read marks (the stream itself is web/src/shared/live.ts).
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type { markedView, notificationsView } from '../../../../src/modules/live/live.contract';

export type Notifications = z.infer<typeof notificationsView>;
export type Marked = z.infer<typeof markedView>;

export const listNotifications = (limit = 20) => get<Notifications>(`/live/notifications${query({ limit })}`);
export const markRead = (seqs: number[]) => post<Marked>('/live/notifications/read', { seqs });
export const markAllRead = () => post<Marked>('/live/notifications/read-all', {});
