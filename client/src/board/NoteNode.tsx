import type Konva from 'konva';
import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { noteFill, type Note } from '@shared';
import { departmentName } from '../identity';
import type { BoardStore } from './BoardStore';
import {
  fitFontSize,
  NOTE_FOOTER as FOOTER,
  NOTE_HEADER as HEADER,
  NOTE_LINE_HEIGHT,
  NOTE_PAD as PAD,
} from './textFit';
import { FONT, KIND_STYLE, SELECTION_COLOR } from './theme';
import { useNote } from './useBoardStore';

export interface NoteHandlers {
  onPointerDown(id: string, event: Konva.KonvaEventObject<MouseEvent | TouchEvent>): void;
  onDragStart(id: string, event: Konva.KonvaEventObject<DragEvent>): void;
  onDragMove(id: string, event: Konva.KonvaEventObject<DragEvent>): void;
  onDragEnd(id: string, event: Konva.KonvaEventObject<DragEvent>): void;
  onEdit(id: string): void;
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
export const NoteNode = memo(function NoteNode({ store, id, selected, editing, readOnly, handlers }: Props) {
  const note = useNote(store, id);
  if (!note) return null;
  return (
    <NoteShape note={note} selected={selected} editing={editing} readOnly={readOnly} handlers={handlers} />
  );
});

function NoteShape({
  note,
  selected,
  editing,
  readOnly,
  handlers,
}: {
  note: Note;
  selected: boolean;
  editing: boolean;
  readOnly: boolean;
  handlers: NoteHandlers;
}) {
  const kind = KIND_STYLE[note.kind];
  const fontSize = fitFontSize(note.text, note.w, note.h);
  const byline = note.department ? `${note.author} · ${departmentName(note.department)}` : note.author;
  return (
    <Group
      id={note.id}
      name="note"
      x={note.x}
      y={note.y}
      width={note.w}
      height={note.h}
      draggable={!readOnly && !editing}
      onMouseDown={(e) => handlers.onPointerDown(note.id, e)}
      onTouchStart={(e) => handlers.onPointerDown(note.id, e)}
      onDragStart={(e) => handlers.onDragStart(note.id, e)}
      onDragMove={(e) => handlers.onDragMove(note.id, e)}
      onDragEnd={(e) => handlers.onDragEnd(note.id, e)}
      onDblClick={() => handlers.onEdit(note.id)}
      onDblTap={() => handlers.onEdit(note.id)}
    >
      <Rect
        width={note.w}
        height={note.h}
        fill={noteFill(note.color)}
        cornerRadius={4}
        shadowColor="#1b2330"
        shadowOpacity={0.22}
        shadowBlur={8}
        shadowOffsetY={3}
        stroke={selected ? SELECTION_COLOR : undefined}
        strokeWidth={selected ? 3 : 0}
      />
      <Text
        x={PAD}
        y={8}
        text={kind.label}
        fontSize={11}
        fontStyle="bold"
        letterSpacing={1}
        fontFamily={FONT}
        fill={kind.color}
        listening={false}
      />
      {!editing && (
        <Text
          x={PAD}
          y={HEADER}
          width={note.w - 2 * PAD}
          height={note.h - HEADER - FOOTER}
          text={note.text}
          fontSize={fontSize}
          lineHeight={NOTE_LINE_HEIGHT}
          fontFamily={FONT}
          fill="#1f2733"
          wrap="word"
          ellipsis
          listening={false}
        />
      )}
      <Text
        x={PAD}
        y={note.h - FOOTER + 2}
        width={note.w - 2 * PAD}
        text={byline}
        fontSize={11}
        fontFamily={FONT}
        fill="#5b6472"
        wrap="none"
        ellipsis
        listening={false}
      />
    </Group>
  );
}
