// Builds the console into web/dist when it is missing or older than its sources, so a clean clone's
// `npm start` and `npm test` find it built and a second run costs nothing. `--force` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('.', import.meta.url));
const built = join(web, 'dist', 'index.html');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export async function buildConsole({ force = false } = {}) {
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', '../package-lock.json'].map((p) => join(web, p)).filter(existsSync);
  if (!force && existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) return false;
  const { build } = await import('vite');
  // Under vitest NODE_ENV is 'test', and React's JSX would be built for development (jsxDEV, and
  // code the page's Content-Security-Policy refuses): the console is always built for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const made = await buildConsole({ force: process.argv.includes('--force') });
  process.stdout.write(made ? 'Console built into web/dist / 控制台已构建\n' : 'Console is up to date / 控制台无需重新构建\n');
}
