import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { beginUndoGesture, personalUndoManager, TYPING_CAPTURE_MS } from './personalUndo';

const LOCAL = { local: true };

function setUp() {
  const doc = new Y.Doc();
  const notes = doc.getMap<number>('notes');
  const undo = personalUndoManager([notes], LOCAL);
  const write = (key: string, value: number, origin: unknown = LOCAL) =>
    doc.transact(() => notes.set(key, value), origin);
  return { notes, undo, write };
}

// Yjs reads the clock through a reference to Date.now taken when it loads, so fake timers cannot move
// it: these tests rely on steps being kept apart or together by the capture settings, not by the clock.
describe('personalUndoManager', () => {
  it("undoes this person's changes and never someone else's", () => {
    const { notes, undo, write } = setUp();
    write('mine', 1);
    write('theirs', 2, 'remote');
    undo.undo();
    expect(notes.toJSON()).toEqual({ theirs: 2 });
  });

  it('undoes quick keystrokes as one step', () => {
    const { notes, undo, write } = setUp();
    expect(undo.captureTimeout).toBe(TYPING_CAPTURE_MS);
    write('x', 1);
    write('x', 2);
    write('x', 3);
    undo.undo();
    expect(notes.has('x')).toBe(false);
  });
});

describe('beginUndoGesture', () => {
  it('undoes a gesture as one step, apart from the writes just before and after it', () => {
    const { notes, undo, write } = setUp();
    write('x', 0);
    const end = beginUndoGesture(undo);
    for (let step = 1; step <= 5; step++) write('x', step);
    end();
    write('y', 1);
    undo.undo();
    expect(notes.toJSON()).toEqual({ x: 5 });
    undo.undo();
    expect(notes.toJSON()).toEqual({ x: 0 });
    undo.undo();
    expect(notes.toJSON()).toEqual({});
  });

  it('lets no pause end the step while the gesture lasts, and typing capture resumes after it', () => {
    const { undo } = setUp();
    const end = beginUndoGesture(undo);
    expect(undo.captureTimeout).toBe(Number.POSITIVE_INFINITY);
    end();
    expect(undo.captureTimeout).toBe(TYPING_CAPTURE_MS);
  });
});
