// Number formatting shared by the readouts and the browser test, so both sides print the same digits.

/** Fixed digits for ordinary magnitudes, scientific notation for very large or very small ones. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 10 ** -digits)) return value.toExponential(2);
  // Avoid printing "-0.0000".
  const fixed = value.toFixed(digits);
  return Number(fixed) === 0 ? (0).toFixed(digits) : fixed;
}
