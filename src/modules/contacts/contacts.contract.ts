import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../shared/paging.js';
import { isoDateTime, rowVersion } from '../../http/schemas.js';
import { callOutcomes, suggestionChannels, suggestionOutcomes, suggestionStatuses, suggestionTopics, timelineKinds } from './contacts.rules.js';

const uuid = z.string().uuid();
const instant = isoDateTime;

export const callRequest = z
  .object({
    customerId: uuid,
    orderId: uuid.optional().openapi({ description: 'the order the call was about, when it was' }),
    direction: z.enum(['in', 'out']),
    phone: z.string().trim().regex(/^\+?[0-9-]{3,20}$/).openapi({ description: 'the number used' }),
    startedAt: instant.optional().openapi({ description: 'when the call started; now when left out' }),
    durationSeconds: z.number().int().min(0).max(86_400),
    outcome: z.enum(callOutcomes),
    notes: z.string().trim().max(4000).default(''),
  })
  .openapi('ContactCall');

export const noteRequest = z
  .object({ customerId: uuid, orderId: uuid.optional(), text: z.string().trim().min(1).max(4000).openapi({ description: 'internal: never shown to the customer' }) })
  .openapi('ContactNote');

export const suggestionRequest = z
  .object({
    customerId: uuid.optional().openapi({ description: 'staff name the customer; in the portal it is the customer signed in' }),
    channel: z.enum(suggestionChannels).optional().openapi({ description: 'how it came in (staff); the portal is always "portal"' }),
    topic: z.enum(suggestionTopics).default('other'),
    text: z.string().trim().min(1).max(4000),
  })
  .openapi('SuggestionRecord');

export const answerRequest = z
  .object({ version: rowVersion, outcome: z.enum(suggestionOutcomes), answer: z.string().trim().min(1).max(4000).openapi({ description: 'the customer reads it in the portal' }) })
  .openapi('SuggestionAnswer');

const kindList = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
    const bad = parts.find((p) => !(timelineKinds as readonly string[]).includes(p));
    if (bad !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown kind ${bad}; one of ${timelineKinds.join(', ')}` });
      return z.NEVER;
    }
    return parts as (typeof timelineKinds)[number][];
  });

export const timelineQuery = z.object({
  customerId: uuid,
  kinds: kindList.optional().openapi({ description: `comma-separated: ${timelineKinds.join(', ')}`, type: 'string' }),
  from: instant.optional(),
  to: instant.optional(),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'words anywhere in notes, symptoms, message text, answers' }),
  cursor: z.string().max(500).optional().openapi({ description: 'nextCursor of the page before' }),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const suggestionsQuery = pageQuery.extend({ customerId: uuid.optional(), status: z.enum(suggestionStatuses).optional() });

const words = z.object({ zh: z.string(), en: z.string() });

export const timelineEntry = z
  .object({
    kind: z.enum(timelineKinds),
    kindName: words,
    id: z.string(),
    at: z.string(),
    orderId: z.string().nullable(),
    orderNumber: z.string().nullable(),
    action: z.string(),
    body: z.string().nullable(),
    actor: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi('TimelineEntry');

export const timelinePage = z.object({ items: z.array(timelineEntry), nextCursor: z.string().nullable() }).openapi('TimelinePage');

export const callView = z
  .object({ id: z.string(), customerId: z.string(), orderId: z.string().nullable(), direction: z.enum(['in', 'out']), phone: z.string(), startedAt: z.string(), durationSeconds: z.number().int(), outcome: z.enum(callOutcomes), notes: z.string(), agent: z.string(), createdAt: z.string() })
  .openapi('ContactCallView');

export const noteView = z.object({ id: z.string(), customerId: z.string(), orderId: z.string().nullable(), text: z.string(), author: z.string(), createdAt: z.string() }).openapi('ContactNoteView');

export const suggestionView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    channel: z.enum(suggestionChannels),
    topic: z.enum(suggestionTopics),
    text: z.string(),
    status: z.enum(suggestionStatuses),
    statusName: words,
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredBy: z.string().nullable(),
    recordedBy: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('SuggestionView');
export type SuggestionView = z.infer<typeof suggestionView>;

/** The customer's own view: their words, the status and the answer; never who recorded or answered it. */
export const customerSuggestionView = z.strictObject({
  id: z.string(),
  topic: z.enum(suggestionTopics),
  text: z.string(),
  status: z.enum(suggestionStatuses),
  statusZh: z.string(),
  statusEn: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CustomerSuggestionView = z.infer<typeof customerSuggestionView>;
export const customerSuggestionsView = z.strictObject({ items: z.array(customerSuggestionView), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const anySuggestionView = z.union([suggestionView, customerSuggestionView]);
export const anySuggestionPage = z.object({ items: z.array(anySuggestionView), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
