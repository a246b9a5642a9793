import { describe, expect, it } from 'vitest';
import { MAX_COORD, MAX_NAME, MAX_SELECTION, parsePresence } from './presenceSchema';

const user = { id: 'u1abcdefgh', name: 'Ana', department: 'hardware', color: '#1d4ed8' };

describe('parsePresence', () => {
  it('reads a well-formed state as it was sent', () => {
    const state = parsePresence({
      user,
      cursor: { x: 10, y: -20.5 },
      selection: ['n1', 'n2'],
      editing: 'n1',
      viewport: { x: 0, y: 0, w: 800, h: 600 },
      active: 1_700_000_000_000,
      idle: true,
      following: 'someone',
      privateNotes: 3,
    });
    expect(state).toEqual({
      user,
      cursor: { x: 10, y: -20.5 },
      selection: ['n1', 'n2'],
      editing: 'n1',
      viewport: { x: 0, y: 0, w: 800, h: 600 },
      active: 1_700_000_000_000,
      idle: true,
      following: 'someone',
      privateNotes: 3,
    });
  });

  it('reads a state without the fields a view connection is not given (typing, private notes) as none', () => {
    expect(parsePresence({ user, cursor: { x: 1, y: 2 } })).toEqual({
      user,
      cursor: { x: 1, y: 2 },
      selection: [],
      editing: null,
      viewport: null,
      active: 0,
      idle: false,
      following: null,
      privateNotes: 0,
    });
  });

  it('takes no summon from awareness: only the document moves other people’s screens', () => {
    const state = parsePresence({
      user,
      viewport: { x: 0, y: 0, w: 800, h: 600 },
      summon: { id: 's1', at: 5 },
    });
    expect(state).not.toHaveProperty('summon');
  });

  it('ignores a state without a usable user', () => {
    for (const bad of [
      null,
      'hello',
      [],
      {},
      { user: null },
      { user: { ...user, id: '' } },
      { user: { ...user, id: 'has space' } },
      { user: { ...user, id: 'x'.repeat(65) } },
      { user: { ...user, name: '   ' } },
      { user: { ...user, name: 42 } },
      { user: { ...user, color: 'red' } },
      { user: { ...user, color: '#12345' } },
      { user: { ...user, color: 'url(javascript:1)' } },
    ]) {
      expect(parsePresence(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('drops bad fields and keeps the good ones', () => {
    const state = parsePresence({
      user,
      cursor: { x: Number.NaN, y: 1 },
      selection: 'n1',
      editing: { id: 'n1' },
      viewport: { x: 0, y: 0, w: -5, h: 10 },
      active: 'yesterday',
      idle: 'yes',
      following: 12,
      privateNotes: 2.5,
    });
    expect(state).toEqual({
      user,
      cursor: null,
      selection: [],
      editing: null,
      viewport: null,
      active: 0,
      idle: false,
      following: null,
      privateNotes: 0,
    });
  });

  it('rejects absurd coordinates', () => {
    const state = parsePresence({
      user,
      cursor: { x: MAX_COORD * 10, y: 0 },
      viewport: { x: 0, y: 0, w: Number.POSITIVE_INFINITY, h: 1 },
    });
    expect(state?.cursor).toBeNull();
    expect(state?.viewport).toBeNull();
  });

  it('bounds the selection and keeps only note ids, once each', () => {
    const many = Array.from({ length: MAX_SELECTION + 30 }, (_, i) => `n${i}`);
    expect(parsePresence({ user, selection: many })?.selection).toHaveLength(MAX_SELECTION);
    expect(parsePresence({ user, selection: ['a', 'a', 7, null, 'b c', 'b'] })?.selection).toEqual([
      'a',
      'b',
    ]);
  });

  it('cleans names shown to others: no control or direction characters, bounded length', () => {
    const state = parsePresence({
      user: { ...user, name: `Ana\u202e\u0000 \n  Lima${'x'.repeat(100)}`, department: 'R&D\u200f' },
    });
    expect(state?.user.name.startsWith('Ana Lima')).toBe(true);
    expect(state?.user.name).toHaveLength(MAX_NAME);
    expect(state?.user.department).toBe('R&D');
  });

  it('clamps a private note count to a sane range', () => {
    expect(parsePresence({ user, privateNotes: -4 })?.privateNotes).toBe(0);
    expect(parsePresence({ user, privateNotes: 1e9 })?.privateNotes).toBe(10_000);
  });

  it('never throws, whatever it is given', () => {
    const hostile = Object.create({ user }) as object;
    const getterBomb = {
      get user() {
        return user;
      },
      get cursor(): unknown {
        return { x: 1, y: 2 };
      },
    };
    expect(() => parsePresence(hostile)).not.toThrow();
    expect(parsePresence(getterBomb)?.cursor).toEqual({ x: 1, y: 2 });
    expect(() => parsePresence({ user, selection: [{ toString: () => 'n1' }] })).not.toThrow();
  });
});
