import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/**
 * A UUID version 7: the time in milliseconds, then random bits. Ids made one after another sort
 * together, so a bulk insert appends to the end of each index on them instead of touching a random
 * page of it per row (imports of a million customers).
 */
export function timeOrderedId(at = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(at, 0, 6);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A short human number people read on the phone: WO2611-000123. */
export function humanNumber(prefix: string, at: Date, seq: number): string {
  const yy = String(at.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${prefix}${yy}${mm}-${String(seq).padStart(6, '0')}`;
}
