import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The console mirrors the server's modules: web/src/features/<module>/ holds an area's pages and its
// typed client (api.ts); web/src/shared/ holds what every area uses. These rules keep it so.
const root = join(process.cwd(), 'web', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const files = sources(root).map((path) => ({ path, rel: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));
/** A module's client, or the session's own calls: the only files that may use the raw helpers. */
const isClient = (rel: string) => /^features\/[^/]+\/api\.ts$/.test(rel) || rel === 'shared/api.ts' || rel === 'shared/session-api.ts';
const importsOf = (text: string) => [...text.matchAll(/^import\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)'/gm)].map((m) => ({ typeOnly: !!m[1], names: m[2], from: m[3] }));

describe('console layout', () => {
  it('finds the features and their clients', () => {
    const clients = files.filter((f) => isClient(f.rel) && f.rel.startsWith('features/'));
    expect(clients.length).toBeGreaterThanOrEqual(10);
  });

  it('calls the server only through the modules’ typed clients, never the raw helper with a path', () => {
    const raw = /(?<![.\w])(get|post|patch|api)\s*(<[^>]*>)?\s*\(\s*(['`]|'[A-Z]+',\s*['`])/;
    expect(['get<Order>(`/work-orders/${id}`)', "post('/units', body)", "api('PATCH', `/calendars/${id}`, body)"].every((s) => raw.test(s))).toBe(true);
    expect(raw.test("params.get('offset')")).toBe(false);
    const offenders = files.filter((f) => !isClient(f.rel) && raw.test(f.text)).map((f) => f.rel);
    expect(offenders).toEqual([]);
    // Nor do they import the helpers at all: ApiError and the query builder's types are what pages may use.
    const helperImports = files
      .filter((f) => !isClient(f.rel))
      .flatMap((f) => importsOf(f.text).filter((i) => posix.join(posix.dirname(f.rel), i.from) === 'shared/api').map((i) => ({ file: f.rel, names: i.names })))
      .filter(({ names }) => /\b(get|post|patch|api)\b/.test(names.replace(/ApiError|FieldError/g, '')));
    expect(helperImports).toEqual([]);
  });

  it('keeps the clients leaves: an api.ts imports only shared code and the server’s contract types', () => {
    const wrong = files
      .filter((f) => /^features\/[^/]+\/api\.ts$/.test(f.rel))
      .flatMap((f) => importsOf(f.text).filter((i) => i.from.startsWith('.') && !i.from.startsWith('../../shared/') && !(i.typeOnly && i.from.startsWith('../../../../src/'))).map((i) => `${f.rel} → ${i.from}`));
    expect(wrong).toEqual([]);
  });

  it('crosses from one feature to another only through its index.ts (components) or its api.ts (client)', () => {
    const wrong = files
      .filter((f) => f.rel.startsWith('features/'))
      .flatMap((f) => {
        const own = f.rel.split('/')[1];
        return importsOf(f.text)
          .map((i) => i.from)
          .filter((from) => from.startsWith('../') && !from.startsWith('../../'))
          .filter((from) => {
            const [, other, ...rest] = from.split('/');
            return other !== own && !(rest.length === 0 || (rest.length === 1 && rest[0] === 'api'));
          })
          .map((from) => `${f.rel} → ${from}`);
      });
    expect(wrong).toEqual([]);
  });

  it('keeps shared code free of features, and the app shell on the features’ index files', () => {
    const sharedWrong = files
      .filter((f) => f.rel.startsWith('shared/'))
      .flatMap((f) => importsOf(f.text).filter((i) => i.from.includes('features/')).map((i) => `${f.rel} → ${i.from}`));
    expect(sharedWrong).toEqual([]);
    // The shell's static imports name features by folder; the pages with charts load lazily by path.
    const shell = files.find((f) => f.rel === 'App.tsx')!;
    expect(importsOf(shell.text).filter((i) => /^\.\/features\/[^/]+\/./.test(i.from)).map((i) => i.from)).toEqual([]);
  });
});
