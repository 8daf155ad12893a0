// Whether an error means the database could not be reached (down, restarting, refusing new
// connections, the connection dropped mid-request), as opposed to a fault in what was asked.
// Such a request may succeed when retried later, so it is answered 503, not 500.

const marker = Symbol.for('aftercare.databaseUnreachable');

/** Marks an error met while opening a connection: whatever its code, the database was not reachable. */
export function markUnreachable<E>(err: E): E {
  if (err && typeof err === 'object') (err as Record<symbol, unknown>)[marker] = true;
  return err;
}

// SQLSTATE classes and codes: 08 connection exception, 57P01–57P03 the server shutting down or
// starting, 53300 too many connections, 3D000 the database is gone.
const unreachableCodes = /^(08...|57P0[1-3]|53300|3D000)$/;
const unreachableSystemCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const unreachableMessages = [
  /^Connection terminated/, // pg: the socket closed under a client, or its connection timeout
  /timeout exceeded when trying to connect/, // pg-pool: no connection within connectionTimeoutMillis
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /terminating connection due to administrator command/,
  /is not currently accepting connections/,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  // Drizzle wraps the driver's error as `cause`; follow the chain a few links.
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const o = e as { code?: unknown; message?: unknown; [marker]?: unknown };
    if (o[marker]) return true;
    if (typeof o.code === 'string' && (unreachableCodes.test(o.code) || unreachableSystemCodes.has(o.code))) return true;
    if (typeof o.message === 'string' && unreachableMessages.some((m) => m.test(o.message as string))) return true;
  }
  return false;
}

/** The innermost error's message: the driver's words, without the query text and parameters a wrapper adds. */
export function rootMessage(err: unknown): string {
  let e = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object' && (e as { cause?: unknown }).cause; depth++) e = (e as { cause?: unknown }).cause;
  return e instanceof Error ? e.message : String(e);
}
