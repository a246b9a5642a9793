import type { KeyboardEvent } from 'react';
import type { AnalysisPanelsState } from './useAnalysisPanels';

/**
 * Enter and Space press the focused button; the board's shortcuts (Enter edits, Space pans) listen on
 * the window and would take them otherwise.
 */
export function keepActivationKeys(e: KeyboardEvent<HTMLElement>): void {
  if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
}

/** The toolbar's toggle of the coverage overlay. */
export function CoverageToggle({ state }: { state: AnalysisPanelsState }) {
  return (
    <button
      type="button"
      className="coverage-toggle"
      aria-pressed={state.overlay}
      title="Tint each area by its coverage: gap, exploring, decided, contested (C)"
      onClick={state.toggleOverlay}
      onKeyDown={keepActivationKeys}
    >
      Coverage
    </button>
  );
}

/** Toggles of the Gaps and Dependencies panels, above them at the canvas's right edge. */
export function PanelToggles({ state }: { state: AnalysisPanelsState }) {
  return (
    <div className="analysis-toggles" role="group" aria-label="Panels" onKeyDown={keepActivationKeys}>
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
    </div>
  );
}
