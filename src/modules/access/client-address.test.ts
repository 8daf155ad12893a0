import { describe, expect, it } from 'vitest';
import { forwardedClient, plainAddress } from './client-address.js';

describe('the client address behind proxies', () => {
  const trusted = new Set(['127.0.0.1', '10.0.0.2']);

  it('believes X-Forwarded-For only from a trusted proxy, reading from the nearest hop back', () => {
    expect(forwardedClient('127.0.0.1', '203.0.113.7', trusted)).toBe('203.0.113.7');
    // A client cannot plant an address: the entry its trusted proxy appended is the one taken.
    expect(forwardedClient('127.0.0.1', '1.2.3.4, 203.0.113.7', trusted)).toBe('203.0.113.7');
    // Two trusted proxies in a row are skipped.
    expect(forwardedClient('127.0.0.1', '203.0.113.7, 10.0.0.2', trusted)).toBe('203.0.113.7');
    expect(forwardedClient('::ffff:127.0.0.1', '2001:db8::1', trusted)).toBe('2001:db8::1');
  });

  it('keeps the socket address otherwise', () => {
    expect(forwardedClient('198.51.100.9', '203.0.113.7', trusted)).toBe('198.51.100.9');
    expect(forwardedClient('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
    expect(forwardedClient(null, '203.0.113.7', trusted)).toBeNull();
    // Garbage stops the walk at the last good hop.
    expect(forwardedClient('127.0.0.1', 'not-an-address', trusted)).toBe('127.0.0.1');
    expect(forwardedClient('127.0.0.1', 'evil, 203.0.113.7', trusted)).toBe('203.0.113.7');
  });

  it('compares IPv4 reached over IPv6 in its plain form', () => {
    expect(plainAddress('::FFFF:10.0.0.2')).toBe('10.0.0.2');
    expect(plainAddress('2001:DB8::1')).toBe('2001:db8::1');
  });
});
