import * as decoding from 'lib0/decoding';
import { equalityDeep } from 'lib0/function';
import { decodeUtf8 } from 'lib0/string';
import type * as awarenessProtocol from 'y-protocols/awareness';
import type { AwarenessEntry } from './AwarenessGate';

/** True when an awareness entry's state, as sent, is null: its client is removed. */
function isNull(bytes: Uint8Array): boolean {
  return bytes.byteLength === 4 && decodeUtf8(bytes) === 'null';
}

/** The last clock `announcingClock` gave, in this process. */
let lastAnnounced = 0;

/**
 * The clock that announces a presence anew, above any it can have had anywhere: whoever saw it leave
 * (a room, a client, on this node or another) keeps the clock it left at, and may know a higher one
 * than this room does (a client that was on another node, a room loaded again, a client that left
 * before it heard its clock moved up). Clocks come from a client's own changes, a few a second at
 * most, and from these announcements, made from the time in microseconds and always rising in a
 * process; so one made now is above any made before, here or on a node whose clock agrees with this
 * one's to within the time a client takes to reconnect (the stock client waits 100 ms or more).
 */
export function announcingClock(...known: number[]): number {
  lastAnnounced = Math.max(Date.now() * 1000, lastAnnounced + 1, ...known.map((clock) => clock + 1));
  return lastAnnounced;
}

/**
 * The clocks a room applies presences at, so that a presence shows at once when someone comes back,
 * both ways (see AwarenessGate, which decides who may speak for which presence). y-protocols applies an
 * entry only at a clock above the one it knows, and whoever saw a client leave keeps the clock it left
 * at; the stock client re-announces its unchanged presence at that same clock when its socket opens,
 * and, having dropped everyone when its own socket closed, ignores the unchanged presences it is
 * greeted with.
 * - A connection's own presence, while the room holds no state for it, is announced at an
 *   `announcingClock`, relayed at it to everyone, its sender too, which takes it as its own clock.
 * - Before a connection is greeted, every presence the room holds gets an announcing clock (`raise`),
 *   which only the greeting carries: the newcomer takes them all.
 * - A client hears the clock the room gave its presence only after it made changes of its own at lower
 *   clocks: those are applied above the room's clock, until it sends above it (`told`). What it sends
 *   back of what the room told it is an echo, skipped. (The stock client takes its own presence, state
 *   and clock, from a higher clock it hears: the room relays its changes after, so it ends on them.)
 * - Other nodes' presences are mirrored at clocks of this node's own (`fromBus`).
 */
export class PresenceClocks {
  /** Clocks kept per presence in `told`. */
  static readonly TOLD_KEPT = 4;

