import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modules } from '../src/modules.js';

// One registration point: a module folder that is not on the list would have no routes, no jobs.
describe('the module list (src/modules.ts)', () => {
  const folders = readdirSync(new URL('../src/modules/', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

  it('names every module folder once', () => {
    expect(modules.map((m) => m.name).sort()).toEqual([...folders].sort());
  });

  it("gives each module its own tables file's tables", async () => {
    for (const m of modules) {
      const file = (await import(`../src/modules/${m.name}/${m.name}.tables.ts`)) as Record<string, unknown>;
      expect(Object.keys(m.tables).sort(), m.name).toEqual(Object.keys(file).sort());
    }
  });
});
