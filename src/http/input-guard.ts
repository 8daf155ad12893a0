import type { MiddlewareHandler } from 'hono';

export type FieldIssue = { path: string; message: string };

// PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate has no UTF-8 form: either would
// fail (or be silently mangled) in the database, so no string gets that far.
const nulMessage = 'must not contain NUL characters / 不能包含空字符 (U+0000)';
const surrogateMessage = 'must not contain unpaired UTF-16 surrogates / 不能包含无效的 Unicode 字符';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textIssue(s: string): string | null {
  if (s.includes('\u0000')) return nulMessage;
  if (loneSurrogate.test(s)) return surrogateMessage;
  return null;
}

/** Every string (and object key) in a request's input that the database could not store, by path. */
export function unsafeText(value: unknown, path: (string | number)[] = [], issues: FieldIssue[] = []): FieldIssue[] {
  if (typeof value === 'string') {
    const message = textIssue(value);
    if (message) issues.push({ path: path.join('.') || '(body)', message });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unsafeText(v, [...path, i], issues));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Blob)) {
    for (const [k, v] of Object.entries(value)) {
      const keyMessage = textIssue(k);
      if (keyMessage) issues.push({ path: [...path, k].join('.'), message: keyMessage });
      else unsafeText(v, [...path, k], issues);
    }
  }
  return issues;
}

export function fieldErrorBody(details: FieldIssue[]) {
  return {
    error: {
      code: 'validation_failed',
      message: `Invalid request / 请求有误: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    },
  };
}

/** The names a query schema accepts: an object's keys, looked for through wrappers (pipes, defaults). */
function queryNames(schema: unknown): Set<string> | null {
  let s = schema as { shape?: Record<string, unknown>; in?: unknown; _zod?: { def?: { innerType?: unknown; in?: unknown } } } | undefined;
  for (let depth = 0; s && depth < 5; depth += 1) {
    if (s.shape && typeof s.shape === 'object') return new Set(Object.keys(s.shape));
    s = (s._zod?.def?.in ?? s._zod?.def?.innerType) as typeof s;
  }
  return null;
}

/**
 * A query parameter the route does not know is refused, not ignored: a client filtering by a name
 * the route does not have (`/units?customerId=…`) would otherwise get everything back.
 */
export function refuseUnknownQuery(schema: unknown): MiddlewareHandler {
  const known = schema === undefined ? new Set<string>() : queryNames(schema);
  return async (c, next) => {
    if (known) {
      const unknown = Object.keys(c.req.queries()).filter((k) => !known.has(k));
      if (unknown.length > 0) {
        const named = (name: string) => (unsafeText(name).length ? '(query)' : name.length > 64 ? `${name.slice(0, 64)}…` : name);
        const issues = unknown.slice(0, 10).map((name) => ({ path: named(name), message: 'unknown query parameter / 未知的查询参数' }));
        return c.json(fieldErrorBody(issues), 400);
      }
    }
    await next();
  };
}
