import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNote, boardMaps, createBoard, layerFrame, linkNotes, readNotes } from '@shared';
import type { BoardConnection } from '../connection/BoardConnection';
import type { Identity } from '../identity/identity';
import { BoardStore } from '../store/BoardStore';
import { personalUndoManager } from '../undo/personalUndo';
import { Editor } from './Editor';

const ana: Identity = { id: 'ana', name: 'Ana', department: 'cloud', color: '#1d4ed8' };

/**
 * What the Editor uses of a connection, real but without a network: the document with the board's
 * template, the store over it, the connection's origin and the person's undo manager.
 */
function connection(readOnly = false): BoardConnection {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Editor', createdAt: 1 }, 'server');
  const origin = { local: true };
  const maps = boardMaps(doc);
  return {
    boardId: 'b1',
    doc,
    origin,
    readOnly,
    store: new BoardStore(doc),
    undoManager: personalUndoManager([maps.notes, maps.links], origin),
  } as unknown as BoardConnection;
}

function editor(readOnly = false) {
  const e = new Editor(connection(readOnly), ana);
  e.setSize(1000, 500);
  const heard = vi.fn();
  e.subscribe(heard);
  return { e, heard, doc: e.connection.doc, origin: e.connection.origin };
}

const note = (doc: Y.Doc, origin: unknown, x: number, y: number) =>
  addNote(doc, { x, y, author: 'Ana', department: 'cloud' }, origin);

describe('Editor camera', () => {
  it('pans and zooms about a screen point, always current', () => {
    const { e } = editor();
    e.setCamera({ x: 0, y: 0, scale: 1 });
    e.panBy(30, -20);
    expect(e.camera).toEqual({ x: 30, y: -20, scale: 1 });
    // The board point under (100, 100) stays under it.
    const before = { x: (100 - e.camera.x) / e.camera.scale, y: (100 - e.camera.y) / e.camera.scale };
    e.zoomAt(2, { x: 100, y: 100 });
    expect(e.camera.scale).toBe(2);
    expect((100 - e.camera.x) / e.camera.scale).toBeCloseTo(before.x);
    expect((100 - e.camera.y) / e.camera.scale).toBeCloseTo(before.y);
  });

  it('zooms about the canvas centre when no anchor is given', () => {
    const { e } = editor();
    e.setCamera({ x: 0, y: 0, scale: 1 });
    const centre = e.viewCentre();
    e.zoomAt(0.5);
    expect(e.viewCentre().x).toBeCloseTo(centre.x);
    expect(e.viewCentre().y).toBeCloseTo(centre.y);
  });

  it('fits a rectangle inside the canvas', () => {
    const { e } = editor();
    const frame = layerFrame(0);
    e.fit(frame);
    const { x, y, scale } = e.camera;
    expect(x + frame.x * scale).toBeGreaterThanOrEqual(0);
    expect(x + (frame.x + frame.w) * scale).toBeLessThanOrEqual(1000);
    expect(y + (frame.y + frame.h) * scale).toBeLessThanOrEqual(500);
  });

  it('keeps what the person chose in view across a resize and gives it back', () => {
    const { e } = editor();
    e.fit({ x: 0, y: 0, w: 400, h: 200 });
    const chosen = e.camera;
    e.setSize(600, 500);
    expect(e.camera).not.toEqual(chosen);
    e.setSize(1000, 500);
    expect(e.camera).toEqual(chosen);
  });

  it('refuses a camera that is not one', () => {
    const { e } = editor();
    expect(() => e.setCamera({ x: Number.NaN, y: 0, scale: 1 })).toThrow(/not a camera/);
    expect(() => e.setCamera({ x: 0, y: 0, scale: 0 })).toThrow(/not a camera/);
  });
});

