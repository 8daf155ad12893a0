import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/** Where `npm run build:web` puts the console (web/dist). */
export const consoleDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

const notBuilt = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Aftercare</title></head><body>
<h1>The console is not built / 控制台尚未构建</h1><p>Run <code>npm run build:web</code> (npm start does it for you). 请运行 <code>npm run build:web</code>。</p></body></html>`;

/**
 * Serves the built console on every GET whose first path segment is not one the API publishes:
 * its files as they are, and index.html for any other path, where the console's router takes over.
 * Mounted before sign-in and rate limits: the page and its files are public, the data is not.
 */
export function serveConsole(apiSegments: () => ReadonlySet<string>, dist = consoleDist): MiddlewareHandler {
  // Made once the console is there: serveStatic complains at once about a missing folder.
  let files: MiddlewareHandler | null = null;
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const segment = c.req.path.split('/')[1] ?? '';
    if (apiSegments().has(segment)) return next();
    const index = join(dist, 'index.html');
    if (!existsSync(index)) return c.html(notBuilt, 503);
    files ??= serveStatic({ root: dist });
    const serveIndex = async () => {
      c.res = c.html(await readFile(index, 'utf8'), 200, { 'cache-control': 'no-cache' });
    };
    if (segment === 'assets') {
      // Built file names carry a content hash, so a browser may keep them for good.
      c.header('cache-control', 'public, max-age=31536000, immutable');
      return files(c, async () => {
        c.res = c.text('Not found / 文件不存在', 404, { 'cache-control': 'no-store' });
      });
    }
    if (segment.includes('.')) return files(c, serveIndex);
    await serveIndex();
  };
}
