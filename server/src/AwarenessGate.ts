import {
  MAX_PRESENCE_ID,
  MAX_VALUE_DEPTH,
  VIEWER_PRESENCE_FIELDS,
  VIEWER_PRESENCE_USER_FIELDS,
  VIEWER_USER_ID_PREFIX,
} from '@shared';
import * as decoding from 'lib0/decoding';
import { equalityDeep } from 'lib0/function';
import { decodeUtf8 } from 'lib0/string';
import type * as awarenessProtocol from 'y-protocols/awareness';
import { RefusedInput, jsonNestingExceeds } from './inputChecks';

/** What a connection may put into a room's awareness. */
export interface AwarenessLimits {
  /** The JSON of one client's state, in bytes; past it the connection closes with 4413. */
  maxStateBytes: number;
  /** Client ids one connection may speak for at once; past it the connection closes with 4422. */
  maxClientsPerConnection: number;
}

/** The part of a connection the gate needs. */
export interface AwarenessSpeaker {
  readonly canEdit: boolean;
  /** The client ids this connection speaks for (kept up to date by `AwarenessGate.applied`). */
  readonly awarenessIds: Set<number>;
  readonly awarenessLimits: AwarenessLimits;
}

/** One client's entry of an awareness update, its state parsed (null removes the client). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

export interface AdmittedAwareness {
  entries: AwarenessEntry[];
  /** True when every entry of the update was admitted as it came: its frame may be relayed unchanged. */
  unchanged: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function viewerUser(user: unknown): Record<string, unknown> | null {
  if (!isRecord(user)) return null;
  const kept: Record<string, unknown> = {};
  for (const field of VIEWER_PRESENCE_USER_FIELDS) if (Object.hasOwn(user, field)) kept[field] = user[field];
  const id = kept.id;
  if (typeof id === 'string' && !id.startsWith(VIEWER_USER_ID_PREFIX)) {
    kept.id = (VIEWER_USER_ID_PREFIX + id).slice(0, MAX_PRESENCE_ID);
  }
  return kept;
}

/**
 * A view link's presence as the room keeps and relays it: only the fields in VIEWER_PRESENCE_FIELDS,
 * the user's id moved into the viewers' own namespace (see VIEWER_USER_ID_PREFIX).
 */
export function viewerState(state: unknown): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (!isRecord(state)) return kept;
  for (const field of VIEWER_PRESENCE_FIELDS) {
    if (Object.hasOwn(state, field)) kept[field] = field === 'user' ? viewerUser(state.user) : state[field];
  }
  return kept;
}

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
 * Checks the awareness a room's connections send before any of it is applied, remembers which
 * connection speaks for which client id, and chooses the clocks that make a presence show at once.
 *
 * Every state is bounded in size (`maxStateBytes`) and depth (MAX_VALUE_DEPTH, checked on the text
 * before it is parsed); a connection speaks for at most `maxClientsPerConnection` ids at once (removing
 * one frees its slot). A view connection's states keep only the fields a viewer needs (`viewerState`).
 * A state that fails closes its connection; nothing of that message is applied.
 *
 * An entry for a client id that another connection here speaks for, or that the room holds from another
 * node, is checked like any other and then skipped, not refused: the stock client sends back every
 * awareness change it hears, other people's included, and nobody may overwrite or remove someone else's
 * presence.
 *
 * Presence shows at once when someone comes back, both ways. y-protocols applies an entry only at a
 * clock above the one it knows, and whoever saw a client leave keeps the clock it left at; the stock
 * client re-announces its unchanged presence at that same clock when its socket opens, and, having
 * dropped everyone when its own socket closed, ignores the unchanged presences it is greeted with.
 * - A connection's own client id (see `claims`), while the room holds no state for it, is announced at
 *   an `announcingClock`, relayed at it to everyone, its sender too, which takes it as its own clock.
 *   A tab that reconnects before its old connection is seen to close waits: its latest entry is kept
 *   and announced the same way once the old presence is removed (`resume`).
 * - Before a connection is greeted, every presence the room holds gets an announcing clock (`raise`),
 *   which only the greeting carries: the newcomer takes them all.
 * - A client hears the clock the room gave its presence only after it made changes of its own at lower
 *   clocks: those are applied above the room's clock, until it sends above it (`told`). What it sends
 *   back of what the room told it is an echo, skipped. (The stock client takes its own presence, state
 *   and clock, from a higher clock it hears: the room relays its changes after, so it ends on them.)
 * - Other nodes' presences are mirrored at clocks of this node's own (see `fromBus`).
 */
