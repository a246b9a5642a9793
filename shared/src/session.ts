import type * as Y from 'yjs';
import { CommandError } from './commands';
import { isAreaId, isLayerId, type AreaId, type LayerId } from './framework';
import { boardMaps } from './schema';
import { checkPersonId, checkTime, writeSessionKey } from './sessionWrite';
import { isDotsPerPerson, isVoteScope, parseVoteRounds, type VoteRound, type VoteScope } from './voteRounds';

/**
 * The workshop's shared session state: the `session` map of the board document. One key per concern
 * (facilitator, focus, timer, vote, revealed vote rounds, silent mode, summon), each a plain JSON value
 * replaced whole. Timer and voting commands live in timer.ts and voting.ts; this module holds the types,
 * the validated reading of the map, and the facilitator, focus, silent-mode and summon commands.
 */

/** Someone taking part, as the session records them. `id` is stable per person; `name` is shown. */
export interface SessionPerson {
  id: string;
  name: string;
  color: string;
}

/** Who runs the workshop, since when (ms since epoch). */
export interface Facilitator extends SessionPerson {
  since: number;
}

/** The layer (and optionally the area) everyone is asked to look at. */
export interface Focus {
  layer: LayerId;
  area: AreaId | null;
  since: number;
}

/** A running timer: it ends at `endsAt`, in the server's clock (ms since epoch). */
export interface RunningTimer {
  status: 'running';
  durationMs: number;
  endsAt: number;
  startedBy: string;
}

/** A paused timer: `remainingMs` are left when it resumes. */
export interface PausedTimer {
  status: 'paused';
  durationMs: number;
  remainingMs: number;
  startedBy: string;
}

export type TimerState = RunningTimer | PausedTimer;

/**
 * A dot vote. While `open` people place dots, sealed: each person's dots are held by the server, never
 * in the document. `revealed`: the server counted them, and the totals are the round of the same id in
 * the session's `voteRounds`.
 */
export interface VoteState {
  id: string;
  scope: VoteScope;
  dotsPerPerson: number;
  status: 'open' | 'revealed';
  startedAt: number;
  startedBy: string;
}

/**
 * Silent (private) brainstorming. While `active`, each person's new notes stay in their local private
 * document; `revealedAt` is set when the facilitator reveals, and tells every client to publish its notes.
 */
export interface SilentState {
  active: boolean;
  since: number;
  /** Who made the last change (started or revealed). */
  by: string;
  revealedAt?: number;
}

