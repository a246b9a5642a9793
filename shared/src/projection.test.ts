import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoard } from './commands';
import type { AreaId, LayerId } from './framework';
import { zoneKey } from './layout';
import { createProjector, projectNotes } from './projection';
import { boardMaps, readNotes, readZones, type Zone } from './schema';
import { sampleWorkshop } from './sampleWorkshop';
import { loadWorkshop, parseWorkshop } from './workshop';

function zone(layer: LayerId, area: AreaId | null, x: number, y: number, w: number, h: number): Zone {
  return { id: zoneKey(layer, area), layer, area, x, y, w, h };
}

/** A note of the default size whose centre is at (cx, cy). */
function noteAt(cx: number, cy: number, id = 'n') {
  return { id, x: cx - 90, y: cy - 60, w: 180, h: 120 };
}

describe('placing a note', () => {
  // One layer frame with a header band of 100, and two areas side by side sharing the edge x = 500.
  const zones = [
    zone('devices', null, 0, 0, 1000, 600),
    zone('devices', 'business', 0, 100, 500, 500),
    zone('devices', 'technology', 500, 100, 500, 500),
  ];
  const projector = createProjector(zones);

  it('puts a note in the area its centre lies in', () => {
    expect(projector.placeNote(noteAt(250, 300))).toEqual({ layer: 'devices', area: 'business' });
    expect(projector.placeNote(noteAt(750, 300))).toEqual({ layer: 'devices', area: 'technology' });
  });

  it('decides by the centre, not by where most of the note is', () => {
    // Mostly over business, but the centre is just past the edge.
    expect(projector.placeNote({ x: 0, y: 250, w: 1002, h: 100 })).toEqual({
      layer: 'devices',
      area: 'technology',
    });
  });

  it('gives a shared edge to exactly one zone: left and top edges are in, right and bottom are out', () => {
    expect(projector.placePoint(500, 300)).toEqual({ layer: 'devices', area: 'technology' });
    expect(projector.placePoint(499.999, 300)).toEqual({ layer: 'devices', area: 'business' });
    expect(projector.placePoint(0, 100)).toEqual({ layer: 'devices', area: 'business' });
    // The bottom edge of the areas is also the frame's bottom edge: outside both.
    expect(projector.placePoint(250, 600)).toBeNull();
    expect(projector.placePoint(1000, 300)).toBeNull();
  });

  it('gives a shared horizontal edge to the zone below it', () => {
    const stacked = createProjector([
      zone('cloud', 'data', 0, 0, 100, 100),
      zone('cloud', 'security', 0, 100, 100, 100),
    ]);
    expect(stacked.placePoint(50, 100)).toEqual({ layer: 'cloud', area: 'security' });
    expect(stacked.placePoint(50, 99.5)).toEqual({ layer: 'cloud', area: 'data' });
  });

  it("places a note in a layer's heading band in the layer, with no area", () => {
    expect(projector.placeNote(noteAt(400, 50))).toEqual({ layer: 'devices', area: null });
  });

  it('leaves a note outside every zone unplaced', () => {
    expect(projector.placeNote(noteAt(2000, 300))).toBeNull();
    expect(projector.placeNote(noteAt(-1, 300))).toBeNull();
    expect(createProjector([]).placeNote(noteAt(0, 0))).toBeNull();
  });

  it('lets the smaller of two overlapping zones win, whatever their order', () => {
    const big = zone('cloud', 'data', 0, 0, 400, 400);
    const small = zone('cloud', 'security', 100, 100, 100, 100);
    for (const list of [
      [big, small],
      [small, big],
    ]) {
      const p = createProjector(list);
      expect(p.placePoint(150, 150)).toEqual({ layer: 'cloud', area: 'security' });
      expect(p.placePoint(50, 50)).toEqual({ layer: 'cloud', area: 'data' });
    }
  });

  it('lets an area zone beat a layer frame, even a smaller frame', () => {
    const area = zone('cloud', 'ux', 0, 0, 400, 400);
    const frame = zone('applications', null, 100, 100, 100, 100);
    expect(createProjector([frame, area]).placePoint(150, 150)).toEqual({ layer: 'cloud', area: 'ux' });
  });

  it('projects every note of a list by id', () => {
    const placed = projectNotes([noteAt(250, 300, 'a'), noteAt(5000, 0, 'b')], zones);
    expect(placed).toEqual(
      new Map([
        ['a', { layer: 'devices', area: 'business' }],
        ['b', null],
      ]),
    );
  });
});

describe('placing notes on a board', () => {
  it('follows a zone that was moved in the document', () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: 'Moved zones' }, 'test');
    const before = readZones(doc).find((z) => z.id === 'cloud:data')!;
    const note = noteAt(before.x + 100, before.y + 100);
    expect(createProjector(readZones(doc)).placeNote(note)).toEqual({ layer: 'cloud', area: 'data' });

    // Drag the data area somewhere empty, far to the right of every layer.
    const map = boardMaps(doc).zones.get('cloud:data')!;
    doc.transact(() => {
      map.set('x', 5000);
      map.set('y', 0);
    });
    const after = readZones(doc);
    expect(after.find((z) => z.id === 'cloud:data')).toMatchObject({ x: 5000, y: 0 });
    // The old spot is now just the cloud layer's canvas...
    expect(createProjector(after).placeNote(note)).toEqual({ layer: 'cloud', area: null });
    // ...and a note at the new spot is in the data area.
    expect(createProjector(after).placeNote(noteAt(5100, 100))).toEqual({ layer: 'cloud', area: 'data' });
  });

  it('places every note of the sample workshop in the cell the workshop names', () => {
    const workshop = parseWorkshop(sampleWorkshop());
    const doc = new Y.Doc();
    createBoard(doc, { title: workshop.title }, 'test');
    loadWorkshop(doc, workshop, 'test');

    const placed = projectNotes(readNotes(doc), readZones(doc));
    expect(placed.size).toBe(workshop.notes.length);
    for (const n of workshop.notes) {
      expect(placed.get(n.id), n.id).toEqual({ layer: n.layer, area: n.area });
    }
  });
});
