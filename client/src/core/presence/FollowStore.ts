import { compareTabs } from './participants';
import type { PresenceStore } from './PresenceStore';
import type { BoardRect, PresenceState } from './presenceSchema';

type Listener = () => void;

/** Whom to follow: a person (their most active tab), or one tab of theirs by awareness client id. */
export interface FollowTarget {
  userId: string;
  /** Prefer this tab while it is open; the person's other tabs otherwise. */
  clientId?: number;
}

export interface FollowState {
  userId: string;
  name: string;
  color: string;
  /** False while the person has no tab open: following resumes when they come back. */
  present: boolean;
}

/** A chain of people following people is walked this far to find whom they all follow. */
const MAX_HOPS = 8;

/**
 * Following another person's viewport. The store only says what to show (`targetViewport`); the board
 * page applies it (`useFollowViewport`) and stops following when the person pans or zooms themselves.
 * Reusable for "bring everyone here": follow the facilitator's user id on every device.
 */
export class FollowStore {
  private target: FollowTarget | null = null;
  private state: FollowState | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;

  constructor(private readonly presence: PresenceStore) {
    this.unsubscribe = presence.subscribeParticipants(this.refresh);
  }

  /**
   * Starts following a person (or one of their tabs, by awareness client id). Returns false, and changes
   * nothing, for oneself or for a tab that is not here.
   */
  start(target: FollowTarget | number): boolean {
    let next: FollowTarget;
    if (typeof target === 'number') {
      const peer = this.presence.getPeer(target);
      if (!peer) return false;
      next = { userId: peer.user.id, clientId: target };
    } else {
      next = target;
    }
    if (next.userId === this.presence.selfUserId) return false;
    this.target = next;
    this.presence.local.setFollowing(next.userId);
    this.refresh();
    return true;
  }

  stop(): void {
    if (!this.target) return;
    this.target = null;
    this.presence.local.setFollowing(null);
    this.refresh();
  }

  /** Whom this tab follows, with their name and colour for the indicator; null when not following. */
  getState = (): FollowState | null => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * The board rectangle to show now, or null when there is nothing to show (the person is away, has not
   * shared a view yet, or the people followed end up following this tab: a loop that would zoom out for
   * ever if each fitted the other's view).
   */
  targetViewport(): BoardRect | null {
    if (!this.target) return null;
    const seen = new Set([this.presence.selfUserId]);
    let userId = this.target.userId;
    let clientId = this.target.clientId;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (seen.has(userId)) return null;
      seen.add(userId);
      const tab = this.leadTab(userId, clientId);
      if (!tab) return null;
      if (!tab.following) return tab.viewport;
      userId = tab.following;
      clientId = undefined;
    }
    return null;
  }

  private leadTab(userId: string, clientId: number | undefined): PresenceState | null {
    const preferred = clientId === undefined ? undefined : this.presence.getPeer(clientId);
    if (preferred?.user.id === userId) return preferred;
    const tabs = [...this.presence.getPeers()].filter(([, s]) => s.user.id === userId);
    return tabs.sort(compareTabs)[0]?.[1] ?? null;
  }

  private readonly refresh = (): void => {
    const target = this.target;
    let next: FollowState | null = null;
    if (target) {
      const person = this.presence.getParticipants().find((p) => p.userId === target.userId);
      next = {
        userId: target.userId,
        name: person?.name ?? 'Someone',
        color: person?.color ?? '#475569',
        present: (person?.clientIds.length ?? 0) > 0,
      };
    }
    const before = this.state;
    if (
      before === next ||
      (before &&
        next &&
        before.userId === next.userId &&
        before.name === next.name &&
        before.color === next.color &&
        before.present === next.present)
    ) {
      return;
    }
    this.state = next;
    this.listeners.forEach((l) => l());
  };

  destroy(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
