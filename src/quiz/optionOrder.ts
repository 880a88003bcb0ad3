// The order in which a choice question's options are shown. The content lists the correct option first,
// so every presentation shuffles them; a session keeps the order it drew, so a reload shows the same one.
import { seededRandom, type Random } from '../random';

/** A uniformly random permutation of 0..count-1 (Fisher-Yates): entry i is the option shown at position i. */
export function shuffledOrder(count: number, random: Random): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  for (let last = count - 1; last > 0; last -= 1) {
    const pick = Math.floor(random() * (last + 1));
    [order[last], order[pick]] = [order[pick]!, order[last]!];
  }
  return order;
}

/** True when the order shows each of `count` options exactly once (a saved order may be stale or forged). */
export function isOrderOf(order: readonly number[] | undefined, count: number): order is readonly number[] {
  if (!order || order.length !== count) return false;
  const seen = new Set(order);
  return seen.size === count && order.every((index) => Number.isInteger(index) && index >= 0 && index < count);
}

/** A fixed order per question id, for exports that must be the same every time they are written. */
export function stableOrder(questionId: string, count: number): number[] {
  let hash = 2166136261;
  for (const char of questionId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return shuffledOrder(count, seededRandom(hash));
}
