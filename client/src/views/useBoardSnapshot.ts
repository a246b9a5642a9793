import { useMemo } from 'react';
import type { Link, Note, Zone } from '@shared';
import type { BoardStore } from '../board/BoardStore';
import { useLinks, useNotesVersion, useZones } from '../board/useBoardStore';

export interface BoardSnapshotForViews {
  notes: readonly Note[];
  zones: readonly Zone[];
  links: readonly Link[];
}

/**
 * Every note, zone and link as plain snapshots, for the derived views (grid, roadmap). Rebuilt when any
 * note changes: these views summarise the whole board, unlike the canvas which follows notes one by one.
 */
export function useBoardSnapshot(store: BoardStore): BoardSnapshotForViews {
  const version = useNotesVersion(store);
  const zones = useZones(store);
  const links = useLinks(store);
  // `version` stands for the notes: the store's note snapshots are cached and replaced on change.
  const notes = useMemo(() => (version >= 0 ? store.allNotes() : []), [store, version]);
  return { notes, zones, links };
}
