// The promises module's API (clocks, at-risk, report, alerts, calendars, policies): each path and its types declared once.
import type { z } from 'zod';
import { get, patch, post, query, type QueryOf } from '../../shared/api';
import type { Page } from '../../shared/types';
import type {
  alertsQuery,
  alertView,
  atRiskItem,
  atRiskQuery,
  calendarDay,
  calendarInput,
  calendarPatch,
  calendarView,
  daysImport,
  milestoneView,
  orderPromiseView,
  policyInput,
  policyPatch,
  policyView,
  reportOrderItem,
  reportOrdersQuery,
  reportQuery,
  reportRow,
} from '../../../../src/modules/promises/promises.contract';

export type { Milestone } from '../../../../src/modules/promises/promises.rules';
export type OrderPromise = z.infer<typeof orderPromiseView>;
export type MilestoneClock = z.infer<typeof milestoneView>;
export type AtRiskOrder = z.infer<typeof atRiskItem>;
export type PromiseAlert = z.infer<typeof alertView>;
export type PromiseReportRow = z.infer<typeof reportRow>;
export type BusinessCalendar = z.infer<typeof calendarView>;
export type CalendarDay = z.infer<typeof calendarDay>;
export type PromisePolicy = z.infer<typeof policyView>;
export type NewPolicy = z.input<typeof policyInput>;
export type DaysImport = z.input<typeof daysImport>;

export const orderPromise = (orderId: string) => get<OrderPromise>(`/work-orders/${orderId}/promise`);
export const listAtRisk = (q: QueryOf<typeof atRiskQuery>) => get<Page<AtRiskOrder>>(`/promises/at-risk${query(q)}`);
export const promiseReport = (q: QueryOf<typeof reportQuery>) => get<{ rows: PromiseReportRow[] }>(`/promises/report${query(q)}`);
/** The orders behind a figure of the report (the dashboard's drill-down). */
export const promiseReportOrders = (q: QueryOf<typeof reportOrdersQuery>) => get<Page<z.infer<typeof reportOrderItem>>>(`/promises/report/orders${query(q)}`);
export const listAlerts = (q: QueryOf<typeof alertsQuery>) => get<Page<PromiseAlert>>(`/promises/alerts${query(q)}`);

export const listCalendars = () => get<{ items: BusinessCalendar[] }>('/calendars');
export const getCalendar = (id: string) => get<BusinessCalendar>(`/calendars/${id}`);
export const addCalendar = (body: z.input<typeof calendarInput>) => post<BusinessCalendar>('/calendars', body);
export const changeCalendar = (id: string, body: z.input<typeof calendarPatch>) => patch<BusinessCalendar>(`/calendars/${id}`, body);
export const importCalendarDays = (id: string, body: DaysImport) => post<BusinessCalendar>(`/calendars/${id}/days`, body);

export const listPolicies = () => get<{ items: PromisePolicy[] }>('/promise-policies');
export const getPolicy = (id: string) => get<PromisePolicy>(`/promise-policies/${id}`);
export const addPolicy = (body: NewPolicy) => post<PromisePolicy>('/promise-policies', body);
export const changePolicy = (id: string, body: z.input<typeof policyPatch>) => patch<PromisePolicy>(`/promise-policies/${id}`, body);
