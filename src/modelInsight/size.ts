// Sizes that may be unknown: a number when every factor is known, otherwise the formula with the
// unknown names left in it ("vocab_size*64"), so nothing is guessed and the learner sees why.

export interface Size {
  /** The expression as it is shown, e.g. `3*32*3*3 + 32` or `vocab_size*64`. */
  readonly text: string;
  /** Its value, or null when any part is unknown. */
  readonly value: number | null;
  /** 3 atom, 2 product, 1 sum: decides where parentheses are needed. */
  readonly precedence: 1 | 2 | 3;
}

export function known(value: number): Size {
  return { text: String(value), value, precedence: 3 };
}

/** An unknown size named as the source names it (`vocab_size`, `args.hidden`) or by its role (`in_features`). */
export function unknown(name: string): Size {
  return { text: name, value: null, precedence: /^[\w.]+$/.test(name) ? 3 : 1 };
}

export function isKnown(size: Size): size is Size & { value: number } {
  return size.value !== null;
}

function wrap(size: Size, precedence: number): string {
  return size.precedence < precedence ? `(${size.text})` : size.text;
}

export function product(...factors: Size[]): Size {
  if (factors.length === 0) return known(1);
  if (factors.length === 1) return factors[0]!;
  const value = factors.every(isKnown) ? factors.reduce((total, factor) => total * factor.value!, 1) : null;
  return { text: factors.map((factor) => wrap(factor, 2)).join('*'), value, precedence: 2 };
}

export function sum(...terms: Size[]): Size {
  const present = terms.filter((term) => term.value !== 0);
  if (present.length === 0) return known(0);
  if (present.length === 1) return present[0]!;
  const value = present.every(isKnown) ? present.reduce((total, term) => total + term.value!, 0) : null;
  return { text: present.map((term) => term.text).join(' + '), value, precedence: 1 };
}

/** Integer division as Python's `//`, used for grouped convolutions and shapes. */
export function floorDivide(size: Size, by: Size): Size {
  if (isKnown(size) && isKnown(by) && by.value !== 0) return known(Math.floor(size.value / by.value));
  return { text: `${wrap(size, 2)}/${wrap(by, 3)}`, value: null, precedence: 2 };
}

/** `3*32*3*3 + 32 = 896`, or just the formula when it has unknown parts. */
export function formulaText(size: Size): string {
  if (!isKnown(size)) return size.text;
  const value = groupDigits(size.value);
  return size.text === String(size.value) ? value : `${size.text} = ${value}`;
}

export function groupDigits(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
}
