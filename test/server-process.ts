// The real server as a child process (`src/cli.ts start`), for the tests and benches that kill
// it, cut its database off, or restart it on the same data.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export type ServerProcess = {
  child: ChildProcess;
  base: string;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string | null>;
};

/** Starts `aftercare start`; env holds DATABASE_URL or AFTERCARE_DATA_DIR (and anything else). */
export function startServerProcess(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string | null>((ok) => child.once('exit', (code, signal) => ok(code ?? signal)));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 60 s: ${out}`)), 60_000);
    const onData = () => {
      if (!out.includes('listening')) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      ok({ child, base: `http://127.0.0.1:${port}`, output: () => out, exited });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`server exited ${code}: ${out}`));
    });
  });
}

/** SIGTERM, then waits for the process to end (SIGKILL after 20 s). */
export async function stopServerProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  await server.exited;
  clearTimeout(timer);
}

export type Answer = { status: number; body: any; ms: number; error?: string };

/**
 * Calls as many clients would: each call takes the next of several API tokens and comes from a
 * different forwarded address (the server trusts 127.0.0.1 as its proxy), so the per-token and
 * per-address rate limits measure nothing here. Status 0: no answer (timeout or refused).
 */
export function httpCaller(base: () => string, tokens: string[], timeoutMs: number) {
  let n = 0;
  return async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    n += 1;
    const t0 = performance.now();
    const headers: Record<string, string> = {
      authorization: `Bearer ${tokens[n % tokens.length]}`,
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await fetch(`${base()}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      let json: unknown = text;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: json, ms: performance.now() - t0 };
    } catch (err) {
      return { status: 0, body: undefined, ms: performance.now() - t0, error: (err as Error).name === 'TimeoutError' ? 'timeout' : String((err as Error).cause ?? err) };
    }
  };
}
