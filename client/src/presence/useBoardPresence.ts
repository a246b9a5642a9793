import { useEffect, type Dispatch, type SetStateAction } from 'react';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { Viewport } from '../core/viewport/viewport';
import type { Identity } from '../core/identity/identity';
import { exposePresenceTestApi } from './presenceTestApi';
import { presenceUser } from '../core/presence/presenceUser';
import { useFollowViewport } from './useFollowViewport';

/**
 * The board page's presence wiring: a changed identity reaches the others at once, and following moves
 * this page's view.
 */
export function useBoardPresence(
  connection: BoardConnection,
  identity: Identity,
  view: Viewport,
  setView: Dispatch<SetStateAction<Viewport>>,
  size: { width: number; height: number },
): void {
  const { presence } = connection;
  useEffect(() => presence.local.setUser(presenceUser(identity)), [presence, identity]);
  useEffect(() => exposePresenceTestApi(presence), [presence]);
  useFollowViewport(presence, view, setView, size.width, size.height);
}
