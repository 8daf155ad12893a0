import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, policyWithTiles, tileOrigins } from './security-headers.js';

describe('the Content-Security-Policy and the board map tiles', () => {
  it('lets in nothing more without a tile server', () => {
    expect(policyWithTiles(undefined)).toBe(contentSecurityPolicy);
    expect(policyWithTiles(null)).toBe(contentSecurityPolicy);
  });
  it("lets the tile server's origin in for images and connections only", () => {
    const p = policyWithTiles('https://tiles.example.com:8443/osm/{z}/{x}/{y}.png');
    expect(p.imgSrc).toEqual([...contentSecurityPolicy.imgSrc, 'https://tiles.example.com:8443']);
    expect(p.connectSrc).toEqual(["'self'", 'https://tiles.example.com:8443']);
    expect(p.scriptSrc).toEqual(["'self'"]);
    expect(p.defaultSrc).toEqual(["'self'"]);
    expect(contentSecurityPolicy.imgSrc).not.toContain('https://tiles.example.com:8443');
  });
  it('lets in each server a {s} template names, and no other', () => {
    const p = policyWithTiles('https://{s}.tile.example/{z}/{x}/{y}.png', ['a', 'b', 'c']);
    const origins = ['https://a.tile.example', 'https://b.tile.example', 'https://c.tile.example'];
    expect(p.imgSrc).toEqual([...contentSecurityPolicy.imgSrc, ...origins]);
    expect(p.connectSrc).toEqual(["'self'", ...origins]);
    expect(tileOrigins('https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}', ['1', '2'])).toEqual(['https://webrd01.is.autonavi.com', 'https://webrd02.is.autonavi.com']);
    // No {s}: the subdomains are not used; the same origin twice is let in once.
    expect(tileOrigins('https://tiles.example.com/{z}/{x}/{y}.png', ['a', 'b'])).toEqual(['https://tiles.example.com']);
    expect(tileOrigins('https://tiles.example.com/{s}/{z}/{x}/{y}.png', ['a', 'b'])).toEqual(['https://tiles.example.com']);
  });
});
