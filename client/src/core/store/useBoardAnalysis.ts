import { useMemo, useSyncExternalStore } from 'react';
import { reachOf, type Coverage, type DependencyIssue, type Reach } from '@shared';
import { analysisOf } from './BoardAnalysis';
import type { BoardStore } from './BoardStore';
import { useLinks, useNoteOrder } from './useBoardStore';

/** The board's coverage; re-renders when it settles after a change of the notes or zones. */
export function useCoverage(store: BoardStore): Coverage {
  const analysis = analysisOf(store);
  return useSyncExternalStore(analysis.subscribe, analysis.getCoverage);
}

/** The board's dependency checks; re-renders when they settle after a change. */
export function useDependencyIssues(store: BoardStore): readonly DependencyIssue[] {
  const analysis = analysisOf(store);
  return useSyncExternalStore(analysis.subscribe, analysis.getIssues);
}

/**
 * What one note affects and what affects it, across layers; null without a note. Recomputed when notes
 * come or go or links change, not when notes move.
 */
export function useReach(store: BoardStore, noteId: string | null): Reach | null {
  const order = useNoteOrder(store);
  const links = useLinks(store);
  return useMemo(() => {
    if (!noteId || !store.getNote(noteId)) return null;
    // reachOf reads only which notes exist; their kinds do not matter here.
    return reachOf(
      noteId,
      order.map((id) => ({ id, kind: 'idea' as const })),
      links,
    );
  }, [store, noteId, order, links]);
}
