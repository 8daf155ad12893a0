// The survey link: an HMAC-SHA256 over the survey id, its one-time nonce and expiry (as fees.links.ts
// signs quote links). Single use is the nonce, cleared when the survey is answered.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SurveyLink = { k: 'survey'; id: string; n: string; exp: number };

const mac = (key: string, body: string) => createHmac('sha256', key).update(body).digest('base64url');

export function signSurveyLink(key: string, p: SurveyLink): string {
  const body = Buffer.from(JSON.stringify(p)).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

export function readSurveyLink(key: string, token: string, nowMs: number): { ok: true; payload: SurveyLink } | { ok: false; why: 'tampered' | 'expired' } {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return { ok: false, why: 'tampered' };
  const want = Buffer.from(mac(key, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, why: 'tampered' };
  let p: SurveyLink;
  try {
    p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SurveyLink;
  } catch {
    return { ok: false, why: 'tampered' };
  }
  if (p.k !== 'survey' || typeof p.id !== 'string' || typeof p.n !== 'string' || typeof p.exp !== 'number') return { ok: false, why: 'tampered' };
  if (nowMs >= p.exp) return { ok: false, why: 'expired' };
  return { ok: true, payload: p };
}
