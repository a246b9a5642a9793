import { describe, expect, it } from 'vitest';
import { addNote, editNoteText, setNoteKind } from './commands';
import { cellCoverage, cellState, computeCoverage } from './coverage';
import { AREA_IDS, LAYER_IDS } from './framework';
import { readNotes, readZones } from './schema';
import { sampleWorkshop } from './sampleWorkshop';
import { newBoard } from './testing';
import { loadWorkshop } from './workshop';

const kinds = (idea: number, question: number, decision: number, risk: number) => ({
  idea,
  question,
  decision,
  risk,
});

describe('cellState', () => {
  it('is empty without notes, exploring without a decision, decided or contested with one', () => {
    expect(cellState(kinds(0, 0, 0, 0))).toBe('empty');
    expect(cellState(kinds(3, 1, 0, 1))).toBe('exploring');
    expect(cellState(kinds(2, 0, 1, 0))).toBe('decided');
    expect(cellState(kinds(0, 1, 2, 0))).toBe('contested');
    expect(cellState(kinds(0, 0, 1, 1))).toBe('contested');
  });
});

describe('computeCoverage', () => {
  it('projects the sample workshop onto the 5 x 6 model', () => {
    const doc = newBoard();
    const workshop = sampleWorkshop();
    loadWorkshop(doc, workshop, 'test');
    const coverage = computeCoverage(readNotes(doc), readZones(doc));

    expect(coverage.layers.map((l) => l.layer)).toEqual([...LAYER_IDS]);
    for (const layer of coverage.layers) expect(layer.cells.map((c) => c.area)).toEqual([...AREA_IDS]);
    // Every fixture note lands in the cell it was written for.
    const placed = coverage.layers.flatMap((l) => l.cells.flatMap((c) => c.noteIds));
    expect(placed.length).toBe(workshop.notes.length);
    for (const note of workshop.notes) {
      const cell = cellCoverage(coverage, note.layer, note.area);
      expect(cell.byKind[note.kind]).toBeGreaterThan(0);
      expect(cell.authors).toContain(note.author);
      expect(cell.byDepartment[note.department]).toBeGreaterThan(0);
    }
    // The counts add up and every empty cell is a gap.
    expect(Object.values(coverage.counts).reduce((a, b) => a + b, 0)).toBe(30);
    expect(coverage.gaps.length).toBe(coverage.counts.empty);
    for (const gap of coverage.gaps) expect(cellCoverage(coverage, gap.layer, gap.area).noteIds).toEqual([]);
    expect(coverage.offBoardNoteIds).toEqual([]);
  });

  it('states each cell from the kinds of its notes, and scores layers and the board', () => {
    const doc = newBoard();
    const zones = readZones(doc);
    const zone = (layer: string, area: string) => zones.find((z) => z.layer === layer && z.area === area)!;
    const put = (
      layer: string,
      area: string,
      kind: 'idea' | 'question' | 'decision' | 'risk',
      author = 'Ana',
    ) => {
      const z = zone(layer, area);
      const id = addNote(
        doc,
        { x: z.x + 40, y: z.y + 60, text: kind, author, department: 'hardware' },
        'test',
      );
      setNoteKind(doc, [id], kind, 'test');
      return id;
    };
    put('devices', 'business', 'decision');
    put('devices', 'technology', 'idea');
    put('devices', 'ux', 'decision');
    put('devices', 'ux', 'question', 'Ben');
    const coverage = computeCoverage(readNotes(doc), zones);
    const devices = coverage.layers[0]!;
    expect(devices.cells.map((c) => c.state)).toEqual([
      'decided',
      'exploring',
      'contested',
      'empty',
      'empty',
      'empty',
    ]);
    // decided 1 + exploring 0.5 + contested 0.5, over six cells.
    expect(devices.score).toBe(33.3);
    expect(coverage.layers[1]!.score).toBe(0);
    expect(coverage.score).toBe(6.7);
    expect(coverage.counts).toEqual({ empty: 27, exploring: 1, decided: 1, contested: 1 });
    expect(cellCoverage(coverage, 'devices', 'ux').authors).toEqual(['Ana', 'Ben']);
    expect(coverage.gaps[0]).toEqual({ layer: 'devices', area: 'data' });
  });

  it('leaves out notes without words: their cell stays a gap, whoever added them', () => {
    const doc = newBoard();
    const zones = readZones(doc);
    const zone = zones.find((z) => z.layer === 'cloud' && z.area === 'security')!;
    const at = { x: zone.x + 60, y: zone.y + 80, author: 'Ana', department: 'cloud' };
    const empty = addNote(doc, { ...at, text: '' }, 't');
    addNote(doc, { ...at, text: '  \n\t ' }, 't');
    const decision = addNote(doc, { ...at, text: '\u00a0' }, 't');
    setNoteKind(doc, [decision], 'decision', 't');
    addNote(doc, { ...at, text: '', x: -5000 }, 't');
    addNote(doc, { ...at, text: ' ', y: zones.find((z) => z.layer === 'cloud' && !z.area)!.y + 5 }, 't');
    let coverage = computeCoverage(readNotes(doc), zones);
    expect(cellCoverage(coverage, 'cloud', 'security')).toMatchObject({ state: 'empty', noteIds: [] });
    expect(coverage.gaps).toContainEqual({ layer: 'cloud', area: 'security' });
    expect(coverage.counts.empty).toBe(30);
    expect(coverage.offBoardNoteIds).toEqual([]);
    expect(coverage.layers[3]!.unsortedNoteIds).toEqual([]);

    // One word is enough.
    editNoteText(doc, empty, 'TLS', 't');
    coverage = computeCoverage(readNotes(doc), zones);
    expect(cellCoverage(coverage, 'cloud', 'security')).toMatchObject({
      state: 'exploring',
      noteIds: [empty],
    });
    expect(coverage.gaps).not.toContainEqual({ layer: 'cloud', area: 'security' });
  });

  it('counts notes outside the areas apart', () => {
    const doc = newBoard();
    const zones = readZones(doc);
    const frame = zones.find((z) => z.layer === 'cloud' && z.area === null)!;
    // In the layer's header band: inside the canvas, in no area.
    addNote(
      doc,
      { id: 'header', x: frame.x + 600, y: frame.y + 5, text: 'x', author: 'a', department: 'd' },
      't',
    );
    addNote(doc, { id: 'away', x: -5000, y: -5000, text: 'x', author: 'a', department: 'd' }, 't');
    const coverage = computeCoverage(readNotes(doc), zones);
    expect(coverage.layers[3]!.unsortedNoteIds).toEqual(['header']);
    expect(coverage.offBoardNoteIds).toEqual(['away']);
  });
});
