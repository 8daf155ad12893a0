import { fenFromYuan } from '../fees';

/** A signed amount typed in yuan ("-12.50"), in fen; null when it is not one. */
export function signedFen(text: string): number | null {
  const t = text.trim();
  const negative = t.startsWith('-');
  const fen = fenFromYuan(negative ? t.slice(1) : t);
  return fen === null ? null : negative ? -fen : fen;
}
