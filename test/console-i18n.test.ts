import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../web/src/locales/en.js';
import { zh } from '../web/src/locales/zh.js';

// Everything a person reads in the console exists in Chinese and in English.
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('console messages', () => {
  it('has the same keys in Chinese and English, none empty', () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
    const text = (m: object, key: string) => key.split('.').reduce<any>((o, part) => o[part], m);
    for (const m of [zh, en]) expect(keys(m).filter((k) => typeof text(m, k) !== 'string' || text(m, k).trim() === '')).toEqual([]);
  });

  it('knows every fixed key the pages ask for, in both languages', () => {
    const used = new Set<string>();
    for (const file of sources(join(process.cwd(), 'web', 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)) used.add(m[1]);
      for (const m of readFileSync(file, 'utf8').matchAll(/label: '([a-z]+\.[a-zA-Z_]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(150);
    const known = new Set(keys(en));
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('names every order state, kind, action and history step the API has', async () => {
    const rules = await import('../src/modules/work-orders/work-orders.rules.js');
    const { roles } = await import('../src/kernel/permissions.js');
    for (const m of [zh, en]) {
      expect(rules.orderStatuses.filter((s) => !(s in m.status))).toEqual([]);
      expect(rules.orderKinds.filter((k) => !(k in m.kind))).toEqual([]);
      expect(rules.orderActions.filter((a) => !(a in m.action) || !(a in m.history))).toEqual([]);
      expect(rules.holdReasons.filter((h) => !(h in m.hold))).toEqual([]);
      expect(roles.filter((r) => !(r in m.role))).toEqual([]);
    }
  });
});
