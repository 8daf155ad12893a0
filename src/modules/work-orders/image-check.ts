// Structural checks of an uploaded photo. Pure: bytes in, a verdict out.
//
// A file that starts like a PNG but carries HTML and script after it (a polyglot) would run as a
// page wherever it is sniffed or opened as HTML. Re-encoding would need a native image library;
// instead every byte must belong to the image's own structure (PNG: signature, chunks with their
// CRCs, IEND last with nothing after; JPEG: SOI, length-prefixed segments, entropy data, EOI last;
// WebP: RIFF size = file size, chunks filling it exactly) and no markup may hide in the metadata.
import { crc32 } from 'node:zlib';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';
export type ImageVerdict = { ok: true; type: ImageType } | { ok: false; problem: string };

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The file's first bytes decide its type, not what the client says it is. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && pngSignature.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

/** Whether the bytes are one well-formed JPEG, PNG or WebP image and nothing else. */
export function checkImage(bytes: Uint8Array): ImageVerdict {
  const type = sniffImage(bytes);
  if (!type) return { ok: false, problem: 'not a JPEG, PNG or WebP image' };
  const problem = type === 'image/png' ? pngProblem(bytes) : type === 'image/jpeg' ? jpegProblem(bytes) : webpProblem(bytes);
  if (problem) return { ok: false, problem };
  if (markup.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))) return { ok: false, problem: 'carries markup or script' };
  return { ok: true, type };
}

// Eight fixed bytes by chance in compressed data are vanishingly rare; in metadata they are an attack.
const markup = /<(script|html|body|iframe|object|embed|svg|!doctype)|javascript:/i;

function ascii(b: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...b.subarray(at, at + n));
}

const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
const u32le = (b: Uint8Array, at: number) => b[at] + (b[at + 1] << 8) + (b[at + 2] << 16) + ((b[at + 3] << 24) >>> 0);

function pngProblem(b: Uint8Array): string | null {
  let at = 8;
  let first = true;
  let sawData = false;
  while (at < b.length) {
    if (at + 12 > b.length) return 'PNG chunk cut short';
    const length = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return 'PNG chunk type is not four letters';
    if (length > 0x7fffffff || at + 12 + length > b.length) return `PNG chunk ${type} runs past the end`;
    if (first && (type !== 'IHDR' || length !== 13)) return 'PNG does not start with IHDR';
    const crc = u32be(b, at + 8 + length);
    if (crc32(b.subarray(at + 4, at + 8 + length)) !== crc) return `PNG chunk ${type} has a wrong CRC`;
    first = false;
    if (type === 'IDAT') sawData = true;
    at += 12 + length;
    if (type === 'IEND') {
      if (length !== 0) return 'PNG IEND is not empty';
      if (!sawData) return 'PNG has no image data';
      return at === b.length ? null : 'bytes after the PNG end';
    }
  }
  return 'PNG has no IEND';
}

function jpegProblem(b: Uint8Array): string | null {
  let at = 2;
  let sawFrame = false;
  let sawScan = false;
  while (at < b.length) {
    if (b[at] !== 0xff) return 'JPEG segment does not start with a marker';
    while (b[at] === 0xff && at < b.length) at++; // fill bytes
    if (at >= b.length) return 'JPEG cut short';
    const marker = b[at++];
    if (marker === 0xd9) {
      if (!sawFrame || !sawScan) return 'JPEG has no frame or no scan';
      return at === b.length ? null : 'bytes after the JPEG end';
    }
    if (marker === 0x00 || marker === 0xd8) return 'JPEG has a stray marker';
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (at + 2 > b.length) return 'JPEG cut short';
    const length = (b[at] << 8) + b[at + 1];
    if (length < 2 || at + length > b.length) return 'JPEG segment runs past the end';
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) sawFrame = true;
    at += length;
    if (marker === 0xda) {
      sawScan = true;
      // Entropy-coded data: up to the next marker that is neither a stuffed 0xFF00 nor a restart.
      while (at < b.length) {
        if (b[at] === 0xff && at + 1 < b.length && b[at + 1] !== 0x00 && !(b[at + 1] >= 0xd0 && b[at + 1] <= 0xd7) && b[at + 1] !== 0xff) break;
        at++;
      }
    }
  }
  return 'JPEG has no end marker';
}

function webpProblem(b: Uint8Array): string | null {
  const size = u32le(b, 4);
  if (size + 8 !== b.length) return 'WebP size does not match the file';
  let at = 12;
  let first = true;
  while (at < b.length) {
    if (at + 8 > b.length) return 'WebP chunk cut short';
    const fourcc = ascii(b, at, 4);
    const length = u32le(b, at + 4);
    if (first && !['VP8 ', 'VP8L', 'VP8X'].includes(fourcc)) return 'WebP does not start with an image chunk';
    first = false;
    at += 8 + length + (length % 2);
    if (at > b.length) return `WebP chunk ${fourcc.trim()} runs past the end`;
  }
  return first ? 'WebP has no image' : null;
}
