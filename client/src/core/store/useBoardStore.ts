import { useCallback, useSyncExternalStore } from 'react';
import type { BoardMeta, Link, Note, Zone } from '@shared';
import type { BoardStore } from './BoardStore';

/** One note's snapshot; re-renders only when that note changes. */
export function useNote(store: BoardStore, id: string): Note | undefined {
  const subscribe = useCallback((listener: () => void) => store.subscribeNote(id, listener), [store, id]);
  const get = useCallback(() => store.getNote(id), [store, id]);
  return useSyncExternalStore(subscribe, get);
}

export function useNoteOrder(store: BoardStore): readonly string[] {
  return useSyncExternalStore(store.subscribeNoteOrder, store.getNoteOrder);
}

export function useZones(store: BoardStore): readonly Zone[] {
  return useSyncExternalStore(store.subscribeZones, store.getZones);
}

export function useMeta(store: BoardStore): BoardMeta {
  return useSyncExternalStore(store.subscribeMeta, store.getMeta);
}

export function useNotesVersion(store: BoardStore): number {
  return useSyncExternalStore(store.subscribeNotesVersion, store.getNotesVersion);
}

export function useLinks(store: BoardStore): readonly Link[] {
  return useSyncExternalStore(store.subscribeLinks, store.getLinks);
}
