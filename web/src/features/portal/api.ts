// The customer portal's API: sign-in (the access module's portal routes) and the customer's own
// views of customers, units, models, orders and visits — the same paths as staff use, answered
// through the customer schemas (no staff fields), so their types are declared here, once.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type { Page } from '../../shared/types';
import type { portalCodeRequest, portalCodeResponse, portalSession, portalSignInRequest } from '../../../../src/modules/access/access.contract';
import type { customerSelfView } from '../../../../src/modules/customers/customers.contract';
import type { createUnitRequest, customerUnitView } from '../../../../src/modules/units/units.contract';
import type { customerModelView } from '../../../../src/modules/catalog/catalog.contract';
import type { customerHistoryEntry, customerOrderView, intakeRequest } from '../../../../src/modules/work-orders/work-orders.contract';
import type { customerVisitView } from '../../../../src/modules/dispatch/dispatch.contract';
import type { customerBookingWindowsView } from '../../../../src/modules/work-orders/booking.contract';

export type CustomerSelf = z.infer<typeof customerSelfView>;
export type CustomerUnit = z.infer<typeof customerUnitView>;
export type CustomerModel = z.infer<typeof customerModelView>;
export type CustomerOrder = z.infer<typeof customerOrderView>;
export type CustomerHistoryEntry = z.infer<typeof customerHistoryEntry>;
export type CustomerVisit = z.infer<typeof customerVisitView>;
export type { CustomerMilestone } from '../../../../src/modules/work-orders/work-orders.contract';

export const sendPortalCode = (body: z.input<typeof portalCodeRequest>) => post<z.infer<typeof portalCodeResponse>>('/portal/code', body);
export const portalSignIn = (body: z.input<typeof portalSignInRequest>) => post<z.infer<typeof portalSession>>('/portal/sign-in', body);

export const myself = (customerId: string) => get<CustomerSelf>(`/customers/${customerId}`);
export const myUnits = (customerId: string) => get<Page<CustomerUnit>>(`/units${query({ ownerId: customerId, limit: 50 })}`);
export const myOrders = (customerId: string) => get<Page<CustomerOrder>>(`/work-orders${query({ customerId, limit: 50 })}`);
export const modelsToRegister = () => get<Page<CustomerModel>>(`/catalog/models${query({ limit: 200 })}`);
export const registerMyUnit = (body: z.input<typeof createUnitRequest>) => post<CustomerUnit>('/units', body);
export const askForService = (body: z.input<typeof intakeRequest>) => post<CustomerOrder>('/work-orders', body);
export const myOrder = (id: string) => get<CustomerOrder>(`/work-orders/${id}`);
export const myOrderHistory = (id: string) => get<{ items: CustomerHistoryEntry[] }>(`/work-orders/${id}/history`);
export const myVisit = (id: string) => get<CustomerVisit>(`/work-orders/${id}/visit`);
export const confirmWithCode = (id: string, body: { version: number; code: string }) => post<CustomerOrder>(`/work-orders/${id}/confirm`, body);
/** Windows the customer may move their visit to (the next week), and what the rules leave them. */
export const windowsToMoveTo = (id: string) => get<z.infer<typeof customerBookingWindowsView>>(`/work-orders/${id}/booking-windows${query({ days: 7 })}`);
export const moveMyVisit = (id: string, body: { version: number; from: string; to: string }) => post<CustomerOrder>(`/work-orders/${id}/book`, body);
export const cancelMyOrder = (id: string, body: { version: number; reason: string }) => post<CustomerOrder>(`/work-orders/${id}/cancel`, body);
