import { createContext } from 'react';
import type { Note } from '@shared';

/** What the canvas shows of a vote on each note. Null: no vote, nothing drawn. */
export interface VoteDisplay {
  /** Open: each person sees their own dots only. Revealed: every note shows its total and rank. */
  status: 'open' | 'revealed';
  userId: string;
  /** This person's colour, for their own dots. */
  color: string;
  inScope(note: Note): boolean;
  /** Rank of each dotted note once revealed (1 = most dots). */
  ranks: ReadonlyMap<string, number> | null;
  /**
   * How large the dots and totals are drawn, in multiples of the board page's (1 when absent). The
   * projector draws them larger so that the room reads them on a zoomed-out layer.
   */
  size?: number;
}

export const VoteDisplayContext = createContext<VoteDisplay | null>(null);

/** The font size of a revealed note's total ("#1 · 3 dots") at size 1, in board units. */
export const TOTAL_FONT_SIZE = 15;
