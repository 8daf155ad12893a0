import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/**
 * A UUID version 7: the time in milliseconds, then random bits. Ids made one after another sort
 * together, so a bulk insert appends to the end of each index on them instead of touching a random
 * page of it per row (imports of a million customers).
 */
export function timeOrderedId(at = Date.now()): string {
  // randomUUID draws from a cached pool of random bytes, where randomBytes(16) asks OpenSSL on each
  // call (about ten times slower, a sixth of an import's dry run): a v4 UUID's random bits and
  // variant, its first 48 bits replaced by the time and its version by 7.
  const random = randomUUID();
  const time = at.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

/** A short human number people read on the phone: WO2611-000123. */
export function humanNumber(prefix: string, at: Date, seq: number): string {
  const yy = String(at.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${prefix}${yy}${mm}-${String(seq).padStart(6, '0')}`;
}
