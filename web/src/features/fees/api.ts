// The fees module's API: price lists and their versions, the preview, an order's fee lines, and the
// prices a customer sees (the same paths in the portal, answered through the customer schemas).
import type { z } from 'zod';
import { get, post, put, query } from '../../shared/api';
import type {
  addLineRequest,
  changePayerRequest,
  createListRequest,
  createVersionRequest,
  customerOrderFeesView,
  customerScheduleView,
  listView,
  orderFeesView,
  previewView,
  repriceRequest,
  updateVersionRequest,
  versionView,
} from '../../../../src/modules/fees/fees.contract';
import type { createQuoteRequest, customerQuoteView, customerReceiptView, paymentsView, quoteView, receiptView, recordPaymentRequest } from '../../../../src/modules/fees/fees.quotes.contract';

export type PriceList = z.infer<typeof listView>;
export type PriceListVersion = z.infer<typeof versionView>;
export type PriceListContent = PriceListVersion['content'];
export type OrderFees = z.infer<typeof orderFeesView>;
export type FeeLine = OrderFees['lines'][number];
export type Preview = z.infer<typeof previewView>;
export type CustomerOrderFees = z.infer<typeof customerOrderFeesView>;
export type FeeSchedule = z.infer<typeof customerScheduleView>;
export type JobMode = z.infer<typeof repriceRequest>['jobMode'] & string;
export type Payer = z.infer<typeof changePayerRequest>['payer'];

export const listPriceLists = () => get<{ items: PriceList[] }>('/price-lists');
export const createPriceList = (body: z.input<typeof createListRequest>) => post<PriceList>('/price-lists', body);
export const createVersion = (listId: string, body: z.input<typeof createVersionRequest>) => post<PriceListVersion>(`/price-lists/${listId}/versions`, body);
export const updateVersion = (id: string, body: z.input<typeof updateVersionRequest>) => put<PriceListVersion>(`/price-list-versions/${id}`, body);
export const getVersion = (id: string) => get<PriceListVersion>(`/price-list-versions/${id}`);
export const publishVersion = (id: string, version: number) => post<PriceListVersion>(`/price-list-versions/${id}/publish`, { version });
export const previewVersion = (id: string, orderId: string) => get<Preview>(`/price-list-versions/${id}/preview${query({ orderId })}`);

export const orderFees = (orderId: string) => get<OrderFees>(`/work-orders/${orderId}/fees`);
export const repriceOrder = (orderId: string, body: z.input<typeof repriceRequest>) => post<OrderFees>(`/work-orders/${orderId}/fees/reprice`, body);
export const addFeeLine = (orderId: string, body: z.input<typeof addLineRequest>) => post<OrderFees>(`/work-orders/${orderId}/fees/lines`, body);
export const changePayer = (orderId: string, lineId: string, body: z.input<typeof changePayerRequest>) => post<OrderFees>(`/work-orders/${orderId}/fees/lines/${lineId}/payer`, body);

export const myOrderFees = (orderId: string) => get<CustomerOrderFees>(`/work-orders/${orderId}/fees`);
export const feeSchedule = (q: { categoryId: string; province?: string; city?: string; district?: string }) => get<FeeSchedule>(`/fee-schedule${query(q)}`);

// Quotes before paid work, payments and the receipt (fees.quotes.contract.ts).
export type Quote = z.infer<typeof quoteView>;
export type CustomerQuote = z.infer<typeof customerQuoteView>;
export type Payments = z.infer<typeof paymentsView>;
export type Receipt = z.infer<typeof receiptView>;
export type CustomerReceipt = z.infer<typeof customerReceiptView>;
export const orderQuotes = (orderId: string) => get<{ items: Quote[] }>(`/work-orders/${orderId}/quotes`);
export const createQuote = (orderId: string, body: z.input<typeof createQuoteRequest>) => post<Quote>(`/work-orders/${orderId}/quotes`, body);
export const offerQuote = (orderId: string, quoteId: string, sendSms: boolean) => post<Quote>(`/work-orders/${orderId}/quotes/${quoteId}/offer`, { sendSms });
export const acceptQuote = (orderId: string, quoteId: string, body: { signedName?: string; confirmed?: boolean; signature?: string }) => post<Quote>(`/work-orders/${orderId}/quotes/${quoteId}/accept`, body);
export const refuseQuote = (orderId: string, quoteId: string, reason?: string) => post<Quote>(`/work-orders/${orderId}/quotes/${quoteId}/refuse`, reason ? { reason } : {});
export const orderPayments = (orderId: string) => get<Payments>(`/work-orders/${orderId}/payments`);
export const recordPayment = (orderId: string, body: z.input<typeof recordPaymentRequest>) => post<Payments>(`/work-orders/${orderId}/payments`, body);
export const orderReceipt = (orderId: string) => get<Receipt>(`/work-orders/${orderId}/receipt`);
export const sendReceipt = (orderId: string) => post<{ sent: boolean }>(`/work-orders/${orderId}/receipt/send`, {});
export const myQuotes = (orderId: string) => get<{ items: CustomerQuote[] }>(`/work-orders/${orderId}/quotes`);
export const myReceipt = (orderId: string) => get<CustomerReceipt>(`/work-orders/${orderId}/receipt`);
