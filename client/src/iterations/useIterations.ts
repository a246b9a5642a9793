import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  announceIteration,
  compareBoards,
  readLatestIteration,
  restoreBoard,
  restoreNote,
  snapshotFromUpdate,
  type BoardComparison,
  type BoardSnapshot,
  type BoardVersion,
  type NoteRestore,
} from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { Identity } from '../core/identity/identity';
import { useBoardSnapshot } from '../core/store/useBoardSnapshot';
import { useSession, useSessionValue } from '../core/store/useSession';
import {
  checkIterationName,
  listIterations,
  loadIteration,
  saveIteration,
} from '../core/iterations/iterationsApi';

/** The board compared with one saved iteration. */
export interface Comparing {
  version: BoardVersion;
  then: BoardSnapshot;
  /** Recomputed as the board changes, so a restore shows at once. */
  comparison: BoardComparison;
}

/** Iterations of a board for one person, independent of how they are shown. */
export interface Iterations {
  list: readonly BoardVersion[];
  /** Why the list could not be read, or null. */
  listError: string | null;
  /** Whether this person may save iterations: the facilitator (anyone with the edit link while no one holds that role). */
  canSave: boolean;
  /** Whether this person may restore (edit link). */
  canRestore: boolean;
  /** Saves the board under a name; rejects with a message to show. */
  save(name: string): Promise<BoardVersion>;
  /** Loads an iteration and compares the board with it; rejects with a message to show. */
  compare(versionId: string): Promise<void>;
  comparing: Comparing | null;
  stopComparing(): void;
  /** Brings one note back as it was in the compared iteration: one undo step. */
  restoreNote(noteId: string): NoteRestore | null;
  /** Makes the whole board what it was in the compared iteration: one undo step. */
  restoreBoard(): void;
}

/**
 * The board's saved iterations (listed while `listing`, and again whenever someone saves one), saving,
 * and comparing with and restoring from one of them.
 */
export function useIterations(
  connection: BoardConnection,
  identity: Identity,
  readOnly: boolean,
  listing: boolean,
): Iterations {
  const { doc, origin, undoManager, boardId, access, store } = connection;
  const { facilitator } = useSession(doc);
  const latest = useSessionValue(doc, readLatestIteration);
  const [list, setList] = useState<readonly BoardVersion[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [compared, setCompared] = useState<{ version: BoardVersion; then: BoardSnapshot } | null>(null);
  const now = useBoardSnapshot(store);

  useEffect(() => {
    if (!listing) return;
    let cancelled = false;
    listIterations(boardId, access).then(
      (versions) => {
        if (cancelled) return;
        setList(versions);
        setListError(null);
      },
      (error: Error) => !cancelled && setListError(error.message),
    );
    return () => {
      cancelled = true;
    };
  }, [listing, boardId, access, latest?.id]);

  const comparing = useMemo<Comparing | null>(() => {
    if (!compared) return null;
    const current: BoardSnapshot = {
      meta: store.getMeta(),
      zones: [...now.zones],
      notes: [...now.notes],
      links: [...now.links],
      voteRounds: [],
    };
    return { ...compared, comparison: compareBoards(compared.then, current) };
  }, [compared, now, store]);

  const canRestore = !readOnly;
  const canSave = canRestore && (facilitator === null || facilitator.id === identity.id);

  const save = useCallback(
    async (name: string) => {
      const checked = checkIterationName(name);
      if (!checked.ok) throw new Error(checked.error);
      if (!canSave) throw new Error('Only the facilitator saves iterations.');
      const version = await saveIteration(boardId, access, checked.name);
      announceIteration(doc, version, origin);
      setList((current) => (current.some((v) => v.id === version.id) ? current : [...current, version]));
      return version;
    },
    [boardId, access, canSave, doc, origin],
  );

  const compare = useCallback(
    async (versionId: string) => {
      const version = list.find((v) => v.id === versionId);
      if (!version) throw new Error('That iteration is not in the list any more.');
      const update = await loadIteration(boardId, access, versionId);
      let then: BoardSnapshot;
      try {
        then = snapshotFromUpdate(update);
      } catch (error) {
        throw new Error(`Could not read the iteration “${version.name}”: ${(error as Error).message}.`, {
          cause: error,
        });
      }
      setCompared({ version, then });
    },
    [list, boardId, access],
  );

  const restoreOne = useCallback(
    (noteId: string) => {
      const note = compared?.then.notes.find((n) => n.id === noteId);
      if (!compared || !note || !canRestore) return null;
      // Its own undo step: never merged with an edit made just before or after.
      undoManager.stopCapturing();
      const result = restoreNote(doc, note, origin, compared.then.links);
      undoManager.stopCapturing();
      return result;
    },
    [compared, canRestore, undoManager, doc, origin],
  );

  const restoreAll = useCallback(() => {
    if (!compared || !canRestore) return;
    undoManager.stopCapturing();
    restoreBoard(doc, compared.then, origin);
    undoManager.stopCapturing();
  }, [compared, canRestore, undoManager, doc, origin]);

  return {
    list,
    listError,
    canSave,
    canRestore,
    save,
    compare,
    comparing,
    stopComparing: useCallback(() => setCompared(null), []),
    restoreNote: restoreOne,
    restoreBoard: restoreAll,
  };
}
