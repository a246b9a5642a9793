import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, CommandError, createBoard, linkNotes } from './commands';
import { NOTE_HEIGHT, NOTE_WIDTH, templateZones } from './layout';
import { boardMaps, readBoard, readMeta, readNote, readNotes, readZones, SCHEMA_VERSION } from './schema';
import { sync } from './testing';

describe('createBoard', () => {
  it('writes the meta and the 35 zones of the template', () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: '  FieldPulse  ', createdAt: 1_700_000_000_000 }, 'server');
    expect(readMeta(doc)).toEqual({
      schema: SCHEMA_VERSION,
      title: 'FieldPulse',
      createdAt: 1_700_000_000_000,
    });
    expect(SCHEMA_VERSION).toBe(1);
    const zones = readZones(doc);
    expect(zones).toHaveLength(35);
    const byId = new Map(templateZones().map((z) => [z.id, z]));
    for (const z of zones) expect(byId.get(z.id)).toEqual(z);
  });

  it('names an untitled board and stamps the time', () => {
    const doc = new Y.Doc();
    const before = Date.now();
    createBoard(doc, { title: '   ' }, 'server');
    const meta = readMeta(doc);
    expect(meta.title).toBe('Untitled workshop');
    expect(meta.createdAt).toBeGreaterThanOrEqual(before);
  });

  it('refuses to lay out a board twice, also on a replica that received the first one', () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: 'First' }, 'server');
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => createBoard(doc, { title: 'Second' }, 'server')).toThrow(CommandError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(readMeta(doc).title).toBe('First');

    const replica = new Y.Doc();
    Y.applyUpdate(replica, before);
    expect(() => createBoard(replica, { title: 'Again' }, 'client')).toThrow(CommandError);
  });

  it('uses only the top-level types of the design', () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: 'Board' }, 'server');
    expect([...doc.share.keys()].sort()).toEqual(['links', 'meta', 'notes', 'session', 'zones']);
  });
});

describe('reading a board', () => {
  it('reads an empty document as schema 0 with no zones or notes', () => {
    expect(readBoard(new Y.Doc())).toEqual({
      meta: { schema: 0, title: '', createdAt: 0 },
      zones: [],
      notes: [],
      links: [],
      voteRounds: [],
    });
  });

  it("reads a note with wrong types with safe defaults, and never an old board's per-person dots", () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    const votes = new Y.Map<unknown>();
    doc.transact(() => {
      boardMaps(doc).notes.set('odd', map);
      for (const [k, v] of Object.entries({
        x: '12',
        y: null,
        w: Number.NaN,
        h: { big: true },
        text: 42,
        color: '#ff0000',
        kind: 'todo',
        author: 7,
        department: ['cloud'],
        createdAt: 'yesterday',
        z: 3,
        horizon: 'someday',
      })) {
        map.set(k, v);
      }
      map.set('votes', votes);
      votes.set('ana', 2);
      votes.set('ben', -1);
      votes.set('cy', 'three');
    });
    expect(readNote('odd', map)).toEqual({
      id: 'odd',
      x: 0,
      y: 0,
      w: NOTE_WIDTH,
      h: NOTE_HEIGHT,
      text: '',
      color: 'yellow',
      kind: 'idea',
      author: '',
      department: '',
      createdAt: 0,
      z: '',
      horizon: null,
    });
  });

  it('reads plain-string text and skips notes and zones that are not maps', () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: 'Board' }, 'test');
    const { notes, zones } = boardMaps(doc);
    const plain = new Y.Map<unknown>();
    const badZone = new Y.Map<unknown>();
    doc.transact(() => {
      plain.set('text', 'typed by an old client');
      notes.set('plain', plain);
      (notes as Y.Map<unknown>).set('junk', 'not a note');
      badZone.set('layer', 'roof');
      badZone.set('x', 0);
      zones.set('roof', badZone);
      (zones as Y.Map<unknown>).set('junk', 5);
    });
    expect(readNotes(doc).map((n) => [n.id, n.text])).toEqual([['plain', 'typed by an old client']]);
    expect(readZones(doc)).toHaveLength(35);
  });

  it('ignores zones with no size or an unknown area', () => {
    const doc = new Y.Doc();
    const { zones } = boardMaps(doc);
    doc.transact(() => {
      for (const [id, area, w] of [
        ['devices', null, 100],
        ['flat', null, 0],
        ['odd', 'marketing', 100],
      ] as const) {
        const map = new Y.Map<unknown>();
        zones.set(id, map);
        map.set('layer', 'devices');
        map.set('area', area);
        for (const k of ['x', 'y', 'h']) map.set(k, k === 'h' ? 50 : 0);
        map.set('w', w);
      }
    });
    expect(readZones(doc).map((z) => z.id)).toEqual(['devices']);
  });

  it('lists links in the same order on replicas that received them in different orders', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createBoard(a, { title: 'Board' }, 'test');
    addNote(a, { id: 'n1', x: 0, y: 0, author: 'a', department: 'apps' }, 'test');
    addNote(a, { id: 'n2', x: 0, y: 0, author: 'a', department: 'apps' }, 'test');
    sync(a, b);
    linkNotes(a, { id: 'la', from: 'n1', to: 'n2' }, 'test');
    linkNotes(b, { id: 'lb', from: 'n2', to: 'n1' }, 'test');
    sync(a, b);
    expect(readBoard(a).links.map((l) => l.id)).toEqual(['la', 'lb']);
    expect(readBoard(b)).toEqual(readBoard(a));
  });
});
