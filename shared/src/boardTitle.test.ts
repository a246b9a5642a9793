import { describe, expect, it } from 'vitest';
import { CommandError, createBoard, renameBoard } from './commands';
import { DEFAULT_TITLE, MAX_TITLE_LENGTH, normalizeTitle, titleProblem } from './boardTitle';
import { readMeta } from './schema';
import { LOCAL, newBoard, replicaOf, sync, transactionsOf } from './testing';
import * as Y from 'yjs';

describe('normalizeTitle', () => {
  it('keeps a name on one line, trimmed, without control characters', () => {
    expect(normalizeTitle('  Vineyard\n\tpilot  ')).toBe('Vineyard pilot');
    expect(normalizeTitle('a\u0000b \u0007 c\r\nd')).toBe('ab c d');
    expect(normalizeTitle('Café – Ölmühle 🌱')).toBe('Café – Ölmühle 🌱');
    expect(normalizeTitle(' \n ')).toBe('');
  });

  it('tells why a name cannot be stored', () => {
    expect(titleProblem('   ')).toBe('The workshop needs a name.');
    expect(titleProblem('x'.repeat(MAX_TITLE_LENGTH))).toBeNull();
    expect(titleProblem(` ${'x'.repeat(MAX_TITLE_LENGTH)} `)).toBeNull();
    expect(titleProblem('x'.repeat(MAX_TITLE_LENGTH + 1))).toMatch(/at most 200/);
  });
});

describe('renameBoard', () => {
  it('stores the name normalised, in one transaction with the given origin, and others see it', () => {
    const doc = newBoard();
    const other = replicaOf(doc);
    const origins = transactionsOf(doc, () => {
      expect(renameBoard(doc, '  FieldPulse\npilot ', LOCAL)).toBe('FieldPulse pilot');
    });
    expect(origins).toEqual([LOCAL]);
    sync(doc, other);
    expect(readMeta(other).title).toBe('FieldPulse pilot');
  });

  it('refuses an empty or too long name and changes nothing', () => {
    const doc = newBoard();
    for (const bad of ['', '  \n ', 'x'.repeat(MAX_TITLE_LENGTH + 1)]) {
      const origins = transactionsOf(doc, () => {
        expect(() => renameBoard(doc, bad, LOCAL)).toThrow(CommandError);
      });
      expect(origins).toEqual([]);
    }
    expect(() => renameBoard(doc, 42 as unknown as string, LOCAL)).toThrow(CommandError);
    expect(readMeta(doc).title).toBe('Test board');
  });

  it('writes nothing when the name does not change', () => {
    const doc = newBoard();
    expect(transactionsOf(doc, () => renameBoard(doc, ' Test board ', LOCAL))).toEqual([]);
  });

  it('concurrent renames settle on one name on every replica', () => {
    const a = newBoard();
    const b = replicaOf(a);
    renameBoard(a, 'Name from A', LOCAL);
    renameBoard(b, 'Name from B', LOCAL);
    sync(a, b);
    expect(readMeta(a).title).toBe(readMeta(b).title);
    expect(['Name from A', 'Name from B']).toContain(readMeta(a).title);
  });
});

describe('createBoard', () => {
  it('names a board given no name, and keeps a given one on one line', () => {
    const unnamed = new Y.Doc();
    createBoard(unnamed, { title: ' \n ' }, 'server');
    expect(readMeta(unnamed).title).toBe(DEFAULT_TITLE);
    const named = new Y.Doc();
    createBoard(named, { title: 'Vineyard\npilot' }, 'server');
    expect(readMeta(named).title).toBe('Vineyard pilot');
  });
});

describe('readTitle', () => {
  it('reads a name written by a faulty client on one line, bounded, never half an emoji', () => {
    const doc = newBoard();
    const meta = doc.getMap('meta');
    meta.set('title', 'Line one\nline two');
    expect(readMeta(doc).title).toBe('Line one line two');
    meta.set('title', 'x'.repeat(1_000_000));
    expect(readMeta(doc).title).toHaveLength(MAX_TITLE_LENGTH);
    meta.set('title', `${'x'.repeat(MAX_TITLE_LENGTH - 1)}🌱`);
    expect(readMeta(doc).title).toBe('x'.repeat(MAX_TITLE_LENGTH - 1));
    meta.set('title', 7);
    expect(readMeta(doc).title).toBe('');
  });
});
