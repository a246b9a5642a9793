import type { SensorContext } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { cellKeyboard, type Direction } from './cellKeyboard';

// A row of three cells, 100 wide, and a card 40 x 20.
const rects = new Map(
  ['a', 'b', 'c'].map((id, i) => [id, { left: i * 100, top: 0, width: 100, height: 50 }]),
);
const order = ['a', 'b', 'c'];
const neighbour = (cell: string, direction: Direction) => {
  const step = direction === 'right' ? 1 : direction === 'left' ? -1 : 0;
  return step === 0 ? null : (order[order.indexOf(cell) + step] ?? null);
};

function context(over: string | null): SensorContext {
  return {
    over: over ? { id: over } : null,
    droppableRects: rects,
    collisionRect: { left: 0, top: 0, width: 40, height: 20, right: 40, bottom: 20 },
  } as unknown as SensorContext;
}

const key = (code: string) => ({ code, preventDefault: () => {} }) as KeyboardEvent;
const args = (over: string | null) => ({
  active: 'note',
  context: context(over),
  currentCoordinates: { x: 1, y: 2 },
});

describe('cellKeyboard', () => {
  it('centres the card on the neighbouring cell for each arrow key', () => {
    const getter = cellKeyboard(neighbour, () => 'a');
    expect(getter(key('ArrowRight'), args('a'))).toEqual({ x: 130, y: 15 });
    expect(getter(key('ArrowLeft'), args('b'))).toEqual({ x: 30, y: 15 });
  });

  it('stays put at the edge and ignores other keys', () => {
    const getter = cellKeyboard(neighbour, () => 'a');
    expect(getter(key('ArrowLeft'), args('a'))).toEqual({ x: 1, y: 2 });
    expect(getter(key('ArrowUp'), args('a'))).toEqual({ x: 1, y: 2 });
    expect(getter(key('KeyX'), args('a'))).toBeUndefined();
  });

  it('starts from the card’s own cell before it is over any', () => {
    const getter = cellKeyboard(neighbour, () => 'b');
    expect(getter(key('ArrowRight'), args(null))).toEqual({ x: 230, y: 15 });
  });

  it('counts every key press when they come faster than dnd-kit reports the new cell', () => {
    const getter = cellKeyboard(neighbour, () => 'a');
    getter(key('ArrowRight'), args('a'));
    // Still "over a": the second press goes on from b, to c.
    expect(getter(key('ArrowRight'), args('a'))).toEqual({ x: 230, y: 15 });
    // Once dnd-kit has caught up, its cell is the truth again.
    expect(getter(key('ArrowLeft'), args('c'))).toEqual({ x: 130, y: 15 });
  });
});
