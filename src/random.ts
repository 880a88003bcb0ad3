// Seeded pseudo-random numbers: the same seed gives the same pictures, training shuffles and generated answers.

export type Random = () => number;

/** mulberry32: tiny, fast and good enough for drawing masks and weights; not for cryptography. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples by Box-Muller; 1 - u keeps the logarithm's argument above zero. */
export function normalSampler(random: Random): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
