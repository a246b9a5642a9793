import { useEffect, useSyncExternalStore } from 'react';
import type { BoardConnection } from '../core/connection/BoardConnection';
import {
  rememberBoard,
  rememberedBoards,
  subscribeRememberedBoards,
  type RememberedBoard,
} from './boardRegistry';

/**
 * Lists the open board on this device's start page once its title is known (so a wrong link, whose
 * board never arrives, is never listed), and keeps the listed title current.
 */
export function useRememberBoard(connection: BoardConnection | null): void {
  useEffect(() => {
    if (!connection) return;
    const openedAt = Date.now();
    const { boardId, access, store } = connection;
    const remember = () => {
      const { title } = store.getMeta();
      if (title) rememberBoard(boardId, access, title, openedAt);
    };
    remember();
    return store.subscribeMeta(remember);
  }, [connection]);
}

/** The boards opened on this device, the most recent first. */
export function useRememberedBoards(): readonly RememberedBoard[] {
  return useSyncExternalStore(subscribeRememberedBoards, rememberedBoards);
}
