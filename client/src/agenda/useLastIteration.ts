import { useEffect, useState } from 'react';
import { readLatestIteration, snapshotFromUpdate, type BoardSnapshot } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { loadIteration } from '../core/iterations/iterationsApi';
import { useSessionValue } from '../core/store/useSession';

/**
 * The newest saved iteration of the board, loaded while `wanted` (the review and the summary compare
 * the board with it), again whenever someone saves a newer one; null while none is saved or loaded.
 * A failure to load leaves it null: the review then just has no "changed since" list.
 */
export function useLastIteration(connection: BoardConnection, wanted: boolean): BoardSnapshot | null {
  const latest = useSessionValue(connection.doc, readLatestIteration);
  const [loaded, setLoaded] = useState<{ id: string; board: BoardSnapshot } | null>(null);
  const { boardId, access } = connection;
  const id = latest?.id ?? null;
  useEffect(() => {
    if (!wanted || id === null) return;
    let cancelled = false;
    loadIteration(boardId, access, id).then(
      (update) => !cancelled && setLoaded({ id, board: snapshotFromUpdate(update) }),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [wanted, id, boardId, access]);
  return loaded && loaded.id === id ? loaded.board : null;
}
