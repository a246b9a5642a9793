import { describe, expect, it } from 'vitest';
import { isEditingKey } from './viewOnlyAttempt';

const key = (k: string, mods: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean } = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('isEditingKey', () => {
  it('takes N, Enter, Delete, the kind keys, undo, paste and plain typing for an attempt to edit', () => {
    for (const k of ['n', 'N', 'Enter', 'Delete', 'Backspace', 'q', 'd', 'r', 'i', 'a', 'Z', '[', '!'])
      expect(isEditingKey(key(k)), k).toBe(true);
    for (const k of ['z', 'v', 'x', 'd', 'y']) expect(isEditingKey(key(k, { ctrlKey: true })), k).toBe(true);
    expect(isEditingKey(key('z', { metaKey: true }))).toBe(true);
  });

  it('leaves looking around alone: layers, fit, zoom, coverage, space, arrows, Escape, Tab, copy', () => {
    for (const k of ['1', '3', '5', '0', 'f', 'F', 'c', ' ', '+', '-', 'ArrowLeft', 'Escape', 'Tab', 'Shift'])
      expect(isEditingKey(key(k)), k).toBe(false);
    expect(isEditingKey(key('c', { ctrlKey: true }))).toBe(false);
    expect(isEditingKey(key('a', { ctrlKey: true }))).toBe(false);
    expect(isEditingKey(key('n', { altKey: true }))).toBe(false);
  });
});
