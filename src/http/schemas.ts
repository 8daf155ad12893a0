import { z } from '@hono/zod-openapi';

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.union([z.array(z.object({ path: z.string(), message: z.string() }).passthrough()), z.record(z.string(), z.unknown())]),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({ content: { 'application/json': { schema: errorSchema } }, description });

export const errorResponses = {
  400: errorResponse('Invalid input: the details name each field and why'),
  401: errorResponse('Not signed in'),
  403: errorResponse('Signed in, but without the permission this needs'),
  404: errorResponse('Not found'),
  409: errorResponse('Conflict: stale version, duplicate, or illegal transition'),
} as const;

export function jsonBody<T extends z.ZodTypeAny>(schema: T) {
  return { body: { content: { 'application/json': { schema } }, required: true } };
}

export function jsonResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

export const idParam = z.object({ id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar date');

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}
