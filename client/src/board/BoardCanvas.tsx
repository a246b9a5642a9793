import Konva from 'konva';
import { useCallback, useEffect, useMemo, useRef, type Dispatch, type SetStateAction } from 'react';
import { Layer, Stage, Transformer } from 'react-konva';
import { moveNotes, resizeNote, type NotePosition } from '@shared';
import type { BoardConnection } from './BoardConnection';
import { EmptyZoneHints } from './EmptyZoneHints';
import { NoteNode, type NoteHandlers } from './NoteNode';
import { TemplateLayer } from './TemplateLayer';
import { SELECTION_COLOR } from './theme';
import { useNoteOrder, useZones } from './useBoardStore';
import { screenToBoard, zoomAt, type Point, type Viewport } from './viewport';

// Two-finger gestures on tablets need drag hit-testing while a finger is down.
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
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  /** Adds a note centred on a board point and starts editing it. */
  onAddNoteAt: (p: Point) => void;
}

interface DragState {
  ids: string[];
  start: Map<string, Point>;
  frame: number | null;
  latest: NotePosition[];
}

const WHEEL_ZOOM_SPEED = 0.0025;

/** The board canvas: template, notes and selection, with pan, zoom, select, drag and resize. */
export function BoardCanvas(props: Props) {
  const { connection, readOnly, width, height, view, setView, selection, editingId } = props;
  const { store, doc, origin } = connection;
  const zones = useZones(store);
  const order = useNoteOrder(store);
  const stageRef = useRef<Konva.Stage>(null);
  const notesLayerRef = useRef<Konva.Layer>(null);
  const transformerRef = useRef<Konva.Transformer>(null);
  const drag = useRef<DragState | null>(null);
  const pinch = useRef<{ distance: number; center: Point } | null>(null);

  // Handlers read the latest props through a ref, so the object stays stable and notes stay memoised.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  const handlers = useMemo<NoteHandlers>(() => {
    const writePositions = () => {
      const state = drag.current;
      if (!state) return;
      state.frame = null;
      moveNotes(doc, state.latest, origin);
    };
    return {
      onPointerDown(id, event) {
        const { setSelection } = latest.current;
        const additive = 'shiftKey' in event.evt && event.evt.shiftKey;
        setSelection((current) => {
          if (additive) {
            const next = new Set(current);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          }
          return current.has(id) ? current : new Set([id]);
        });
      },
      onDragStart(id) {
        const current = latest.current.selection;
        const ids = current.has(id) ? [...current] : [id];
        const start = new Map<string, Point>();
        for (const noteId of ids) {
          const note = store.getNote(noteId);
          if (note) start.set(noteId, { x: note.x, y: note.y });
        }
        drag.current = { ids: [...start.keys()], start, frame: null, latest: [] };
      },
      onDragMove(id, event) {
        const state = drag.current;
        const origin0 = state?.start.get(id);
        if (!state || !origin0) return;
        const dx = event.target.x() - origin0.x;
        const dy = event.target.y() - origin0.y;
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
        drag.current = null;
      },
      onEdit(id) {
        if (latest.current.readOnly) return;
        latest.current.setSelection(new Set([id]));
        latest.current.setEditingId(id);
      },
    };
  }, [doc, origin, store]);

  // Attach the resize handles to the one selected note.
  useEffect(() => {
    const transformer = transformerRef.current;
    if (!transformer) return;
    const only = selection.size === 1 && !editingId && !readOnly ? [...selection][0]! : null;
    const node = only ? notesLayerRef.current?.findOne(`#${only}`) : undefined;
    transformer.nodes(node ? [node] : []);
  }, [selection, editingId, readOnly, order]);

  const onTransformEnd = useCallback(() => {
    const node = transformerRef.current?.nodes()[0];
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

  const pointer = (): Point | null => stageRef.current?.getPointerPosition() ?? null;

  const onWheel = (event: Konva.KonvaEventObject<WheelEvent>) => {
    event.evt.preventDefault();
    const { deltaX, deltaY, ctrlKey, metaKey } = event.evt;
    if (ctrlKey || metaKey) {
      const anchor = pointer() ?? { x: width / 2, y: height / 2 };
      setView((v) => zoomAt(v, anchor, Math.exp(-deltaY * WHEEL_ZOOM_SPEED * 4)));
    } else {
      setView((v) => ({ ...v, x: v.x - deltaX, y: v.y - deltaY }));
    }
  };

  const onStageDown = (event: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (event.target !== stageRef.current) return;
    const additive = 'shiftKey' in event.evt && event.evt.shiftKey;
    if (!additive) props.setSelection(new Set());
    props.setEditingId(null);
  };

  const onStageDblClick = (event: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (readOnly || event.target !== stageRef.current) return;
    const p = pointer();
    if (p) props.onAddNoteAt(screenToBoard(view, p));
  };

  const onTouchMove = (event: Konva.KonvaEventObject<TouchEvent>) => {
    const touches = event.evt.touches;
    if (touches.length !== 2) {
      pinch.current = null;
      return;
    }
    event.evt.preventDefault();
    const stage = stageRef.current;
    if (!stage) return;
    if (stage.isDragging()) stage.stopDrag();
    const rect = stage.container().getBoundingClientRect();
    const a = { x: touches[0]!.clientX - rect.left, y: touches[0]!.clientY - rect.top };
    const b = { x: touches[1]!.clientX - rect.left, y: touches[1]!.clientY - rect.top };
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    const center = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const previous = pinch.current;
    pinch.current = { distance, center };
    if (!previous || previous.distance === 0) return;
    setView((v) => {
      const zoomed = zoomAt(v, previous.center, distance / previous.distance);
      return {
        ...zoomed,
        x: zoomed.x + center.x - previous.center.x,
        y: zoomed.y + center.y - previous.center.y,
      };
    });
  };

  return (
    <Stage
      ref={stageRef}
      width={width}
      height={height}
      x={view.x}
      y={view.y}
      scaleX={view.scale}
      scaleY={view.scale}
      draggable
      onDragMove={(e) => {
        if (e.target === stageRef.current) setView((v) => ({ ...v, x: e.target.x(), y: e.target.y() }));
      }}
      onDragEnd={(e) => {
        if (e.target === stageRef.current) setView((v) => ({ ...v, x: e.target.x(), y: e.target.y() }));
      }}
      onWheel={onWheel}
      onMouseDown={onStageDown}
      onTouchStart={onStageDown}
      onDblClick={onStageDblClick}
      onDblTap={onStageDblClick}
      onTouchMove={onTouchMove}
      onTouchEnd={() => (pinch.current = null)}
    >
      <TemplateLayer zones={zones} />
      <EmptyZoneHints store={store} zones={zones} />
      <Layer ref={notesLayerRef}>
        {order.map((id) => (
          <NoteNode
            key={id}
            store={store}
            id={id}
            selected={selection.has(id)}
            editing={editingId === id}
            readOnly={readOnly}
            handlers={handlers}
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
          onTransformEnd={onTransformEnd}
        />
      </Layer>
    </Stage>
  );
}
