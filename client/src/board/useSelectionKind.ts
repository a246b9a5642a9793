import { useCallback, useSyncExternalStore } from 'react';
import type { NoteKind } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';

/**
 * The kind every selected note shares, or null (nothing selected, or kinds mixed): the toolbar's kind
 * buttons say it with aria-pressed, so a screen reader hears which kind is set.
 */
export function useSelectionKind(store: BoardStore, selection: ReadonlySet<string>): NoteKind | null {
  const read = useCallback(() => {
    let kind: NoteKind | null = null;
    for (const id of selection) {
      const note = store.getNote(id);
      if (!note) continue;
      if (kind !== null && note.kind !== kind) return null;
      kind = note.kind;
    }
    return kind;
  }, [store, selection]);
  return useSyncExternalStore(store.subscribeNotesVersion, read);
}
