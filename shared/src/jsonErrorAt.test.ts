import { describe, expect, it } from 'vitest';
import { jsonErrorAt } from './jsonErrorAt';

describe('jsonErrorAt', () => {
  it('finds nothing wrong in valid JSON, whatever JSON.parse accepts', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, null, "x\\"\\u00e9"], "b": {}} ', '"s"', '0']) {
      expect(JSON.parse(text)).toBeDefined();
      expect(jsonErrorAt(text)).toBeNull();
    }
  });

  it('points at the first character that cannot be there, and says why', () => {
    expect(jsonErrorAt('{"notes": [1,]}')).toEqual({ position: 13, problem: 'a "," cannot come before "]"' });
    expect(jsonErrorAt('{"a" 1}')).toEqual({ position: 5, problem: 'a ":" must follow the name' });
    expect(jsonErrorAt("{'a': 1}")).toEqual({
      position: 1,
      problem: 'a name in double quotes must come here',
    });
    expect(jsonErrorAt('[1 2]')).toEqual({ position: 3, problem: 'a "," or "]" must come here' });
    expect(jsonErrorAt('{"a": tru}')).toEqual({ position: 6, problem: 'a value cannot start with "t"' });
    expect(jsonErrorAt('{"a": 1}}')).toEqual({
      position: 8,
      problem: 'more text follows the end of the JSON value',
    });
    expect(jsonErrorAt('{"a": "one\nline"}')).toEqual({
      position: 6,
      problem: 'a text is not closed or holds a character it must escape',
    });
    expect(jsonErrorAt('{"a": [')).toEqual({
      position: 7,
      problem: 'the file ends in the middle of a value',
    });
  });

  it('walks any depth without recursing', () => {
    expect(jsonErrorAt(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeNull();
    expect(jsonErrorAt(`${'['.repeat(100_000)}x`)?.position).toBe(100_000);
  });
});
