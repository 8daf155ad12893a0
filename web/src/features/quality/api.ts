// The quality module's API: the dashboard, the figures, the orders behind them, alerts, CSV export.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type { alertView, dashboardView, ordersView, originsView, ratesView } from '../../../../src/modules/quality/quality.contract';

export type Dashboard = z.infer<typeof dashboardView>;
export type QualityAlert = z.infer<typeof alertView>;
export type DrillOrders = z.infer<typeof ordersView>;
export type Rates = z.infer<typeof ratesView>;
export type Origins = z.infer<typeof originsView>;
export type Period = { from: string; to: string };

export const qualityDashboard = (month: string) => get<Dashboard>(`/quality/dashboard${query({ month })}`);
export const qualityRates = (p: Period) => get<Rates>(`/quality/rates${query(p)}`);
export const qualityOrigins = (p: Period) => get<Origins>(`/quality/origins${query({ ...p, by: 'category' })}`);
export const qualityOrders = (p: Period & { dimension?: string; key?: string }) =>
  get<DrillOrders>(`/quality/orders${query({ from: p.from, to: p.to, dimension: p.dimension, key: p.key, limit: 200 })}`);
export const acknowledgeAlert = (id: string) => post<QualityAlert>(`/quality/alerts/${id}/acknowledge`);
export const exportUrl = (p: Period) => `/quality/export.csv${query(p)}`;
