import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  forgetBoard,
  MAX_REMEMBERED_BOARDS,
  rememberBoard,
  rememberedBoards,
  subscribeRememberedBoards,
} from './boardRegistry';
import { memoryStorage } from '../core/connection/memoryStorage';

const id = (n: number) => n.toString(16).padStart(32, '0');
const edit = (token: string) => ({ role: 'edit' as const, token });
const view = (token: string) => ({ role: 'view' as const, token });

beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage());
  vi.stubGlobal('window', new EventTarget());
  // A fresh read: the module caches the list between changes.
  forgetBoard(id(0));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the boards opened on this device', () => {
  it('lists boards by when they were last opened, the latest first, with their title and link', () => {
    rememberBoard(id(1), edit('e1'), 'Soil sensor', 100);
    rememberBoard(id(2), view('v2'), 'Fleet tracker', 200);
    rememberBoard(id(1), edit('e1'), 'Soil sensor', 300);
    expect(rememberedBoards()).toEqual([
      { id: id(1), title: 'Soil sensor', role: 'edit', token: 'e1', openedAt: 300 },
      { id: id(2), title: 'Fleet tracker', role: 'view', token: 'v2', openedAt: 200 },
    ]);
  });

  it('follows a renamed board without moving it, and keeps an edit link over a later view link', () => {
    rememberBoard(id(1), edit('e1'), 'Soil sensor', 100);
    rememberBoard(id(2), edit('e2'), 'Other', 200);
    rememberBoard(id(1), edit('e1'), 'Soil moisture sensor', 100);
    rememberBoard(id(1), view('v1'), 'Soil moisture sensor', 150);
    expect(rememberedBoards()[1]).toEqual({
      id: id(1),
      title: 'Soil moisture sensor',
      role: 'edit',
      token: 'e1',
      openedAt: 150,
    });
  });

  it('keeps the most recent boards only, and forgets one on request', () => {
    for (let n = 1; n <= MAX_REMEMBERED_BOARDS + 5; n++) rememberBoard(id(n), edit(`e${n}`), `B${n}`, n);
    const listed = rememberedBoards();
    expect(listed).toHaveLength(MAX_REMEMBERED_BOARDS);
    expect(listed[0]!.title).toBe(`B${MAX_REMEMBERED_BOARDS + 5}`);
    forgetBoard(listed[0]!.id);
    expect(rememberedBoards().map((b) => b.title)).not.toContain(`B${MAX_REMEMBERED_BOARDS + 5}`);
  });

  it('tells subscribers, and answers the same array until something changes', () => {
    const calls: number[] = [];
    const stop = subscribeRememberedBoards(() => calls.push(1));
    const before = rememberedBoards();
    expect(rememberedBoards()).toBe(before);
    rememberBoard(id(1), edit('e1'), 'Soil sensor', 100);
    expect(calls).toHaveLength(1);
    expect(rememberedBoards()).not.toBe(before);
    stop();
  });

  it('skips entries it cannot trust: a bad id, role or token, or a stored list that is not JSON', () => {
    localStorage.setItem(
      'iot-board:opened-boards',
      JSON.stringify([
        { id: 'nope', title: 't', role: 'edit', token: 'e', openedAt: 1 },
        { id: id(3), title: 't', role: 'admin', token: 'e', openedAt: 1 },
        { id: id(4), title: 't', role: 'view', token: '', openedAt: 1 },
        { id: id(5), title: 'Good', role: 'view', token: 'v5', openedAt: 1 },
      ]),
    );
    forgetBoard(id(9));
    expect(rememberedBoards().map((b) => b.title)).toEqual(['Good']);
    localStorage.setItem('iot-board:opened-boards', '{not json');
    forgetBoard(id(9));
    expect(rememberedBoards()).toEqual([]);
  });
});
