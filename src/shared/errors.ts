import { chineseOf } from './errors-zh.js';

// Every error a person can cause carries a stable code, an HTTP status and a message in both
// languages; details name fields by path so a form can point at them.
export type ErrorDetail = { path: string; message: string; [k: string]: unknown };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 423 | 429,
    message: string,
    readonly details: ErrorDetail[] | Record<string, unknown> = [],
  ) {
    super(message);
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError(`${what}_not_found`, 404, `${what} ${id} not found / 未找到`, [{ path: 'id', message: 'not found' }]);
}

/** A 400 naming the field; an English message gets its Chinese (errors-zh.ts), in the message and as the detail's `zh`. */
export function invalid(path: string, message: string, code = 'validation_failed'): AppError {
  const zh = chineseOf(message);
  return zh ? new AppError(code, 400, `${path}: ${message} / ${zh}`, [{ path, message, zh }]) : new AppError(code, 400, `${path}: ${message}`, [{ path, message }]);
}

export function conflict(code: string, message: string, details: ErrorDetail[] | Record<string, unknown> = []): AppError {
  return new AppError(code, 409, message, details);
}
