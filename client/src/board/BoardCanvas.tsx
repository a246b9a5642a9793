import Konva from 'konva';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type RefObject,
  type SetStateAction,
} from 'react';
import { Arrow, Circle, Layer, Rect, Stage, Transformer } from 'react-konva';
import {
  createProjector,
  linkNotes,
  moveNotes,
  resizeNote,
  type NotePosition,
  type Rect as BoardRect,
} from '@shared';
import type { BoardConnection } from './BoardConnection';
import { CursorsLayer } from './CursorsLayer';
import { EmptyZoneHints } from './EmptyZoneHints';
import { containsPoint, intersects, rectFromPoints, visibleBoardRect } from './geometry';
import { LinksLayer, type LinkHandlers } from './LinksLayer';
import { NoteNode, type NoteHandlers } from './NoteNode';
import { TemplateLayer } from './TemplateLayer';
import { NotesBatch } from './NotesBatch';
import { DETAIL_MIN_PX, SELECTION_COLOR } from './theme';
import type { BoardActions } from './useBoardActions';
import { useNoteOrder, useNotesVersion, useZones } from './useBoardStore';
import { cullNotes, useLiveView } from './useLiveView';
import { fitRect, screenToBoard, zoomAt, type Point, type Viewport } from './viewport';

// Two-finger gestures on tablets need hit-testing while a finger is down.
Konva.hitOnDragEnabled = true;

interface Props {
  connection: BoardConnection;
  /** True for a view link, or while the server refuses this link. */
  readOnly: boolean;
  width: number;
  height: number;
  view: Viewport;
  setView: Dispatch<SetStateAction<Viewport>>;
  selection: ReadonlySet<string>;
  setSelection: Dispatch<SetStateAction<ReadonlySet<string>>>;
  selectedLinkId: string | null;
  setSelectedLinkId: (id: string | null) => void;
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  actions: BoardActions;
  spaceHeld: RefObject<boolean>;
  /** Where the pointer is on the board (null when it leaves), for N and paste. */
  onPointerBoard: (p: Point | null) => void;
  /** Opens the context menu of a note at a screen point (relative to the canvas). */
  onContextMenu: (noteId: string, at: Point) => void;
  onEditLinkLabel: (linkId: string) => void;
}

