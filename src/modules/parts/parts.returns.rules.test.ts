import { describe, expect, it } from 'vitest';
import { claimsFromSupplier, inspectionRefusal, onTimeRate, returnOutcome, serialMatches, type Fate, type InspectionState } from './parts.returns.rules.js';

const d = (s: string) => new Date(`2026-06-${s}Z`);

describe('old-part returns, pure', () => {
  it.each([
    // shipped, missing, as of → outcome (due the 17th at noon)
    ['10T00:00:00', null, '12T00:00:00', 'on_time'],
    ['17T12:00:00', null, '20T00:00:00', 'on_time'],
    ['18T00:00:00', null, '20T00:00:00', 'late'],
    // Shipped late, but read as it stood before it shipped: missing then.
    ['18T00:00:00', null, '17T13:00:00', 'missing'],
    [null, null, '17T11:00:00', 'open'],
    [null, null, '18T00:00:00', 'missing'],
    ['10T00:00:00', '12T00:00:00', '20T00:00:00', 'missing'],
    // Found missing after the instant read: it stood on time then.
    ['10T00:00:00', '12T00:00:00', '11T00:00:00', 'on_time'],
  ] as const)('shipped %s, missing %s, read at %s → %s', (shipped, missing, asOf, outcome) => {
    expect(returnOutcome({ dueAt: d('17T12:00:00'), shippedAt: shipped ? d(shipped) : null, missingAt: missing ? d(missing) : null }, d(asOf))).toBe(outcome);
  });

  it('rates on time over the decided ones only', () => {
    expect(onTimeRate(['on_time', 'on_time', 'late', 'missing', 'open'])).toEqual({ onTime: 2, late: 1, missing: 1, open: 1, rate: 0.5 });
    expect(onTimeRate(['open']).rate).toBeNull();
    expect(onTimeRate(['on_time', 'late', 'late']).rate).toBe(0.3333);
  });

  it.each([
    ['confirmed_faulty', 'supplier', 1, true, null],
    ['confirmed_faulty', 'scrap', 1, true, null],
    ['confirmed_faulty', 'stock', 1, true, 'fate'],
    ['no_fault_found', 'stock', 1, true, null],
    ['damaged_in_transit', 'repair', 1, true, null],
    ['not_ours', 'scrap', 1, false, null],
    ['not_ours', 'supplier', 1, false, 'fate'],
    ['no_fault_found', 'stock', 1, false, 'state'],
    ['no_fault_found', 'stock', 0, true, 'quantityReceived'],
    ['no_fault_found', 'stock', 3, true, 'quantityReceived'],
  ] as const)('inspection %s → %s (received %d, type matches %s): refused at %s', (state, fate, received, typeMatches, path) => {
    const r = inspectionRefusal({ state: state as InspectionState, fate: fate as Fate, quantityReceived: received, quantity: 2, typeMatches });
    expect(r?.path ?? null).toBe(path);
    if (r) expect(r.zh).toBeTruthy();
  });

  it('claims from the supplier for a confirmed fault only; serials match ignoring case and spaces', () => {
    expect(claimsFromSupplier('confirmed_faulty')).toBe(true);
    expect(claimsFromSupplier('no_fault_found')).toBe(false);
    expect(serialMatches(' ab-1 ', 'AB-1')).toBe(true);
    expect(serialMatches('AB-1', null)).toBe(false);
    expect(serialMatches(null, 'AB-1')).toBeNull();
  });
});
