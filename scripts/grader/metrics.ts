// Correlations and accuracy for the evaluation. Pure.

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

/** Ranks from 1, ties sharing their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end += 1;
    for (let k = start; k <= end; k += 1) result[order[k]!.index] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return result;
}

export function spearman(xs: readonly number[], ys: readonly number[]): number {
  return pearson(ranks(xs), ranks(ys));
}

export function share(flags: readonly boolean[]): number {
  return flags.length === 0 ? Number.NaN : flags.filter(Boolean).length / flags.length;
}

/** SemEval's 2-way weighted F1: per-class F1 weighted by the class's share of the gold labels. */
export function weightedF1(gold: readonly boolean[], predicted: readonly boolean[]): number {
  let total = 0;
  for (const positive of [true, false]) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      if (g === positive && predicted[i] === positive) tp += 1;
      else if (g !== positive && predicted[i] === positive) fp += 1;
      else if (g === positive && predicted[i] !== positive) fn += 1;
    });
    total += (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)) * gold.filter((g) => g === positive).length;
  }
  return total / Math.max(1, gold.length);
}

export function macroF1(gold: readonly string[], predicted: readonly string[], classes: readonly string[]): number {
  const f1 = classes.map((c) => {
    const tp = gold.filter((g, i) => g === c && predicted[i] === c).length;
    const fp = gold.filter((g, i) => g !== c && predicted[i] === c).length;
    const fn = gold.filter((g, i) => g === c && predicted[i] !== c).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1.reduce((a, b) => a + b, 0) / classes.length;
}

/** Of the answers said to hold a misconception, the share holding that one (NaN when none is named). */
export function namedPrecision(named: readonly (string | undefined)[], shown: readonly (string | undefined)[]): number {
  return share(named.flatMap((id, i) => (id === undefined ? [] : [id === shown[i]])));
}

/** Of the answers holding a misconception, the share said to hold that one (NaN when none holds one). */
export function namedRecall(named: readonly (string | undefined)[], shown: readonly (string | undefined)[]): number {
  return share(shown.flatMap((id, i) => (id === undefined ? [] : [id === named[i]])));
}
