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

// Dates are bounded where the schema can know it: a year the database and the calendar maths can
// hold, and no person, unit or order older than 1900 or later than 2199 (year 0 is not a date in
// PostgreSQL; 9999 makes day-by-day reports endless). Rules that need today live in the services,
// which read their clock.
const yearOf = (s: string) => Number(s.slice(0, 4));
const inYears = (from: number, to: number) => (s: string) => yearOf(s) >= from && yearOf(s) <= to;

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar date / 不是有效的日期')
  .refine(inYears(1900, 2199), 'must be between 1900 and 2199 / 年份须在 1900 到 2199 之间');

/** A working day (a board, a technician's visits, a plan): this century or the next, never 1900. */
export const workDay = isoDate.refine(inYears(2000, 2199), 'must be between 2000 and 2199 / 年份须在 2000 到 2199 之间');

/** An instant with its offset, in the same years as a date. */
export const isoDateTime = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO date-time with offset' })
  .refine(inYears(1900, 2199), 'must be between 1900 and 2199 / 年份须在 1900 到 2199 之间');

/** The version a client read, sent back to change the row: the column is a 32-bit integer, and a change adds one. */
export const rowVersion = z.number().int().positive().max(2_147_483_646);

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}
