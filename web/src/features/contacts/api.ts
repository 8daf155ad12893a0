// The contacts module's API: the customer's timeline, calls, staff notes and suggestions.
import type { z } from 'zod';
import { get, post, query } from '../../shared/api';
import type { answerRequest, callRequest, customerSuggestionView, noteRequest, suggestionRequest, suggestionView, timelineEntry } from '../../../../src/modules/contacts/contacts.contract';
import type { Page } from '../../shared/types';

export type TimelineEntry = z.infer<typeof timelineEntry>;
export type TimelineKind = TimelineEntry['kind'];
export type Suggestion = z.infer<typeof suggestionView>;
export type CustomerSuggestion = z.infer<typeof customerSuggestionView>;
export type NewCall = z.input<typeof callRequest>;
export type CallOutcome = NewCall['outcome'];
export type SuggestionTopic = NonNullable<z.input<typeof suggestionRequest>['topic']>;
export type SuggestionOutcome = z.input<typeof answerRequest>['outcome'];

export const timelineKinds: TimelineKind[] = ['call', 'note', 'suggestion', 'message', 'visit', 'survey', 'complaint', 'portal'];
export const callOutcomes: CallOutcome[] = ['reached', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'refused'];
export const suggestionTopics: SuggestionTopic[] = ['product', 'service', 'app', 'price', 'other'];
export const suggestionOutcomes: SuggestionOutcome[] = ['adopted', 'noted', 'declined'];

export type TimelineFilter = { kinds?: TimelineKind[]; from?: string; to?: string; q?: string; cursor?: string };

export const getTimeline = (customerId: string, f: TimelineFilter) =>
  get<{ items: TimelineEntry[]; nextCursor: string | null }>(`/contacts/timeline${query({ customerId, kinds: f.kinds?.length ? f.kinds.join(',') : undefined, from: f.from, to: f.to, q: f.q || undefined, cursor: f.cursor, limit: 30 })}`);
export const logCall = (body: NewCall) => post('/contacts/calls', body);
export const addNote = (body: z.input<typeof noteRequest>) => post('/contacts/notes', body);
export const recordSuggestion = (body: z.input<typeof suggestionRequest>) => post<Suggestion>('/contacts/suggestions', body);
export const answerSuggestion = (id: string, body: z.input<typeof answerRequest>) => post<Suggestion>(`/contacts/suggestions/${id}/answer`, body);
export const mySuggestions = () => get<Page<CustomerSuggestion>>(`/contacts/suggestions${query({ limit: 50 })}`);
