// What an unexpected error leaves in the log. A failed query's parameters are the request's data
// (names, phones, addresses, notes), and so are the values PostgreSQL quotes back in its messages
// (`invalid input syntax for type date: "…"`): the log keeps the statement, the error's code and
// where it was thrown, never the values.

type ErrorLike = { name?: string; message?: string; stack?: string; cause?: unknown; code?: unknown; query?: unknown };

/** A message without parameter lists or quoted values. */
function withoutValues(message: string): string {
  return message
    .replace(/\nparams: [\s\S]*$/, '')
    .replace(/: "[\s\S]*"$/, ': "…"')
    .replace(/(\bKey \([^)]*\)=)\([^)]*\)/g, '$1(…)');
}

function framesOf(stack: string | undefined): string {
  return (stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
}

export function describeInternalError(err: unknown): string {
  if (typeof err !== 'object' || err === null) return `internal error: ${typeof err}`;
  const e = err as ErrorLike;
  const lines = [`${e.name ?? 'Error'}: ${withoutValues(String(e.message ?? ''))}`];
  let cause = e.cause as ErrorLike | undefined;
  for (let depth = 0; cause && typeof cause === 'object' && depth < 3; depth += 1) {
    lines.push(`  cause: ${cause.name ?? 'Error'}${typeof cause.code === 'string' ? ` [${cause.code}]` : ''}: ${withoutValues(String(cause.message ?? ''))}`);
    cause = cause.cause as ErrorLike | undefined;
  }
  const frames = framesOf(e.stack);
  if (frames) lines.push(frames);
  return lines.join('\n');
}