export class AwarenessGate<S extends AwarenessSpeaker = AwarenessSpeaker> {
  /** Clocks kept per presence in `told`. */
  static readonly TOLD_KEPT = 4;

  private readonly owners = new Map<number, S>();
  /**
   * Each connection's own client id: that of its first awareness message when that message holds one
   * entry with a state (null when it did not). The stock client sends its own presence the moment its
   * socket opens, before it can have heard anyone else's, so its first message is its own; later ones
   * may echo anyone's. Only its own id is ever announced anew (an echo of someone who just left, so
   * announced, would bring them back).
   */
  private readonly claims = new Map<S, number | null>();
  /** By client id: the latest entry its own connection sent while another held its presence. */
  private readonly waiting = new Map<number, { speaker: S; entry: AwarenessEntry }>();
  /**
   * Presences of connections here whose clock the room moved up on its own (an announcement, a raise,
   * a change applied above): the clocks it gave them, with the states, until their client sends above.
   */
  private readonly told = new Map<number, Map<number, unknown>>();
  /** Presences of other nodes, shown here at clocks of this node's own: the clock the others know. */
  private readonly mirrored = new Map<number, number>();

  constructor(private readonly awareness: awarenessProtocol.Awareness) {}

  /** The entries of `update` (the payload of an awareness message) that `speaker` may apply. */
  admit(speaker: S, update: Uint8Array): AdmittedAwareness {
    const { maxStateBytes, maxClientsPerConnection } = speaker.awarenessLimits;
    const { states } = this.awareness;
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    let unchanged = true;
    let speaksFor: Set<number> | null = null;
    const claimed = this.claims.get(speaker);
    let own = claimed ?? null;
    let waits: AwarenessEntry | null | undefined;
    // Presences given a clock of the room's (see `told`), and those whose client sent above it.
    const tells: AwarenessEntry[] = [];
    const caughtUp: number[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const bytes = decoding.readVarUint8Array(decoder);
      // Every entry is checked, those skipped below included: bad input closes its connection.
      if (bytes.byteLength > maxStateBytes) {
        throw new RefusedInput('tooLarge', `an awareness state of ${bytes.byteLength} bytes`);
      }
      const json = decodeUtf8(bytes);
      if (jsonNestingExceeds(json, MAX_VALUE_DEPTH)) {
        throw new RefusedInput('malformed', `an awareness state nested deeper than ${MAX_VALUE_DEPTH}`);
      }
      let state: unknown;
      try {
        state = JSON.parse(json);
      } catch {
        throw new RefusedInput('malformed', 'an awareness state that is not JSON');
      }
      if (claimed === undefined && count === 1 && state !== null) own = clientId;
      // (The relay's own id too: y-protocols would take a state under it for the relay's own.)
      if (clientId === this.awareness.clientID) {
        unchanged = false;
        continue;
      }
      const owner = this.owners.get(clientId);
      const trimmed = state !== null && !speaker.canEdit;
      if (owner === undefined ? states.has(clientId) : owner !== speaker) {
        // Its own presence, still held for its old connection: kept for when that one goes (but not
        // its echo of the old one, greeted to it, over what it sent of its own).
        if (clientId === own) {
          if (state === null) waits = null;
          else if (
            this.waiting.get(clientId)?.speaker !== speaker ||
            !equalityDeep(state, states.get(clientId))
          ) {
            waits = { clientId, clock, state: trimmed ? viewerState(state) : state };
          }
        }
        unchanged = false;
        continue;
      }
      if (trimmed) {
        state = viewerState(state);
        unchanged = false;
      }
      const present = states.has(clientId);
      const at = this.clockFor(clientId, clock, state, clientId === own);
      if (at === null) {
        // Older than what the room holds, or an echo of it: y-protocols would skip it too.
        unchanged = false;
        continue;
      }
      if (at !== clock) {
        unchanged = false;
        if (state !== null) tells.push({ clientId, clock: at, state });
      } else if (present && this.told.has(clientId)) {
        caughtUp.push(clientId);
      }
      // Counted only when the ids it speaks for change (rarely: a cursor moves under the same id).
      if ((state === null) === (speaksFor ?? speaker.awarenessIds).has(clientId)) {
        speaksFor ??= new Set(speaker.awarenessIds);
        if (state === null) speaksFor.delete(clientId);
        else speaksFor.add(clientId);
      }
      entries.push({ clientId, clock: at, state });
    }
    if (speaksFor && speaksFor.size > maxClientsPerConnection) {
      throw new RefusedInput('malformed', `awareness for ${speaksFor.size} clients from one connection`);
    }
    // Only once the whole message passed its checks.
    if (claimed === undefined) this.claims.set(speaker, own);
    if (waits === null) this.forgetWaiting(speaker);
    else if (waits !== undefined) this.waiting.set(waits.clientId, { speaker, entry: waits });
    for (const id of caughtUp) this.told.delete(id);
    for (const { clientId, clock, state } of tells) this.tell(clientId, clock, state);
    return { entries, unchanged };
  }

