import { describe, expect, it } from 'vitest';
import type { Note } from '@shared';
import { readingOrder } from './useRoomBoard';

const note = (id: string, x: number, y: number) => ({ id, x, y, w: 200, h: 140 }) as Note;

describe('readingOrder', () => {
  it('reads a cell as it sits on the canvas: rows top to bottom, each left to right', () => {
    // Two rows, their notes not quite level, given in the order they were written.
    const notes = [note('d', 250, 210), note('a', 20, 60), note('c', 10, 200), note('b', 260, 40)];
    expect(readingOrder(notes).map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
