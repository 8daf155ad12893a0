// A small seeded generator (SplitMix32 seeding into xorshift128+ style mixing) so that
// a seed fully determines the search.
export type Rng = () => number;

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  let b = (seed * 0x9e3779b1) >>> 0;
  let c = 0x243f6a88 ^ a;
  let d = 0xb7e15162 ^ b;
  const next = (): number => {
    // sfc32
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}
