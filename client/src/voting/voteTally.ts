import {
  createProjector,
  dotsUsed,
  getLayer,
  MAX_DOTS_PER_PERSON,
  voteResults,
  type BoardMeta,
  type DotRefusal,
  type Link,
  type Note,
  type VoteResults,
  type VoteScope,
  type VoteState,
  type Zone,
} from '@shared';

/** The board as the throttled analysis hands it over (read-only arrays). */
export interface NotesAndZones {
  readonly notes: readonly Note[];
  readonly zones: readonly Zone[];
  readonly links?: readonly Link[];
}

/** Where one person stands in a vote, and how the vote stands. */
export interface VoteTally {
  /** Dots this person has placed (on the whole board: a vote's allowance counts every dot). */
  dotsUsed: number;
  dotsLeft: number;
  /** People who placed at least one dot on a note in the vote's scope. */
  voters: number;
  /** Every dotted note in scope, ranked. Shown to people only once the vote is revealed. */
  results: VoteResults;
}

const EMPTY_META: BoardMeta = { schema: 1, title: '', createdAt: 0 };
const cache = new WeakMap<NotesAndZones, { vote: VoteState; results: VoteResults }>();

/**
 * The tally of a vote on a board snapshot. Results are cached per snapshot and vote, so every view that
 * shows the vote (banner, panel, phone) shares one computation per settled change.
 */
export function tallyVote(board: NotesAndZones, vote: VoteState, userId: string): VoteTally {
  let entry = cache.get(board);
  if (!entry || entry.vote !== vote) {
    const snapshot = {
      meta: EMPTY_META,
      zones: [...board.zones],
      notes: [...board.notes],
      links: [...(board.links ?? [])],
    };
    entry = { vote, results: voteResults(snapshot, vote) };
    cache.set(board, entry);
  }
  const used = dotsUsed({ notes: board.notes as Note[] }, userId);
  return {
    dotsUsed: used,
    dotsLeft: Math.max(0, vote.dotsPerPerson - used),
    voters: entry.results.voters,
    results: entry.results,
  };
}

/** A predicate telling whether a note is in a vote's scope (its centre lies in the voted layer). */
export function scopeFilter(zones: readonly Zone[], scope: VoteScope): (note: Note) => boolean {
  if (scope === 'board') return () => true;
  const projector = createProjector(zones);
  return (note) => projector.placeNote(note)?.layer === scope;
}

/** The vote's scope in the product's words. */
export function scopeName(scope: VoteScope): string {
  return scope === 'board' ? 'the whole board' : getLayer(scope).name;
}

/** What to tell a person whose dot was refused, and what to do about it. */
export function refusalMessage(reason: DotRefusal, scope: VoteScope | null): string {
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
