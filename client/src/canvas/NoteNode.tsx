import type Konva from 'konva';
import { memo, useContext } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { departmentName, noteFill, type Note } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { countRender } from './renderStats';
import { NoteDecorationsContext, NoteHandlersContext } from './noteDecorations';
import { fitFontSize, MIN_FONT_SIZE, NOTE_FOOTER, NOTE_HEADER, NOTE_LINE_HEIGHT, NOTE_PAD } from './textFit';
import { FONT, KIND_STYLE, SELECTION_COLOR } from '../core/theme/theme';
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
      <FullCard note={note} selected={selected} editing={editing} />
      {decorations.map((Decoration, i) => (
        <Decoration key={i} note={note} />
      ))}
    </Group>
  );
});

function Card({ note, selected }: { note: Note; selected: boolean }) {
  const kind = KIND_STYLE[note.kind];
  return (
    <>
      {/* A solid offset rectangle instead of a blurred shadow: far cheaper to paint, same depth cue. */}
      <Rect
        x={2}
        y={4}
        width={note.w}
        height={note.h}
        fill="rgba(15,23,42,0.16)"
        cornerRadius={4}
        listening={false}
        perfectDrawEnabled={false}
      />
      <Rect
        width={note.w}
        height={note.h}
        fill={noteFill(note.color)}
        cornerRadius={4}
        stroke={selected ? SELECTION_COLOR : undefined}
        strokeWidth={selected ? 4 : 0}
        perfectDrawEnabled={false}
      />
      <Rect
        width={6}
        height={note.h}
        fill={kind.color}
        cornerRadius={[4, 0, 0, 4]}
        listening={false}
        perfectDrawEnabled={false}
      />
    </>
  );
}

function FullCard({ note, selected, editing }: { note: Note; selected: boolean; editing: boolean }) {
  const kind = KIND_STYLE[note.kind];
  const fontSize = fitFontSize(note.text, note.w, note.h);
  const byline = note.department ? `${note.author} · ${departmentName(note.department)}` : note.author;
  return (
    <>
      <Card note={note} selected={selected} />
      <Text
        x={NOTE_PAD}
        y={7}
        text={`${kind.glyph} ${kind.label}`}
        fontSize={12}
        fontStyle="bold"
        letterSpacing={0.8}
        fontFamily={FONT}
        fill={kind.color}
        listening={false}
        perfectDrawEnabled={false}
      />
      {!editing && (
        <Text
          x={NOTE_PAD}
          y={NOTE_HEADER}
          width={note.w - 2 * NOTE_PAD}
          height={note.h - NOTE_HEADER - NOTE_FOOTER}
          text={note.text}
          fontSize={fontSize}
          lineHeight={NOTE_LINE_HEIGHT}
          fontFamily={FONT}
          fill="#1f2733"
          wrap="word"
          // Fitting already picked a size that shows the whole text, except past the smallest size.
          ellipsis={fontSize <= MIN_FONT_SIZE}
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      <Text
        x={NOTE_PAD}
        y={note.h - NOTE_FOOTER + 3}
        width={note.w - 2 * NOTE_PAD}
        text={byline}
        fontSize={11}
        fontFamily={FONT}
        fill="#5b6472"
        wrap="none"
        ellipsis
        listening={false}
        perfectDrawEnabled={false}
      />
    </>
  );
}
