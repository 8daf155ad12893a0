import { describe, expect, it } from 'vitest';
import { maskBody, maskRecipient, notBefore, retryDelayMs, templateOf } from './notifications.rules.js';

const quiet = { from: '21:00', to: '08:00', zone: 'Asia/Shanghai' };

describe('quiet hours', () => {
  it('holds a non-urgent message written at night until 08:00 in the zone', () => {
    // 22:30 in Shanghai → 08:00 the next morning there (00:00 UTC).
    expect(notBefore(new Date('2026-06-01T14:30:00Z'), false, quiet).toISOString()).toBe('2026-06-02T00:00:00.000Z');
    // 03:00 in Shanghai → 08:00 the same morning.
    expect(notBefore(new Date('2026-06-01T19:00:00Z'), false, quiet).toISOString()).toBe('2026-06-02T00:00:00.000Z');
  });
  it('lets urgent messages and daytime messages go at once', () => {
    const night = new Date('2026-06-01T19:00:00Z');
    expect(notBefore(night, true, quiet)).toEqual(night);
    const day = new Date('2026-06-01T02:00:00Z'); // 10:00 in Shanghai
    expect(notBefore(day, false, quiet)).toEqual(day);
  });
  it("uses the recipient's zone when the message names one", () => {
    const at = new Date('2026-06-01T14:30:00Z'); // 22:30 Shanghai, 16:30 Berlin
    expect(notBefore(at, false, quiet, 'Europe/Berlin')).toEqual(at);
    // 23:00 Berlin (summer, UTC+2) → 08:00 Berlin = 06:00 UTC.
    expect(notBefore(new Date('2026-06-01T21:00:00Z'), false, quiet, 'Europe/Berlin').toISOString()).toBe('2026-06-02T06:00:00.000Z');
  });
  it('a window within one day, and none when from equals to', () => {
    const lunch = { from: '12:00', to: '13:30', zone: 'UTC' };
    expect(notBefore(new Date('2026-06-01T12:10:00Z'), false, lunch).toISOString()).toBe('2026-06-01T13:30:00.000Z');
    expect(notBefore(new Date('2026-06-01T13:30:00Z'), false, lunch).toISOString()).toBe('2026-06-01T13:30:00.000Z');
    const at = new Date('2026-06-01T23:00:00Z');
    expect(notBefore(at, false, { from: '00:00', to: '00:00', zone: 'UTC' })).toEqual(at);
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 8].map((a) => retryDelayMs(a, 30_000, 3600_000))).toEqual([30_000, 60_000, 120_000, 240_000, 3600_000]);
  });
});

describe('templates', () => {
  it('codes and the arrival notice are urgent; bookings and warnings wait', () => {
    expect(['portal_code', 'acceptance_code', 'technician_on_site'].map((t) => templateOf(t).urgent)).toEqual([true, true, true]);
    expect(['visit_booked', 'certification_expiring', 'something_new'].map((t) => templateOf(t).urgent)).toEqual([false, false, false]);
  });
});

describe('masking', () => {
  it('masks phones and addresses', () => {
    expect(maskRecipient('13812345678')).toBe('138****5678');
    expect(maskRecipient('wang.li@example.com')).toBe('w***@example.com');
    expect(maskBody('call 13812345678 or +8613912345678, mail a.b@x.cn', false)).toBe('call 138****5678 or 139****5678, mail a***@x.cn');
  });
  it("masks a secret template's code but not the order number", () => {
    const body = '【售后服务】您的工单 WO2606-000123 已完工，验收码 048213，请确认服务完成后告知师傅。72小时内有效。';
    const masked = maskBody(body, true);
    expect(masked).toContain('WO2606-000123');
    expect(masked).toContain('验收码 ••••••');
    expect(masked).not.toContain('048213');
    expect(maskBody('Your sign-in code is 123456. It is valid', true)).toBe('Your sign-in code is ••••••. It is valid');
    // Not a secret template: numbers stay.
    expect(maskBody('booked for 2026-06-02 09:00', false)).toBe('booked for 2026-06-02 09:00');
  });
});
