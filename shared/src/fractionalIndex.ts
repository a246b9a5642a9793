/**
 * Fractional indexes: strings that sort between any two others, used as the stacking order (`z`) of
 * notes so that reordering one note never rewrites the others.
 *
 * A key is an integer part followed by an optional fraction, all in base-62 digits. The integer part's
 * first character says how long it is ('a' to 'z': 2 to 27 characters for non-negative integers, 'Z'
 * down to 'A' for negative ones), so keys compare as strings. Adding a note on top increments the
 * integer part, which keeps keys short (a few characters for millions of appends); inserting between
 * two neighbours extends the fraction. The fraction never ends in the zero digit.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;
const ZERO = DIGITS[0]!;
const TOP = DIGITS[BASE - 1]!;
/** The lowest integer is never used as a key, so there is always room below any key. */
const SMALLEST_INTEGER = `A${ZERO.repeat(26)}`;
const FIRST_KEY = `a${ZERO}`;

function integerLength(head: string): number | null {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 'a'.charCodeAt(0) + 2;
  if (head >= 'A' && head <= 'Z') return 'Z'.charCodeAt(0) - head.charCodeAt(0) + 2;
  return null;
}

/** The integer part of a valid key. */
function integerPart(key: string): string {
  return key.slice(0, integerLength(key[0]!)!);
}

function isValidKey(key: string): boolean {
  if (key.length < 2 || ![...key].every((c) => DIGITS.includes(c))) return false;
  const length = integerLength(key[0]!);
  if (length === null || key.length < length) return false;
  if (key === SMALLEST_INTEGER) return false;
  return key.length === length || !key.endsWith(ZERO);
}

function digit(ch: string | undefined): number {
  return ch === undefined ? 0 : DIGITS.indexOf(ch);
}

/** A fraction strictly between `a` and `b` (null: 1); `a` may be empty (0). */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while (n < b.length && (a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const lo = digit(a[0]);
  const hi = b === null ? BASE : digit(b[0]);
  if (hi - lo > 1) return DIGITS[Math.round((lo + hi) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[lo]! + midpoint(a.slice(1), null);
}

function incrementInteger(x: string): string | null {
  const head = x[0]!;
  const digits = [...x.slice(1)];
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digit(digits[i]) + 1;
    if (d < BASE) {
      digits[i] = DIGITS[d]!;
      return head + digits.join('');
    }
    digits[i] = ZERO;
  }
  // Every digit carried: the integer needs one more digit (or one fewer, for negatives).
  if (head === 'Z') return `a${ZERO}`;
  if (head === 'z') return null;
  const next = String.fromCharCode(head.charCodeAt(0) + 1);
  if (next > 'a') digits.push(ZERO);
  else digits.pop();
  return next + digits.join('');
}

function decrementInteger(x: string): string | null {
  const head = x[0]!;
  const digits = [...x.slice(1)];
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digit(digits[i]) - 1;
    if (d >= 0) {
      digits[i] = DIGITS[d]!;
      return head + digits.join('');
    }
    digits[i] = TOP;
  }
  if (head === 'a') return `Z${TOP}`;
  if (head === 'A') return null;
  const next = String.fromCharCode(head.charCodeAt(0) - 1);
  if (next < 'Z') digits.push(TOP);
  else digits.pop();
  return next + digits.join('');
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
  if (before === null && after === null) return FIRST_KEY;
  if (before === null) {
    const int = integerPart(after!);
    const fraction = after!.slice(int.length);
    if (int === SMALLEST_INTEGER) return int + midpoint('', fraction);
    if (fraction) return int;
    const below = decrementInteger(int);
    if (below === null) throw new Error('no room below the lowest fractional index');
    return below;
  }
  const int = integerPart(before);
  const fraction = before.slice(int.length);
  if (after === null) return incrementInteger(int) ?? int + midpoint(fraction, null);
  const afterInt = integerPart(after);
  if (int === afterInt) return int + midpoint(fraction, after.slice(afterInt.length));
  const next = incrementInteger(int)!;
  return next < after ? next : int + midpoint(fraction, null);
}
