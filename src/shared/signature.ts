// A drawn signature (the customer's on a quote, a panel member's on an appraisal): a small PNG as a
// data URL, kept with what was signed. Checked here so a row never holds something that is not a
// PNG, nor a picture large enough to bloat every answer that carries it.
import { z } from 'zod';

/** A signature pad's PNG at phone size is 5–30 KB; anything over this is not a signature. */
export const signatureMaxBytes = 100_000;
const prefix = 'data:image/png;base64,';
const pngMagic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Why a data URL is not a drawn signature, or null. */
export function signatureProblem(dataUrl: string): string | null {
  if (!dataUrl.startsWith(prefix)) return 'must be a PNG data URL (data:image/png;base64,…)';
  const b64 = dataUrl.slice(prefix.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return 'must be base64';
  // atob, not Buffer: the contracts that use this are read by the console's type check too.
  const bytes = atob(b64);
  if (bytes.length > signatureMaxBytes) return 'must be at most 100 KB';
  if (bytes.length < 64 || !pngMagic.every((b, i) => bytes.charCodeAt(i) === b)) return 'must be a PNG image';
  return null;
}

export const signatureImage = z
  .string()
  .max(Math.ceil((signatureMaxBytes * 4) / 3) + prefix.length + 4)
  .superRefine((s, ctx) => {
    const problem = signatureProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('a drawn signature: a PNG data URL of at most 100 KB');
