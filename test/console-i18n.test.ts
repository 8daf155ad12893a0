import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** Each area's pair of message files: web/src/shared/locales and web/src/features/<area>/locales. */
const web = join(process.cwd(), 'web', 'src');
const areaFiles = sources(web).filter((f) => /[/\\]locales[/\\]en\.ts$/.test(f) && dirname(dirname(f)) !== web);
async function areas() {
  return Promise.all(
    areaFiles.map(async (f) => ({
      area: relative(web, dirname(dirname(f))),
      en: ((await import(pathToFileURL(f).href)) as { en: object }).en,
      zh: ((await import(pathToFileURL(join(dirname(f), 'zh.ts')).href)) as { zh: object }).zh,
    })),
  );
}

describe('console messages', () => {
  it('has each area’s messages in both languages, the same keys, none empty', async () => {
    const all = await areas();
    expect(all.map((a) => a.area)).toEqual(expect.arrayContaining(['shared', 'features/work-orders', 'features/training', 'features/promises']));
    const text = (m: object, key: string) => key.split('.').reduce<any>((o, part) => o[part], m);
    for (const a of all) {
      expect({ area: a.area, keys: keys(a.zh).sort() }).toEqual({ area: a.area, keys: keys(a.en).sort() });
      for (const m of [a.zh, a.en]) expect(keys(m).filter((k) => typeof text(m, k) !== 'string' || text(m, k).trim() === '')).toEqual([]);
    }
  });

  it('merges the areas into one resource, each group of keys owned by one area', async () => {
    const all = await areas();
    const owners = new Map<string, string[]>();
    for (const a of all) for (const group of Object.keys(a.en)) owners.set(group, [...(owners.get(group) ?? []), a.area]);
    // Two areas with one group would overwrite each other in the merge.
    expect([...owners].filter(([, o]) => o.length > 1)).toEqual([]);
    expect(keys(en).sort()).toEqual(all.flatMap((a) => keys(a.en)).sort());
    expect(keys(zh).sort()).toEqual(all.flatMap((a) => keys(a.zh)).sort());
  });

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
