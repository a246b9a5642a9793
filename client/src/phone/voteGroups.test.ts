import { describe, expect, it } from 'vitest';
import { NOTE_HEIGHT, NOTE_WIDTH, templateZones, type Note } from '@shared';
import { voteGroups } from './voteGroups';

const zones = templateZones().map((z) => ({ ...z }));
const zone = (id: string) => zones.find((z) => z.id === id)!;

function noteIn(id: string, zoneId: string | null, dx = 0): Note {
  const z = zoneId ? zone(zoneId) : { x: -5000, y: -5000, w: 10, h: 10 };
  return {
    id,
    x: z.x + 20 + dx,
    y: z.y + 20,
    w: NOTE_WIDTH,
    h: NOTE_HEIGHT,
    text: id,
    color: 'yellow',
    kind: 'idea',
    author: 'Ana',
    department: 'hardware',
    createdAt: 1,
    z: 'a0',
    horizon: null,
  };
}

const notes = [
  noteIn('cloud-sec', 'cloud:security'),
  noteIn('dev-biz-right', 'devices:business', 300),
  noteIn('dev-biz-left', 'devices:business'),
  noteIn('cloud-biz', 'cloud:business'),
  noteIn('off', null),
];

describe('voteGroups', () => {
  it("keeps only the vote's layer, areas in the framework's order", () => {
    const groups = voteGroups(notes, zones, 'cloud', null);
    expect(groups.map((g) => g.key)).toEqual(['cloud:business', 'cloud:security']);
    expect(groups[0]!.title).toBe('Cloud platform · Business');
  });

  it('on a whole-board vote lists every layer, the focused one first, and notes outside the layers last', () => {
    const groups = voteGroups(notes, zones, 'board', 'cloud');
    expect(groups.map((g) => g.key)).toEqual([
      'cloud:business',
      'cloud:security',
      'devices:business',
      'outside',
    ]);
  });

  it('lists a cell in reading order', () => {
    const [group] = voteGroups(notes, zones, 'devices', null);
    expect(group!.notes.map((n) => n.id)).toEqual(['dev-biz-left', 'dev-biz-right']);
  });
});
