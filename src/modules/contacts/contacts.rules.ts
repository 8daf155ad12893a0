// Pure rules of the contact timeline: its kinds, call outcomes, suggestion steps, the keyset cursor
// and the search pattern. No I/O.

/** What a timeline entry is; the console draws one icon per kind. */
export const timelineKinds = ['call', 'note', 'suggestion', 'message', 'visit', 'survey', 'complaint', 'portal'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const kindNames: Record<TimelineKind, { zh: string; en: string }> = {
  call: { zh: '通话', en: 'Call' },
  note: { zh: '内部备注', en: 'Staff note' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  message: { zh: '消息', en: 'Message' },
  visit: { zh: '上门', en: 'Visit' },
  survey: { zh: '回访', en: 'Survey' },
  complaint: { zh: '投诉', en: 'Complaint' },
  portal: { zh: '自助服务', en: 'Portal' },
};

export const callOutcomes = ['reached', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'refused'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export const suggestionTopics = ['product', 'service', 'app', 'price', 'other'] as const;
export const suggestionChannels = ['phone', 'portal', 'visit', 'other'] as const;
/** open → answered as adopted (we will do it), noted (thank you, kept for later) or declined (with why). */
export const suggestionStatuses = ['open', 'adopted', 'noted', 'declined'] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];
export const suggestionOutcomes = ['adopted', 'noted', 'declined'] as const;

export const suggestionStatusNames: Record<SuggestionStatus, { zh: string; en: string }> = {
  open: { zh: '待答复', en: 'Awaiting an answer' },
  adopted: { zh: '已采纳', en: 'Adopted' },
  noted: { zh: '已记录', en: 'Noted' },
  declined: { zh: '暂不采纳', en: 'Declined' },
};

/** Only an open suggestion is answered; an answer is final (a second one would overwrite what the customer read). */
export function canAnswer(status: SuggestionStatus): boolean {
  return status === 'open';
}

/**
 * The keyset of the timeline: newest first, then by kind and id (several entries share an instant).
 * The cursor is the last entry shown; the next page starts strictly after it.
 */
export type Cursor = { at: string; key: string };

export function entryKey(kind: TimelineKind, id: string): string {
  return `${kind}:${id}`;
}

// Plain text, not base64: the rules are shared with the console, which has no Buffer; it stays URL-safe.
export function encodeCursor(c: Cursor): string {
  return `${Date.parse(c.at).toString(36)}_${c.key}`;
}

/** undefined when the text is not a cursor this module wrote (the caller answers 400). */
export function decodeCursor(text: string): Cursor | undefined {
  const m = /^([0-9a-z]{1,12})_([a-z]+:[0-9a-zA-Z-]{1,80})$/.exec(text);
  if (!m) return undefined;
  const ms = parseInt(m[1], 36);
  if (!Number.isSafeInteger(ms) || ms > 8.64e15) return undefined;
  return { at: new Date(ms).toISOString(), key: m[2] };
}

/** An ILIKE pattern matching the words anywhere, `%` `_` and `\` taken literally (runs alike on PostgreSQL and PGlite). */
export function containsPattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