describe('Editor change notification', () => {
  it('notifies on a change and stays silent when nothing changed', () => {
    const { e, heard } = editor();
    e.setCamera({ x: 1, y: 2, scale: 1 });
    expect(heard).toHaveBeenCalledTimes(1);
    e.setCamera({ x: 1, y: 2, scale: 1 });
    e.panBy(0, 0);
    expect(heard).toHaveBeenCalledTimes(1);
    e.select(['a', 'b']);
    expect(heard).toHaveBeenCalledTimes(2);
    e.select(['b', 'a']);
    e.setSelection(new Set(['a', 'b']));
    expect(heard).toHaveBeenCalledTimes(2);
    e.stopEditing();
    e.closeMenu();
    e.closeLabelEditor();
    e.setSpaceHeld(false);
    e.setSize(1000, 500);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('stops notifying a listener that unsubscribed', () => {
    const { e } = editor();
    const listener = vi.fn();
    const stop = e.subscribe(listener);
    e.panBy(5, 0);
    stop();
    e.panBy(5, 0);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('Editor selection and editing', () => {
  it('selects notes or one link, never both', () => {
    const { e } = editor();
    e.select(['n1']);
    e.selectLink('l1');
    expect(e.selection.size).toBe(0);
    expect(e.selectedLinkId).toBe('l1');
    e.select(['n2']);
    expect(e.selectedLinkId).toBeNull();
    expect([...e.selection]).toEqual(['n2']);
  });

  it('opens one note editor through the flush it was given', () => {
    const flush = vi.fn((change: () => void) => change());
    const e = new Editor(connection(), ana, { flush });
    e.startEditing('n1');
    expect(e.editingId).toBe('n1');
    expect(flush).toHaveBeenCalledTimes(1);
    e.startEditing('n1');
    expect(flush).toHaveBeenCalledTimes(1);
    e.stopEditing();
    expect(e.editingId).toBeNull();
  });

  it('opens no menu or label editor on a read-only board', () => {
    const { e } = editor(true);
    e.openMenu({ x: 1, y: 1 });
    e.openLabelEditor('l1');
    expect(e.menu).toBeNull();
    expect(e.labelLinkId).toBeNull();
  });

  it('selects a note off screen and brings it into view', () => {
    const { e, doc, origin } = editor();
    const id = note(doc, origin, 5000, 3000);
    e.setCamera({ x: 0, y: 0, scale: 1 });
    e.showNote(id);
    expect([...e.selection]).toEqual([id]);
    const { x, y, scale } = e.camera;
    expect(5000 * scale + x).toBeGreaterThan(0);
    expect(3000 * scale + y).toBeLessThan(500);
  });
});

describe('Editor commands', () => {
  it('adds a note where the placement sends it, selects it and opens its editor', () => {
    const { e, doc } = editor();
    e.setPlacement((at) => ({ x: at.x + 1000, y: at.y }));
    e.actions.addNoteAt({ x: 100, y: 100 });
    const [added] = readNotes(doc);
    expect(added!.x + added!.w / 2).toBeCloseTo(1100, 0);
    expect([...e.selection]).toEqual([added!.id]);
    expect(e.editingId).toBe(added!.id);
  });

  it('adds at the pointer, else at a free spot inside the cell in the middle of the view', () => {
    const { e, doc } = editor();
    e.setCamera({ x: 0, y: 0, scale: 1 });
    e.actions.addNoteHere();
    const [first] = readNotes(doc);
    // Inside one cell, never across two: the cell under the view's centre holds the whole note.
    const centre = e.viewCentre();
    const cell = e.connection.store
      .getZones()
      .find(
        (z) =>
          z.area !== null &&
          centre.x >= z.x &&
          centre.x < z.x + z.w &&
          centre.y >= z.y &&
          centre.y < z.y + z.h,
      );
    expect(cell).toBeDefined();
    expect(first!.x).toBeGreaterThanOrEqual(cell!.x);
    expect(first!.y).toBeGreaterThanOrEqual(cell!.y);
    expect(first!.x + first!.w).toBeLessThanOrEqual(cell!.x + cell!.w);
    expect(first!.y + first!.h).toBeLessThanOrEqual(cell!.y + cell!.h);
    e.setPointer({ x: 2000, y: 900 });
    e.actions.addNoteHere();
    const second = readNotes(doc).find((n) => n.id !== first!.id)!;
    expect([Math.round(second.x + second.w / 2), Math.round(second.y + second.h / 2)]).toEqual([2000, 900]);
  });

  it('sets the kind and deletes only what is selected', () => {
    const { e, doc, origin } = editor();
    const a = note(doc, origin, 0, 0);
    const b = note(doc, origin, 400, 0);
    e.select([a]);
    e.actions.setKind('risk');
    expect(readNotes(doc).find((n) => n.id === a)!.kind).toBe('risk');
    expect(readNotes(doc).find((n) => n.id === b)!.kind).not.toBe('risk');
    e.actions.deleteSelection();
    expect(readNotes(doc).map((n) => n.id)).toEqual([b]);
    expect(e.selection.size).toBe(0);
  });

  it('deletes the selected link rather than notes', () => {
    const { e, doc, origin } = editor();
    const a = note(doc, origin, 0, 0);
    const b = note(doc, origin, 400, 0);
    const link = linkNotes(doc, { from: a, to: b }, origin);
    e.selectLink(link);
    e.actions.deleteSelection();
    expect(boardMaps(doc).links.size).toBe(0);
    expect(readNotes(doc)).toHaveLength(2);
    expect(e.selectedLinkId).toBeNull();
  });

  it('changes nothing on a read-only board', () => {
    const { e, doc, origin } = editor(true);
    const a = note(doc, origin, 0, 0);
    e.select([a]);
    e.actions.setKind('risk');
    e.actions.deleteSelection();
    e.actions.addNoteAt({ x: 0, y: 0 });
    expect(readNotes(doc)).toHaveLength(1);
    expect(readNotes(doc)[0]!.kind).not.toBe('risk');
  });

  it('zooms to the selection with the fit commands', () => {
    const { e, doc, origin } = editor();
    const a = note(doc, origin, 3000, 3000);
    e.select([a]);
    e.actions.fitSelection();
    const { x, y, scale } = e.camera;
    expect(3000 * scale + x).toBeGreaterThan(0);
    expect(3000 * scale + y).toBeGreaterThan(0);
    expect(scale).toBeGreaterThan(0.5);
  });
});
