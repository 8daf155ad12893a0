import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseOf } from '../src/shared/errors-zh.js';
import { invalid } from '../src/shared/errors.js';

// Every error a person reads is in both languages (issue 15: "some errors are English only").
// Services name a bad field with `invalid(path, 'english')`; the Chinese comes from
// src/shared/errors-zh.ts. This finds every literal message in src/ and asks for its Chinese.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const call = /\binvalid\(\s*(?:'[^']*'|`[^`]*`|[A-Za-z_.]+)\s*,\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`)/g;

describe('error messages in both languages', () => {
  it('has the Chinese of every English message a service passes to invalid()', () => {
    const missing: string[] = [];
    let found = 0;
    for (const file of sources(join(process.cwd(), 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(call)) {
        found += 1;
        const literal = m[1];
        // A template's values stand in as a word, as they would in a real message.
        const message = literal.slice(1, -1).replace(/\\'/g, "'").replace(/\$\{[^}]*\}/g, 'X1');
        if (/\p{Script=Han}/u.test(message)) continue;
        if (!chineseOf(message)) missing.push(`${file.replace(process.cwd() + '/', '')}: ${message}`);
      }
    }
    expect(found).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it('puts both languages in the message and the Chinese beside the field', () => {
    const e = invalid('reason', 'a reason is needed to reassign');
    expect(e.message).toBe('reason: a reason is needed to reassign / 改派需填写原因');
    expect(e.details).toEqual([{ path: 'reason', message: 'a reason is needed to reassign', zh: '改派需填写原因' }]);
    expect(invalid('causeCode', 'not a cause under symptom S01').message).toBe('causeCode: not a cause under symptom S01 / 不是故障现象 S01 下的原因代码');
    // Already bilingual: left as it is.
    expect(invalid('date', 'must not be in the future / 不能晚于今天').message).toBe('date: must not be in the future / 不能晚于今天');
  });
});
