import { describe, expect, it } from 'vitest';
import { isFractionalIndex, keyBetween } from './fractionalIndex';
import { mulberry32 } from './testing';

function expectStrictlySorted(keys: readonly string[], context: string): void {
  for (let i = 1; i < keys.length; i++) {
    expect(keys[i - 1]! < keys[i]!, `${context}: ${keys[i - 1]} !< ${keys[i]} at ${i}`).toBe(true);
  }
}

describe('keyBetween', () => {
  it('makes a valid first key for an empty list', () => {
    const key = keyBetween(null, null);
    expect(isFractionalIndex(key)).toBe(true);
  });

  it('keeps appending and prepending in order', () => {
    const appended = [keyBetween(null, null)];
    for (let i = 0; i < 200; i++) appended.push(keyBetween(appended.at(-1)!, null));
    expectStrictlySorted(appended, 'append');

    const prepended = [keyBetween(null, null)];
    for (let i = 0; i < 200; i++) prepended.unshift(keyBetween(null, prepended[0]!));
    expectStrictlySorted(prepended, 'prepend');

    for (const key of [...appended, ...prepended]) expect(isFractionalIndex(key), key).toBe(true);
  });

  it('keeps squeezing keys between two neighbours', () => {
    const lo = keyBetween(null, null);
    let hi = keyBetween(lo, null);
    const first = hi;
    for (let i = 0; i < 200; i++) {
      const mid = keyBetween(lo, hi);
      expect(lo < mid && mid < hi, `${lo} < ${mid} < ${hi}`).toBe(true);
      expect(isFractionalIndex(mid), mid).toBe(true);
      hi = mid;
    }
    // And from the other side, towards the upper neighbour.
    let low = lo;
    for (let i = 0; i < 200; i++) {
      const mid = keyBetween(low, first);
      expect(low < mid && mid < first, `${low} < ${mid} < ${first}`).toBe(true);
      expect(isFractionalIndex(mid), mid).toBe(true);
      low = mid;
    }
  });

  it.each([1, 42, 2024, 987654321])('keeps a list sorted under random inserts (seed %i)', (seed) => {
    const random = mulberry32(seed);
    const keys: string[] = [];
    for (let step = 0; step < 500; step++) {
      const at = Math.floor(random() * (keys.length + 1));
      const key = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      expect(isFractionalIndex(key), `seed ${seed}, step ${step}: invalid key ${key}`).toBe(true);
      keys.splice(at, 0, key);
    }
    expectStrictlySorted(keys, `seed ${seed}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses bounds that are out of order or equal', () => {
    const a = keyBetween(null, null);
    const b = keyBetween(a, null);
    expect(() => keyBetween(b, a)).toThrow(/out of order/);
    expect(() => keyBetween(a, a)).toThrow(/out of order/);
  });

  it('refuses keys that are not fractional indexes', () => {
    for (const bad of ['', 'V0', 'a-b', 'V V', 'é']) {
      expect(() => keyBetween(bad, null), JSON.stringify(bad)).toThrow(/invalid fractional index/);
      expect(() => keyBetween(null, bad), JSON.stringify(bad)).toThrow(/invalid fractional index/);
    }
  });
});

describe('key length', () => {
  it('stays short when notes are added on top or at the bottom again and again', () => {
    let top = keyBetween(null, null);
    let bottom = top;
    for (let i = 0; i < 10_000; i++) {
      top = keyBetween(top, null);
      bottom = keyBetween(null, bottom);
    }
    expect(top.length).toBeLessThanOrEqual(4);
    expect(bottom.length).toBeLessThanOrEqual(4);
  });
});

describe('isFractionalIndex', () => {
  it('accepts an integer part with an optional fraction that does not end in zero, and nothing else', () => {
    expect(isFractionalIndex('a0')).toBe(true);
    expect(isFractionalIndex('a0V')).toBe(true);
    expect(isFractionalIndex('Zz')).toBe(true);
    expect(isFractionalIndex('b00')).toBe(true);
    expect(isFractionalIndex('a0V0')).toBe(false);
    expect(isFractionalIndex('V')).toBe(false);
    expect(isFractionalIndex('b0')).toBe(false);
    expect(isFractionalIndex(`A${'0'.repeat(26)}`)).toBe(false);
    expect(isFractionalIndex('')).toBe(false);
    expect(isFractionalIndex(5)).toBe(false);
  });
});
