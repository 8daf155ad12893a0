import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkImage } from './image-check.js';
import { realJpeg, realPng, realWebp } from '../../../test/images.js';

const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');

describe('checking an uploaded image', () => {
  it('accepts well-formed PNG, JPEG and WebP', () => {
    expect(checkImage(realPng)).toEqual({ ok: true, type: 'image/png' });
    expect(checkImage(realJpeg)).toEqual({ ok: true, type: 'image/jpeg' });
    expect(checkImage(realWebp)).toEqual({ ok: true, type: 'image/webp' });
  });

  it('refuses anything after the image ends, and a header with no image behind it', () => {
    expect(checkImage(join(realPng, html))).toEqual({ ok: false, problem: 'bytes after the PNG end' });
    expect(checkImage(join(realJpeg, html))).toEqual({ ok: false, problem: 'bytes after the JPEG end' });
    expect(checkImage(join(realWebp, html))).toEqual({ ok: false, problem: 'WebP size does not match the file' });
    expect(checkImage(join(realPng.subarray(0, 8), html)).ok).toBe(false);
    expect(checkImage(join(realJpeg.subarray(0, 3), html)).ok).toBe(false);
    expect(checkImage(realPng.subarray(0, realPng.length - 12))).toEqual({ ok: false, problem: 'PNG has no IEND' });
  });

  it('refuses a broken chunk and script hidden in a well-formed one', () => {
    const flipped = new Uint8Array(realPng);
    flipped[20] ^= 1; // inside IHDR
    expect(checkImage(flipped)).toEqual({ ok: false, problem: 'PNG chunk IHDR has a wrong CRC' });
    const text = join(new TextEncoder().encode('tEXtComment\0'), html);
    const chunk = join(new Uint8Array(4), text, new Uint8Array(4));
    const view = new DataView(chunk.buffer, chunk.byteOffset);
    view.setUint32(0, text.length - 4);
    view.setUint32(chunk.length - 4, crc32(text));
    expect(checkImage(join(realPng.subarray(0, 33), chunk, realPng.subarray(33)))).toEqual({ ok: false, problem: 'carries markup or script' });
  });
});
