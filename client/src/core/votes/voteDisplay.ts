import { createContext } from 'react';
import type { Note } from '@shared';
import type { BallotStore } from './BallotStore';

/** A dotted note's result once a vote is revealed. */
export interface NoteResult {
  dots: number;
  /** 1 for the most dots; notes with as many dots share a rank. */
  rank: number;
}

/** What the canvas shows of a vote on each note. Null: no vote, nothing drawn. */
export interface VoteDisplay {
  /** Open: each person sees their own dots only. Revealed: every note shows its total and rank. */
  status: 'open' | 'revealed';
  /**
   * This person's sealed ballot while the vote is open: the only dots this device knows. Null where no
   * one votes (a view link, the projector): no dots at all until the reveal.
   */
  ballot: BallotStore | null;
  /** This person's colour, for their own dots. */
  color: string;
  inScope(note: Note): boolean;
  /** Once revealed, each dotted note's total and rank; null before. */
  results: ReadonlyMap<string, NoteResult> | null;
  /**
   * How large the dots and totals are drawn, in multiples of the board page's (1 when absent). The
   * projector draws them larger so that the room reads them on a zoomed-out layer.
   */
  size?: number;
}

export const VoteDisplayContext = createContext<VoteDisplay | null>(null);

/** The font size of a revealed note's total ("#1 · 3 dots") at size 1, in board units. */
export const TOTAL_FONT_SIZE = 15;
