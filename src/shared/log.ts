// Structured JSON logs (pino) and the request id that follows a request into the jobs it enqueues.
// What is logged is chosen, never a request's body, query or path with ids: the route template,
// the status, the time and ids of requests and jobs — no names, phones or addresses.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** A JSON logger to stdout (the server) or to any stream (tests read what was written). */
export function createLogger(destination?: DestinationStream, level = process.env.AFTERCARE_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'aftercare' }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? pino.destination(1));
}

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the request (or the job a request made) this code runs for, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** Runs `fn` as part of request `requestId` (a fresh id when none is given). */
export function withRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return requestContext.run({ requestId: requestId ?? randomUUID() }, fn);
}

/** A client's own request id is kept only when it is short and plain (it goes into every log line). */
export function acceptableRequestId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : undefined;
}