  /**
   * Applies entries as y-protocols' applyAwarenessUpdate does (same clock rules, same 'change' and
   * 'update' events), from states already parsed (and, from a connection, checked).
   */
  apply(entries: readonly AwarenessEntry[], origin: S | symbol): void {
    const awareness = this.awareness;
    const now = Date.now();
    const added: number[] = [];
    const updated: number[] = [];
    const changed: number[] = [];
    const removed: number[] = [];
    for (const { clientId, clock, state } of entries) {
      if (!this.applies(clientId, clock, state)) continue;
      const known = awareness.meta.has(clientId);
      const before = awareness.states.get(clientId);
      if (state === null) awareness.states.delete(clientId);
      else awareness.states.set(clientId, state as Record<string, unknown>);
      awareness.meta.set(clientId, { clock, lastUpdated: now });
      if (!known && state !== null) added.push(clientId);
      else if (known && state === null) removed.push(clientId);
      else if (state !== null) {
        if (!equalityDeep(state, before)) changed.push(clientId);
        updated.push(clientId);
      }
    }
    if (added.length + changed.length + removed.length > 0) {
      awareness.emit('change', [{ added, updated: changed, removed }, origin]);
    }
    if (added.length + updated.length + removed.length > 0) {
      awareness.emit('update', [{ added, updated, removed }, origin]);
    }
  }

  /**
   * Records who speaks for what after a change (from the awareness 'update' event): `speaker`, the
   * connection the change came from, if any, now speaks for the ids it added or updated, and nobody
   * speaks for a removed id any more, whoever removed it (a timeout, another node, the connection).
   */
  applied(speaker: S | null, added: number[], updated: number[], removed: number[]): void {
    if (speaker) {
      for (const id of [...added, ...updated]) {
        const before = this.owners.get(id);
        if (before !== undefined && before !== speaker) before.awarenessIds.delete(id);
        speaker.awarenessIds.add(id);
        this.owners.set(id, speaker);
        this.mirrored.delete(id);
        if (this.waiting.get(id)?.speaker === speaker) this.waiting.delete(id);
      }
    }
    for (const id of removed) {
      this.owners.get(id)?.awarenessIds.delete(id);
      this.owners.delete(id);
      this.told.delete(id);
      this.mirrored.delete(id);
    }
  }

