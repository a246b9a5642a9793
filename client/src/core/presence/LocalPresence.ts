import type { Awareness } from 'y-protocols/awareness';
import {
  EMPTY_FIELDS,
  MAX_SELECTION,
  parseId,
  samePoint,
  sameRect,
  sameIds,
  type BoardPoint,
  type BoardRect,
  type PresenceFields,
  type PresenceState,
  type PresenceUser,
} from './presenceSchema';

/** About 20 cursor updates a second: smooth once interpolated, light on a 50-person room. */
export const CURSOR_INTERVAL_MS = 50;
/** Followers see a pan as it happens, without a message per frame. */
export const VIEWPORT_INTERVAL_MS = 100;
/** No input for this long and a person shows as idle. */
export const IDLE_AFTER_MS = 60_000;
/** While someone keeps working, `active` is refreshed this often rather than on every keystroke. */
const ACTIVE_REFRESH_MS = 10_000;

type Listener = () => void;

/** Sends at most once per interval, the latest value last: leading and trailing edge. */
class Throttle<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: { value: T } | null = null;

  constructor(
    private readonly interval: number,
    private readonly send: (value: T) => void,
  ) {}

  push(value: T): void {
    if (this.timer !== null) {
      this.pending = { value };
      return;
    }
    this.send(value);
    this.timer = setTimeout(this.flush, this.interval);
  }

  private readonly flush = (): void => {
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (pending) this.push(pending.value);
  };

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}

function roundPoint(p: BoardPoint): BoardPoint {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/**
 * This tab's own presence: what it publishes in awareness, and how often. The cursor and viewport are
 * throttled and sent only when they change; `idle` is judged here, from this device's input and
 * visibility, so that nobody has to compare clocks across devices.
 */
export class LocalPresence {
  private user: PresenceUser;
  private fields: PresenceFields;
  private lastInput: number;
  private hidden = false;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly cursor = new Throttle<BoardPoint | null>(CURSOR_INTERVAL_MS, (cursor) =>
    this.publish({ cursor }),
  );
  private readonly viewport = new Throttle<BoardRect | null>(VIEWPORT_INTERVAL_MS, (viewport) =>
    this.publish({ viewport }),
  );
  /** The latest values handed to the throttles, to skip repeats before they queue. */
  private latestCursor: BoardPoint | null = null;
  private latestViewport: BoardRect | null = null;
  private snapshot: PresenceState;

  constructor(
    private readonly awareness: Awareness,
    user: PresenceUser,
    private idleAfterMs = IDLE_AFTER_MS,
  ) {
    this.user = user;
    this.lastInput = Date.now();
    this.fields = { ...EMPTY_FIELDS, active: this.lastInput };
    this.snapshot = { user, ...this.fields };
    this.awareness.setLocalState(this.snapshot);
    this.scheduleIdleCheck();
  }

  /** The part of the board this tab shows now, rounded as it is shared (null off the canvas). */
  getViewport = (): BoardRect | null => this.latestViewport;

  /** This tab's state as last published (a stable object until the next change). */
  getState = (): PresenceState => this.snapshot;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setUser(user: PresenceUser): void {
    if (
      user.id === this.user.id &&
      user.name === this.user.name &&
      user.department === this.user.department &&
      user.color === this.user.color
    ) {
      return;
    }
    this.user = user;
    this.publish({});
  }

  /** Where the pointer is on the board (null when it leaves); sent about 20 times a second at most. */
  setCursor(p: BoardPoint | null): void {
    const next = p && roundPoint(p);
    if (samePoint(next, this.latestCursor)) return;
    this.latestCursor = next;
    this.cursor.push(next);
  }

  /** The part of the board this tab shows, in board coordinates. */
  setViewport(rect: BoardRect | null): void {
    const next = rect && {
      x: Math.round(rect.x),
      y: Math.round(rect.y),
      w: Math.max(1, Math.round(rect.w)),
      h: Math.max(1, Math.round(rect.h)),
    };
    if (sameRect(next, this.latestViewport)) return;
    this.latestViewport = next;
    this.viewport.push(next);
  }

  /** The selected notes; only the first MAX_SELECTION are shared. */
  setSelection(ids: Iterable<string>): void {
    const selection: string[] = [];
    for (const id of ids) {
      if (selection.length >= MAX_SELECTION) break;
      if (parseId(id)) selection.push(id);
    }
    if (!sameIds(selection, this.fields.selection)) this.publish({ selection });
  }

  setEditing(noteId: string | null): void {
    const editing = noteId && parseId(noteId);
    if (editing !== this.fields.editing) this.publish({ editing: editing || null });
  }

  setFollowing(userId: string | null): void {
    if (userId !== this.fields.following) this.publish({ following: userId });
  }

  /** How many private notes this tab holds (silent brainstorming): others see the count only. */
  setPrivateNotes(count: number): void {
    const privateNotes = Math.max(0, Math.floor(count));
    if (privateNotes !== this.fields.privateNotes) this.publish({ privateNotes });
  }

  /** A key, pointer or wheel input on this tab. Cheap: call it from every input event. */
  noteInput(): void {
    const now = Date.now();
    this.lastInput = now;
    if (this.fields.idle && !this.hidden) this.publish({ idle: false, active: now });
    else if (now - this.fields.active >= ACTIVE_REFRESH_MS) this.publish({ active: now });
    if (this.idleTimer === null) this.scheduleIdleCheck();
  }

  /** The tab went to the background (or came back): a hidden tab is idle whatever its last input. */
  setHidden(hidden: boolean): void {
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    const idle = hidden || Date.now() - this.lastInput >= this.idleAfterMs;
    if (idle !== this.fields.idle) this.publish({ idle });
    this.scheduleIdleCheck();
  }

  /** How long without input before this tab shows as idle; tests shorten it instead of waiting a minute. */
  setIdleAfterMs(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) throw new Error(`idle threshold must be a positive number of ms`);
    this.idleAfterMs = ms;
    this.scheduleIdleCheck();
  }

  private scheduleIdleCheck(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.hidden) return;
    const due = this.lastInput + this.idleAfterMs - Date.now();
    if (due <= 0) {
      if (!this.fields.idle) this.publish({ idle: true });
      return;
    }
    // The timer is not moved on every input: when it fires early it simply waits out the rest.
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.scheduleIdleCheck();
    }, due);
  }

  private publish(change: Partial<PresenceFields>): void {
    this.fields = { ...this.fields, ...change };
    this.snapshot = { user: this.user, ...this.fields };
    this.awareness.setLocalState(this.snapshot);
    this.listeners.forEach((l) => l());
  }

  destroy(): void {
    this.cursor.cancel();
    this.viewport.cancel();
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.listeners.clear();
  }
}
