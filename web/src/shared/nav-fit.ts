/**
 * How many of the top bar's pages fit on its one row, in order, the rest going behind "More".
 * `widths` are the pages' links as laid out, `gap` the space between two, `more` the More button's
 * width (only needed when something is left over). Pure, so the rule is tested without a browser.
 */
export function pagesThatFit(widths: readonly number[], available: number, gap: number, more: number): number {
  const row = (n: number) => widths.slice(0, n).reduce((s, w) => s + w, 0) + Math.max(0, n - 1) * gap;
  // Half a pixel of slack: widths come from layout in fractions and round differently per engine.
  if (row(widths.length) <= available + 0.5) return widths.length;
  let n = widths.length - 1;
  while (n > 0 && row(n) + gap + more > available + 0.5) n--;
  return n;
}
