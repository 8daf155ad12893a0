// The work-orders module's API: each path and its types declared once, from the module's contract.
import type { z } from 'zod';
import { del, get, patch, post, query, type QueryOf } from '../../shared/api';
import type { Page } from '../../shared/types';
import type { bulkRequest, bulkResult, savedView } from '../../../../src/modules/work-orders/lists.contract';
import type { actionRequests, historyView, intakeRequest, orderListQuery, orderView, orderCountsQuery, orderCountsView, navigationView } from '../../../../src/modules/work-orders/work-orders.contract';
import type { OrderAction } from '../../../../src/modules/work-orders/work-orders.rules';
import type { correctionRequest } from '../../../../src/modules/work-orders/work-orders.corrections.contract';
import type { bookingWindowsQuery, bookingWindowsView } from '../../../../src/modules/work-orders/booking.contract';

export type { OrderAction, OrderKind, Priority } from '../../../../src/modules/work-orders/work-orders.rules';
export type { OrderStatus } from '../../shared/types';
export type Order = z.infer<typeof orderView>;
export type HistoryRow = z.infer<typeof historyView>;
export type IntakeInput = z.input<typeof intakeRequest>;
export type OrderQuery = QueryOf<typeof orderListQuery>;
export type BookingWindowsView = z.infer<typeof bookingWindowsView>;
export type ActionBody<A extends OrderAction> = z.input<(typeof actionRequests)[A]>;

export const listOrders = (q: OrderQuery) => get<Page<Order>>(`/work-orders${query(q)}`);
/** The dashboard's counts by state and provider, in one request. */
export const orderCounts = (q: QueryOf<typeof orderCountsQuery>) => get<z.infer<typeof orderCountsView>>(`/work-orders/counts${query(q)}`);
export const getOrder = (id: string) => get<Order>(`/work-orders/${id}`);
export const orderHistory = (id: string) => get<{ items: HistoryRow[] }>(`/work-orders/${id}/history`);
export const takeInOrder = (body: IntakeInput) => post<Order>('/work-orders', body);
/** Directions to the order's address in the maps app the server is set to (AFTERCARE_NAV_APP). */
export type NavigationLink = z.infer<typeof navigationView>;
export const navigationLink = (id: string) => get<NavigationLink>(`/work-orders/${id}/navigation`);
export const revealContact = (id: string) => post<{ contactPhone: string }>(`/work-orders/${id}/reveal-contact`);
/** One step in the order's life: each action has its path, the action's name with dashes. */
export type Photo = { id: string; orderId: string; kind: string; contentType: string; bytes: number; sha256: string; uploadedBy: string; uploadedAt: string };
export const listPhotos = (orderId: string) => get<{ items: Photo[] }>(`/work-orders/${orderId}/photos`);
/** The photo file as the body; the server judges its type by its content. */
export const uploadPhoto = (orderId: string, kind: string, file: Blob) => post<Photo>(`/work-orders/${orderId}/photos${query({ kind })}`, file);
export const photoUrl = (id: string) => `/photos/${id}`;
export const actOnOrder = <A extends OrderAction>(id: string, action: A, body: ActionBody<A>) => post<Order>(`/work-orders/${id}/${action.replaceAll('_', '-')}`, body);
/** Corrects an open order (contact, address, wished window, symptom, unit) at its version. */
export type Correction = z.input<typeof correctionRequest>;
export const correctOrder = (id: string, body: Correction) => patch<Order>(`/work-orders/${id}`, body);
/** The windows the order's technician can keep, each with why not; whether the customer's wish can be kept. */
export const bookingWindows = (id: string, q: QueryOf<typeof bookingWindowsQuery>) => get<BookingWindowsView>(`/work-orders/${id}/booking-windows${query(q)}`);

// The list's bulk steps, export and saved views.
export type BulkRequest = z.input<typeof bulkRequest>;
export type BulkResult = z.infer<typeof bulkResult>;
export type SavedView = z.infer<typeof savedView>;
/** Each order judged on its own: the answer says done, unchanged or refused (with the reason) per order. */
export const bulkAct = (body: BulkRequest) => post<BulkResult>('/work-orders/bulk', body);
/** The address of the filtered list as a file (the browser downloads it with the session cookie). */
export const exportUrl = (q: Record<string, string>, format: 'csv' | 'xlsx') => `/work-orders/export${query({ ...q, format })}`;
export const listSavedViews = () => get<{ items: SavedView[] }>('/saved-views');
export const saveView = (body: { name: string; filters: Record<string, string>; sort: string }) => post<SavedView>('/saved-views', body);
export const renameView = (id: string, body: { version: number; name: string }) => patch<SavedView>(`/saved-views/${id}`, body);
export const deleteView = (id: string) => del<void>(`/saved-views/${id}`);
