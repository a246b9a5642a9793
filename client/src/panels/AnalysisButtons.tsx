import type { AnalysisPanelsState } from './useAnalysisPanels';

/** Toolbar toggles of the coverage overlay and the Gaps and Dependencies panels. */
export function AnalysisButtons({ state }: { state: AnalysisPanelsState }) {
  return (
    <span className="analysis-buttons" role="group" aria-label="Coverage and dependencies">
      <button
        type="button"
        aria-pressed={state.overlay}
        title="Tint each area by its coverage: gap, exploring, decided, contested (C)"
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
    </span>
  );
}
