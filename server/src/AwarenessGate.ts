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

/**
 * Checks the awareness a room's connections send before any of it is applied, and remembers which
 * connection speaks for which client id.
 *
 * Every state is bounded in size (`maxStateBytes`) and depth (MAX_VALUE_DEPTH, checked on the text
 * before it is parsed); a connection speaks for at most `maxClientsPerConnection` ids at once (removing
 * one frees its slot). A view connection's states keep only the fields a viewer needs (`viewerState`).
 * A state that fails closes its connection; nothing of that message is applied.
 *
 * An entry for a client id that another connection here speaks for, or that the room holds from another
 * node, is checked like any other and then skipped, not refused: the stock client sends back every awareness change it hears, other
 * people's included, and nobody may overwrite or remove someone else's presence. (A tab that reconnects
 * before its old connection is seen to close is heard again once the old one goes; the stock client
 * renews its state every 15 s.)
 */
export class AwarenessGate {
  private readonly owners = new Map<number, AwarenessSpeaker>();

  constructor(private readonly awareness: awarenessProtocol.Awareness) {}

  /** The entries of `update` (the payload of an awareness message) that `speaker` may apply. */
  admit(speaker: AwarenessSpeaker, update: Uint8Array): AdmittedAwareness {
    const { maxStateBytes, maxClientsPerConnection } = speaker.awarenessLimits;
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    let unchanged = true;
    let speaksFor: Set<number> | null = null;
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
      const owner = this.owners.get(clientId);
      // (The relay's own id too: y-protocols would take a state under it for the relay's own.)
      if (
        clientId === this.awareness.clientID ||
        (owner === undefined ? this.awareness.states.has(clientId) : owner !== speaker)
      ) {
        unchanged = false;
        continue;
      }
      if (state !== null && !speaker.canEdit) {
        state = viewerState(state);
        unchanged = false;
      }
      if (!this.applies(clientId, clock, state)) {
        // Older than what the room holds: y-protocols would skip it too.
        unchanged = false;
        continue;
      }
      // Counted only when the ids it speaks for change (rarely: a cursor moves under the same id).
      if ((state === null) === (speaksFor ?? speaker.awarenessIds).has(clientId)) {
        speaksFor ??= new Set(speaker.awarenessIds);
        if (state === null) speaksFor.delete(clientId);
        else speaksFor.add(clientId);
      }
      entries.push({ clientId, clock, state });
    }
    if (speaksFor && speaksFor.size > maxClientsPerConnection) {
      throw new RefusedInput('malformed', `awareness for ${speaksFor.size} clients from one connection`);
    }
    return { entries, unchanged };
  }

  /**
   * Applies admitted entries as y-protocols' applyAwarenessUpdate does (same clock rules, same
   * 'change' and 'update' events), from the states already parsed and checked.
   */
  apply(entries: readonly AwarenessEntry[], origin: unknown): void {
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

  /** Records what `speaker`'s entries changed (from the awareness 'update' event). */
  applied(speaker: AwarenessSpeaker, added: number[], updated: number[], removed: number[]): void {
    for (const id of [...added, ...updated]) {
      speaker.awarenessIds.add(id);
      this.owners.set(id, speaker);
    }
    for (const id of removed) {
      speaker.awarenessIds.delete(id);
      if (this.owners.get(id) === speaker) this.owners.delete(id);
    }
  }

  /** `speaker` left: the ids it spoke for are free (the caller removes their states). */
  release(speaker: AwarenessSpeaker): void {
    for (const id of speaker.awarenessIds) if (this.owners.get(id) === speaker) this.owners.delete(id);
  }

  /** y-protocols' rule: a newer clock wins, and a removal at the same clock removes a present state. */
  private applies(clientId: number, clock: number, state: unknown): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    return current < clock || (current === clock && state === null && this.awareness.states.has(clientId));
  }
}
