import type Konva from 'konva';
import { useEffect, useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import type { BoardStore } from '../core/store/BoardStore';
import { nextMounted } from './mountSteps';
import { NoteNode, type NoteHandlers } from './NoteNode';
import { NotesBatch } from './NotesBatch';
import { useNoteOrder } from '../core/store/useBoardStore';
import { cullNotes } from './cullNotes';
import type { Point, Viewport } from '../core/viewport/viewport';

interface Props {
  store: BoardStore;
  /** The notes that should have nodes of their own (readable and near the view), bottom first. */
  detailedIds: readonly string[];
  selection: ReadonlySet<string>;
  editingId: string | null;
  readOnly: boolean;
  handlers: NoteHandlers;
  layerRef: RefObject<Konva.Layer | null>;
  /** The board point in the middle of the view: nodes near it are made first. Keep it stable per view. */
  centre: Point;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The notes layer's content: one batch shape for every note without a node, and a node each (with its
 * handlers and decorations) for the readable notes near the view. Nodes are made over several frames, a
 * `MOUNT_PER_FRAME` at a time, while the batch draws the rest the same way: crossing the level of detail at
 * 10,000 notes would otherwise make hundreds of nodes in one frame. The selected notes and the one being
 * edited get theirs at once.
 */
export function BoardNotes({
  store,
  detailedIds,
  selection,
  editingId,
  readOnly,
  handlers,
  layerRef,
  centre,
}: Props) {
  const order = useNoteOrder(store);
  const [mounted, setMounted] = useState(NONE);

  useEffect(() => {
    const frame = requestAnimationFrame(() =>
      setMounted((current) =>
        nextMounted(
          current,
          detailedIds,
          (id) => {
            const n = store.getNote(id);
            return n && { x: n.x + n.w / 2, y: n.y + n.h / 2 };
          },
          centre,
        ),
      ),
    );
    return () => cancelAnimationFrame(frame);
  }, [detailedIds, mounted, store, centre]);

  const drawn = useMemo(
    () => order.filter((id) => mounted.has(id) || selection.has(id) || id === editingId),
    [order, mounted, selection, editingId],
  );
  const skip = useMemo(() => new Set(drawn), [drawn]);

  // A node is made visible; hide those that are off screen, as the live view does on every frame.
  useLayoutEffect(() => {
    const stage = layerRef.current?.getStage();
    if (!stage) return;
    const view: Viewport = { x: stage.x(), y: stage.y(), scale: stage.scaleX() };
    cullNotes(layerRef.current, view, stage.width(), stage.height());
  }, [drawn, layerRef]);

  return (
    <>
      <NotesBatch store={store} skip={skip} />
      {drawn.map((id) => (
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
    </>
  );
}
