import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './solver/checker.js';
import { parseSolomon } from './solver/formats.js';
import { SMALL_SOLOMON } from './solver/testing/fixtures.js';

const root = new URL('../../../', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync('npx', ['tsx', 'src/cli.ts', 'solve', ...args], { cwd: root, encoding: 'utf8' });

describe('aftercare solve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-solve-'));
  const file = join(dir, 'tiny.txt');
  writeFileSync(file, SMALL_SOLOMON);

  it('prints a checked VROOM-shaped solution for a Solomon file', () => {
    const r = run(file, '--iterations', '100', '--seed', '3', '--objective', 'travel');
    expect(r.status).toBe(0);
    const sol = JSON.parse(r.stdout);
    expect(sol.code).toBe(0);
    expect(checkSolution(parseSolomon(SMALL_SOLOMON), sol).errors).toEqual([]);
    expect(sol.summary.unassigned).toBe(0);
  });

  it('gives the same answer twice for the same seed', () => {
    const a = JSON.parse(run(file, '--iterations', '200', '--seed', '9').stdout);
    const b = JSON.parse(run(file, '--iterations', '200', '--seed', '9').stdout);
    delete a.summary.computing_times;
    delete b.summary.computing_times;
    expect(a).toEqual(b);
  });

  it('runs several seeds in worker threads and returns the best valid plan', () => {
    const r = run(file, '--iterations', '50', '--threads', '2');
    expect(r.status).toBe(0);
    expect(checkSolution(parseSolomon(SMALL_SOLOMON), JSON.parse(r.stdout)).errors).toEqual([]);
  });

  it('rejects unknown options and missing files', () => {
    expect(run(file, '--bogus').status).toBe(2);
    expect(run(join(dir, 'missing.json')).status).toBe(2);
  });
});
