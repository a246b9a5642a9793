import { describe, expect, it } from 'vitest';
import { nextInDirection } from './voteKeyboard';

const note = (id: string, x: number, y: number) => ({ id, x, y, w: 200, h: 140 });

// a b c     (a row)
//   d       (below b)
const notes = [note('a', 0, 0), note('b', 300, 10), note('c', 600, 0), note('d', 300, 300)];

describe('nextInDirection', () => {
  it('starts at the first note in reading order when nothing is focused', () => {
    expect(nextInDirection(null, [notes[3]!, notes[2]!, notes[0]!], 'right')).toBe('a');
    expect(nextInDirection(null, [], 'right')).toBeNull();
  });

  it('moves along the row and down the column, preferring what is straight ahead', () => {
    expect(nextInDirection(notes[0]!, notes, 'right')).toBe('b');
    expect(nextInDirection(notes[1]!, notes, 'right')).toBe('c');
    expect(nextInDirection(notes[1]!, notes, 'left')).toBe('a');
    expect(nextInDirection(notes[1]!, notes, 'down')).toBe('d');
    expect(nextInDirection(notes[3]!, notes, 'up')).toBe('b');
  });

  it('stays put at the edge', () => {
    expect(nextInDirection(notes[2]!, notes, 'right')).toBeNull();
    expect(nextInDirection(notes[0]!, notes, 'up')).toBeNull();
  });
});
