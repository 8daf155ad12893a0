// The dispatch module's API (board, day plans, suggestions, slots, visits): each path and its types declared once.
import type { z } from 'zod';
import { get, post, query, type QueryOf } from '../../shared/api';
import type {
  assignCandidatesView,
  boardMoveRequest,
  boardMoveView,
  boardQuery,
  boardView,
  orderSlotsQuery,
  orderVisitView,
  planRequest,
  planView,
  providerVerdictView,
  slotsView,
  technicianSuggestionQuery,
  technicianSuggestionView,
  visitsQuery,
  visitsView,
} from '../../../../src/modules/dispatch/dispatch.contract';

export type Board = z.infer<typeof boardView>;
export type BoardOrder = Board['orders'][number];
export type BoardTechnician = Board['technicians'][number];
export type DayPlan = z.infer<typeof planView>;
export type TechnicianSuggestions = z.infer<typeof technicianSuggestionView>;
export type Slots = z.infer<typeof slotsView>;
export type OrderVisit = z.infer<typeof orderVisitView>;
export type DayVisits = z.infer<typeof visitsView>;
export type ProviderVerdict = z.infer<typeof providerVerdictView>;
export type AssignCandidates = z.infer<typeof assignCandidatesView>;
export type BoardMove = z.infer<typeof boardMoveView>;

export const getBoard = (q: QueryOf<typeof boardQuery>) => get<Board>(`/dispatch/board${query(q)}`);
export const planDay = (body: z.input<typeof planRequest>) => post<DayPlan>('/dispatch/plans', body);
export const getPlan = (id: string) => get<DayPlan>(`/dispatch/plans/${id}`);
export const applyPlan = (id: string) => post<DayPlan>(`/dispatch/plans/${id}/apply`);
export const stopPlan = (id: string) => post<DayPlan>(`/dispatch/plans/${id}/stop`);
export const dayVisits = (q: QueryOf<typeof visitsQuery> = {}) => get<DayVisits>(`/dispatch/visits${query(q)}`);
export const technicianSuggestions = (orderId: string, q: QueryOf<typeof technicianSuggestionQuery>) =>
  get<TechnicianSuggestions>(`/work-orders/${orderId}/technician-suggestions${query(q)}`);
export const orderSlots = (orderId: string, q: QueryOf<typeof orderSlotsQuery>) => get<Slots>(`/work-orders/${orderId}/slots${query(q)}`);
export const orderVisit = (orderId: string) => get<OrderVisit>(`/work-orders/${orderId}/visit`);
export const providerSuggestions = (orderId: string) => get<{ items: ProviderVerdict[] }>(`/work-orders/${orderId}/provider-suggestions`);
export const assignCandidates = (orderId: string, q: QueryOf<typeof technicianSuggestionQuery>) => get<AssignCandidates>(`/work-orders/${orderId}/assign-candidates${query(q)}`);
export const moveVisit = (body: z.input<typeof boardMoveRequest>) => post<BoardMove>('/dispatch/moves', body);
