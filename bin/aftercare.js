#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `aftercare` works straight from a clone.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const result = spawnSync(process.execPath, ['--import', require.resolve('tsx/esm'), cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
