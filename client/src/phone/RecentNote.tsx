import { useCallback, useSyncExternalStore } from 'react';
import type { createProjector, Note } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { useNote } from '../core/store/useBoardStore';
import { noteLabel } from '../core/ui/NoteCard';
import { placeLabel } from './boardListing';
import { LockIcon } from './LockIcon';
import { PhoneNoteCard } from './PhoneNoteCard';

type Projector = ReturnType<typeof createProjector>;

/**
 * One note this person added from the phone, wherever it is now: on the board, or still in their
 * private document. Gone (deleted, or undone) means not listed.
 */
export function RecentNote({
  id,
  board,
  privateStore,
  projector,
  onEdit,
  onDelete,
}: {
  id: string;
  board: BoardStore;
  privateStore: BoardStore | null;
  projector: Projector;
  onEdit: (id: string, isPrivate: boolean) => void;
  onDelete: (id: string, isPrivate: boolean) => void;
}) {
  const onBoard = useNote(board, id);
  const held = usePrivateNote(privateStore, id);
  const note = onBoard ?? held;
  if (!note) return null;
  const isPrivate = !onBoard;
  const where = isPrivate ? 'Private until revealed' : placeLabel(projector.placeNote(note));
  const label = noteLabel(note);
  return (
    <PhoneNoteCard note={note} isPrivate={isPrivate}>
      <div className="phone-recent-row">
        <span className={isPrivate ? 'phone-where phone-private-mark' : 'phone-where'}>
          {isPrivate && <LockIcon />}
          {isPrivate && ' '}
          {where}
        </span>
        <button type="button" aria-label={`Edit ${label}`} onClick={() => onEdit(id, isPrivate)}>
          Edit
        </button>
        <button
          type="button"
          className="phone-danger"
          aria-label={`Delete ${label}`}
          onClick={() => onDelete(id, isPrivate)}
        >
          Delete
        </button>
      </div>
    </PhoneNoteCard>
  );
}

const noSubscription = () => () => {};

/** A note of a store that may not be there (no private document open). */
function usePrivateNote(store: BoardStore | null, id: string): Note | undefined {
  const subscribe = useCallback(
    (listener: () => void) => (store ? store.subscribeNote(id, listener) : noSubscription()),
    [store, id],
  );
  const get = useCallback(() => store?.getNote(id), [store, id]);
  return useSyncExternalStore(subscribe, get);
}
