// The scorecard module's API: the card, a measure across regions/providers/technicians, the facts behind a figure,
// certification coverage per category, a technician's customer comments, measure admin, exports.
import type { z } from 'zod';
import { get, put, query } from '../../shared/api';
import type { breakdownView, certificationView, commentsView, drillView, measuresView, measureView, scorecardView } from '../../../../src/modules/scorecard/scorecard.contract';

export type Card = z.infer<typeof scorecardView>;
export type CardMeasure = Card['perspectives'][number]['measures'][number];
export type Breakdown = z.infer<typeof breakdownView>;
export type Drill = z.infer<typeof drillView>;
export type Measure = z.infer<typeof measureView>;
export type Coverage = z.infer<typeof certificationView>;
export type Comments = z.infer<typeof commentsView>;
export type Level = 'company' | 'region' | 'provider' | 'technician';
export type Scope = { month: string; level: Level; key?: string };

export const scorecard = (s: Scope) => get<Card>(`/scorecard${query({ month: s.month, level: s.level, key: s.key })}`);
export const breakdown = (month: string, measure: string, level: Exclude<Level, 'company'>) => get<Breakdown>(`/scorecard/breakdown${query({ month, measure, level })}`);
export const drill = (s: Scope, measure: string, offset = 0) => get<Drill>(`/scorecard/drill${query({ month: s.month, level: s.level, key: s.key, measure, limit: 50, offset })}`);
export const certification = (s: Scope) => get<Coverage>(`/scorecard/certification${query({ month: s.month, level: s.level, key: s.key })}`);
export const comments = (s: Scope, offset = 0) => get<Comments>(`/scorecard/comments${query({ month: s.month, key: s.key, limit: 20, offset })}`);
export const measures = () => get<z.infer<typeof measuresView>>('/scorecard/measures');
export const updateMeasure = (body: { code: string; version: number; target?: number | null; green?: number | null; red?: number | null; owner?: string; active?: boolean }) => put<Measure>('/scorecard/measures', body);
export const exportUrl = (s: Scope, format: 'csv' | 'xlsx' | 'html', lang: string) => `/scorecard/export.${format}${query({ month: s.month, level: s.level, key: s.key, lang: lang.startsWith('zh') ? 'zh' : 'en' })}`;
