import type Konva from 'konva';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  type Dispatch,
  type ReactNode,
  type RefObject,
  type SetStateAction,
} from 'react';
import { Arrow, Circle, Layer, Rect, Stage, Transformer } from 'react-konva';
import { createProjector, moveNotes, resizeNote } from '@shared';
import { PresenceLayer } from './PresenceLayer';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { CoverageLayer } from './CoverageLayer';
import { DependencyHighlight } from './DependencyHighlight';
import { EmptyZoneHints } from './EmptyZoneHints';
import { intersects, visibleBoardRect } from '../core/viewport/geometry';
import { LinksLayer, type LinkHandlers } from './LinksLayer';
import { BoardNotes } from './BoardNotes';
import { TemplateLayer } from './TemplateLayer';
import { DETAIL_MIN_PX, SELECTION_COLOR } from '../core/theme/theme';
import type { BoardActions } from '../core/editor/useBoardActions';
import { useReach } from '../core/store/useBoardAnalysis';
import { useNoteOrder, useNotesVersion, useZones } from '../core/store/useBoardStore';
import { cullNotes } from './useLiveView';
import { usePointerGestures } from './usePointerGestures';
import { screenToBoard, type Point, type Viewport } from '../core/viewport/viewport';

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
  /** Tints each area zone by its coverage state. */
  coverageOverlay?: boolean;
  /** More layers, drawn above the board's notes (private notes, an iteration's comparison). */
  children?: ReactNode;
  /**
   * Whether the others see this person's selection (default true). Off while a dot vote is open: a click
   * that places a dot also selects the note, and a shared selection would show everyone where it went.
   */
  shareSelection?: boolean;
}

const NO_SELECTION: ReadonlySet<string> = new Set();

/** Notes this far (in screen pixels) outside the view are drawn too, so a quick pan shows no gap. */
const CULL_MARGIN = 200;

/** The board canvas: template, links, notes, selection and cursors; the pointer gestures live in hooks. */
export function BoardCanvas(props: Props) {
  const { connection, readOnly, width, height, view, selection, editingId } = props;
  const { store, doc, origin } = connection;
  const zones = useZones(store);
  const order = useNoteOrder(store);
  const notesVersion = useNotesVersion(store);
  const projector = useMemo(() => createProjector(zones), [zones]);
  const stageRef = useRef<Konva.Stage>(null);
  const notesLayerRef = useRef<Konva.Layer>(null);
  const transformerRef = useRef<Konva.Transformer>(null);
  // One selected note shows what it affects and what affects it.
  const focusId = selection.size === 1 ? [...selection][0]! : null;
  const reach = useReach(store, focusId);
  const linked = reach !== null && reach.affects.length + reach.affectedBy.length > 0;

  // Link handlers read the latest props through a ref, so they stay stable and links stay memoised.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  // Readable notes near the view get a node each (made over a few frames, see BoardNotes), for their
  // handlers and decorations; the selection and the note being edited always have one. The batch shape
  // draws every other note, at the detail the live zoom asks for.
  const detailedIds = useMemo(() => {
    const area = visibleBoardRect(view, width, height, CULL_MARGIN);
    const detailed: string[] = [];
    for (const id of order) {
      const note = store.getNote(id);
      if (!note) continue;
      if (note.w * view.scale >= DETAIL_MIN_PX && intersects(note, area)) detailed.push(id);
    }
    return detailed;
    // notesVersion: positions changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order, view, width, height, store, notesVersion]);
  const centre = useMemo(() => screenToBoard(view, { x: width / 2, y: height / 2 }), [view, width, height]);

  // After React has drawn a view, hide what is off screen (the culled set carries a margin).
  useEffect(() => {
    cullNotes(notesLayerRef.current, view, width, height);
    notesLayerRef.current?.batchDraw();
  }, [view, width, height, detailedIds]);

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

  const { stageHandlers, noteHandlers, marquee, linkDraft } = usePointerGestures({
    ...props,
    stageRef,
    notesLayerRef,
    handleNoteId: single,
  });

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
      {...stageHandlers}
    >
      <Layer listening={false}>
        <TemplateLayer zones={zones} scale={view.scale} />
        <EmptyZoneHints store={store} zones={zones} />
      </Layer>
      <CoverageLayer store={store} zones={zones} overlay={props.coverageOverlay ?? false} />
      <LinksLayer
        store={store}
        projector={projector}
        selectedLinkId={props.selectedLinkId}
        handlers={linkHandlers}
        readOnly={readOnly}
        dimmed={linked}
      />
      {focusId && reach && linked && <DependencyHighlight store={store} noteId={focusId} reach={reach} />}
      <Layer ref={notesLayerRef}>
        <BoardNotes
          store={store}
          detailedIds={detailedIds}
          selection={selection}
          editingId={editingId}
          readOnly={readOnly}
          handlers={noteHandlers}
          layerRef={notesLayerRef}
          centre={centre}
        />
      </Layer>
      {props.children}
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
      <PresenceLayer
        connection={connection}
        scale={view.scale}
        selection={props.shareSelection === false ? NO_SELECTION : selection}
        editingId={editingId}
      />
    </Stage>
  );
}