  /**
   * `speaker` left: returns the ids it still spoke for (the caller removes their states), which are
   * free from now on.
   */
  release(speaker: S): number[] {
    this.forgetWaiting(speaker);
    this.claims.delete(speaker);
    const owned: number[] = [];
    for (const id of speaker.awarenessIds) {
      if (this.owners.get(id) !== speaker) continue;
      this.owners.delete(id);
      owned.push(id);
    }
    return owned;
  }

  /**
   * For presences just removed: the entries that waited for them (see `admit`), by the connection that
   * sent them, at an announcing clock, to be applied with that connection as origin.
   */
  resume(removed: readonly number[]): { speaker: S; entries: AwarenessEntry[] }[] {
    const resumed: { speaker: S; entries: AwarenessEntry[] }[] = [];
    for (const id of removed) {
      const waiting = this.waiting.get(id);
      if (waiting === undefined || this.awareness.states.has(id)) continue;
      this.waiting.delete(id);
      const { speaker, entry } = waiting;
      if (speaker.awarenessIds.size >= speaker.awarenessLimits.maxClientsPerConnection) continue;
      const clock = announcingClock(entry.clock, this.awareness.meta.get(id)?.clock ?? 0);
      this.told.delete(id);
      this.tell(id, clock, entry.state);
      resumed.push({ speaker, entries: [{ ...entry, clock }] });
    }
    return resumed;
  }

  /**
   * Before the room tells a connection every presence it holds: gives each an announcing clock, so that
   * a client that saw them leave (it drops everyone when its socket closes, keeping their clocks) takes
   * them. Nobody else hears of it (see `told` and `mirrored` for what comes next).
   */
  raise(): void {
    const { meta, states } = this.awareness;
    for (const [id, state] of states) {
      const held = meta.get(id);
      if (held === undefined) continue;
      const clock = announcingClock(held.clock);
      if (this.owners.has(id)) {
        this.tell(id, clock, state);
      } else if (!this.mirrored.has(id)) {
        this.mirrored.set(id, held.clock);
      }
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
      if (asSent && !this.owners.has(clientId)) {
        asSent = states.has(clientId) ? !this.mirrored.has(clientId) : isNull(bytes);
      }
    }
    if (asSent) return null;
    const entries: AwarenessEntry[] = [];
    for (const { clientId, clock, bytes } of sent) {
      const state: unknown = JSON.parse(decodeUtf8(bytes));
      const known = this.mirrored.get(clientId);
      const held = meta.get(clientId)?.clock ?? 0;
      if (this.owners.has(clientId) || (known === undefined && states.has(clientId))) {
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

  /**
   * Notes a clock the room gave a presence of a connection here. Only the last few are kept (a client
   * that stays silent through many greetings would gather one each): an echo of one forgotten is taken
   * for a change, applied above once more and echoed again, which the room then knows.
   */
  private tell(clientId: number, clock: number, state: unknown): void {
    let told = this.told.get(clientId);
    if (told === undefined) this.told.set(clientId, (told = new Map()));
    told.set(clock, state);
    if (told.size > AwarenessGate.TOLD_KEPT) told.delete(told.keys().next().value!);
  }

  private forgetWaiting(speaker: S): void {
    const own = this.claims.get(speaker);
    if (own != null && this.waiting.get(own)?.speaker === speaker) this.waiting.delete(own);
  }

  /**
   * The clock to apply an entry the room does not skip at (a state the room holds is that connection's
   * own; no state held is anyone's to set), or null to skip it:
   * - its connection's own id, while the room holds no state for it: an announcing clock (it is back);
   * - the entry's own clock when y-protocols would apply it;
   * - a presence the room holds, at a clock no higher: its removal at the room's clock; while the room
   *   has clocks of its own for it (see `told`), its echo of one of them is skipped and any other entry,
   *   a change its client made before it heard them, applied one above the room's; else skipped.
   */
  private clockFor(clientId: number, clock: number, state: unknown, ownId: boolean): number | null {
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

  /** y-protocols' rule: a newer clock wins, and a removal at the same clock removes a present state. */
  private applies(clientId: number, clock: number, state: unknown): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    return current < clock || (current === clock && state === null && this.awareness.states.has(clientId));
  }
}
