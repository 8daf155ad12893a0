// Signed links (a quote to accept, a receipt to read) sent by SMS: an HMAC-SHA256 over the payload,
// with an expiry; single use is the quote's nonce (fees.quotes.repo.ts decideByLink). Kept apart
// from the rules so the console, which imports the rules' enums, needs no node:crypto.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkPayload = { k: 'quote' | 'receipt'; id: string; n: string; exp: number };

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const mac = (key: string, body: string) => createHmac('sha256', key).update(body).digest('base64url');

export function signLink(key: string, p: LinkPayload): string {
  const body = b64(JSON.stringify(p));
  return `${body}.${mac(key, body)}`;
}

/** The payload of a link whose signature holds and which has not expired at `nowMs`; else why not. */
export function readLink(key: string, token: string, nowMs: number): { ok: true; payload: LinkPayload } | { ok: false; why: 'tampered' | 'expired' } {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return { ok: false, why: 'tampered' };
  const want = Buffer.from(mac(key, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, why: 'tampered' };
  let p: LinkPayload;
  try {
    p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkPayload;
  } catch {
    return { ok: false, why: 'tampered' };
  }
  if (typeof p.exp !== 'number' || typeof p.id !== 'string' || typeof p.n !== 'string') return { ok: false, why: 'tampered' };
  if (nowMs >= p.exp) return { ok: false, why: 'expired' };
  return { ok: true, payload: p };
}
