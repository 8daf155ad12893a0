// The webhooks module's API: endpoints, their delivery log, replay, secret rotation.
import type { z } from 'zod';
import { get, patch, post, query } from '../../shared/api';
import type { deliveryView, endpointView, endpointWithSecret } from '../../../../src/modules/webhooks/webhooks.contract';
import type { Page } from '../../shared/types';

export type Endpoint = z.infer<typeof endpointView>;
export type EndpointWithSecret = z.infer<typeof endpointWithSecret>;
export type Delivery = z.infer<typeof deliveryView>;

export const endpoints = () => get<{ items: Endpoint[]; eventTypes: { type: string; zh: string; en: string }[] }>('/webhooks');
export const subscribe = (body: { url: string; eventTypes: string[]; contactEmail: string; description: string }) => post<EndpointWithSecret>('/webhooks', body);
export const setEnabled = (e: Endpoint, enabled: boolean) => patch<Endpoint>(`/webhooks/${e.id}`, { version: e.version, enabled });
export const rotateSecret = (e: Endpoint) => post<EndpointWithSecret>(`/webhooks/${e.id}/rotate-secret`, { version: e.version });
export const deliveries = (id: string, offset = 0) => get<Page<Delivery>>(`/webhooks/${id}/deliveries${query({ limit: 20, offset })}`);
export const replay = (id: string, deliveryId: string) => post<{ replayed: boolean }>(`/webhooks/${id}/deliveries/${deliveryId}/replay`);
