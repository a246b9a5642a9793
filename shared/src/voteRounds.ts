import { getLayer, isLayerId, type LayerId } from './framework';

/**
 * What a dot vote is about and what it revealed: the types and the validated reading of the revealed
 * rounds kept in the session's `voteRounds` value. Imports nothing of the document's modules, so that
 * both the session reader and the board snapshot (schema.ts) can read the rounds.
 */

/** What a dot vote is about: one layer's notes, or every note of the board. */
export type VoteScope = LayerId | 'board';

/** What a vote is about, in the product's words: "the whole board" or the layer's name. */
export function voteScopeName(scope: VoteScope): string {
  return scope === 'board' ? 'the whole board' : getLayer(scope).name;
}

/** The most dots a person may get in one vote. */
export const MAX_DOTS_PER_PERSON = 20;

/** Revealed rounds kept in the document, newest last; older ones give way. */
export const MAX_VOTE_ROUNDS = 20;

/** Whether a value is a valid dot allowance: a whole number of dots from 1 to 20. */
export function isDotsPerPerson(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_DOTS_PER_PERSON;
}

/** Whether a value names a vote scope: a layer id or 'board'. */
export function isVoteScope(value: unknown): value is VoteScope {
  return value === 'board' || isLayerId(value);
}

/** One note's result in a revealed round. */
export interface NoteTotal {
  /** All the dots the note got. */
  dots: number;
  /** How many people put at least one dot on it. */
  voters: number;
}

/** A revealed round's results per note id. */
export type VoteTotals = Readonly<Record<string, NoteTotal>>;

/**
 * A revealed vote: the totals the server counted from the sealed ballots, and nothing about who gave
 * which dot. Kept for every round (up to MAX_VOTE_ROUNDS), so a new vote never erases earlier results.
 */
export interface VoteRound {
  voteId: string;
  scope: VoteScope;
  dotsPerPerson: number;
  startedAt: number;
  revealedAt: number;
  /** People who placed at least one dot that counted. */
  voters: number;
  /** Per note id, for the notes in the vote's scope that got a dot. */
  totals: VoteTotals;
}

type Fields = Record<string, unknown>;

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function parseTotals(value: unknown): Record<string, NoteTotal> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const totals: Record<string, NoteTotal> = {};
  for (const [noteId, raw] of Object.entries(value as Fields)) {
    const total = raw as Fields | null;
    if (typeof total !== 'object' || total === null) return null;
    if (!isCount(total.dots) || !isCount(total.voters) || total.dots === 0) return null;
    totals[noteId] = { dots: total.dots, voters: total.voters };
  }
  return totals;
}

/** Reads one round; null when any part of it is malformed (a round is trusted whole or not at all). */
export function parseVoteRound(value: unknown): VoteRound | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Fields;
  if (typeof v.voteId !== 'string' || v.voteId === '' || !isVoteScope(v.scope)) return null;
  if (!isDotsPerPerson(v.dotsPerPerson) || !isTime(v.startedAt) || !isTime(v.revealedAt)) return null;
  if (!isCount(v.voters)) return null;
  const totals = parseTotals(v.totals);
  if (!totals) return null;
  return {
    voteId: v.voteId,
    scope: v.scope,
    dotsPerPerson: v.dotsPerPerson,
    startedAt: v.startedAt,
    revealedAt: v.revealedAt,
    voters: v.voters,
    totals,
  };
}

const NO_ROUNDS: readonly VoteRound[] = Object.freeze([]);

/** Reads the session's `voteRounds` value: the valid rounds, oldest first; never throws. */
export function parseVoteRounds(value: unknown): readonly VoteRound[] {
  if (!Array.isArray(value) || value.length === 0) return NO_ROUNDS;
  const rounds: VoteRound[] = [];
  for (const raw of value) {
    const round = parseVoteRound(raw);
    if (round) rounds.push(round);
  }
  return rounds;
}
