import type Konva from 'konva';
import { memo } from 'react';
import { Shape } from 'react-konva';
import type { BoardStore } from '../core/store/BoardStore';
import type { Note } from '@shared';
import { drawNote, drawPlainNotes } from './drawNote';
import { DETAIL_MIN_PX } from '../core/theme/theme';
import { intersects, visibleBoardRect } from '../core/viewport/geometry';
import { useNotesVersion } from '../core/store/useBoardStore';

/**
 * Every note that has no node of its own, drawn by one shape: at any zoom, a board of ten thousand notes
 * costs one pass over the notes on screen per frame, and a note looks the same here as in its own node
 * (both draw with `drawNote`). It reads the live view from the stage when it draws, so a zoom or pan that
 * moves the stage without React culls and picks the detail right in that frame. The canvas finds which
 * note is under the pointer itself (the shape does not listen).
 */
export const NotesBatch = memo(function NotesBatch({
  store,
  skip,
}: {
  store: BoardStore;
  /** The notes drawn by nodes of their own. */
  skip: ReadonlySet<string>;
}) {
  // Any note change redraws the batch; the version makes React hand Konva a new attribute.
  const version = useNotesVersion(store);
  const draw = (context: Konva.Context, shape: Konva.Shape) => {
    const stage = shape.getStage();
    if (!stage) return;
    const scale = stage.scaleX();
    const area = visibleBoardRect({ x: stage.x(), y: stage.y(), scale }, stage.width(), stage.height());
    const ctx = context._context;
    // Runs of plain cards are drawn together, the rest one by one, bottom to top.
    let plain: Note[] = [];
    for (const id of store.getNoteOrder()) {
      if (skip.has(id)) continue;
      const note = store.getNote(id);
      if (!note || !intersects(note, area)) continue;
      if (note.w * scale < DETAIL_MIN_PX) {
        plain.push(note);
        continue;
      }
      if (plain.length > 0) drawPlainNotes(ctx, plain, scale);
      plain = [];
      drawNote(ctx, note, scale);
    }
    drawPlainNotes(ctx, plain, scale);
  };
  return <Shape sceneFunc={draw} listening={false} perfectDrawEnabled={false} version={version} />;
});
