import { useDraggable, useDroppable } from '@dnd-kit/core';
import {
  memo,
  useEffect,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { Note } from '@shared';
import { NoteCard } from '../core/ui/NoteCard';

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
 * A card that can be picked up with the pointer or the keyboard (space), and opened with a click or
 * Enter when `onOpen` is given. Memoised: note snapshots are replaced only when the note changes, so an
 * unchanged note's card skips a table render; `onOpen` must be stable.
 */
export const DraggableCard = memo(function DraggableCard({
  note,
  cell,
  warning,
  onOpen,
}: CardProps & { cell: string; onOpen?: (noteId: string) => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: note.id, data: { cell } });
  // A press that became a drag ends in a click on the card when it is dropped where it was: not an open.
  const dragged = useRef(false);
  useEffect(() => {
    if (isDragging) dragged.current = true;
  }, [isDragging]);
  const open = onOpen && {
    onMouseDown: (e: MouseEvent<HTMLDivElement>) => {
      dragged.current = false;
      listeners?.onMouseDown?.(e);
    },
    onClick: () => {
      if (!dragged.current) onOpen(note.id);
    },
    onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        onOpen(note.id);
        return;
      }
      listeners?.onKeyDown?.(e);
    },
  };
  return (
    <div
      ref={setNodeRef}
      className={`card kind-${note.kind}${isDragging ? ' card-dragging' : ''}`}
      data-note-id={note.id}
      {...attributes}
      {...listeners}
      {...open}
      aria-roledescription={onOpen ? 'movable note, Enter opens it' : 'movable note'}
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
