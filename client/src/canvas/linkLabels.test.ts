import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createBoard,
  loadWorkshop,
  readLinks,
  readNotes,
  readZones,
  sampleWorkshop,
  type Rect,
} from '@shared';
import { intersects, linkSegment } from '../core/viewport/geometry';
import {
  placeBoardLabels,
  placeLinkLabels,
  segmentCrosses,
  titleBands,
  type LabelRequest,
} from './linkLabels';

const note = (x: number, y: number): Rect => ({ x, y, w: 200, h: 140 });
const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** A link from a note at (0, 0) to one at (1000, 0): its arrow runs from x 200 to 1000 at y 70. */
const across: LabelRequest = { id: 'l', from: note(0, 0), to: note(1000, 0), w: 160, h: 28 };

describe('placeLinkLabels', () => {
  it('puts a label in the middle of its arrow when nothing is there', () => {
    const [label] = placeLinkLabels([across], [across.from, across.to], []);
    expect(centre(label!)).toEqual({ x: 600, y: 70 });
  });

  it('slides a label along its arrow off a note the arrow runs under', () => {
    const under = note(500, 0);
    const [label] = placeLinkLabels([across], [across.from, across.to, under], []);
    expect(label!.y + label!.h / 2).toBe(70);
    expect(intersects(label!, under)).toBe(false);
    expect(intersects(label!, across.from) || intersects(label!, across.to)).toBe(false);
  });

  it('keeps a label off the titles of layers and areas', () => {
    const zones = readZones(board());
    const frame = zones.find((z) => z.layer === 'cloud' && z.area === null)!;
    // An arrow straight down through the Cloud layer's heading and the name of its Business area.
    const from = note(frame.x + 300, frame.y - 400);
    const to = note(frame.x + 300, frame.y + 500);
    const [label] = placeLinkLabels([{ id: 'l', from, to, w: 220, h: 28 }], [from, to], titleBands(zones));
    for (const band of titleBands(zones)) expect(intersects(label!, band)).toBe(false);
  });

  it('sets a label beside its arrow when notes cover the whole arrow, and on the least covered spot when all are', () => {
    const row = [200, 400, 600, 800].map((x) => note(x, 0));
    const [beside] = placeLinkLabels([across], [across.from, across.to, ...row], []);
    for (const n of [across.from, across.to, ...row]) expect(intersects(beside!, n)).toBe(false);

    // Notes everywhere around the arrow: it still gets a place, the one that covers least.
    const crowd = [-1, 0, 1].flatMap((r) => [0, 200, 400, 600, 800, 1000].map((x) => note(x, r * 140)));
    const [squeezed] = placeLinkLabels([across], crowd, []);
    expect(squeezed).toMatchObject({ id: 'l', w: 160, h: 28 });
  });

  it('keeps a label off the other arrows where it can', () => {
    // Another arrow crosses this one's middle, from top to bottom.
    const crossing = [
      { x: 600, y: -400 },
      { x: 600, y: 500 },
    ] as const;
    const own = [
      { x: 200, y: 70 },
      { x: 1000, y: 70 },
    ] as const;
    const [label] = placeLinkLabels([across], [across.from, across.to], [], [own, crossing]);
    expect(segmentCrosses(crossing[0], crossing[1], label!)).toBe(false);
    expect(label!.y + label!.h / 2).toBe(70);
    expect(segmentCrosses({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 20, y: 0, w: 5, h: 5 })).toBe(false);
    expect(segmentCrosses({ x: 0, y: 0 }, { x: 30, y: 30 }, { x: 10, y: 10, w: 5, h: 5 })).toBe(true);
  });

  it('keeps labels apart, and gives none to a link between overlapping notes', () => {
    const other: LabelRequest = { ...across, id: 'm', to: note(1000, 10) };
    const overlapping: LabelRequest = { ...across, id: 'o', to: note(100, 50) };
    const [first, second, ...rest] = placeLinkLabels([across, other, overlapping], [], []);
    expect(intersects(first!, second!)).toBe(false);
    expect(rest).toEqual([]);
  });

  it('places every label of the sample workshop clear of notes, titles, other labels and arrows', () => {
    const doc = board();
    loadWorkshop(doc, sampleWorkshop(), 'test');
    const notes = readNotes(doc);
    const zones = readZones(doc);
    const links = readLinks(doc);
    expect(links.filter((l) => l.label)).toHaveLength(10);
    const labels = placeBoardLabels({ notes, zones, links }, (text) => ({ w: text.length * 9 + 12, h: 28 }));
    expect(labels).toHaveLength(10);
    const byId = new Map(notes.map((n) => [n.id, n]));
    const arrows = links.map((l) => ({
      id: l.id,
      segment: linkSegment(byId.get(l.from)!, byId.get(l.to)!)!,
    }));
    for (const label of labels) {
      for (const n of notes) expect(intersects(label, n), `${label.id} on note ${n.id}`).toBe(false);
      for (const band of titleBands(zones)) expect(intersects(label, band), label.id).toBe(false);
      for (const other of labels) if (other !== label) expect(intersects(label, other)).toBe(false);
      for (const { id, segment } of arrows) {
        if (id !== label.id)
          expect(segmentCrosses(segment[0], segment[1], label), `${label.id} on ${id}`).toBe(false);
      }
    }
  });
});

function board(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Labels' }, 'server');
  return doc;
}
