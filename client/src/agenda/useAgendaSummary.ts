import { useMemo } from 'react';
import { agendaSummary, type AgendaState, type AgendaSummary } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { useBoardSnapshot } from '../core/store/useBoardSnapshot';
import { useSession } from '../core/store/useSession';
import { useLastIteration } from './useLastIteration';

/** The summary of the agenda's finished run, following the board as it changes; null until it finished. */
export function useAgendaSummary(connection: BoardConnection, agenda: AgendaState): AgendaSummary | null {
  const finished = agenda.run?.status === 'finished';
  const board = useBoardSnapshot(connection.store);
  const { voteRounds } = useSession(connection.doc);
  const last = useLastIteration(connection, finished);
  return useMemo(() => {
    if (!finished) return null;
    const snapshot = {
      meta: connection.store.getMeta(),
      zones: [...board.zones],
      notes: [...board.notes],
      links: [...board.links],
      voteRounds,
    };
    return agendaSummary(snapshot, agenda, last);
  }, [finished, connection, board, voteRounds, agenda, last]);
}
