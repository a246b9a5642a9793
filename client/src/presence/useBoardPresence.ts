import { useEffect } from 'react';
import type { Editor } from '../core/editor/Editor';
import type { Identity } from '../core/identity/identity';
import { exposePresenceTestApi } from './presenceTestApi';
import { presenceUser } from '../core/presence/presenceUser';
import { useFollowViewport } from './useFollowViewport';

/**
 * The board page's presence wiring: a changed identity reaches the others at once, and following moves
 * this page's camera.
 */
export function useBoardPresence(editor: Editor, identity: Identity): void {
  const { presence } = editor.connection;
  useEffect(() => presence.local.setUser(presenceUser(identity)), [presence, identity]);
  useEffect(() => exposePresenceTestApi(presence), [presence]);
  useFollowViewport(presence, editor);
}