  /**
   * Presences of connections here whose clock the room moved up on its own (an announcement, a raise,
   * a change applied above): the clocks it gave them, with the states, until their client sends above.
   */
  private readonly told = new Map<number, Map<number, unknown>>();
  /** Presences of other nodes, shown here at clocks of this node's own: the clock the others know. */
  private readonly mirrored = new Map<number, number>();

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    /** True when a connection here speaks for the presence. */
    private readonly isLocal: (clientId: number) => boolean,
  ) {}

  /**
   * The clock to apply an entry from the connection that may speak for it at (a state the room holds
   * is that connection's own; no state held is anyone's to set), or null to skip it:
   * - the connection's own presence (`ownId`), while the room holds no state for it: an announcing
   *   clock (it is back, or new: whoever saw it before may keep the clock it came with);
   * - the entry's own clock when y-protocols would apply it;
   * - a presence the room holds, at a clock no higher: its removal at the room's clock; while the room
   *   has clocks of its own for it (see `told`), its echo of one of them is skipped and any other entry,
   *   a change its client made before it heard them, applied one above the room's; else skipped.
   */
  clockFor(clientId: number, clock: number, state: unknown, ownId: boolean): number | null {
    const held = this.awareness.meta.get(clientId)?.clock ?? 0;
    if (!this.awareness.states.has(clientId)) {
      if (ownId && state !== null) return announcingClock(clock, held);
      return this.applies(clientId, clock, state) ? clock : null;
    }
    if (clock > held) return clock;
    if (state === null) return held;
    const told = this.told.get(clientId);
    if (told === undefined) return null;
    return told.has(clock) && equalityDeep(told.get(clock), state) ? null : held + 1;
  }

  /**
   * After a connection's entry of its presence was admitted at `at` (see `clockFor`): a clock of the
   * room's is noted; one of the client's own above all of them ends them.
   */
  admitted(clientId: number, clock: number, at: number, state: unknown): void {
    if (at === clock) this.told.delete(clientId);
    else if (state !== null) this.tell(clientId, at, state);
  }

  /** The clock a presence that waited (see AwarenessGate.resume) is announced at. */
  announce(clientId: number, clock: number, state: unknown): number {
    const at = announcingClock(clock, this.awareness.meta.get(clientId)?.clock ?? 0);
    this.told.delete(clientId);
    this.tell(clientId, at, state);
    return at;
  }

  /** A presence was removed, or a connection here took it over from another node. */
  forget(clientId: number, removed: boolean): void {
    if (removed) this.told.delete(clientId);
    this.mirrored.delete(clientId);
  }

  /**
   * Before the room greets a connection with every presence it holds: gives each an announcing clock,
   * so that a client that saw them leave (it drops everyone when its socket closes, keeping their
   * clocks) takes them. Nobody else hears of it (see `told` and `mirrored` for what comes next). Not for
   * a query-awareness: the stock client never sends one, and each raise costs every presence one
   * change applied above and its client one echo.
   */
  raise(): void {
    const { meta, states } = this.awareness;
    for (const [id, state] of states) {
      const held = meta.get(id);
      if (held === undefined) continue;
      const clock = announcingClock(held.clock);
      if (this.isLocal(id)) this.tell(id, clock, state);
      else if (!this.mirrored.has(id)) this.mirrored.set(id, held.clock);
      meta.set(id, { clock, lastUpdated: held.lastUpdated });
    }
  }

  /**
   * The entries of an awareness update from another node (a payload it published) when some are not to
   * be applied as they came; null when all are (apply it as it came). Another node publishes only the
   * presences of its own live connections, their removal always after them, so this node mirrors them
   * whatever the clocks say, at clocks of its own: its clients may have seen any of them leave, here or
   * on another node, at the clock it comes with.
   * - A presence this node holds no state for is shown at an announcing clock: it came back there (its
   *   old connection here or elsewhere may have removed it at that clock, or the same), or it comes
   *   here for the first time, and a client here may have seen it leave elsewhere.
   * - Of a presence so mirrored, news (above the clock the other nodes know) is applied above this
   *   node's clock, a removal at it; what is not news is skipped. It stays mirrored until its own clock
   *   passes this node's; the other nodes and its client never hear of this node's clocks.
   * A presence of a connection here is this node's to tell: the others' entries of it apply only by
   * y-protocols' rule.
   */
  fromBus(update: Uint8Array): AwarenessEntry[] | null {
    const { meta, states } = this.awareness;
    const decoder = decoding.createDecoder(update);
    const sent: { clientId: number; clock: number; bytes: Uint8Array }[] = [];
    let asSent = true;
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const bytes = decoding.readVarUint8Array(decoder);
      sent.push({ clientId, clock, bytes });
      if (asSent && !this.isLocal(clientId)) {
        asSent = states.has(clientId) ? !this.mirrored.has(clientId) : isNull(bytes);
      }
    }
    if (asSent) return null;
    const entries: AwarenessEntry[] = [];
    for (const { clientId, clock, bytes } of sent) {
      const state: unknown = JSON.parse(decodeUtf8(bytes));
      const known = this.mirrored.get(clientId);
      const held = meta.get(clientId)?.clock ?? 0;
      if (this.isLocal(clientId) || (known === undefined && states.has(clientId))) {
        entries.push({ clientId, clock, state });
      } else if (!states.has(clientId)) {
        if (state === null) continue;
        this.mirrored.set(clientId, clock);
        entries.push({ clientId, clock: announcingClock(clock, held), state });
      } else if (clock > held) {
        this.mirrored.delete(clientId);
        entries.push({ clientId, clock, state });
      } else if (state === null ? clock >= known! : clock > known!) {
        this.mirrored.set(clientId, clock);
        entries.push({ clientId, clock: state === null ? held : held + 1, state });
      }
    }
    return entries;
  }

  /** y-protocols' rule: a newer clock wins, and a removal at the same clock removes a present state. */
  applies(clientId: number, clock: number, state: unknown): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    return current < clock || (current === clock && state === null && this.awareness.states.has(clientId));
  }

  /**
   * Notes a clock the room gave a presence of a connection here. Only the last few are kept (a client
   * that stays silent through many greetings would gather one each): an echo of one forgotten is taken
   * for a change, applied above once more and echoed again, which the room then knows.
   */
  private tell(clientId: number, clock: number, state: unknown): void {
    let told = this.told.get(clientId);
    if (told === undefined) this.told.set(clientId, (told = new Map()));
    told.set(clock, state);
    if (told.size > PresenceClocks.TOLD_KEPT) told.delete(told.keys().next().value!);
  }
}
