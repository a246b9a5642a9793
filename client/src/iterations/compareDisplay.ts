import { createContext } from 'react';

/** What the notes on the canvas show of a comparison with an iteration. Null: no comparison. */
export interface CompareDisplay {
  /** Notes that were not on the board in the iteration. */
  added: ReadonlySet<string>;
  /** Notes that changed since, with what changed in words ("text, moved"). */
  changed: ReadonlyMap<string, string>;
}

export const CompareDisplayContext = createContext<CompareDisplay | null>(null);
