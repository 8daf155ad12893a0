// The parts module's API: the catalogue, locations, stock and its ledger, requests, parts used on an order, counts.
import type { z } from 'zod';
import { get, post, api, query } from '../../shared/api';
import type {
  approveRequest,
  consumeRequest,
  consumptionView,
  countDetailView,
  countSubmitRequest,
  createRequestRequest,
  locationView,
  movementView,
  orderPartsView,
  partRequest,
  partView,
  receiveRequest,
  requestDetailView,
  requestView,
  stockView,
} from '../../../../src/modules/parts/parts.contract';
import type { Page } from '../../shared/types';
import type { claimView, inspectRequest, onTimeView, returnView, shipmentDetailView, shipmentView } from '../../../../src/modules/parts/parts.returns.contract';

export type Part = z.infer<typeof partView>;
export type PartInput = z.input<typeof partRequest>;
export type Location = z.infer<typeof locationView>;
export type Stock = z.infer<typeof stockView>;
export type Movement = z.infer<typeof movementView>;
export type PartRequest = z.infer<typeof requestView>;
export type PartRequestDetail = z.infer<typeof requestDetailView>;
export type OrderParts = z.infer<typeof orderPartsView>;
export type Consumption = z.infer<typeof consumptionView>;
export type Count = z.infer<typeof countDetailView>;

export const listParts = (q: { search?: string; modelId?: string; offset?: number } = {}) => get<Page<Part>>(`/parts${query({ ...q, limit: 200 })}`);
export const createPart = (body: PartInput) => post<Part>('/parts', body);
export const updatePart = (id: string, body: PartInput & { version: number }) => api<Part>('PUT', `/parts/${id}`, body);
export const listLocations = () => get<{ items: Location[] }>('/stock/locations');
export const stockAt = (locationId: string) => get<Stock>(`/stock${query({ locationId })}`);
export const movementsAt = (locationId: string) => get<Page<Movement>>(`/stock/movements${query({ locationId, limit: 50 })}`);
export const receiveStock = (body: z.input<typeof receiveRequest>) => post<Movement>('/stock/receipts', body);
export const requestParts = (body: z.input<typeof createRequestRequest>) => post<PartRequestDetail>('/part-requests', body);
export const listRequests = (q: { status?: string; orderId?: string }) => get<Page<PartRequest>>(`/part-requests${query({ ...q, limit: 100 })}`);
export const approvePartRequest = (id: string, body: z.input<typeof approveRequest>) => post<PartRequestDetail>(`/part-requests/${id}/approve`, body);
export const shipPartRequest = (id: string, version: number, serials: string[]) => post<PartRequestDetail>(`/part-requests/${id}/ship`, { version, serials });
export const receivePartRequest = (id: string, version: number) => post<PartRequestDetail>(`/part-requests/${id}/receive`, { version });
export const rejectPartRequest = (id: string, version: number, note: string) => post<PartRequestDetail>(`/part-requests/${id}/reject`, { version, note });
export const orderParts = (orderId: string) => get<OrderParts>(`/work-orders/${orderId}/parts`);
export const recordPartUsed = (orderId: string, body: z.input<typeof consumeRequest>) => post<Consumption>(`/work-orders/${orderId}/parts-used`, body);
export const openCount = (locationId: string) => post<Count>('/stock/counts', { locationId });
export const listCounts = (locationId: string) => get<{ items: Count[] }>(`/stock/counts${query({ locationId })}`);
export const submitCount = (id: string, body: z.input<typeof countSubmitRequest>) => post<Count>(`/stock/counts/${id}/submit`, body);
export const approveCount = (id: string, version: number) => post<Count>(`/stock/counts/${id}/approve`, { version });
export const rejectCount = (id: string, version: number) => post<Count>(`/stock/counts/${id}/reject`, { version });

// Old-part returns (旧件返厂)
export type OldPartReturn = z.infer<typeof returnView>;
export type OldPartShipment = z.infer<typeof shipmentView>;
export type OldPartShipmentDetail = z.infer<typeof shipmentDetailView>;
export type OnTime = z.infer<typeof onTimeView>;
export type SupplierClaim = z.infer<typeof claimView>;
export const listReturns = (q: { status?: string; orderId?: string } = {}) => get<Page<OldPartReturn>>(`/old-parts/returns${query({ ...q, limit: 200 })}`);
export const packReturns = (returnIds: string[], toLocationId: string) => post<OldPartShipmentDetail>('/old-parts/shipments', { returnIds, toLocationId });
export const listShipments = () => get<Page<OldPartShipment>>(`/old-parts/shipments${query({ limit: 100 })}`);
export const getShipment = (id: string) => get<OldPartShipmentDetail>(`/old-parts/shipments/${id}`);
export const shipShipment = (id: string, version: number) => post<OldPartShipmentDetail>(`/old-parts/shipments/${id}/ship`, { version });
export const receiveShipment = (id: string, version: number) => post<OldPartShipmentDetail>(`/old-parts/shipments/${id}/receive`, { version });
export const inspectReturn = (id: string, body: z.input<typeof inspectRequest>) => post<OldPartReturn>(`/old-parts/returns/${id}/inspect`, body);
/** On site: the old part bagged and its tag tied on (旧件挂签), before the provider packs it. */
export const labelReturn = (id: string, version: number, tag: string) => post<OldPartReturn>(`/old-parts/returns/${id}/label`, { version, tag });
export const returnMissing = (id: string, version: number, note: string) => post<OldPartReturn>(`/old-parts/returns/${id}/missing`, { version, note });
export const onTimeRates = (from: string, to: string) => get<OnTime>(`/old-parts/on-time${query({ from, to })}`);
export const listClaims = () => get<Page<SupplierClaim>>(`/old-parts/claims${query({ limit: 100 })}`);
