import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** A short human number people read on the phone: WO2611-000123. */
export function humanNumber(prefix: string, at: Date, seq: number): string {
  const yy = String(at.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${prefix}${yy}${mm}-${String(seq).padStart(6, '0')}`;
}
