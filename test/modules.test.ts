import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { modules } from '../src/modules.js';
import { openDatabase } from '../src/db/database.js';
import { createServices } from '../src/server/services.js';
import { manualClock } from './harness.js';

// One registration point: a module is one folder and one line on the list; nothing else names it.
describe('the module list (src/modules.ts)', () => {
  const folders = readdirSync(new URL('../src/modules/', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const database = openDatabase({ engine: 'pglite' });
  afterAll(async () => (await database).close());

  it('names every module folder once', () => {
    expect(modules.list.map((m) => m.name).sort()).toEqual([...folders].sort());
  });

  it("gives each module its own tables file's tables", async () => {
    for (const m of modules.list) {
      const file = (await import(`../src/modules/${m.name}/${m.name}.tables.ts`)) as Record<string, unknown>;
      expect(Object.keys(m.tables).sort(), m.name).toEqual(Object.keys(file).sort());
    }
  });

  it('keeps table objects out of every index.ts: other modules get query functions or SQL fragments', async () => {
    for (const m of modules.list) {
      const index = (await import(`../src/modules/${m.name}/index.ts`)) as Record<string, unknown>;
      const tables = new Set(Object.values(m.tables));
      expect(Object.keys(index).filter((name) => tables.has(index[name])), m.name).toEqual([]);
    }
  });

  it('is the only place the root learns of a module: the root builds no service by hand', () => {
    for (const file of ['server/services.ts', 'server/http.ts', 'server/base.ts', 'main.ts']) {
      const source = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      expect(source.match(/\bcreate\w+Service\(/g) ?? [], file).toEqual([]);
    }
  });

  it("builds each module's services, and gives work orders every module's followers in list order", async () => {
    const services = createServices(await database, manualClock());
    const names: string[] = [];
    for (const m of modules.list) {
      const made = Object.keys(m.build(services) as object);
      expect(made.length, m.name).toBeGreaterThan(0);
      for (const key of made) expect(services, `${m.name}: ${key}`).toHaveProperty(key);
      names.push(...(m.followers?.(services as never) ?? []).map((f) => f.name));
    }
    expect(services.followers.map((f) => f.name)).toEqual(names);
    expect(names).toEqual(['geocoding', 'live', 'evidence', 'promises', 'dispatch', 'fees', 'returns', 'follow-ups', 'fraud', 'complaints', 'audits', 'care', 'webhooks']);
  });
});
