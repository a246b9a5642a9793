import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { revealSilentMode, startSilentMode, type SilentState } from '@shared';
import type { BoardConnection } from '../connection/BoardConnection';
import type { Identity } from '../identity/identity';
import { useSession } from '../store/useSession';
import { PrivateNotes } from './PrivateNotes';

/** Private brainstorming for one person on one board, independent of how it is shown. */
export interface PrivateBrainstorm {
  /** This device's private notes (null on a view link, or until opened). */
  notes: PrivateNotes | null;
  count: number;
  /** New notes go into the private notes now: silent mode runs, or the person chose so. */
  active: boolean;
  silent: SilentState | null;
  /** The person's own choice to keep new notes private, outside silent mode too. */
  personal: boolean;
  setPersonal(on: boolean): void;
  /** Publishes this person's private notes onto the board now (one undo step); returns how many. */
  revealMine(): number;
  /** Whether this person may start and reveal silent brainstorming for everyone. */
  canRun: boolean;
  startSilent(): void;
  revealSilent(): void;
}

const NO_NOTES = { subscribe: () => () => {}, count: () => 0, personal: () => false };

/**
 * Opens this person's private notes of the board, tells the others how many they hold (awareness), and
 * publishes them when the facilitator reveals, also later, when this device comes back online.
 */
export function usePrivateNotes(
  connection: BoardConnection,
  identity: Identity,
  readOnly: boolean,
): PrivateBrainstorm {
  const { doc, origin, undoManager, boardId } = connection;
  const [notes, setNotes] = useState<PrivateNotes | null>(null);
  const session = useSession(doc);
  const { silent, facilitator } = session;

  useEffect(() => {
    if (readOnly) return;
    const opened = new PrivateNotes(boardId, identity.id);
    // An external resource closed on unmount (and opened twice under StrictMode), hence the effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNotes(opened);
    return () => {
      void opened.destroy();
      setNotes(null);
    };
  }, [boardId, identity.id, readOnly]);

  const source = notes ?? NO_NOTES;
  const count = useSyncExternalStore(source.subscribe, notes ? notes.count : NO_NOTES.count);
  const personal = useSyncExternalStore(source.subscribe, notes ? notes.getPersonal : NO_NOTES.personal);

  useEffect(() => {
    connection.presence.local.setPrivateNotes(count);
  }, [connection, count]);

  // The facilitator revealed: publish, once the notes kept on this device are read.
  const revealedAt = silent?.revealedAt;
  useEffect(() => {
    if (!notes || revealedAt === undefined || readOnly) return;
    let cancelled = false;
    void notes.loaded.then(() => {
      if (!cancelled) notes.revealFor(revealedAt, doc, origin, undoManager);
    });
    return () => {
      cancelled = true;
    };
  }, [notes, revealedAt, readOnly, doc, origin, undoManager]);

  const canRun = !readOnly && (facilitator === null || facilitator.id === identity.id);
  const setPersonal = useCallback((on: boolean) => notes?.setPersonal(on), [notes]);
  const revealMine = useCallback(
    () => (notes && !readOnly ? notes.reveal(doc, origin, undoManager).length : 0),
    [notes, readOnly, doc, origin, undoManager],
  );
  const startSilent = useCallback(() => {
    if (canRun) startSilentMode(doc, identity.id, origin, Date.now());
  }, [canRun, doc, identity.id, origin]);
  const revealSilent = useCallback(() => {
    if (canRun) revealSilentMode(doc, identity.id, origin, Date.now());
  }, [canRun, doc, identity.id, origin]);

  return useMemo(
    () => ({
      notes,
      count,
      active: notes !== null && (silent?.active === true || personal),
      silent,
      personal,
      setPersonal,
      revealMine,
      canRun,
      startSilent,
      revealSilent,
    }),
    [notes, count, silent, personal, setPersonal, revealMine, canRun, startSilent, revealSilent],
  );
}
