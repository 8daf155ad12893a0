// The one way the console talks to the server: the public HTTP API, with the session cookie and,
// on writes, the session's CSRF token. Only the features' api.ts files (and the session's) call these
// helpers; pages call the typed functions those files declare (test/console-api.test.ts checks).
import type { z } from 'zod';
import i18n from '../i18n';

/** `zh`: the message in Chinese, where the server gives it beside the English. */
export type FieldError = { path: string; message: string; zh?: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[],
    /** The error's details as the server sent them, when they are not per-field (e.g. the orders that changed). */
    readonly raw: unknown = undefined,
  ) {
    super(message);
  }
  /** The message for one field, when the server named it. */
  field(path: string): string | undefined {
    const d = this.details.find((x) => x.path === path);
    return d && i18n.language?.startsWith('zh') && typeof d.zh === 'string' ? d.zh : d?.message;
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when the server says nobody is signed in (the session ended): the shell goes to sign-in. */
let onSignedOut: () => void = () => {};
export function whenSignedOut(handler: () => void) {
  onSignedOut = handler;
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file (a photo) goes as itself, typed by its own content type; anything else as JSON.
  const file = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = file ? body.type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : file ? body : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'network', []);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const details = Array.isArray(e?.details) ? (e.details as FieldError[]) : [];
    if (res.status === 401 && !path.startsWith('/auth/') && !path.startsWith('/portal/')) onSignedOut();
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? res.statusText, details, e?.details);
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** A query's parameters, named as the route's zod query schema names them. */
export type QueryOf<S extends z.ZodType> = { [K in keyof z.input<S>]?: string | number | null };

/** A query string from the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
