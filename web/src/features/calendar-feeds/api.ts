// The calendar feeds module's API: a person's live feed, a new link, revoking it.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type { feedView, feedWithUrl } from '../../../../src/modules/calendar-feeds/calendar-feeds.contract';

export type Feed = z.infer<typeof feedView>;
export type FeedWithUrl = z.infer<typeof feedWithUrl>;

export const liveFeed = (technicianId: string) => get<{ items: Feed[] }>(`/calendar-feeds${query({ technicianId })}`);
export const newFeed = (technicianId: string) => post<FeedWithUrl>('/calendar-feeds', { technicianId });
export const revokeFeed = (id: string) => post<Feed>(`/calendar-feeds/${id}/revoke`);
