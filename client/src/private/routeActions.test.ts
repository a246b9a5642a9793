import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { BoardActions } from '../core/editor/commands';
import { routeActions, stampSteps } from './routeActions';

function fakeActions(name: string, calls: string[]): BoardActions {
  return new Proxy({} as BoardActions, {
    get:
      (_target, method) =>
      (...args: unknown[]) => {
        calls.push(`${name}.${String(method)}${args.length ? `(${args.map(String).join(',')})` : ''}`);
        return true;
      },
  });
}

function setup(privateIds: string[], options: { privateMode?: boolean; selection?: string[] } = {}) {
  const calls: string[] = [];
  const boardDoc = new Y.Doc();
  const ownDoc = new Y.Doc();
  const undo = {
    board: new Y.UndoManager(boardDoc.getMap('notes'), { captureTimeout: 0 }),
    own: new Y.UndoManager(ownDoc.getMap('notes'), { captureTimeout: 0 }),
  };
  const state = { privateMode: options.privateMode ?? false, selection: new Set(options.selection ?? []) };
  const routed = routeActions(fakeActions('board', calls), fakeActions('own', calls), undo, {
    privateMode: () => state.privateMode,
    isPrivate: (id) => privateIds.includes(id),
    selection: () => state.selection,
  });
  return { calls, routed, state, boardDoc, ownDoc, undo };
}

describe('routeActions', () => {
  it('adds and pastes notes into the private notes while private mode is on', () => {
    const { calls, routed, state } = setup([]);
    routed.addNoteAt({ x: 1, y: 2 });
    state.privateMode = true;
    routed.addNoteAt({ x: 1, y: 2 });
    routed.addNoteHere();
    routed.paste({} as DataTransfer);
    expect(calls).toEqual([
      'board.addNoteAt([object Object])',
      'own.addNoteAt([object Object])',
      'own.addNoteHere',
      'own.paste([object Object])',
    ]);
  });

  it('sends a selection action to each document that holds a selected note', () => {
    const { calls, routed, state } = setup(['p1']);
    state.selection = new Set(['p1']);
    routed.deleteSelection();
    state.selection = new Set(['p1', 'b1']);
    routed.setKind('risk');
    state.selection = new Set(['b1']);
    routed.nudge(1, 0, false);
    state.selection = new Set();
    routed.deleteSelection();
    expect(calls).toEqual([
      'own.deleteSelection',
      'own.setKind(risk)',
      'board.setKind(risk)',
      'board.nudge(1,0,false)',
      'board.deleteSelection',
    ]);
  });

  it('edits the selected private note in its own document', () => {
    const { calls, routed, state } = setup(['p1']);
    state.selection = new Set(['p1']);
    routed.editSelected();
    expect(calls).toEqual(['own.editSelected']);
  });

  it('undoes the latest step of either document first, and redoes in the same order', () => {
    const { calls, routed, boardDoc, ownDoc, undo } = setup([]);
    const stops = [stampSteps(undo.board), stampSteps(undo.own)];
    const now = vi.spyOn(performance, 'now');
    now.mockReturnValue(1);
    boardDoc.getMap('notes').set('a', 1);
    now.mockReturnValue(2);
    ownDoc.getMap('notes').set('p', 1);
    routed.undo();
    undo.own.undo();
    now.mockReturnValue(3);
    routed.undo();
    expect(calls).toEqual(['own.undo', 'board.undo']);
    now.mockRestore();
    stops.forEach((stop) => stop());
  });
});
