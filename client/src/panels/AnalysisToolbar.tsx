import type { KeyboardEvent } from 'react';
import { stateExplained } from '../core/theme/coverageStyle';
import type { AnalysisPanelsState } from './useAnalysisPanels';

const COVERAGE_TITLE = [
  'Tint each area by its coverage (C).',
  ...(['empty', 'exploring', 'contested', 'decided'] as const).map(stateExplained),
].join('\n');

/**
 * Enter and Space press the focused button; the board's shortcuts (Enter edits, Space pans) listen on
 * the window and would take them otherwise.
 */
export function keepActivationKeys(e: KeyboardEvent<HTMLElement>): void {
  if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
}

/**
 * The coverage overlay's toggle, the Gaps and Dependencies panels' toggles and the overview's: in the bar
 * under the canvas, at the side where their column docks (the main toolbar is full on a laptop screen).
 */
export function AnalysisToolbar({
  state,
  minimap,
}: {
  state: AnalysisPanelsState;
  minimap: { shown: boolean; toggle(): void };
}) {
  return (
    <div
      className="dock-toggles"
      role="toolbar"
      aria-label="Coverage, dependencies and overview"
      onKeyDown={keepActivationKeys}
    >
      <button
        type="button"
        className="coverage-toggle"
        aria-pressed={state.overlay}
        title={COVERAGE_TITLE}
        onClick={state.toggleOverlay}
      >
        Coverage
      </button>
      <button
        type="button"
        aria-pressed={state.gapsOpen}
        title="List the empty cells and the coverage scores"
        onClick={state.toggleGaps}
      >
        Gaps
      </button>
      <button
        type="button"
        aria-pressed={state.dependenciesOpen}
        title="What the selected note affects, and the board's dependency checks"
        onClick={state.toggleDependencies}
      >
        Dependencies
      </button>
      <button
        type="button"
        aria-pressed={minimap.shown}
        title="Show or fold away the overview of the whole board"
        onClick={minimap.toggle}
      >
        Overview
      </button>
    </div>
  );
}
