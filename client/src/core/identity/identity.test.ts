import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkCustomDepartment,
  checkName,
  currentIdentity,
  loadIdentity,
  noteColorOf,
  parseIdentity,
  saveIdentity,
} from './identity';
import { PERSON_COLORS, startingPersonColor } from './personColors';
import { randomId } from '@shared';
import { memoryStorage } from '../connection/memoryStorage';

const KEY = 'iot-board:identity';

describe('checkCustomDepartment', () => {
  it('accepts a department of their own, tidied', () => {
    expect(checkCustomDepartment('  Field   service ')).toEqual({ ok: true, department: 'Field service' });
    expect(checkCustomDepartment('R&D / Ops')).toEqual({ ok: true, department: 'R&D / Ops' });
    expect(checkCustomDepartment('Qualité')).toEqual({ ok: true, department: 'Qualité' });
  });

  it('maps a listed department typed by hand onto the listed one', () => {
    expect(checkCustomDepartment('cloud')).toEqual({ ok: true, department: 'cloud' });
    expect(checkCustomDepartment('Legal & Compliance')).toEqual({ ok: true, department: 'legal' });
  });

  it('refuses what is empty, too long or not a name, with a reason', () => {
    expect(checkCustomDepartment(' x ')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at least 2/),
    });
    expect(checkCustomDepartment('x'.repeat(31))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/30/),
    });
    for (const bad of ['<script>', '--', 'a\u202eb', 'emoji 🎉']) {
      expect(checkCustomDepartment(bad), bad).toMatchObject({
        ok: false,
        error: expect.stringMatching(/letters/),
      });
    }
  });
});

describe('checkName', () => {
  it('trims a name and refuses an empty or too long one', () => {
    expect(checkName('  Ana   Lima ')).toEqual({ ok: true, name: 'Ana Lima' });
    expect(checkName('   ')).toMatchObject({ ok: false });
    expect(checkName('x'.repeat(41))).toMatchObject({ ok: false, error: expect.stringMatching(/40/) });
  });
});

describe('parseIdentity', () => {
  it('gives an identity stored before ids and colour choices an id and its department colour', () => {
    const parsed = parseIdentity({ name: 'Ana', department: 'hardware' }, () => 'abcdefgh12345678');
    expect(parsed).toEqual({
      identity: { id: 'abcdefgh12345678', name: 'Ana', department: 'hardware', color: '#c2410c' },
      migrated: true,
    });
  });

  it("maps an old note-fill colour to the matching person's colour", () => {
    const parsed = parseIdentity({ name: 'Ana', department: 'hardware', color: '#c6e2ff' });
    expect(parsed?.identity.color).toBe('#1d4ed8');
  });

  it('keeps a current identity as it is', () => {
    const stored = { id: 'abcdefgh12345678', name: 'Ana', department: 'Field service', color: '#15803d' };
    expect(parseIdentity(stored)).toEqual({ identity: stored, migrated: false });
  });

  it('refuses what is not an identity, and drops a department that is not a name', () => {
    expect(parseIdentity(null)).toBeNull();
    expect(parseIdentity({ name: '' })).toBeNull();
    expect(parseIdentity({ name: 'Ana', department: '<b>' })?.identity.department).toBe('');
  });
});

describe('stored identity', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('keeps the id it gave an old identity, across loads', () => {
    localStorage.setItem(KEY, JSON.stringify({ name: 'Ana', department: 'cloud' }));
    const first = loadIdentity();
    expect(first?.id).toMatch(/^[a-z0-9]{16}$/);
    expect(loadIdentity()?.id).toBe(first?.id);
  });

  it('returns the same snapshot until the identity changes', () => {
    saveIdentity({ id: 'abcdefgh12345678', name: 'Ana', department: 'cloud', color: '#1d4ed8' });
    const a = currentIdentity();
    expect(currentIdentity()).toBe(a);
    saveIdentity({ ...a!, name: 'Ana Lima' });
    expect(currentIdentity()).not.toBe(a);
    expect(currentIdentity()?.name).toBe('Ana Lima');
  });
});

describe('colours', () => {
  it("gives notes the note colour paired with the person's colour", () => {
    for (const c of PERSON_COLORS) {
      expect(noteColorOf({ id: 'abcdefgh', name: 'A', department: 'cloud', color: c.hex })).toBe(c.note);
    }
  });

  it('keeps white text readable on every person colour (WCAG AA, 4.5:1)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const c of PERSON_COLORS) {
      expect((1.05 / (luminance(c.hex) + 0.05)).toFixed(2), c.name).toSatisfy(
        (r: string) => Number(r) >= 4.5,
      );
    }
    expect(new Set(PERSON_COLORS.map((c) => c.note)).size).toBe(PERSON_COLORS.length);
  });
});

describe('startingPersonColor', () => {
  it('is the same for one id, and spreads newcomers over the whole palette', () => {
    expect(startingPersonColor('abcdefgh12345678')).toBe(startingPersonColor('abcdefgh12345678'));
    const used = new Map<string, number>();
    for (let i = 0; i < 600; i++) {
      const hex = startingPersonColor(randomId()).hex;
      used.set(hex, (used.get(hex) ?? 0) + 1);
    }
    expect(used.size).toBe(PERSON_COLORS.length);
    // No colour takes more than twice its share: Firmware and Business no longer all start Gold.
    for (const count of used.values()) expect(count).toBeLessThan(200);
  });
});
