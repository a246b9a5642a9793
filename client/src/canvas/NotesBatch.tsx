import type Konva from 'konva';
import { memo } from 'react';
import { Shape } from 'react-konva';
import { noteFill } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { KIND_STYLE } from '../core/theme/theme';
import { useNotesVersion } from '../core/store/useBoardStore';

/**
 * Notes too small on screen to read, drawn as plain cards by one shape instead of a node tree each:
 * a board of ten thousand notes zoomed out costs one pass of rectangles per frame. The canvas finds
 * which of them is under the pointer itself (the shape does not listen).
 */
export const NotesBatch = memo(function NotesBatch({
  store,
  ids,
}: {
  store: BoardStore;
  ids: readonly string[];
}) {
  // Any note change redraws the batch; the version makes React hand Konva a new attribute.
  const version = useNotesVersion(store);
  const draw = (context: Konva.Context) => {
    const ctx = context._context;
    for (const id of ids) {
      const note = store.getNote(id);
      if (!note) continue;
      ctx.fillStyle = noteFill(note.color);
      ctx.fillRect(note.x, note.y, note.w, note.h);
      ctx.fillStyle = KIND_STYLE[note.kind].color;
      ctx.fillRect(note.x, note.y, Math.min(6, note.w / 8), note.h);
    }
  };
  return <Shape sceneFunc={draw} listening={false} perfectDrawEnabled={false} version={version} />;
});
