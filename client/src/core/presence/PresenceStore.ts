import type { Awareness } from 'y-protocols/awareness';
import { FollowStore } from './FollowStore';
import { IDLE_AFTER_MS, LocalPresence } from './LocalPresence';
import { groupParticipants, sameParticipants, type DepartedUser, type Participant } from './participants';
import {
  parsePresence,
  sameIds,
  samePoint,
  sameRect,
  sameUser,
  type PresenceState,
  type PresenceUser,
} from './presenceSchema';

type Listener = () => void;

/** Another tab's pointer, as the cursor layer draws it. */
export interface RemoteCursor {
  clientId: number;
  x: number;
  y: number;
  name: string;
  color: string;
}

/** What another tab has selected and is typing in, as the canvas outlines it. */
export interface RemoteMarks {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  selection: readonly string[];
  editing: string | null;
}

/** People who left are remembered for the session, up to this many (the most recent). */
const MAX_DEPARTED = 50;

export interface PresenceOptions {
  idleAfterMs?: number;
}

class Channel {
  private readonly listeners = new Set<Listener>();
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  emit(): void {
    this.listeners.forEach((l) => l());
  }
}

/**
 * Everyone's presence on one board, read from Yjs awareness: remote states validated once, as they
 * arrive, into narrow channels with stable snapshots. Cursor traffic only reaches the cursor channel, so
 * the participant list, the selection outlines and the page never hear of it.
 */
export class PresenceStore {
  readonly local: LocalPresence;
  readonly follow: FollowStore;
  readonly clientId: number;
  private readonly peers = new Map<number, PresenceState>();
  private readonly departed = new Map<string, DepartedUser>();
  private cursors: readonly RemoteCursor[] = [];
  private marks: readonly RemoteMarks[] = [];
  private participants: readonly Participant[] = [];
  private readonly cursorChannel = new Channel();
  private readonly marksChannel = new Channel();
  private readonly participantChannel = new Channel();
  private readonly viewChannel = new Channel();

  constructor(
    private readonly awareness: Awareness,
    user: PresenceUser,
    options: PresenceOptions = {},
  ) {
    this.clientId = awareness.clientID;
    this.local = new LocalPresence(awareness, user, options.idleAfterMs ?? IDLE_AFTER_MS);
    awareness.on('change', this.onChange);
    this.local.subscribe(this.onLocal);
    const existing = [...awareness.getStates().keys()].filter((id) => id !== this.clientId);
    this.onChange({ added: existing, updated: [], removed: [] });
    this.participants = this.computeParticipants();
    this.follow = new FollowStore(this);
  }

  /** The validated state of another tab, or undefined when it is gone or unusable. */
  getPeer(clientId: number): PresenceState | undefined {
    return this.peers.get(clientId);
  }

  /** Every other tab's validated state, by awareness client id. */
  getPeers(): ReadonlyMap<number, PresenceState> {
    return this.peers;
  }

  get selfUserId(): string {
    return this.local.getState().user.id;
  }

  getCursors = (): readonly RemoteCursor[] => this.cursors;
  subscribeCursors = (listener: Listener) => this.cursorChannel.subscribe(listener);

  getMarks = (): readonly RemoteMarks[] => this.marks;
  subscribeMarks = (listener: Listener) => this.marksChannel.subscribe(listener);

  /** Everyone here or here earlier in this session, one entry per person. */
  getParticipants = (): readonly Participant[] => this.participants;
  subscribeParticipants = (listener: Listener) => this.participantChannel.subscribe(listener);

  /** Fires when someone's viewport or follow target changes (for following). */
  subscribeViewports = (listener: Listener) => this.viewChannel.subscribe(listener);

  private lastLocal: PresenceState | null = null;

  /** Only what the participant list shows of this tab: its cursor moving must not rebuild the list. */
  private readonly onLocal = (): void => {
    const state = this.local.getState();
    const before = this.lastLocal;
    this.lastLocal = state;
    if (
      before &&
      sameUser(before.user, state.user) &&
      before.idle === state.idle &&
      before.active === state.active &&
      before.privateNotes === state.privateNotes
    ) {
      return;
    }
    this.refreshParticipants();
  };

  private readonly onChange = ({
    added,
    updated,
    removed,
  }: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    let cursors = false;
    let marks = false;
    let people = false;
    let views = false;
    const states = this.awareness.getStates();
    for (const id of [...added, ...updated]) {
      if (id === this.clientId) continue;
      const before = this.peers.get(id);
      const next = parsePresence(states.get(id));
      if (!next) {
        if (before) {
          this.peers.delete(id);
          this.noteDeparture(before.user);
          cursors = marks = people = views = true;
        }
        continue;
      }
      this.peers.set(id, next);
      if (before && before.user.id !== next.user.id) this.noteDeparture(before.user);
      if (next.user.id !== before?.user.id) this.departed.delete(next.user.id);
      if (!before || !sameUser(before.user, next.user)) cursors = marks = people = views = true;
      if (!samePoint(before?.cursor ?? null, next.cursor)) cursors = true;
      if (!before || !sameIds(before.selection, next.selection) || before.editing !== next.editing) {
        marks = true;
      }
      if (before?.idle !== next.idle || before.privateNotes !== next.privateNotes) people = true;
      if (before?.active !== next.active) people = true;
      if (!sameRect(before?.viewport ?? null, next.viewport) || before?.following !== next.following) {
        views = true;
      }
    }
    for (const id of removed) {
      const before = this.peers.get(id);
      if (!before) continue;
      this.peers.delete(id);
      this.noteDeparture(before.user);
      cursors = marks = people = views = true;
    }
    if (cursors) this.cursors = this.computeCursors();
    if (marks) this.marks = this.computeMarks();
    if (cursors) this.cursorChannel.emit();
    if (marks) this.marksChannel.emit();
    if (people) this.refreshParticipants();
    if (views) this.viewChannel.emit();
  };

  /** Remembers a person whose last tab closed, as offline for the rest of the session. */
  private noteDeparture(user: PresenceUser): void {
    for (const state of this.peers.values()) if (state.user.id === user.id) return;
    if (user.id === this.selfUserId) return;
    this.departed.delete(user.id);
    this.departed.set(user.id, { user, leftAt: Date.now() });
    // Maps keep insertion order: the first key is the one who left longest ago.
    while (this.departed.size > MAX_DEPARTED) this.departed.delete(this.departed.keys().next().value!);
  }

  private computeCursors(): RemoteCursor[] {
    const list: RemoteCursor[] = [];
    for (const [clientId, s] of this.peers) {
      if (s.cursor) list.push({ clientId, ...s.cursor, name: s.user.name, color: s.user.color });
    }
    return list;
  }

  private computeMarks(): RemoteMarks[] {
    const list: RemoteMarks[] = [];
    for (const [clientId, s] of this.peers) {
      if (s.selection.length === 0 && !s.editing) continue;
      const { id: userId, name, color } = s.user;
      list.push({ clientId, userId, name, color, selection: s.selection, editing: s.editing });
    }
    return list;
  }

  private computeParticipants(): Participant[] {
    const tabs: [number, PresenceState][] = [[this.clientId, this.local.getState()], ...this.peers];
    return groupParticipants(tabs, this.selfUserId, this.departed.values());
  }

  private refreshParticipants(): void {
    const next = this.computeParticipants();
    if (sameParticipants(next, this.participants)) return;
    this.participants = next;
    this.participantChannel.emit();
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    this.follow.destroy();
    this.local.destroy();
  }
}