/** A part of the board, in board coordinates. */
export interface SummonView {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The facilitator's "bring everyone here": each new `id` asks every page that was already open to show
 * `viewport` once. It lives in the document, not in awareness, because awareness is self-declared: only
 * an edit link can write it, and pages answer only a summon whose `by` is the facilitator the session
 * records.
 */
export interface Summon {
  id: string;
  /** When it was sent (ms since epoch, the sender's estimate of the server's clock). */
  at: number;
  /** The facilitator's person id. */
  by: string;
  /** What the facilitator's screen showed. */
  viewport: SummonView;
}

/** The session as plain, validated values; a missing or malformed concern reads as null. */
export interface SessionSnapshot {
  readonly facilitator: Facilitator | null;
  readonly focus: Focus | null;
  readonly timer: TimerState | null;
  readonly vote: VoteState | null;
  readonly silent: SilentState | null;
  /** Every revealed vote's totals, oldest first (see VoteRound). */
  readonly voteRounds: readonly VoteRound[];
  readonly summon: Summon | null;
}

/** The shortest and longest timer a facilitator may set. */
export const MIN_TIMER_MS = 1000;
export const MAX_TIMER_MS = 4 * 60 * 60 * 1000;

/** The longest name, and person id (sessionWrite's checkPersonId keeps 80 characters). */
const MAX_NAME = 80;
/** Longer than any id the app makes, short enough that nobody stores a novel in one. */
const MAX_ID = 64;
/** Far beyond any board a person draws on; rejects Infinity, NaN and absurd values alike. */
const MAX_COORD = 1e7;

type Fields = Record<string, unknown>;

function record(value: unknown): Fields | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string';

function parseFacilitator(value: unknown): Facilitator | null {
  const v = record(value);
  if (!v || !isText(v.id) || v.id === '' || !isText(v.name) || !isText(v.color) || !isTime(v.since))
    return null;
  return { id: v.id, name: v.name, color: v.color, since: v.since };
}

function parseFocus(value: unknown): Focus | null {
  const v = record(value);
  const area = v?.area ?? null;
  if (!v || !isLayerId(v.layer) || (area !== null && !isAreaId(area)) || !isTime(v.since)) return null;
  return { layer: v.layer, area, since: v.since };
}

const isDuration = (value: unknown): value is number => isTime(value) && value > 0 && value <= MAX_TIMER_MS;

function parseTimer(value: unknown): TimerState | null {
  const v = record(value);
  if (!v || !isDuration(v.durationMs) || !isText(v.startedBy)) return null;
  const { durationMs, startedBy } = v;
  if (v.status === 'running' && isTime(v.endsAt)) {
    return { status: 'running', durationMs, endsAt: v.endsAt, startedBy };
  }
  if (v.status === 'paused' && isTime(v.remainingMs) && v.remainingMs >= 0 && v.remainingMs <= MAX_TIMER_MS) {
    return { status: 'paused', durationMs, remainingMs: v.remainingMs, startedBy };
  }
  return null;
}

function parseVote(value: unknown): VoteState | null {
  const v = record(value);
  if (!v || !isText(v.id) || v.id === '' || !isVoteScope(v.scope) || !isDotsPerPerson(v.dotsPerPerson))
    return null;
  if ((v.status !== 'open' && v.status !== 'revealed') || !isTime(v.startedAt) || !isText(v.startedBy))
    return null;
  return {
    id: v.id,
    scope: v.scope,
    dotsPerPerson: v.dotsPerPerson,
    status: v.status,
    startedAt: v.startedAt,
    startedBy: v.startedBy,
  };
}

function parseSilent(value: unknown): SilentState | null {
  const v = record(value);
  if (!v || typeof v.active !== 'boolean' || !isTime(v.since) || !isText(v.by)) return null;
  if (v.revealedAt !== undefined && !isTime(v.revealedAt)) return null;
  return {
    active: v.active,
    since: v.since,
    by: v.by,
    ...(v.revealedAt !== undefined ? { revealedAt: v.revealedAt } : {}),
  };
}

const isCoord = (value: unknown): value is number => isTime(value) && Math.abs(value) <= MAX_COORD;
const isId = (value: unknown): value is string => isText(value) && value !== '' && value.length <= MAX_ID;

function parseSummonView(value: unknown): SummonView | null {
  const v = record(value);
  if (!v || !isCoord(v.x) || !isCoord(v.y) || !isCoord(v.w) || !isCoord(v.h)) return null;
  return v.w > 0 && v.h > 0 ? { x: v.x, y: v.y, w: v.w, h: v.h } : null;
}

function parseSummon(value: unknown): Summon | null {
  const v = record(value);
  if (!v || !isId(v.id) || !isTime(v.at) || !isText(v.by) || v.by === '' || v.by.length > MAX_NAME)
    return null;
  const viewport = parseSummonView(v.viewport);
  return viewport && { id: v.id, at: v.at, by: v.by, viewport };
}

const cache = new WeakMap<Y.Map<unknown>, { raw: unknown[]; snapshot: SessionSnapshot }>();

function rawValues(session: Y.Map<unknown>): unknown[] {
  return [
    session.get('facilitator'),
    session.get('focus'),
    session.get('timer'),
    session.get('vote'),
    session.get('silent'),
    session.get('voteRounds'),
    session.get('summon'),
  ];
}

/**
 * The session as a typed snapshot. Never throws: a value a faulty client wrote reads as null.
 *
 * Returns the very same object until a value of the map changes (Yjs hands back the stored value
 * itself, so six identity checks tell whether anything changed), which makes it a stable snapshot for
 * `useSyncExternalStore` with the session map's `observe` as the subscription.
 */
export function readSession(doc: Y.Doc): SessionSnapshot {
  const { session } = boardMaps(doc);
  const raw = rawValues(session);
  const cached = cache.get(session);
  if (cached && raw.every((value, i) => value === cached.raw[i])) return cached.snapshot;
  const snapshot: SessionSnapshot = Object.freeze({
    facilitator: parseFacilitator(raw[0]),
    focus: parseFocus(raw[1]),
    timer: parseTimer(raw[2]),
    vote: parseVote(raw[3]),
    silent: parseSilent(raw[4]),
    voteRounds: parseVoteRounds(raw[5]),
    summon: parseSummon(raw[6]),
  });
  cache.set(session, { raw, snapshot });
  return snapshot;
}

/** The session of a board where nothing was started yet. */
export const EMPTY_SESSION: SessionSnapshot = Object.freeze({
  facilitator: null,
  focus: null,
  timer: null,
  vote: null,
  silent: null,
  voteRounds: Object.freeze([]),
  summon: null,
});

/**
 * Makes `person` the facilitator (taking over from whoever held the role: anyone with the edit link may,
 * as in a room where someone else picks up the marker).
 */
export function takeFacilitator(
  doc: Y.Doc,
  person: SessionPerson,
  origin: unknown,
  now: number,
): Facilitator {
  const facilitator: Facilitator = {
    id: checkPersonId(person?.id, 'person.id'),
    name: isText(person.name) ? person.name.trim().slice(0, MAX_NAME) : '',
    color: isText(person.color) ? person.color.slice(0, 32) : '',
    since: checkTime(now, 'now'),
  };
  writeSessionKey(doc, 'facilitator', facilitator, origin);
  return facilitator;
}

/** Gives up the facilitator role; only its holder can. Returns whether the role was released. */
export function releaseFacilitator(doc: Y.Doc, personId: string, origin: unknown): boolean {
  if (readSession(doc).facilitator?.id !== personId) return false;
  writeSessionKey(doc, 'facilitator', null, origin);
  return true;
}

/** Asks everyone to look at one layer (or one cell of it), or lifts the focus (null). */
export function setFocus(
  doc: Y.Doc,
  focus: { layer: LayerId; area?: AreaId | null } | null,
  origin: unknown,
  now: number,
): void {
  if (focus === null) {
    writeSessionKey(doc, 'focus', null, origin);
    return;
  }
  if (!isLayerId(focus.layer)) throw new CommandError(`unknown layer: ${String(focus.layer)}`);
  const area = focus.area ?? null;
  if (area !== null && !isAreaId(area)) throw new CommandError(`unknown area: ${String(area)}`);
  const value: Focus = { layer: focus.layer, area, since: checkTime(now, 'now') };
  writeSessionKey(doc, 'focus', value, origin);
}

/** Starts silent brainstorming: new notes stay private until revealed. Returns false if already on. */
export function startSilentMode(doc: Y.Doc, by: string, origin: unknown, now: number): boolean {
  const who = checkPersonId(by, 'by');
  checkTime(now, 'now');
  if (readSession(doc).silent?.active) return false;
  writeSessionKey(doc, 'silent', { active: true, since: now, by: who } satisfies SilentState, origin);
  return true;
}

/**
 * Ends silent brainstorming and asks every client to publish its private notes (each client reacts to
 * `revealedAt` with `revealNotes`). Returns false when silent mode was not on.
 */
export function revealSilentMode(doc: Y.Doc, by: string, origin: unknown, now: number): boolean {
  const who = checkPersonId(by, 'by');
  checkTime(now, 'now');
  const silent = readSession(doc).silent;
  if (!silent?.active) return false;
  const value: SilentState = { active: false, since: silent.since, by: who, revealedAt: now };
  writeSessionKey(doc, 'silent', value, origin);
  return true;
}

/**
 * "Bring everyone here": asks every open page to show `viewport` once (they answer only a summon sent
 * after they joined). Only the current facilitator may: throws a CommandError for anyone else, so a
 * summon in the document always names the facilitator who sent it.
 */
export function summonEveryone(
  doc: Y.Doc,
  summon: { id: string; by: string; viewport: SummonView },
  origin: unknown,
  now: number,
): Summon {
  const by = checkPersonId(summon?.by, 'by');
  if (readSession(doc).facilitator?.id !== by)
    throw new CommandError('only the facilitator can bring everyone to their view');
  if (!isId(summon.id)) throw new CommandError('id must be a non-empty string of at most 64 characters');
  const viewport = parseSummonView(summon.viewport);
  if (!viewport) throw new CommandError('viewport must be a rectangle of finite size on the board');
  const value: Summon = { id: summon.id, at: checkTime(now, 'now'), by, viewport };
  writeSessionKey(doc, 'summon', value, origin);
  return value;
}
