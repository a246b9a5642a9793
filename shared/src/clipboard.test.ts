import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CLIPBOARD_TYPE,
  clipboardText,
  copyNotes,
  duplicateNotes,
  parseClipboard,
  pasteNotes,
  type ClipboardPayload,
} from './clipboard';
import { addNote, linkNotes } from './commands';
import { boardMaps, readBoard, readLinks, readNotes } from './schema';
import { LOCAL, newBoard, note, noteInput, transactionsOf } from './testing';

/**
 * radio (300, 400) and battery (500, 350) are linked both ways; cloud (1000, 1000) is linked from radio
 * but is not part of the usual selection.
 */
function sourceBoard(): Y.Doc {
  const doc = newBoard();
  addNote(
    doc,
    noteInput({
      id: 'radio',
      x: 300,
      y: 400,
      w: 200,
      h: 120,
      text: 'LoRaWAN',
      color: 'green',
      kind: 'decision',
      horizon: 'now',
    }),
    'setup',
  );
  addNote(
    doc,
    noteInput({
      id: 'battery',
      x: 500,
      y: 350,
      text: 'Battery lasts 5 years?',
      color: 'pink',
      kind: 'question',
      author: 'Tom',
      department: 'technology',
    }),
    'setup',
  );
  addNote(doc, noteInput({ id: 'cloud', x: 1000, y: 1000, text: 'AWS IoT', kind: 'risk' }), 'setup');
  linkNotes(doc, { id: 'l1', from: 'radio', to: 'battery', label: 'airtime drives battery' }, 'setup');
  linkNotes(doc, { id: 'l2', from: 'battery', to: 'radio' }, 'setup');
  linkNotes(doc, { id: 'l3', from: 'radio', to: 'cloud' }, 'setup');
  return doc;
}

const copied = (): ClipboardPayload => copyNotes(sourceBoard(), ['radio', 'battery']);

describe('copyNotes', () => {
  it('gives positions relative to the top-left of the selection', () => {
    const payload = copied();
    expect(payload.type).toBe(CLIPBOARD_TYPE);
    expect(payload.notes).toEqual([
      {
        id: 'radio',
        x: 0,
        y: 50,
        w: 200,
        h: 120,
        text: 'LoRaWAN',
        color: 'green',
        kind: 'decision',
        author: 'Priya',
        department: 'business',
        horizon: 'now',
      },
      expect.objectContaining({ id: 'battery', x: 200, y: 0, text: 'Battery lasts 5 years?' }),
    ]);
    expect(payload.notes[1]).not.toHaveProperty('horizon');
  });

  it('includes only the links whose both ends are copied', () => {
    const payload = copied();
    expect(payload.links).toEqual([
      { from: 'radio', to: 'battery', label: 'airtime drives battery' },
      { from: 'battery', to: 'radio' },
    ]);
    expect(copyNotes(sourceBoard(), ['radio']).links).toEqual([]);
  });

  it('skips unknown ids and gives an empty payload for nothing selected', () => {
    expect(copyNotes(sourceBoard(), ['cloud', 'gone']).notes.map((n) => [n.id, n.x, n.y])).toEqual([
      ['cloud', 0, 0],
    ]);
    expect(copyNotes(sourceBoard(), [])).toMatchObject({ notes: [], links: [] });
  });
});

describe('clipboardText', () => {
  it('gives one paragraph per note with its kind, for pasting into other apps', () => {
    expect(clipboardText(copied())).toBe('[decision] LoRaWAN\n\n[question] Battery lasts 5 years?');
  });
});

