import { describe, expect, it } from 'vitest';
import { serialChanges, type CompletionFacts, type Rule } from './evidence.rules.js';

const rule = (serials: string[]): Rule => ({ photos: [], serials, readings: [], faultCodes: false });
const facts = (confirmed: string[], replacement: CompletionFacts['replacement'], known = [{ role: 'indoor', serial: 'IN1' }, { role: 'outdoor', serial: 'OUT1' }]): CompletionFacts => ({
  photoCounts: {}, known, confirmed, readings: {}, replacement, faultCodesGiven: false,
});

describe('serialChanges: which confirmed serial replaces which of the unit', () => {
  it('maps a new serial to the rule role whose serial was not confirmed', () => {
    expect(serialChanges(rule(['indoor', 'outdoor']), facts(['IN1', 'OUT2'], 'part'))).toEqual([{ role: 'outdoor', fromSerial: 'OUT1', toSerial: 'OUT2' }]);
    expect(serialChanges(rule(['indoor', 'outdoor']), facts(['IN2', 'OUT2'], 'unit'))).toEqual([
      { role: 'indoor', fromSerial: 'IN1', toSerial: 'IN2' },
      { role: 'outdoor', fromSerial: 'OUT1', toSerial: 'OUT2' },
    ]);
  });

  it('changes nothing without a replacement, or when every serial was confirmed', () => {
    expect(serialChanges(rule(['indoor', 'outdoor']), facts(['IN1', 'OUT2'], null))).toEqual([]);
    expect(serialChanges(rule(['indoor', 'outdoor']), facts(['IN1', 'OUT1'], 'unit'))).toEqual([]);
  });

  it('fills a role the unit had no serial for, replacement or not', () => {
    expect(serialChanges(rule(['indoor', 'outdoor']), facts(['IN1', 'OUT9'], null, [{ role: 'indoor', serial: 'IN1' }]))).toEqual([{ role: 'outdoor', fromSerial: null, toSerial: 'OUT9' }]);
  });

  it("a part replacement never rewrites the whole unit's plate", () => {
    expect(serialChanges(rule(['main']), facts(['M2'], 'part', [{ role: 'main', serial: 'M1' }]))).toEqual([]);
    expect(serialChanges(rule(['main']), facts(['M2'], 'unit', [{ role: 'main', serial: 'M1' }]))).toEqual([{ role: 'main', fromSerial: 'M1', toSerial: 'M2' }]);
  });

  it('without rule roles, only when the new serials match the unconfirmed roles one for one', () => {
    expect(serialChanges(rule([]), facts(['X'], 'part'))).toEqual([]);
    expect(serialChanges(rule([]), facts(['IN1', 'OUT3'], 'part'))).toEqual([{ role: 'outdoor', fromSerial: 'OUT1', toSerial: 'OUT3' }]);
  });
});
