import type { Participant } from '../core/presence/participants';
import type { PresenceStore, RemoteCursor, RemoteMarks } from '../core/presence/PresenceStore';
import type { BoardRect, PresenceState } from '../core/presence/presenceSchema';
import type { FollowState } from '../core/presence/FollowStore';

/** What browser tests may read and do of presence on an open board page (through `window.__presence`). */
export interface PresenceTestApi {
  participants(): readonly Participant[];
  cursors(): readonly RemoteCursor[];
  marks(): readonly RemoteMarks[];
  local(): PresenceState;
  following(): FollowState | null;
  /** What another person's tabs show (board coordinates), as this tab last heard. */
  viewportsOf(userId: string): BoardRect[];
  /** Shortens the idle threshold of this tab, so a test need not wait a minute of inactivity. */
  setIdleAfterMs(ms: number): void;
}

declare global {
  interface Window {
    __presence?: PresenceTestApi;
  }
}

export function exposePresenceTestApi(presence: PresenceStore): () => void {
  window.__presence = {
    participants: () => presence.getParticipants(),
    cursors: () => presence.getCursors(),
    marks: () => presence.getMarks(),
    local: () => presence.local.getState(),
    following: () => presence.follow.getState(),
    viewportsOf: (userId) =>
      [...presence.getPeers().values()]
        .filter((s) => s.user.id === userId && s.viewport)
        .map((s) => s.viewport!),
    setIdleAfterMs: (ms) => presence.local.setIdleAfterMs(ms),
  };
  return () => {
    delete window.__presence;
  };
}
