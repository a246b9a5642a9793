import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoard } from './commands';
import { zoneKey, type Rect } from './layout';
import { readLinks, readNotes, readZones } from './schema';
import { loadWorkshop, parseWorkshop, type Workshop } from './workshop';
import { sampleWorkshop } from './sampleWorkshop';
import { overlap } from './testing';

function loadedBoard(): { doc: Y.Doc; workshop: Workshop } {
  const workshop = parseWorkshop(sampleWorkshop());
  const doc = new Y.Doc();
  createBoard(doc, { title: workshop.title }, 'test');
  loadWorkshop(doc, workshop, 'import', 1000);
  return { doc, workshop };
}

describe('parseWorkshop', () => {
  it('accepts the sample workshop', () => {
    const workshop = parseWorkshop(sampleWorkshop());
    expect(workshop.title).toMatch(/FieldPulse/);
    expect(workshop.notes).toHaveLength(36);
    expect(workshop.links).toHaveLength(10);
  });

  it('lists every problem of a bad workshop in one error', () => {
    const bad = sampleWorkshop();
    bad.notes[0]!.layer = 'roof' as never;
    bad.notes[1]!.id = bad.notes[2]!.id;
    bad.links[0]!.to = 'nobody';
    let message = '';
    try {
      parseWorkshop(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('notes[0].layer: unknown layer roof');
    expect(message).toContain('notes[2].id: expected a unique string');
    expect(message).toContain('links[0]: both ends must be note ids');
  });

  it('names wrong kinds, areas and missing fields', () => {
    expect(() =>
      parseWorkshop({
        title: 'T',
        notes: [{ id: 'a', layer: 'cloud', area: 'marketing', kind: 'todo', text: 1 }],
        links: [],
      }),
    ).toThrow(
      /notes\[0\]\.area: unknown area marketing.*notes\[0\]\.kind: unknown kind todo.*notes\[0\]\.text: expected a string/,
    );
  });

  it('refuses input that is not a workshop at all', () => {
    expect(() => parseWorkshop(null)).toThrow(/expected a JSON object/);
    expect(() => parseWorkshop('notes')).toThrow(/expected a JSON object/);
    expect(() => parseWorkshop({})).toThrow(/title: expected a string.*notes: expected an array/);
    // Without links, loading would fail half-way, after the notes were already on the board.
    expect(() => parseWorkshop({ title: 'T', notes: [] })).toThrow(/links: expected an array/);
  });
});

describe('loadWorkshop', () => {
  it('places the 36 notes and 10 links of the sample on the board', () => {
    const { doc, workshop } = loadedBoard();
    const notes = readNotes(doc);
    expect(notes).toHaveLength(36);
    expect(readLinks(doc)).toHaveLength(10);
    const s01 = notes.find((n) => n.id === 's01')!;
    expect(s01).toMatchObject({
      text: workshop.notes[0]!.text,
      kind: 'decision',
      horizon: 'now',
      department: 'business',
      author: 'Priya',
      createdAt: 1000,
    });
  });

  it('puts every note wholly inside its zone, without covering another note', () => {
    const { doc, workshop } = loadedBoard();
    const zones = new Map(readZones(doc).map((z) => [z.id, z]));
    const notes = new Map(readNotes(doc).map((n) => [n.id, n]));
    const byZone = new Map<string, Rect[]>();
    for (const w of workshop.notes) {
      const key = zoneKey(w.layer, w.area);
      const zone = zones.get(key)!;
      const note = notes.get(w.id)!;
      expect(note.x >= zone.x && note.x + note.w <= zone.x + zone.w, `${w.id} across ${key}`).toBe(true);
      expect(note.y >= zone.y && note.y + note.h <= zone.y + zone.h, `${w.id} across ${key}`).toBe(true);
      for (const other of byZone.get(key) ?? [])
        expect(overlap(note, other), `${w.id} in ${key}`).toBe(false);
      byZone.set(key, [...(byZone.get(key) ?? []), note]);
    }
    expect(Math.max(...[...byZone.values()].map((list) => list.length))).toBeGreaterThan(1);
  });

  it('loads in one transaction, one undo step', () => {
    const workshop = parseWorkshop(sampleWorkshop());
    const doc = new Y.Doc();
    createBoard(doc, { title: workshop.title }, 'test');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    loadWorkshop(doc, workshop, 'import');
    expect(origins).toEqual(['import']);
  });

  it('needs a board with its template', () => {
    expect(() => loadWorkshop(new Y.Doc(), parseWorkshop(sampleWorkshop()), 'import')).toThrow(/no zone/);
  });
});
