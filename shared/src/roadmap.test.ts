import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addNote, linkNotes, setNoteHorizon, setNoteKind } from './commands';
import type { Horizon, NoteKind } from './framework';
import { buildRoadmap } from './roadmap';
import { readLinks, readNotes, readZones } from './schema';
import { newBoard, transactionsOf } from './testing';

function board() {
  const doc = newBoard();
  const zones = readZones(doc);
  const put = (id: string, layer: string, kind: NoteKind, horizon?: Horizon) => {
    const zone = zones.find((z) => z.layer === layer && z.area === 'technology')!;
    addNote(
      doc,
      { id, x: zone.x + 30, y: zone.y + 60, text: id, author: 'a', department: 'd', horizon },
      't',
    );
    setNoteKind(doc, [id], kind, 't');
  };
  return { doc, zones, put };
}

const roadmapOf = (doc: Y.Doc) => buildRoadmap(readNotes(doc), readZones(doc), readLinks(doc));

describe('buildRoadmap', () => {
  it('lays the decisions out as layers x horizons, the unplanned apart, other kinds left out', () => {
    const { doc, put } = board();
    put('radio', 'communications', 'decision', 'now');
    put('mcu', 'embedded', 'decision', 'next');
    put('ota', 'embedded', 'decision');
    put('maybe', 'embedded', 'idea', 'now');
    addNote(doc, { id: 'far', x: -9000, y: 0, text: 'far', author: 'a', department: 'd' }, 't');
    setNoteKind(doc, ['far'], 'decision', 't');
    const roadmap = roadmapOf(doc);
    const lane = (layer: string) => roadmap.lanes.find((l) => l.layer === layer)!;
    expect(lane('communications').byHorizon).toEqual({ now: ['radio'], next: [], later: [] });
    expect(lane('embedded').byHorizon).toEqual({ now: [], next: ['mcu'], later: [] });
    expect(lane('embedded').unplanned).toEqual(['ota']);
    expect(roadmap.unplaced).toEqual(['far']);
    expect(roadmap.warnings).toEqual([]);
  });

  it('warns where something is planned before a thing it depends on', () => {
    const { doc, put } = board();
    put('radio', 'communications', 'decision', 'next');
    put('battery', 'devices', 'decision', 'now');
    put('gateway', 'communications', 'decision');
    put('dashboard', 'applications', 'decision', 'later');
    linkNotes(doc, { id: 'L1', from: 'radio', to: 'battery' }, 't'); // battery now, radio only next
    linkNotes(doc, { id: 'L2', from: 'gateway', to: 'dashboard' }, 't'); // gateway never planned
    linkNotes(doc, { id: 'L3', from: 'battery', to: 'dashboard' }, 't'); // fine: now before later
    expect(roadmapOf(doc).warnings).toEqual([
      { note: 'battery', noteHorizon: 'now', dependency: 'radio', dependencyHorizon: 'next', link: 'L1' },
      { note: 'dashboard', noteHorizon: 'later', dependency: 'gateway', dependencyHorizon: null, link: 'L2' },
    ]);
  });
});

describe('setNoteHorizon', () => {
  it('plans notes for a horizon and takes them off the roadmap, in one transaction', () => {
    const { doc, put } = board();
    put('a', 'devices', 'decision');
    put('b', 'devices', 'decision', 'later');
    expect(transactionsOf(doc, () => setNoteHorizon(doc, ['a', 'b', 'missing'], 'now', 't'))).toHaveLength(1);
    expect(readNotes(doc).map((n) => n.horizon)).toEqual(['now', 'now']);
    setNoteHorizon(doc, ['a'], null, 't');
    expect(readNotes(doc).find((n) => n.id === 'a')!.horizon).toBeNull();
    expect(() => setNoteHorizon(doc, ['a'], 'someday' as Horizon, 't')).toThrow(/unknown horizon/);
  });
});
