import type Konva from 'konva';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { Arrow, Circle, Layer, Rect, Stage, Transformer } from 'react-konva';
import { createProjector, moveNotes, resizeNote } from '@shared';
import { PresenceLayer } from './PresenceLayer';
import type { Editor } from '../core/editor/Editor';
import {
  editingOf,
  selectedLinkOf,
  selectionOf,
  sizeOf,
  useEditorValue,
} from '../core/editor/useEditorValue';
import { CoverageLayer } from './CoverageLayer';
import { DependencyHighlight } from './DependencyHighlight';
import { EmptyZoneHints } from './EmptyZoneHints';
import { intersects, visibleBoardRect } from '../core/viewport/geometry';
import { LinksLayer, type LinkHandlers } from './LinksLayer';
import { BoardNotes } from './BoardNotes';
import { TemplateLayer } from './TemplateLayer';
import { DETAIL_MIN_PX, SELECTION_COLOR } from '../core/theme/theme';
import { useReach } from '../core/store/useBoardAnalysis';
import { useNoteOrder, useNotesVersion, useZones } from '../core/store/useBoardStore';
import { cullNotes } from './cullNotes';
import { usePointerGestures } from './usePointerGestures';
import { CULL_MARGIN, useDetailCamera } from './useDetailCamera';
import { screenToBoard } from '../core/viewport/viewport';

interface Props {
  editor: Editor;
  /** True for a view link, while the server refuses this link, or while a vote takes clicks. */
  readOnly: boolean;
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

/** The board canvas: template, links, notes, selection and cursors; the pointer gestures live in hooks. */
export function BoardCanvas({ editor, readOnly, coverageOverlay, children, shareSelection }: Props) {
  const { connection } = editor;
  const { store, doc, origin } = connection;
  const zones = useZones(store);
  const order = useNoteOrder(store);
  const notesVersion = useNotesVersion(store);
  const selection = useEditorValue(editor, selectionOf);
  const editingId = useEditorValue(editor, editingOf);
  const selectedLinkId = useEditorValue(editor, selectedLinkOf);
  const { width, height } = useEditorValue(editor, sizeOf);
  const view = useDetailCamera(editor);
  const { scale } = view;
  const projector = useMemo(() => createProjector(zones), [zones]);
  const stageRef = useRef<Konva.Stage>(null);
  const notesLayerRef = useRef<Konva.Layer>(null);
  const transformerRef = useRef<Konva.Transformer>(null);
  // One selected note shows what it affects and what affects it.
  const focusId = selection.size === 1 ? [...selection][0]! : null;
  const reach = useReach(store, focusId);
  const linked = reach !== null && reach.affects.length + reach.affectedBy.length > 0;

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

  // The stage follows the camera by hand, at once (hit-testing needs the current transform), and hides
  // the drawn notes that are off screen; Konva draws once per frame.
  useLayoutEffect(() => {
    const follow = () => {
      const stage = stageRef.current;
      if (!stage) return;
      const { x, y, scale: s } = editor.camera;
      if (stage.x() === x && stage.y() === y && stage.scaleX() === s) return;
      stage.position({ x, y });
      stage.scale({ x: s, y: s });
      cullNotes(notesLayerRef.current, editor.camera, stage.width(), stage.height());
      stage.batchDraw();
    };
    follow();
    return editor.subscribe(follow);
  }, [editor]);

  // After React has drawn new notes, hide what is off screen (the culled set carries a margin).
  useLayoutEffect(() => {
    cullNotes(notesLayerRef.current, editor.camera, width, height);
    notesLayerRef.current?.batchDraw();
  }, [editor, width, height, detailedIds]);

  const linkHandlers = useMemo<LinkHandlers>(
    () => ({
      onSelect(id, event) {
        event.cancelBubble = true;
        editor.selectLink(id);
      },
      onEditLabel(id) {
        editor.openLabelEditor(id);
      },
    }),
    [editor],
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
    editor,
    readOnly,
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
  const handleRadius = 9 / scale;

  return (
    <Stage ref={stageRef} width={width} height={height} {...stageHandlers}>
      <Layer listening={false}>
        <TemplateLayer zones={zones} scale={scale} />
        <EmptyZoneHints store={store} zones={zones} />
      </Layer>
      <CoverageLayer store={store} zones={zones} overlay={coverageOverlay ?? false} />
      <LinksLayer
        store={store}
        projector={projector}
        selectedLinkId={selectedLinkId}
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
      {children}
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
            Math.abs(newBox.width) < 60 * scale || Math.abs(newBox.height) < 60 * scale ? oldBox : newBox
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
            strokeWidth={2.5 / scale}
            hitStrokeWidth={12 / scale}
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
            strokeWidth={3 / scale}
            pointerLength={14 / scale}
            pointerWidth={14 / scale}
            listening={false}
          />
        )}
        {marquee && (
          <Rect
            {...{ x: marquee.x, y: marquee.y, width: marquee.w, height: marquee.h }}
            fill="rgba(37,99,235,0.08)"
            stroke={SELECTION_COLOR}
            strokeWidth={1.5 / scale}
            dash={[6 / scale, 4 / scale]}
            listening={false}
          />
        )}
      </Layer>
      <PresenceLayer
        editor={editor}
        scale={scale}
        selection={shareSelection === false ? NO_SELECTION : selection}
        editingId={editingId}
      />
    </Stage>
  );
}
