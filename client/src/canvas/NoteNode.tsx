import type Konva from 'konva';
import { memo, useContext } from 'react';
import { Group, Shape } from 'react-konva';
import type { Note } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { drawNote } from './drawNote';
import { countRender } from './renderStats';
import { NoteDecorationsContext, NoteHandlersContext } from './noteDecorations';
import { useNote } from '../core/store/useBoardStore';
import { isDoubleClick } from './useDoubleClickGuard';

export interface NoteHandlers {
  onPointerDown(id: string, event: Konva.KonvaEventObject<PointerEvent>): void;
  onDragStart(id: string, event: Konva.KonvaEventObject<DragEvent>): void;
  onDragMove(id: string, event: Konva.KonvaEventObject<DragEvent>): void;
  onDragEnd(id: string, event: Konva.KonvaEventObject<DragEvent>): void;
  onEdit(id: string): void;
  onContextMenu(id: string, event: Konva.KonvaEventObject<PointerEvent | MouseEvent>): void;
}

interface Props {
  store: BoardStore;
  id: string;
  selected: boolean;
  editing: boolean;
  readOnly: boolean;
  handlers: NoteHandlers;
}

/** One sticky note; subscribes to its own note only, so a change elsewhere never re-renders it. */
export const NoteNode = memo(function NoteNode({ store, id, selected, editing, readOnly, ...props }: Props) {
  const note = useNote(store, id);
  const handlers = useContext(NoteHandlersContext) ?? props.handlers;
  const decorations = useContext(NoteDecorationsContext);
  if (!note) return null;
  countRender(id);
  return (
    <Group
      id={note.id}
      name="note"
      x={note.x}
      y={note.y}
      width={note.w}
      height={note.h}
      draggable={!readOnly && !editing}
      onPointerDown={(e) => handlers.onPointerDown(note.id, e)}
      onDragStart={(e) => handlers.onDragStart(note.id, e)}
      onDragMove={(e) => handlers.onDragMove(note.id, e)}
      onDragEnd={(e) => handlers.onDragEnd(note.id, e)}
      onClick={(e) => isDoubleClick(e) && handlers.onEdit(note.id)}
      onDblTap={() => handlers.onEdit(note.id)}
      onContextMenu={(e) => handlers.onContextMenu(note.id, e)}
    >
      <NoteShape note={note} selected={selected} editing={editing} />
      {decorations.map((Decoration, i) => (
        <Decoration key={i} note={note} />
      ))}
    </Group>
  );
});

/**
 * The card, drawn by `drawNote` at the detail the zoom asks for when it draws (the batch draws the same),
 * with a plain rectangle to hit: no Konva text nodes, which measure their text whenever they are made.
 */
function NoteShape({ note, selected, editing }: { note: Note; selected: boolean; editing: boolean }) {
  const look = { selected, editing };
  // Drawn in the group's coordinates: the note at the origin.
  const local = { ...note, x: 0, y: 0 };
  return (
    <Shape
      width={note.w}
      height={note.h}
      sceneFunc={(context, shape) => drawNote(context._context, local, shape.getStage()?.scaleX() ?? 1, look)}
      hitFunc={(context, shape) => {
        context.beginPath();
        context.rect(0, 0, note.w, note.h);
        context.closePath();
        context.fillShape(shape);
      }}
      perfectDrawEnabled={false}
    />
  );
}
