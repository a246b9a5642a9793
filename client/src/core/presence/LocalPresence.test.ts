import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CURSOR_INTERVAL_MS, IDLE_AFTER_MS, LocalPresence, VIEWPORT_INTERVAL_MS } from './LocalPresence';
import { MAX_SELECTION } from './presenceSchema';
import { testUser } from './testing';

let awareness: Awareness;
let local: LocalPresence;
let sent: Record<string, unknown>[];

beforeEach(() => {
  vi.useFakeTimers();
  awareness = new Awareness(new Y.Doc());
  sent = [];
  awareness.on('change', () => sent.push(awareness.getLocalState()!));
  local = new LocalPresence(awareness, testUser('ana', 'Ana'));
  sent = [];
});

afterEach(() => {
  local.destroy();
  awareness.destroy();
  vi.useRealTimers();
});

describe('LocalPresence', () => {
  it('publishes the user and an empty presence at once', () => {
    expect(awareness.getLocalState()).toMatchObject({
      user: testUser('ana', 'Ana'),
      cursor: null,
      selection: [],
      editing: null,
      idle: false,
    });
  });

  it('sends the cursor at most 20 times a second, the latest position last', () => {
    for (let i = 0; i <= 100; i++) {
      local.setCursor({ x: i + 0.4, y: 2 * i });
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    const cursors = sent.map((s) => s.cursor);
    // 505 ms of moves: the first at once, then one per interval, then the last one.
    expect(cursors.length).toBeLessThanOrEqual(Math.ceil(505 / CURSOR_INTERVAL_MS) + 2);
    expect(cursors.length).toBeGreaterThanOrEqual(10);
    expect(cursors.at(-1)).toEqual({ x: 100, y: 200 });
  });

  it('sends nothing while the pointer rests', () => {
    local.setCursor({ x: 10, y: 10 });
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS * 2);
    const count = sent.length;
    for (let i = 0; i < 10; i++) {
      local.setCursor({ x: 10.2, y: 9.8 });
      vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    }
    expect(sent.length).toBe(count);
  });

  it('throttles the viewport and rounds it to whole board units', () => {
    for (let i = 0; i < 20; i++) {
      local.setViewport({ x: i + 0.3, y: 0, w: 1000.6, h: 500 });
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(VIEWPORT_INTERVAL_MS);
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(awareness.getLocalState()?.viewport).toEqual({ x: 19, y: 0, w: 1001, h: 500 });
  });

  it('shares at most MAX_SELECTION selected notes and skips an unchanged selection', () => {
    const ids = Array.from({ length: MAX_SELECTION + 10 }, (_, i) => `n${i}`);
    local.setSelection(ids);
    local.setSelection(ids);
    expect(sent).toHaveLength(1);
    expect(awareness.getLocalState()?.selection).toHaveLength(MAX_SELECTION);
  });

  it('goes idle after the threshold without input, and a hidden tab is idle at once', () => {
    vi.advanceTimersByTime(IDLE_AFTER_MS - 1);
    expect(local.getState().idle).toBe(false);
    vi.advanceTimersByTime(1);
    expect(local.getState().idle).toBe(true);
    local.noteInput();
    expect(local.getState().idle).toBe(false);
    expect(local.getState().active).toBe(Date.now());
    local.setHidden(true);
    expect(local.getState().idle).toBe(true);
    local.setHidden(false);
    expect(local.getState().idle).toBe(false);
  });

  it('keeps an active person online however long they work', () => {
    for (let t = 0; t < 3 * IDLE_AFTER_MS; t += 1_000) {
      local.noteInput();
      vi.advanceTimersByTime(1_000);
    }
    expect(local.getState().idle).toBe(false);
    // `active` is refreshed now and then, not on every input.
    expect(sent.length).toBeLessThan(30);
  });

  it('takes a shorter idle threshold at once, and refuses a meaningless one', () => {
    vi.advanceTimersByTime(500);
    local.setIdleAfterMs(400);
    expect(local.getState().idle).toBe(true);
    expect(() => local.setIdleAfterMs(0)).toThrow(/positive/);
    expect(() => local.setIdleAfterMs(Number.NaN)).toThrow(/positive/);
  });
});
