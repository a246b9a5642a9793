import Konva from 'konva';
import { useCallback, useContext, useRef, useState, type RefObject } from 'react';
import { linkNotes, moveNotes, type NotePosition, type Rect as BoardRect } from '@shared';
import type { Editor } from '../core/editor/Editor';
import type { BoardStore } from '../core/store/BoardStore';
import { containsPoint, intersects, rectFromPoints } from '../core/viewport/geometry';
import { NoteHandlersContext } from './noteDecorations';
import type { NoteHandlers } from './NoteNode';
import { isDoubleClick, useDoubleClickGuard } from './useDoubleClickGuard';
import { useLongPress } from './useLongPress';
import { useNoteGestures } from './useNoteGestures';
import { screenToBoard, wheelZoomFactor, zoomAt, type Point } from '../core/viewport/viewport';

// Two-finger gestures on tablets need hit-testing while a finger is down.
Konva.hitOnDragEnabled = true;

export interface PointerGestureOptions {
  /** The board's editor: every gesture moves its camera and changes its selection. */
  editor: Editor;
  /** True for a view link, while the server refuses this link, or during a vote. */
  readOnly: boolean;
  stageRef: RefObject<Konva.Stage | null>;
  notesLayerRef: RefObject<Konva.Layer | null>;
  /** The note whose link handle is shown (the one selected note), if any. */
  handleNoteId: string | null;
}

/** The Konva stage's event handlers, to spread onto `<Stage>`. */
export interface StageHandlers {
  onWheel(event: Konva.KonvaEventObject<WheelEvent>): void;
  onPointerDown(event: Konva.KonvaEventObject<PointerEvent>): void;
  onPointerMove(event: Konva.KonvaEventObject<PointerEvent>): void;
  onPointerUp(event: Konva.KonvaEventObject<PointerEvent>): void;
  onPointerCancel(event: Konva.KonvaEventObject<PointerEvent>): void;
  onPointerLeave(): void;
  onClick(event: Konva.KonvaEventObject<MouseEvent>): void;
  onDblTap(event: Konva.KonvaEventObject<TouchEvent>): void;
  onContextMenu(event: Konva.KonvaEventObject<PointerEvent>): void;
}

export interface PointerGestures {
  stageHandlers: StageHandlers;
  noteHandlers: NoteHandlers;
  /** The selection box being drawn, in board coordinates. */
  marquee: BoardRect | null;
  /** The link being drawn from a note's handle to the pointer. */
  linkDraft: { from: string; to: Point } | null;
}

type Gesture =
  | { kind: 'pan'; last: Point; pointerId: number }
  | { kind: 'marquee'; start: Point; base: ReadonlySet<string>; pointerId: number }
  | { kind: 'link'; from: string; pointerId: number }
  | {
      kind: 'move';
      from: Point;
      start: Map<string, Point>;
      pointerId: number;
      frame: number | null;
      end: () => void;
    }
  | { kind: 'pinch'; distance: number; centre: Point };

/**
 * Every pointer gesture of the canvas. On empty space: drag (or space + drag, or the middle button)
 * pans, shift-drag draws a selection box, a double-click adds a note, the wheel pans or (with Ctrl)
 * zooms, and two fingers pinch. From the link handle, a drag draws a link. Notes too small to have a
 * node of their own are hit-tested, selected and dragged here by hand; the others get `noteHandlers`.
 * The stage captures the pointer, so a gesture keeps going when the pointer crosses a note or leaves.
 */
