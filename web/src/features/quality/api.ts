// The quality module's API: the dashboard, the figures, the orders behind them, alerts, CSV export.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type { alertView, dashboardView, ordersView, originsView, ratesView, statisticsView } from '../../../../src/modules/quality/quality.contract';

export type Dashboard = z.infer<typeof dashboardView>;
export type QualityAlert = z.infer<typeof alertView>;
export type DrillOrders = z.infer<typeof ordersView>;
export type Rates = z.infer<typeof ratesView>;
export type Origins = z.infer<typeof originsView>;
export type Statistics = z.infer<typeof statisticsView>;
export type Period = { from: string; to: string };

export const qualityDashboard = (month: string) => get<Dashboard>(`/quality/dashboard${query({ month })}`);
export const qualityRates = (p: Period) => get<Rates>(`/quality/rates${query(p)}`);
/** Faults by part (the parts the repairs replaced), of one model when given (part × model). */
export const qualityByPart = (p: Period & { modelId?: string }) => get<Statistics>(`/quality/statistics${query({ from: p.from, to: p.to, dimension: 'part', modelId: p.modelId })}`);
export const qualityOrigins = (p: Period) => get<Origins>(`/quality/origins${query({ ...p, by: 'category' })}`);
export const qualityOrders = (p: Period & { dimension?: string; key?: string; modelId?: string }) =>
  get<DrillOrders>(`/quality/orders${query({ from: p.from, to: p.to, dimension: p.dimension, key: p.key, modelId: p.modelId, limit: 200 })}`);
export const acknowledgeAlert = (id: string) => post<QualityAlert>(`/quality/alerts/${id}/acknowledge`);
export const exportUrl = (p: Period) => `/quality/export.csv${query(p)}`;
