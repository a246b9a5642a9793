import { describe, expect, it } from 'vitest';
import { boardPageHref, CLOSE, isBoardId, parseAccessFragment, type BoardAccess } from './wire';

describe('parseAccessFragment', () => {
  it('reads an edit or view token from the fragment', () => {
    expect(parseAccessFragment('#edit=abc')).toEqual({ role: 'edit', token: 'abc' });
    expect(parseAccessFragment('#view=x%2By')).toEqual({ role: 'view', token: 'x+y' });
    expect(parseAccessFragment('view=plain')).toEqual({ role: 'view', token: 'plain' });
  });

  it('finds no access without a token', () => {
    expect(parseAccessFragment('')).toBeNull();
    expect(parseAccessFragment('#')).toBeNull();
    expect(parseAccessFragment('#other=1')).toBeNull();
    expect(parseAccessFragment('#edit=')).toBeNull();
  });
});

describe('board ids', () => {
  it('are 32 lowercase hex digits', () => {
    expect(isBoardId('0123456789abcdef0123456789abcdef')).toBe(true);
    expect(isBoardId('0123456789ABCDEF0123456789ABCDEF')).toBe(false);
    expect(isBoardId('0123456789abcdef0123456789abcde')).toBe(false);
    expect(isBoardId('0123456789abcdef0123456789abcdef0')).toBe(false);
    expect(isBoardId('0123456789abcdef0123456789abcdeg')).toBe(false);
    expect(isBoardId('../../etc/passwd')).toBe(false);
    expect(isBoardId('')).toBe(false);
  });
});

describe('boardPageHref', () => {
  const id = 'f'.repeat(32);

  it('puts the token in the fragment, never in the path or query', () => {
    expect(boardPageHref(id, { role: 'edit', token: 'abc' })).toBe(`/b/${id}#edit=abc`);
  });

  it.each<BoardAccess>([
    { role: 'edit', token: 'abc.DEF-123_x' },
    { role: 'view', token: 'x+y/z=' },
    { role: 'edit', token: 'a b&view=c#d' },
  ])('round-trips $role token $token', (access) => {
    const href = boardPageHref(id, access);
    const hash = href.slice(href.indexOf('#'));
    expect(href.slice(0, href.indexOf('#'))).toBe(`/b/${id}`);
    expect(parseAccessFragment(hash)).toEqual(access);
  });
});

describe('close codes', () => {
  it('keeps refusals that retrying cannot cure in 4400-4499, and the rest at 4500 or above', () => {
    const final = [
      'badRequest',
      'unauthorized',
      'forbidden',
      'unknownBoard',
      'tooLarge',
      'malformed',
    ] as const;
    for (const name of final) expect(CLOSE[name].code).toBeGreaterThanOrEqual(4400);
    for (const name of final) expect(CLOSE[name].code).toBeLessThan(4500);
    expect(CLOSE.serverError.code).toBeGreaterThanOrEqual(4500);
    expect(CLOSE.shuttingDown.code).toBeGreaterThanOrEqual(4500);
    const codes = Object.values(CLOSE).map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
