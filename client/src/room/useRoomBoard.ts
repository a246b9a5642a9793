import { useMemo, useSyncExternalStore } from 'react';
import type { AreaId, Coverage, LayerId, Note } from '@shared';
import { analysisOf } from '../core/store/BoardAnalysis';
import type { BoardStore } from '../core/store/BoardStore';

/** The board as the room's screens show it: the coverage, and each cell's notes in reading order. */
export interface RoomBoard {
  coverage: Coverage;
  /** A cell's notes, top row first and left to right within a row, as they sit on the canvas. */
  notesOf(layer: LayerId, area: AreaId): readonly Note[];
  /** Notes inside a layer's canvas but in none of its areas. */
  unsortedIn(layer: LayerId): number;
}

/** Notes whose tops are closer than this (board units) read as one row. */
const ROW = 70;

/** Reading order: rows by their tops, then left to right. */
export function readingOrder(notes: readonly Note[]): Note[] {
  const byTop = [...notes].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: Note[][] = [];
  for (const note of byTop) {
    const row = rows.at(-1);
    if (row && note.y - row[0]!.y < ROW) row.push(note);
    else rows.push([note]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.x - b.x));
}

const NONE: readonly Note[] = [];

/**
 * The room's view of the board, following the shared analysis (settled at most every 120 ms), so a
 * remote drag does not rebuild the screen per frame.
 */
export function useRoomBoard(store: BoardStore): RoomBoard {
  const analysis = analysisOf(store);
  const snapshot = useSyncExternalStore(analysis.subscribe, analysis.getSnapshot);
  const coverage = useSyncExternalStore(analysis.subscribe, analysis.getCoverage);
  return useMemo(() => {
    const byId = new Map(snapshot.notes.map((n) => [n.id, n]));
    const cells = new Map<string, readonly Note[]>();
    const unsorted = new Map<LayerId, number>();
    for (const layer of coverage.layers) {
      unsorted.set(layer.layer, layer.unsortedNoteIds.length);
      for (const cell of layer.cells) {
        const notes = cell.noteIds.map((id) => byId.get(id)).filter((n): n is Note => n !== undefined);
        cells.set(`${cell.layer}:${cell.area}`, readingOrder(notes));
      }
    }
    return {
      coverage,
      notesOf: (layer, area) => cells.get(`${layer}:${area}`) ?? NONE,
      unsortedIn: (layer) => unsorted.get(layer) ?? 0,
    };
  }, [snapshot, coverage]);
}
