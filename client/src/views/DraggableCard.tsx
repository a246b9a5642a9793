import { useDraggable, useDroppable } from '@dnd-kit/core';
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { Note } from '@shared';
import { NoteCard } from './NoteCard';

interface CardProps {
  note: Note;
  /** Shown under the card's text, e.g. a roadmap warning. A string, so that memo can compare it. */
  warning?: string | undefined;
}

function Warning({ text }: { text: string | undefined }) {
  return text ? (
    <span className="card-warning">
      <span aria-hidden>⚠ </span>
      {text}
    </span>
  ) : null;
}

/**
 * A card that can be picked up with the pointer or the keyboard (space or enter). Memoised: note
 * snapshots are replaced only when the note changes, so an unchanged note's card skips a table render.
 */
export const DraggableCard = memo(function DraggableCard({
  note,
  cell,
  warning,
}: CardProps & { cell: string }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: note.id, data: { cell } });
  return (
    <div
      ref={setNodeRef}
      className={`card kind-${note.kind}${isDragging ? ' card-dragging' : ''}`}
      data-note-id={note.id}
      {...attributes}
      {...listeners}
      aria-roledescription="movable note"
    >
      <NoteCard note={note}>
        <Warning text={warning} />
      </NoteCard>
    </div>
  );
});

/** A card that stays where it is (view-only links). */
export const StaticCard = memo(function StaticCard({ note, warning }: CardProps) {
  return (
    <div className={`card kind-${note.kind}`} data-note-id={note.id}>
      <NoteCard note={note}>
        <Warning text={warning} />
      </NoteCard>
    </div>
  );
});

/** A table cell that cards can be dropped into. */
export function DropCell({
  id,
  disabled,
  className,
  style,
  children,
}: {
  id: string;
  disabled: boolean;
  className: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id, disabled });
  return (
    <td ref={setNodeRef} className={`${className}${isOver ? ' cell-over' : ''}`} style={style} data-cell={id}>
      {children}
    </td>
  );
}