describe('parseClipboard', () => {
  it('reads back what copyNotes wrote', () => {
    const payload = copied();
    expect(parseClipboard(JSON.stringify(payload))).toEqual(payload);
  });

  /** The copied payload as plain JSON, changed by `change`. */
  function damaged(
    change: (v: { notes: Record<string, unknown>[]; links: unknown[] } & Record<string, unknown>) => void,
  ) {
    const value = JSON.parse(JSON.stringify(copied()));
    change(value);
    return JSON.stringify(value);
  }

  it.each<[string, string]>([
    ['plain text', 'LoRaWAN is the radio'],
    ['truncated JSON', JSON.stringify(copied()).slice(0, 40)],
    ['JSON null', 'null'],
    ['a JSON number', '42'],
    ['another type', damaged((v) => (v.type = 'excalidraw/clipboard'))],
    ['another version', damaged((v) => (v.version = 2))],
    ['no notes array', damaged((v) => (v.notes = {} as never))],
    ['no links array', damaged((v) => (v.links = undefined as never))],
    ['duplicate note ids', damaged((v) => (v.notes[1]!.id = 'radio'))],
    ['a note without an id', damaged((v) => delete v.notes[0]!.id)],
    ['a position given as a string', damaged((v) => (v.notes[0]!.x = '10'))],
    ['a NaN size', JSON.stringify(copied()).replace('"w":200', '"w":NaN')],
    ['a null size (what JSON makes of NaN)', damaged((v) => (v.notes[0]!.h = null))],
    ['an unknown colour', damaged((v) => (v.notes[0]!.color = 'mauve'))],
    ['an unknown kind', damaged((v) => (v.notes[0]!.kind = 'todo'))],
    ['an unknown horizon', damaged((v) => (v.notes[0]!.horizon = 'someday'))],
    ['text that is not a string', damaged((v) => (v.notes[0]!.text = 42))],
    ['a link to an unknown id', damaged((v) => v.links.push({ from: 'radio', to: 'cloud' }))],
    ['a link from an unknown id', damaged((v) => v.links.push({ from: 'cloud', to: 'radio' }))],
    ['a self-link', damaged((v) => v.links.push({ from: 'radio', to: 'radio' }))],
    ['a null link', damaged((v) => v.links.push(null))],
    ['a null note', damaged((v) => v.notes.push(null as never))],
    ['a note that is a number', damaged((v) => v.notes.push(7 as never))],
    ['a link label that is not a string', damaged((v) => ((v.links[0] as { label: unknown }).label = 7))],
  ])('rejects %s', (_name, text) => {
    expect(parseClipboard(text)).toBeNull();
  });

  it('accepts 2000 notes and rejects more', () => {
    const many = (count: number) =>
      damaged((v) => {
        const template = v.notes[0]!;
        v.notes = Array.from({ length: count }, (_, i) => ({ ...template, id: `n${i}` }));
        v.links = [];
      });
    expect(parseClipboard(many(2000))?.notes).toHaveLength(2000);
    expect(parseClipboard(many(2001))).toBeNull();
  });
});

