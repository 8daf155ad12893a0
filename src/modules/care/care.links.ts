// Signed links in care messages: "unsubscribe" (one click, no sign-in) and "open the offer" (a
// click counted once, then on to the offer). An HMAC-SHA256 over the kind and the send's id; no
// expiry, since an opt-out must work whenever it is read. Kept apart from the rules so the
// console, which imports the rules' enums, needs no node:crypto.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type CareLink = { kind: 'u' | 'c'; sendId: string };

const mac = (key: string, body: string) => createHmac('sha256', key).update(body).digest('base64url').slice(0, 22);

export function signCareLink(key: string, l: CareLink): string {
  const body = `${l.kind}.${l.sendId}`;
  return `${body}.${mac(key, body)}`;
}

/**
 * The key's inner and outer HMAC pads (hex), for signing in SQL: HMAC-SHA256(key, m) =
 * sha256(outer || sha256(inner || m)), the key first hashed when longer than the 64-byte block and
 * zero-filled to it (RFC 2104). The daily run signs its links in the statement that writes the messages.
 */
export function linkKeyPads(key: string): { inner: string; outer: string } {
  const raw = Buffer.from(key, 'utf8');
  const block = Buffer.alloc(64);
  (raw.length > 64 ? createHash('sha256').update(raw).digest() : raw).copy(block);
  const xor = (b: number) => Buffer.from(block.map((x) => x ^ b)).toString('hex');
  return { inner: xor(0x36), outer: xor(0x5c) };
}

/** The link's kind and send, when its signature holds; else null. */
export function readCareLink(key: string, token: string): CareLink | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [kind, sendId, sig] = parts;
  if ((kind !== 'u' && kind !== 'c') || !/^[0-9a-f-]{36}$/.test(sendId)) return null;
  const want = Buffer.from(mac(key, `${kind}.${sendId}`));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return { kind, sendId };
}
