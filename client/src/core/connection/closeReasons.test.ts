import { CLOSE } from '@shared';
import { describe, expect, it } from 'vitest';
import { retryNotice } from './closeReasons';

describe('retryNotice', () => {
  it('explains each retryable close code of the wire contract', () => {
    const retryable = Object.values(CLOSE).filter(({ code }) => code >= 4500 && code < 4600);
    expect(retryable.length).toBeGreaterThan(0);
    for (const { code } of retryable) {
      expect(retryNotice(code)).not.toBe('the server asked to try again later');
      expect(retryNotice(code)).toMatch(/^[a-z]/);
    }
    expect(retryNotice(CLOSE.roomFull.code)).toBe('the board is full');
  });

  it('has a general notice for an unknown retryable code and none for the rest', () => {
    expect(retryNotice(4599)).toBe('the server asked to try again later');
    expect(retryNotice(CLOSE.unauthorized.code)).toBeNull();
    expect(retryNotice(1006)).toBeNull();
  });
});
