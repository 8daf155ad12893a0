import { z } from 'zod';

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

/** "name" sorts ascending, "-name" descending; only the listed fields are accepted. */
export function sortQuery<const F extends readonly [string, ...string[]]>(fields: F, fallback: string) {
  const allowed = fields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z.enum(allowed).default(fallback);
}

export function parseSort(sort: string): { field: string; desc: boolean } {
  return sort.startsWith('-') ? { field: sort.slice(1), desc: true } : { field: sort, desc: false };
}
