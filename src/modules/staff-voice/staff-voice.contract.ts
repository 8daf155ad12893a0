import { z } from '@hono/zod-openapi';
import { rowVersion } from '../../http/schemas.js';
import { suggestionStatuses } from './staff-voice.rules.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM / 须为 YYYY-MM');
const text = z.string().trim().min(1).max(200);
const page = { limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };

export const surveyRequest = z.object({
  titleZh: text,
  titleEn: text,
  month,
  questions: z.array(z.object({ code: z.string().min(1).max(40).regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and _ / 仅限小写字母、数字和下划线'), textZh: text, textEn: text })).min(1).max(20),
  minGroupSize: z.number().int().min(3).max(100).default(5),
});
export const closeRequest = z.object({ version: rowVersion });
export const responseRequest = z.object({
  /** How likely they would recommend working here to a friend, 0–10. */
  enps: z.number().int().min(0).max(10),
  scores: z.record(z.string().max(40), z.number().int().min(1).max(5)),
});

export const surveyView = z
  .object({
    id: z.string(),
    titleZh: z.string(),
    titleEn: z.string(),
    month: z.string(),
    questions: z.array(z.object({ code: z.string(), textZh: z.string(), textEn: z.string() })),
    minGroupSize: z.number().int(),
    status: z.enum(['open', 'closed']),
    answered: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .openapi('PulseSurvey');

const groupFigure = z.object({ group: z.string(), groupName: z.string().nullable(), groupNameEn: z.string().nullable(), responses: z.number().int().nullable(), enps: z.number().nullable(), pulseScore: z.number().nullable(), questions: z.array(z.object({ code: z.string(), score: z.number().nullable() })), hidden: z.boolean() });
export const resultsQuery = z.object({ by: z.enum(['provider', 'role', 'all']).default('all') });
export const resultsView = z.object({ surveyId: z.string(), by: z.enum(['provider', 'role', 'all']), minGroupSize: z.number().int(), total: groupFigure, groups: z.array(groupFigure) }).openapi('PulseResults');
export const surveysQuery = z.object(page);

export const suggestionRequest = z.object({ text: z.string().trim().min(1).max(4000), category: z.enum(['service', 'process', 'tools', 'training', 'workplace', 'other']).default('other'), anonymous: z.boolean().default(false) });
export const suggestionAnswerRequest = z.object({ version: rowVersion, status: z.enum(suggestionStatuses), answer: z.string().trim().min(1).max(4000) });
export const suggestionsQuery = z.object({ status: z.enum(suggestionStatuses).optional(), mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), ...page });

export const suggestionView = z
  .object({
    id: z.string(),
    text: z.string(),
    category: z.string(),
    anonymous: z.boolean(),
    /** The author's name, for a named suggestion; null when anonymous. */
    authorName: z.string().nullable(),
    mine: z.boolean(),
    status: z.enum(suggestionStatuses),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    implemented: z.boolean(),
    implementedAt: z.string().nullable(),
    month: z.string(),
    createdOn: z.string(),
    version: z.number().int(),
  })
  .openapi('Suggestion');
export const suggestionDetailView = suggestionView.extend({ history: z.array(z.object({ at: z.string(), actor: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), answer: z.string().nullable() })) }).openapi('SuggestionDetail');
