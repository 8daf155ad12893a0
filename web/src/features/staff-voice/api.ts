// The staff-voice module's API: pulse surveys (answer, results) and the suggestion box.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type { resultsView, suggestionDetailView, suggestionRequest, suggestionView, surveyRequest, surveyView } from '../../../../src/modules/staff-voice/staff-voice.contract';
import type { Page } from '../../shared/types';

export type Survey = z.infer<typeof surveyView>;
export type NewSurvey = z.input<typeof surveyRequest>;
export type Results = z.infer<typeof resultsView>;
export type Suggestion = z.infer<typeof suggestionView>;
export type SuggestionDetail = z.infer<typeof suggestionDetailView>;
export type NewSuggestion = z.input<typeof suggestionRequest>;
export type SuggestionStatus = Suggestion['status'];
export type Category = NonNullable<NewSuggestion['category']>;

export const suggestionStatuses: SuggestionStatus[] = ['new', 'under_review', 'accepted', 'rejected', 'implemented'];
export const categories: Category[] = ['service', 'process', 'tools', 'training', 'workplace', 'other'];

export const listSurveys = () => get<Page<Survey>>(`/pulse-surveys${query({ limit: 50 })}`);
export const startSurvey = (body: NewSurvey) => post<Survey>('/pulse-surveys', body);
export const closeSurvey = (id: string, version: number) => post<Survey>(`/pulse-surveys/${id}/close`, { version });
export const answerSurvey = (id: string, enps: number, scores: Record<string, number>) => post<Survey>(`/pulse-surveys/${id}/responses`, { enps, scores });
export const surveyResults = (id: string, by: 'all' | 'provider' | 'role') => get<Results>(`/pulse-surveys/${id}/results${query({ by })}`);
export const listSuggestions = (q: { status?: string; mine?: string; offset?: number }) => get<Page<Suggestion>>(`/suggestions${query({ ...q, limit: 50 })}`);
export const makeSuggestion = (body: NewSuggestion) => post<Suggestion>('/suggestions', body);
export const answerSuggestion = (id: string, version: number, status: SuggestionStatus, answer: string) => post<SuggestionDetail>(`/suggestions/${id}/answer`, { version, status, answer });