export function usePointerGestures(options: PointerGestureOptions): PointerGestures {
  const { editor, readOnly, stageRef, notesLayerRef } = options;
  const { connection } = editor;
  const { store, doc, origin } = connection;
  const gesture = useRef<Gesture | null>(null);
  const pointers = useRef(new Map<number, Point>());
  const [marquee, setMarquee] = useState<BoardRect | null>(null);
  const [linkDraft, setLinkDraft] = useState<{ from: string; to: Point } | null>(null);
  const longPress = useLongPress();
  const clicks = useDoubleClickGuard();
  const stageGestureRunning = useCallback(() => gesture.current !== null, []);
  const readOnlyNow = useCallback(() => readOnly, [readOnly]);
  const noteHandlers = useNoteGestures({
    connection,
    editor,
    readOnly: readOnlyNow,
    notesLayerRef,
    longPress,
    stageGestureRunning,
  });
  // A mode that gives presses on notes another meaning (voting) takes those on batched notes too.
  const override = useContext(NoteHandlersContext);

  const toBoard = (p: Point) => screenToBoard(editor.camera, p);
  const pointerAt = (p: Point | null) => {
    editor.setPointer(p);
    connection.setCursor(p);
  };

  const capture = (pointerId: number) => {
    try {
      stageRef.current?.content.setPointerCapture(pointerId);
    } catch {
      // The pointer is already gone (a very short tap): nothing to capture.
    }
  };

  const onWheel = (event: Konva.KonvaEventObject<WheelEvent>) => {
    event.evt.preventDefault();
    const { deltaX, deltaY, ctrlKey, metaKey, deltaMode } = event.evt;
    const unit = deltaMode === 1 ? 16 : 1;
    if (ctrlKey || metaKey) {
      const anchor = stageRef.current?.getPointerPosition() ?? undefined;
      editor.zoomAt(wheelZoomFactor(deltaY, deltaMode), anchor);
    } else {
      editor.panBy(-deltaX * unit, -deltaY * unit);
    }
  };

  const onPointerDown = (event: Konva.KonvaEventObject<PointerEvent>) => {
    const evt = event.evt;
    const stage = stageRef.current;
    const p = stage?.getPointerPosition();
    if (!stage || !p) return;
    pointers.current.set(evt.pointerId, p);
    clicks.down(p);
    if (pointers.current.size === 2) {
      // A second finger: pinch-zoom, whatever the first one was doing.
      longPress.cancel();
      notesLayerRef.current?.find('.note').forEach((n) => n.isDragging() && n.stopDrag());
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      gesture.current = { kind: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y), centre: mid(a, b) };
      setMarquee(null);
      return;
    }
    if (evt.button === 1 || (evt.button === 0 && editor.spaceHeld)) {
      evt.preventDefault();
      gesture.current = { kind: 'pan', last: p, pointerId: evt.pointerId };
      capture(evt.pointerId);
      return;
    }
    const from = options.handleNoteId;
    if (event.target.name() === 'link-handle' && from) {
      gesture.current = { kind: 'link', from, pointerId: evt.pointerId };
      setLinkDraft({ from, to: toBoard(p) });
      capture(evt.pointerId);
      return;
    }
    if (event.target !== stage || evt.button !== 0) return;
    editor.stopEditing();
    editor.selectLink(null);
    const hit = noteAt(store, toBoard(p));
    if (hit && override) return override.onPointerDown(hit, event);
    if (hit) {
      // A note drawn in the batch (too small for a node of its own): select it, and drag it by hand.
      const additive = evt.shiftKey;
      const selection = editor.selection;
      const next = new Set(additive || selection.has(hit) ? selection : []);
      if (additive && next.has(hit)) next.delete(hit);
      else next.add(hit);
      editor.setSelection(next);
      if (readOnly || !next.has(hit)) return;
      const start = new Map<string, Point>();
      for (const id of next) {
        const note = store.getNote(id);
        if (note) start.set(id, { x: note.x, y: note.y });
      }
      gesture.current = {
        kind: 'move',
        from: toBoard(p),
        start,
        pointerId: evt.pointerId,
        frame: null,
        end: connection.beginGesture(),
      };
      capture(evt.pointerId);
      return;
    }
    if (evt.shiftKey) {
      gesture.current = {
        kind: 'marquee',
        start: toBoard(p),
        base: editor.selection,
        pointerId: evt.pointerId,
      };
      capture(evt.pointerId);
      return;
    }
    editor.setSelection(new Set());
    gesture.current = { kind: 'pan', last: p, pointerId: evt.pointerId };
    capture(evt.pointerId);
  };

  const onPointerMove = (event: Konva.KonvaEventObject<PointerEvent>) => {
    const p = stageRef.current?.getPointerPosition();
    if (!p) return;
    pointerAt(toBoard(p));
    if (pointers.current.has(event.evt.pointerId)) pointers.current.set(event.evt.pointerId, p);
    const g = gesture.current;
    if (!g) return;
    longPress.cancel();
    clicks.moved(p);
    if (g.kind === 'pinch') {
      if (pointers.current.size < 2) return;
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      const centre = mid(a, b);
      const previous = { ...g };
      gesture.current = { kind: 'pinch', distance, centre };
      if (previous.distance === 0) return;
      editor.setCamera((v) => {
        const zoomed = zoomAt(v, previous.centre, distance / previous.distance);
        return {
          ...zoomed,
          x: zoomed.x + centre.x - previous.centre.x,
          y: zoomed.y + centre.y - previous.centre.y,
        };
      });
    } else if (g.kind === 'pan') {
      const dx = p.x - g.last.x;
      const dy = p.y - g.last.y;
      g.last = p;
      editor.panBy(dx, dy);
    } else if (g.kind === 'marquee') {
      const rect = rectFromPoints(g.start, toBoard(p));
      setMarquee(rect);
      const hit = store.allNotes().filter((n) => intersects(n, rect));
      editor.setSelection(new Set([...g.base, ...hit.map((n) => n.id)]));
    } else if (g.kind === 'link') {
      setLinkDraft({ from: g.from, to: toBoard(p) });
    } else if (g.kind === 'move' && g.frame === null) {
      const at = toBoard(p);
      // The document is written at most once per frame.
      g.frame = requestAnimationFrame(() => {
        g.frame = null;
        moveNotes(doc, batchMoves(g, at), origin);
      });
    }
  };

  const onPointerUp = (event: Konva.KonvaEventObject<PointerEvent>) => {
    longPress.cancel();
    pointers.current.delete(event.evt.pointerId);
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'pinch') {
      clicks.pinchEnded();
      if (pointers.current.size === 0) gesture.current = null;
      return;
    }
    if (g.pointerId !== event.evt.pointerId) return;
    gesture.current = null;
    if (g.kind === 'marquee') setMarquee(null);
    if (g.kind === 'move') {
      if (g.frame !== null) cancelAnimationFrame(g.frame);
      const p = stageRef.current?.getPointerPosition();
      if (p) moveNotes(doc, batchMoves(g, toBoard(p)), origin);
      g.end();
    }
    if (g.kind === 'link') {
      setLinkDraft(null);
      const p = stageRef.current?.getPointerPosition();
      const target = p ? noteAt(store, toBoard(p)) : null;
      if (target && target !== g.from) {
        const id = linkNotes(doc, { from: g.from, to: target }, origin);
        editor.selectLink(id);
      }
    }
  };

  const onDoubleClick = (event: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (readOnly || event.target !== stageRef.current) return;
    // Not a double-click: the fingers of a pinch, the end of a drag, or two clicks in different places.
    if (!clicks.isDoubleClick(gesture.current?.kind === 'pinch')) return;
    const p = stageRef.current.getPointerPosition();
    if (!p) return;
    const hit = noteAt(store, toBoard(p));
    if (hit) {
      // A note too small to read: bring it close, then edit it.
      const note = store.getNote(hit)!;
      editor.fit({ x: note.x - 80, y: note.y - 80, w: note.w + 160, h: note.h + 160 });
      editor.select([hit]);
      editor.startEditing(hit);
      return;
    }
    editor.actions.addNoteAt(toBoard(p));
  };

  const onContextMenu = (event: Konva.KonvaEventObject<PointerEvent>) => {
    event.evt.preventDefault();
    const p = stageRef.current?.getPointerPosition();
    const hit = event.target === stageRef.current && p ? noteAt(store, toBoard(p)) : null;
    if (!hit || !p) return;
    if (override) return override.onContextMenu(hit, event);
    editor.setSelection((current) => (current.has(hit) ? current : new Set([hit])));
    editor.openMenu(p);
  };

  return {
    stageHandlers: {
      onWheel,
      onPointerDown,
      onPointerMove,
      onPointerUp,
      onPointerCancel: onPointerUp,
      onPointerLeave: () => pointerAt(null),
      onClick: (event) => isDoubleClick(event) && onDoubleClick(event),
      onDblTap: onDoubleClick,
      onContextMenu,
    },
    noteHandlers,
    marquee,
    linkDraft,
  };
}

/** The topmost note under a board point. */
function noteAt(store: BoardStore, p: Point): string | null {
  const ids = store.getNoteOrder();
  for (let i = ids.length - 1; i >= 0; i--) {
    const note = store.getNote(ids[i]!);
    if (note && containsPoint(note, p)) return note.id;
  }
  return null;
}

/** Where each note of a hand-driven move goes when the pointer is at `at`. */
function batchMoves(g: { from: Point; start: Map<string, Point> }, at: Point): NotePosition[] {
  const dx = Math.round(at.x - g.from.x);
  const dy = Math.round(at.y - g.from.y);
  return [...g.start].map(([id, p]) => ({ id, x: p.x + dx, y: p.y + dy }));
}

function mid(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
