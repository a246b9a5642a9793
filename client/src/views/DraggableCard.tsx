import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import type { Note } from '@shared';
import { NoteCard } from './NoteCard';

/** A card that can be picked up with the pointer or the keyboard (space or enter). */
export function DraggableCard({ note, cell, extra }: { note: Note; cell: string; extra?: ReactNode }) {
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
      <NoteCard note={note}>{extra}</NoteCard>
    </div>
  );
}

/** A card that stays where it is (view-only links). */
export function StaticCard({ note, extra }: { note: Note; extra?: ReactNode }) {
  return (
    <div className={`card kind-${note.kind}`} data-note-id={note.id}>
      <NoteCard note={note}>{extra}</NoteCard>
    </div>
  );
}

/** A table cell that cards can be dropped into. */
export function DropCell({
  id,
  disabled,
  className,
  children,
}: {
  id: string;
  disabled: boolean;
  className: string;
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id, disabled });
  return (
    <td ref={setNodeRef} className={`${className}${isOver ? ' cell-over' : ''}`} data-cell={id}>
      {children}
    </td>
  );
}
