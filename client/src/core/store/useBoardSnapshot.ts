import { useSyncExternalStore } from 'react';
import { analysisOf, type BoardSnapshot } from './BoardAnalysis';
import type { BoardStore } from './BoardStore';

export type BoardSnapshotForViews = BoardSnapshot;

/**
 * Every note, zone and link as plain snapshots, for the derived views (grid, roadmap). These views
 * summarise the whole board, so they follow the throttled analysis rather than every write: a remote
 * drag writes once per frame, and rebuilding the table that often would cost a frame's budget each time.
 * Unchanged notes keep their snapshot objects across settles, so memoised cards skip them.
 */
export function useBoardSnapshot(store: BoardStore): BoardSnapshotForViews {
  const analysis = analysisOf(store);
  return useSyncExternalStore(analysis.subscribe, analysis.getSnapshot);
}