interface Down extends Point {
  t: number;
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

interface DragState {
  ids: string[];
  start: Map<string, Point>;
  frame: number | null;
  latest: NotePosition[];
  endGesture: () => void;
}

const WHEEL_ZOOM_SPEED = 0.01;
const LONG_PRESS_MS = 550;
const PINCH_TAP_GUARD_MS = 600;
/** Two clicks further apart than this are two clicks, not a double-click. */
const DOUBLE_CLICK_SLOP_PX = 12;
/** Notes this far (in screen pixels) outside the view are drawn too, so a quick pan shows no gap. */
const CULL_MARGIN = 200;

/** The board canvas: template, links, notes, selection and cursors, with every pointer gesture. */
export function BoardCanvas(props: Props) {
  const { connection, readOnly, width, height, view, setView, selection, editingId } = props;
  const { store, doc, origin } = connection;
  const zones = useZones(store);
  const order = useNoteOrder(store);
  const notesVersion = useNotesVersion(store);
  const projector = useMemo(() => createProjector(zones), [zones]);
  const stageRef = useRef<Konva.Stage>(null);
  const notesLayerRef = useRef<Konva.Layer>(null);
  const transformerRef = useRef<Konva.Transformer>(null);
  const drag = useRef<DragState | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const pointers = useRef(new Map<number, Point>());
  const longPress = useRef<number | null>(null);
  /** When the last pinch ended: its fingers must not count as a double tap that adds a note. */
  const pinchedAt = useRef(-Infinity);
  /** When the pointer last moved during a pan, marquee or move: a drag is never half a double-click. */
  const draggedAt = useRef(-Infinity);
  /** The last two places the pointer went down: Konva's double-click does not check they match. */
  const downs = useRef<[Down | null, Down | null]>([null, null]);
  const [marquee, setMarquee] = useState<BoardRect | null>(null);
  const [linkDraft, setLinkDraft] = useState<{ from: string; to: Point } | null>(null);
  const moveView = useLiveView(stageRef, notesLayerRef, view, setView);

  // Handlers read the latest props through a ref, so they stay stable and notes stay memoised.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  // Only notes near the view are drawn; the selection and the note being edited always are. Notes too
  // small on screen to read go to one batch shape; the rest get a node tree each.
  const { detailedIds, batchIds } = useMemo(() => {
    const area = visibleBoardRect(view, width, height, CULL_MARGIN);
    const detailed: string[] = [];
    const batch: string[] = [];
    for (const id of order) {
      const note = store.getNote(id);
      if (!note) continue;
      const kept = selection.has(id) || id === editingId;
      if (!kept && !intersects(note, area)) continue;
      if (kept || note.w * view.scale >= DETAIL_MIN_PX) detailed.push(id);
      else batch.push(id);
    }
    return { detailedIds: detailed, batchIds: batch };
    // notesVersion: positions changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order, view, width, height, store, notesVersion, selection, editingId]);

  // After React has drawn a view, hide what is off screen (the culled set carries a margin).
  useEffect(() => {
    cullNotes(notesLayerRef.current, view, width, height);
    notesLayerRef.current?.batchDraw();
  }, [view, width, height, detailedIds]);

  const cancelLongPress = () => {
    if (longPress.current !== null) window.clearTimeout(longPress.current);
    longPress.current = null;
  };

  const noteHandlers = useMemo<NoteHandlers>(() => {
    const writePositions = () => {
      const state = drag.current;
      if (!state) return;
      state.frame = null;
      moveNotes(doc, state.latest, origin);
    };
    return {
      onPointerDown(id, event) {
        const { setSelection, setSelectedLinkId } = latest.current;
        if (event.evt.button === 2) {
          // Right-click keeps a multi-selection that holds the note, else selects the note alone.
          setSelection((current) => (current.has(id) ? current : new Set([id])));
          return;
        }
        if (event.evt.button !== 0 || latest.current.spaceHeld.current) return;
        setSelectedLinkId(null);
        const additive = event.evt.shiftKey;
        setSelection((current) => {
          if (additive) {
            const next = new Set(current);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          }
          return current.has(id) ? current : new Set([id]);
        });
        if (event.evt.pointerType === 'touch') {
          const at = { x: event.evt.offsetX, y: event.evt.offsetY };
          cancelLongPress();
          longPress.current = window.setTimeout(() => {
            longPress.current = null;
            event.target.stopDrag();
            latest.current.onContextMenu(id, at);
          }, LONG_PRESS_MS);
        }
      },
      onDragStart(id, event) {
        cancelLongPress();
        if (gesture.current) {
          // Panning (space, middle button) or pinching: the note stays where it is.
          event.target.stopDrag();
          return;
        }
        const current = latest.current.selection;
        const ids = current.has(id) ? [...current] : [id];
        const start = new Map<string, Point>();
        for (const noteId of ids) {
          const note = store.getNote(noteId);
          if (note) start.set(noteId, { x: note.x, y: note.y });
        }
        const endGesture = latest.current.connection.beginGesture();
        drag.current = { ids: [...start.keys()], start, frame: null, latest: [], endGesture };
      },
      onDragMove(id, event) {
        const state = drag.current;
        const from = state?.start.get(id);
        if (!state || !from) return;
        const dx = event.target.x() - from.x;
        const dy = event.target.y() - from.y;
        state.latest = state.ids.map((noteId) => {
          const p = state.start.get(noteId)!;
          const position = { id: noteId, x: Math.round(p.x + dx), y: Math.round(p.y + dy) };
          if (noteId !== id) notesLayerRef.current?.findOne(`#${noteId}`)?.position(position);
          return position;
        });
        // The document is written at most once per frame; Konva moves the nodes in between.
        if (state.frame === null) state.frame = requestAnimationFrame(writePositions);
      },
      onDragEnd() {
        const state = drag.current;
        if (!state) return;
        if (state.frame !== null) cancelAnimationFrame(state.frame);
        if (state.latest.length > 0) moveNotes(doc, state.latest, origin);
        state.endGesture();
        drag.current = null;
      },
      onEdit(id) {
        if (latest.current.readOnly) return;
        latest.current.setSelection(new Set([id]));
        latest.current.setEditingId(id);
      },
      onContextMenu(id, event) {
        event.evt.preventDefault();
        const stage = stageRef.current;
        const p = stage?.getPointerPosition();
        if (p) latest.current.onContextMenu(id, p);
      },
    };
  }, [doc, origin, store]);

  const linkHandlers = useMemo<LinkHandlers>(
    () => ({
      onSelect(id, event) {
        event.cancelBubble = true;
        latest.current.setSelection(new Set());
        latest.current.setSelectedLinkId(id);
      },
      onEditLabel(id) {
        if (!latest.current.readOnly) latest.current.onEditLinkLabel(id);
      },
    }),
    [],
  );

  // Resize handles on the one selected note.
  const single = selection.size === 1 && !editingId && !readOnly ? [...selection][0]! : null;
  useEffect(() => {
    const transformer = transformerRef.current;
    if (!transformer) return;
    const node = single ? notesLayerRef.current?.findOne(`#${single}`) : undefined;
    transformer.nodes(node ? [node] : []);
  }, [single, detailedIds]);

  const onTransformStart = useCallback(() => {
    const end = connection.beginGesture();
    transformerRef.current?.setAttr('endGesture', end);
  }, [connection]);

  const onTransformEnd = useCallback(() => {
    const transformer = transformerRef.current;
    const node = transformer?.nodes()[0];
    (transformer?.getAttr('endGesture') as (() => void) | undefined)?.();
    if (!node) return;
    const id = node.id();
    const note = store.getNote(id);
    if (!note) return;
    const w = Math.round(note.w * node.scaleX());
    const h = Math.round(note.h * node.scaleY());
    node.scale({ x: 1, y: 1 });
    doc.transact(() => {
      moveNotes(doc, [{ id, x: Math.round(node.x()), y: Math.round(node.y()) }], origin);
      resizeNote(doc, id, { w, h }, origin);
    }, origin);
  }, [doc, origin, store]);

  const toBoard = (p: Point) => {
    const stage = stageRef.current;
    // The stage holds the live view, ahead of React's during a gesture.
    return stage
      ? screenToBoard({ x: stage.x(), y: stage.y(), scale: stage.scaleX() }, p)
      : screenToBoard(view, p);
  };

  /** The topmost note under a board point. */
  const noteAt = (p: Point): string | null => {
    const ids = store.getNoteOrder();
    for (let i = ids.length - 1; i >= 0; i--) {
      const note = store.getNote(ids[i]!);
      if (note && containsPoint(note, p)) return note.id;
    }
    return null;
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
      const anchor = stageRef.current?.getPointerPosition() ?? { x: width / 2, y: height / 2 };
      moveView((v) => zoomAt(v, anchor, Math.exp(-deltaY * unit * WHEEL_ZOOM_SPEED)));
    } else {
      moveView((v) => ({ ...v, x: v.x - deltaX * unit, y: v.y - deltaY * unit }));
    }
  };

  const onPointerDown = (event: Konva.KonvaEventObject<PointerEvent>) => {
    const evt = event.evt;
    const stage = stageRef.current;
    const p = stage?.getPointerPosition();
    if (!stage || !p) return;
    pointers.current.set(evt.pointerId, p);
    downs.current = [downs.current[1], { ...p, t: performance.now() }];
    if (pointers.current.size === 2) {
      // A second finger: pinch-zoom, whatever the first one was doing.
      cancelLongPress();
      notesLayerRef.current?.find('.note').forEach((n) => n.isDragging() && n.stopDrag());
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      gesture.current = { kind: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y), centre: mid(a, b) };
      setMarquee(null);
      return;
    }
    if (evt.button === 1 || (evt.button === 0 && latest.current.spaceHeld.current)) {
      evt.preventDefault();
      gesture.current = { kind: 'pan', last: p, pointerId: evt.pointerId };
      capture(evt.pointerId);
      return;
    }
    if (event.target.name() === 'link-handle' && single) {
      gesture.current = { kind: 'link', from: single, pointerId: evt.pointerId };
      setLinkDraft({ from: single, to: toBoard(p) });
      capture(evt.pointerId);
      return;
    }
    if (event.target !== stage || evt.button !== 0) return;
    props.setEditingId(null);
    props.setSelectedLinkId(null);
    const hit = noteAt(toBoard(p));
    if (hit) {
      // A note drawn in the batch (too small for a node of its own): select it, and drag it by hand.
      const additive = evt.shiftKey;
      const next = new Set(additive || selection.has(hit) ? selection : []);
      if (additive && next.has(hit)) next.delete(hit);
      else next.add(hit);
      props.setSelection(next);
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
      gesture.current = { kind: 'marquee', start: toBoard(p), base: selection, pointerId: evt.pointerId };
      capture(evt.pointerId);
      return;
    }
    props.setSelection(new Set());
    gesture.current = { kind: 'pan', last: p, pointerId: evt.pointerId };
    capture(evt.pointerId);
  };

  const onPointerMove = (event: Konva.KonvaEventObject<PointerEvent>) => {
    const p = stageRef.current?.getPointerPosition();
    if (!p) return;
    props.onPointerBoard(toBoard(p));
    if (pointers.current.has(event.evt.pointerId)) pointers.current.set(event.evt.pointerId, p);
    const g = gesture.current;
    if (!g) return;
    cancelLongPress();
    // Browsers send pointer moves that go nowhere (after a re-render, say): only real travel is a drag.
    const down = downs.current[1];
    if (down && Math.hypot(p.x - down.x, p.y - down.y) > DOUBLE_CLICK_SLOP_PX)
      draggedAt.current = performance.now();
    if (g.kind === 'pinch') {
      if (pointers.current.size < 2) return;
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      const centre = mid(a, b);
      const previous = { ...g };
      gesture.current = { kind: 'pinch', distance, centre };
      if (previous.distance === 0) return;
      moveView((v) => {
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
      moveView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
    } else if (g.kind === 'marquee') {
      const rect = rectFromPoints(g.start, toBoard(p));
      setMarquee(rect);
      const hit = store.allNotes().filter((n) => intersects(n, rect));
      props.setSelection(new Set([...g.base, ...hit.map((n) => n.id)]));
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
    cancelLongPress();
    pointers.current.delete(event.evt.pointerId);
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'pinch') {
      pinchedAt.current = performance.now();
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
      const target = p ? noteAt(toBoard(p)) : null;
      if (target && target !== g.from) {
        const id = linkNotes(doc, { from: g.from, to: target }, origin);
        props.setSelection(new Set());
        props.setSelectedLinkId(id);
      }
    }
  };

  const onStageDblClick = (event: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (readOnly || event.target !== stageRef.current) return;
    // Not a double-click: the fingers of a pinch, the end of a drag, or two clicks in different places.
    const now = performance.now();
    if (gesture.current?.kind === 'pinch' || now - pinchedAt.current < PINCH_TAP_GUARD_MS) return;
    const [first, second] = downs.current;
    if (!first || !second || draggedAt.current > first.t) return;
    if (Math.hypot(first.x - second.x, first.y - second.y) > DOUBLE_CLICK_SLOP_PX) return;
    const p = stageRef.current.getPointerPosition();
    if (!p) return;
    const hit = noteAt(toBoard(p));
    if (hit) {
      // A note too small to read: bring it close, then edit it.
      const note = store.getNote(hit)!;
      props.setView(
        fitRect({ x: note.x - 80, y: note.y - 80, w: note.w + 160, h: note.h + 160 }, width, height),
      );
      props.setSelection(new Set([hit]));
      props.setEditingId(hit);
      return;
    }
    props.actions.addNoteAt(toBoard(p));
  };

  const singleNote = single ? store.getNote(single) : undefined;
  const draftFrom = linkDraft ? store.getNote(linkDraft.from) : undefined;
  const handleRadius = 9 / view.scale;

  return (
    <Stage
      ref={stageRef}
      width={width}
      height={height}
      x={view.x}
      y={view.y}
      scaleX={view.scale}
      scaleY={view.scale}
      onWheel={onWheel}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={() => props.onPointerBoard(null)}
      onDblClick={onStageDblClick}
      onDblTap={onStageDblClick}
      onContextMenu={(e) => {
        e.evt.preventDefault();
        const p = stageRef.current?.getPointerPosition();
        const hit = e.target === stageRef.current && p ? noteAt(toBoard(p)) : null;
        if (!hit || !p) return;
        props.setSelection((current) => (current.has(hit) ? current : new Set([hit])));
        props.onContextMenu(hit, p);
      }}
    >
      <Layer listening={false}>
        <TemplateLayer zones={zones} scale={view.scale} />
        <EmptyZoneHints store={store} zones={zones} />
      </Layer>
      <LinksLayer
        store={store}
        projector={projector}
        selectedLinkId={props.selectedLinkId}
        handlers={linkHandlers}
        readOnly={readOnly}
      />
      <Layer ref={notesLayerRef}>
        <NotesBatch store={store} ids={batchIds} />
        {detailedIds.map((id) => (
          <NoteNode
            key={id}
            store={store}
            id={id}
            selected={selection.has(id)}
            editing={editingId === id}
            readOnly={readOnly}
            handlers={noteHandlers}
          />
        ))}
      </Layer>
      <Layer>
        <Transformer
          ref={transformerRef}
          rotateEnabled={false}
          flipEnabled={false}
          borderStroke={SELECTION_COLOR}
          anchorStroke={SELECTION_COLOR}
          anchorSize={10}
          ignoreStroke
          boundBoxFunc={(oldBox, newBox) =>
            Math.abs(newBox.width) < 60 * view.scale || Math.abs(newBox.height) < 60 * view.scale
              ? oldBox
              : newBox
          }
          onTransformStart={onTransformStart}
          onTransformEnd={onTransformEnd}
        />
        {singleNote && (
          <Circle
            name="link-handle"
            x={singleNote.x + singleNote.w + handleRadius * 2.2}
            y={singleNote.y + singleNote.h / 2}
            radius={handleRadius}
            fill="#ffffff"
            stroke={SELECTION_COLOR}
            strokeWidth={2.5 / view.scale}
            hitStrokeWidth={12 / view.scale}
          />
        )}
        {linkDraft && draftFrom && (
          <Arrow
            points={[
              draftFrom.x + draftFrom.w / 2,
              draftFrom.y + draftFrom.h / 2,
              linkDraft.to.x,
              linkDraft.to.y,
            ]}
            stroke={SELECTION_COLOR}
            fill={SELECTION_COLOR}
            strokeWidth={3 / view.scale}
            pointerLength={14 / view.scale}
            pointerWidth={14 / view.scale}
            listening={false}
          />
        )}
        {marquee && (
          <Rect
            {...{ x: marquee.x, y: marquee.y, width: marquee.w, height: marquee.h }}
            fill="rgba(37,99,235,0.08)"
            stroke={SELECTION_COLOR}
            strokeWidth={1.5 / view.scale}
            dash={[6 / view.scale, 4 / view.scale]}
            listening={false}
          />
        )}
      </Layer>
      <CursorsLayer connection={connection} scale={view.scale} />
    </Stage>
  );
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