describe('pasteNotes', () => {
  it('adds the notes to another board with new ids at the given point, with their links', () => {
    const payload = parseClipboard(JSON.stringify(copied()))!;
    const target = newBoard();
    const ids = pasteNotes(target, payload, { x: 2000, y: 1500 }, LOCAL);

    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids).not.toContain('radio');
    expect(ids).not.toContain('battery');
    const [radio, battery] = ids.map((id) => note(target, id));
    expect(radio).toMatchObject({
      x: 2000,
      y: 1550,
      w: 200,
      h: 120,
      text: 'LoRaWAN',
      color: 'green',
      kind: 'decision',
      author: 'Priya',
      department: 'business',
      horizon: 'now',
    });
    expect(battery).toMatchObject({
      x: 2200,
      y: 1500,
      text: 'Battery lasts 5 years?',
      color: 'pink',
      kind: 'question',
      author: 'Tom',
      department: 'technology',
      horizon: null,
    });
    expect(readLinks(target).map(({ from, to, label }) => ({ from, to, label }))).toEqual(
      expect.arrayContaining([
        { from: ids[0], to: ids[1], label: 'airtime drives battery' },
        { from: ids[1], to: ids[0], label: '' },
      ]),
    );
    expect(readLinks(target)).toHaveLength(2);
  });

  it('puts pasted notes on top, in the order they were stacked', () => {
    const target = newBoard();
    addNote(target, noteInput({ id: 'existing' }), 'setup');
    const ids = pasteNotes(target, copied(), { x: 0, y: 0 }, LOCAL);
    expect(readNotes(target).map((n) => n.id)).toEqual(['existing', ...ids]);
  });

  it('is one transaction, so one undo removes every pasted note and link', () => {
    const target = newBoard();
    addNote(target, noteInput({ id: 'existing' }), LOCAL);
    const { notes, links } = boardMaps(target);
    const undo = new Y.UndoManager([notes, links], { trackedOrigins: new Set([LOCAL]), captureTimeout: 0 });
    const before = readBoard(target);

    const origins = transactionsOf(target, () => pasteNotes(target, copied(), { x: 0, y: 0 }, LOCAL));
    expect(origins).toEqual([LOCAL]);
    expect(readNotes(target)).toHaveLength(3);
    expect(readLinks(target)).toHaveLength(2);

    undo.undo();
    expect(readBoard(target)).toEqual(before);
    undo.redo();
    expect(readNotes(target)).toHaveLength(3);
    expect(readLinks(target)).toHaveLength(2);
  });

  it('gives distinct ids when the same payload is pasted twice', () => {
    const target = newBoard();
    const payload = copied();
    const first = pasteNotes(target, payload, { x: 0, y: 0 }, LOCAL);
    const second = pasteNotes(target, payload, { x: 50, y: 50 }, LOCAL);
    expect(new Set([...first, ...second]).size).toBe(4);
    expect(readNotes(target)).toHaveLength(4);
    const links = readLinks(target);
    expect(links).toHaveLength(4);
    // Each copy's links stay among that copy's notes.
    for (const l of links) {
      const group = first.includes(l.from) ? first : second;
      expect(group).toContain(l.to);
    }
  });

  it('rounds positions to whole pixels', () => {
    const target = newBoard();
    const [id] = pasteNotes(target, copyNotes(sourceBoard(), ['cloud']), { x: 10.4, y: 20.6 }, LOCAL);
    expect(note(target, id!)).toMatchObject({ x: 10, y: 21 });
  });
});

describe('duplicateNotes', () => {
  it('copies notes beside themselves and leaves the originals untouched', () => {
    const doc = sourceBoard();
    const before = readBoard(doc);
    const ids = duplicateNotes(doc, ['radio', 'battery'], 24, LOCAL);

    expect(ids).toHaveLength(2);
    const after = readBoard(doc);
    for (const original of before.notes) expect(note(doc, original.id)).toEqual(original);
    expect(after.links.filter((l) => ['l1', 'l2', 'l3'].includes(l.id))).toEqual(before.links);

    const [radio, battery] = ids.map((id) => note(doc, id));
    expect(radio).toMatchObject({ x: 324, y: 424, text: 'LoRaWAN', kind: 'decision', horizon: 'now' });
    expect(battery).toMatchObject({ x: 524, y: 374, text: 'Battery lasts 5 years?', color: 'pink' });
    const copiedLinks = after.links.filter((l) => ids.includes(l.from) || ids.includes(l.to));
    expect(copiedLinks.map(({ from, to }) => [from, to])).toEqual(
      expect.arrayContaining([
        [ids[0], ids[1]],
        [ids[1], ids[0]],
      ]),
    );
    expect(copiedLinks).toHaveLength(2);
  });

  it('does nothing for an empty or unknown selection', () => {
    const doc = sourceBoard();
    const before = Y.encodeStateAsUpdate(doc);
    expect(duplicateNotes(doc, [], 24, LOCAL)).toEqual([]);
    expect(duplicateNotes(doc, ['gone'], 24, LOCAL)).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
