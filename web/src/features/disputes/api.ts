// The fee disputes module's API: the lines one may dispute, raising, the queue, the review, the statistics.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type {
  customerDisputableFeesView,
  customerDisputeView,
  disputableFeesView,
  disputeDetailView,
  disputeView,
  raiseRequest,
  refundRequest,
  reviewRequest,
  statisticsView,
} from '../../../../src/modules/disputes/disputes.contract';
import type { Page } from '../../shared/types';

export type Dispute = z.infer<typeof disputeView>;
export type DisputeDetail = z.infer<typeof disputeDetailView>;
export type DisputableFees = z.infer<typeof disputableFeesView> | z.infer<typeof customerDisputableFeesView>;
export type CustomerDispute = z.infer<typeof customerDisputeView>;
export type DisputeStatistics = z.infer<typeof statisticsView>;
export type Raise = z.input<typeof raiseRequest>;
export type Review = z.input<typeof reviewRequest>;
export type Refund = z.input<typeof refundRequest>;
export type DisputeReason = Raise['reason'];
export type Outcome = Review['outcome'];

export const reasons: DisputeReason[] = ['duplicate_charge', 'excessive_labour', 'excessive_part_cost', 'work_not_done', 'no_defect_found', 'warranty_wrongly_expired', 'distance_wrong', 'other'];

export const disputableFees = (orderId: string) => get<DisputableFees>(`/work-orders/${orderId}/disputable-fees`);
export const raiseDispute = (orderId: string, body: Raise) => post<unknown>(`/work-orders/${orderId}/fee-disputes`, body);
export const listDisputes = (q: { status?: string; orderId?: string; offset?: number }) => get<Page<Dispute>>(`/fee-disputes${query({ ...q, limit: 50 })}`);
/** The customer's own disputes, in their plain shape. */
export const myDisputes = (orderId?: string) => get<Page<CustomerDispute>>(`/fee-disputes${query({ orderId, limit: 100 })}`);
export const getDispute = (id: string) => get<DisputeDetail>(`/fee-disputes/${id}`);
export const reviewDispute = (id: string, body: Review) => post<DisputeDetail>(`/fee-disputes/${id}/review`, body);
/** Gives back what an upheld dispute credited: a refund on the order, once per idempotency key. */
export const refundDispute = (id: string, body: Refund) => post<DisputeDetail>(`/fee-disputes/${id}/refund`, body);
/** The customer's photo for their open dispute (the file itself is the body). */
export const addDisputeEvidence = (id: string, file: Blob) => post<unknown>(`/fee-disputes/${id}/evidence`, file);
export const withdrawDispute = (id: string, version: number) => post<unknown>(`/fee-disputes/${id}/withdraw`, { version });
export const disputeStatistics = (from: string, to: string) => get<DisputeStatistics>(`/fee-disputes/statistics${query({ from, to })}`);
