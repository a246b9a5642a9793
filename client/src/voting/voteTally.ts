import {
  createProjector,
  MAX_DOTS_PER_PERSON,
  voteResults,
  voteScopeName,
  type Note,
  type VoteResults,
  type VoteRound,
  type VoteScope,
  type Zone,
} from '@shared';
import type { BallotResult } from '../core/votes/BallotStore';

const cache = new WeakMap<readonly Note[], WeakMap<VoteRound, VoteResults>>();

/**
 * The ranking of a revealed round over the board's notes (the throttled snapshot's, in painting order).
 * Cached per notes array and round, so every view that shows the results (panel, history, phone,
 * projector) shares one computation per settled change, however many rounds are shown.
 */
export function roundResults(notes: readonly Note[], round: VoteRound): VoteResults {
  let byRound = cache.get(notes);
  if (!byRound) cache.set(notes, (byRound = new WeakMap()));
  let results = byRound.get(round);
  if (!results) byRound.set(round, (results = voteResults(notes, round)));
  return results;
}

/** A predicate telling whether a note is in a vote's scope (its centre lies in the voted layer). */
export function scopeFilter(zones: readonly Zone[], scope: VoteScope): (note: Note) => boolean {
  if (scope === 'board') return () => true;
  const projector = createProjector(zones);
  return (note) => projector.placeNote(note)?.layer === scope;
}

/** The vote's scope in the product's words. */
export function scopeName(scope: VoteScope): string {
  return voteScopeName(scope);
}

/** What to tell a person whose dot was refused, and what to do about it. */
export function refusalMessage(
  reason: Extract<BallotResult, { ok: false }>['reason'],
  scope: VoteScope | null,
): string {
  switch (reason) {
    case 'no dots left':
      return 'No dots left: take one back first (right-click or Alt+click one of your dots).';
    case 'not in this vote':
      return `This note is not in the vote's layer: this vote is on ${scope ? scopeName(scope) : 'one layer'}.`;
    case 'no dot here':
      return 'You have no dot on this note to take back.';
    case 'no open vote':
      return 'The vote is closed: dots can no longer change.';
    case 'unknown note':
      return 'That note was just deleted.';
    case 'vote full':
      return 'This vote already holds as many ballots as the server allows: your dot was not counted.';
    case 'not saved':
      return 'Your dot could not be saved: the server cannot be reached. Try again in a moment.';
  }
}

/** Reads the dots field: a whole number of dots from 1 to the most a vote allows, or why not. */
export function parseDots(text: string): { ok: true; dots: number } | { ok: false; error: string } {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 1 || value > MAX_DOTS_PER_PERSON) {
    return { ok: false, error: `Give each person a whole number of dots from 1 to ${MAX_DOTS_PER_PERSON}.` };
  }
  return { ok: true, dots: value };
}

/** Each dotted note's total and rank, for the notes' decorations. */
export function resultsByNote(results: VoteResults): ReadonlyMap<string, { dots: number; rank: number }> {
  return new Map(results.notes.map((n) => [n.note.id, { dots: n.dots, rank: n.rank }]));
}
