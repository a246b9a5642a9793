/**
 * Fractional indexes: strings that sort between any two others, used as the stacking order (`z`) of
 * notes so that reordering one note never rewrites the others. A key is a base-62 fraction in (0, 1)
 * that never ends in the zero digit.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function digit(ch: string | undefined): number {
  return ch === undefined ? 0 : DIGITS.indexOf(ch);
}

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while (n < b.length && (a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const lo = digit(a[0]);
  const hi = b === null ? BASE : digit(b[0]);
  if (hi - lo > 1) return DIGITS[Math.round((lo + hi) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[lo]! + midpoint(a.slice(1), null);
}

function isValidKey(key: string): boolean {
  return key.length > 0 && !key.endsWith('0') && [...key].every((c) => DIGITS.includes(c));
}

/** Whether a value is a well-formed fractional index, one `keyBetween` accepts as a bound. */
export function isFractionalIndex(value: unknown): value is string {
  return typeof value === 'string' && isValidKey(value);
}

/**
 * A key that sorts strictly between `before` and `after`; null stands for the start or the end.
 * Throws when the bounds are invalid or not in order.
 */
export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && !isValidKey(before)) throw new Error(`invalid fractional index: ${before}`);
  if (after !== null && !isValidKey(after)) throw new Error(`invalid fractional index: ${after}`);
  if (before !== null && after !== null && before >= after) {
    throw new Error(`fractional indexes out of order: ${before} >= ${after}`);
  }
  return midpoint(before ?? '', after);
}
