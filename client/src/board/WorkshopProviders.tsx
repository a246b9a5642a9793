import { useMemo, type ReactNode } from 'react';
import { NoteDecorationsContext, NoteHandlersContext, type NoteDecoration } from '../canvas/noteDecorations';
import { CompareDisplayContext, type CompareDisplay } from '../iterations/compareDisplay';
import { CompareMark } from '../iterations/CompareMark';
import { changedFields } from '../iterations/compareWords';
import { VoteDisplayContext } from '../core/votes/voteDisplay';
import { VoteDots } from '../voting/VoteDots';
import type { WorkshopTools } from './useWorkshopTools';

/** What every board note draws on top of its card: iteration marks, then vote dots. */
const DECORATIONS: readonly NoteDecoration[] = [CompareMark, VoteDots];

/**
 * Gives the views wrapped in it (the canvas, the grid and roadmap) what the workshop tools show on each
 * note, and the canvas the voting handlers while clicks place dots.
 */
export function WorkshopProviders({ workshop, children }: { workshop: WorkshopTools; children: ReactNode }) {
  const { voteMode, iterations } = workshop;
  const comparison = iterations.comparing?.comparison;
  const compare = useMemo<CompareDisplay | null>(
    () =>
      comparison
        ? {
            added: new Set(comparison.added.map((n) => n.id)),
            changed: new Map(comparison.changed.map((c) => [c.id, changedFields(c.fields)])),
          }
        : null,
    [comparison],
  );
  return (
    <NoteDecorationsContext.Provider value={DECORATIONS}>
      <NoteHandlersContext.Provider value={voteMode.on ? voteMode.handlers : null}>
        <VoteDisplayContext.Provider value={voteMode.display}>
          <CompareDisplayContext.Provider value={compare}>{children}</CompareDisplayContext.Provider>
        </VoteDisplayContext.Provider>
      </NoteHandlersContext.Provider>
    </NoteDecorationsContext.Provider>
  );
}
