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
import { PresenceClocks } from './PresenceClocks';

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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One entry's state, checked (depth, on the text before it is parsed) and parsed; throws RefusedInput. */
function parseState(bytes: Uint8Array): unknown {
  const json = decodeUtf8(bytes);
  if (jsonNestingExceeds(json, MAX_VALUE_DEPTH)) {
    throw new RefusedInput('malformed', `an awareness state nested deeper than ${MAX_VALUE_DEPTH}`);
  }
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new RefusedInput('malformed', 'an awareness state that is not JSON');
  }
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

/**
 * Checks the awareness a room's connections send before any of it is applied, and remembers which
 * connection speaks for which client id (`clocks` chooses the clocks presences are applied at).
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
 * A connection's own client id (see `claims`) is the one presence it may announce anew, at a clock of
 * the room's (see PresenceClocks): the stock client re-announces its unchanged presence at the clock it
 * left with, which whoever saw it leave would ignore. A tab that reconnects before its old connection is
 * seen to close waits: its latest entry is kept and announced once the old presence is removed
 * (`resume`).
 */
export class AwarenessGate<S extends AwarenessSpeaker = AwarenessSpeaker> {
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
   * By client id: the bytes of the state last admitted or seen for a presence the room holds, parsed.
   * The stock client sends back every change it hears, so most states arrive again byte for byte; those
   * passed their checks already and are taken as parsed, not decoded and parsed again.
   */
  private readonly seen = new Map<number, { bytes: Uint8Array; state: unknown }>();
  /** The clocks presences are applied at. */
  readonly clocks: PresenceClocks;

  constructor(private readonly awareness: awarenessProtocol.Awareness) {
    this.clocks = new PresenceClocks(awareness, (clientId) => this.owners.has(clientId));
  }

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
    // Entries and the clocks they are admitted at, for PresenceClocks once the message passed.
    const admitted: [clientId: number, clock: number, at: number, state: unknown][] = [];
    // States of presences the room holds, or takes now, as they came: see `seen`.
    const parsed: [clientId: number, bytes: Uint8Array, state: unknown][] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const bytes = decoding.readVarUint8Array(decoder);
      // Every entry is checked, those skipped below included: bad input closes its connection.
      if (bytes.byteLength > maxStateBytes) {
        throw new RefusedInput('tooLarge', `an awareness state of ${bytes.byteLength} bytes`);
      }
      const before = this.seen.get(clientId);
      const raw = before !== undefined && sameBytes(before.bytes, bytes) ? before.state : parseState(bytes);
      let state = raw;
      if (raw !== null && states.has(clientId)) parsed.push([clientId, bytes, raw]);
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
      const at = this.clocks.clockFor(clientId, clock, state, clientId === own);
      if (at === null) {
        // Older than what the room holds, or an echo of it: y-protocols would skip it too.
        unchanged = false;
        continue;
      }
      if (at !== clock) unchanged = false;
      if (raw !== null && !states.has(clientId)) parsed.push([clientId, bytes, raw]);
      admitted.push([clientId, clock, at, state]);
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
    for (const [clientId, clock, at, state] of admitted) this.clocks.admitted(clientId, clock, at, state);
    for (const [clientId, bytes, state] of parsed) {
      // A copy: a view would keep the whole received message alive.
      if (this.seen.get(clientId)?.state !== state) this.seen.set(clientId, { bytes: bytes.slice(), state });
    }
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
      if (!this.clocks.applies(clientId, clock, state)) continue;
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
        this.clocks.forget(id, false);
        if (this.waiting.get(id)?.speaker === speaker) this.waiting.delete(id);
      }
    }
    for (const id of removed) {
      this.seen.delete(id);
      this.owners.get(id)?.awarenessIds.delete(id);
      this.owners.delete(id);
      this.clocks.forget(id, true);
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
      const clock = this.clocks.announce(id, entry.clock, entry.state);
      resumed.push({ speaker, entries: [{ ...entry, clock }] });
    }
    return resumed;
  }

  private forgetWaiting(speaker: S): void {
    const own = this.claims.get(speaker);
    if (own != null && this.waiting.get(own)?.speaker === speaker) this.waiting.delete(own);
  }
}
