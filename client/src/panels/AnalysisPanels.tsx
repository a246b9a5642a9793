import { boundsOf, type Rect } from '@shared';
import type { BoardStore } from '../board/BoardStore';
import { AnalysisToolbar, keepActivationKeys } from './AnalysisToolbar';
import { DependenciesPanel } from './DependenciesPanel';
import { GapsPanel } from './GapsPanel';
import type { AnalysisPanelsState } from './useAnalysisPanels';

/** Room kept round notes brought into view, in board units, so their cell shows too. */
const NOTE_MARGIN = 240;

/** The Gaps and Dependencies panels and their toggles, floating at the canvas's right edge. */
export function AnalysisPanels({
  store,
  state,
  selection,
  onFlyTo,
  onSelect,
}: {
  store: BoardStore;
  state: AnalysisPanelsState;
  selection: ReadonlySet<string>;
  onFlyTo: (rect: Rect) => void;
  onSelect: (ids: string[]) => void;
}) {
  const selectedId = selection.size === 1 ? [...selection][0]! : null;
  const jump = (ids: string[], select: boolean) => {
    const notes = ids.map((id) => store.getNote(id)).filter((n) => n !== undefined);
    const bounds = boundsOf(notes);
    if (!bounds) return;
    if (select) onSelect(notes.map((n) => n.id));
    onFlyTo({
      x: bounds.x - NOTE_MARGIN,
      y: bounds.y - NOTE_MARGIN,
      w: bounds.w + 2 * NOTE_MARGIN,
      h: bounds.h + 2 * NOTE_MARGIN,
    });
  };
  return (
    <aside className="analysis-panels" aria-label="Coverage and dependency panels">
      <AnalysisToolbar state={state} />
      {(state.gapsOpen || state.dependenciesOpen) && (
        <div className="analysis-panel-stack" onKeyDown={keepActivationKeys}>
          {state.gapsOpen && <GapsPanel store={store} onFlyTo={onFlyTo} onClose={state.toggleGaps} />}
          {state.dependenciesOpen && (
            <DependenciesPanel
              store={store}
              selectedId={selectedId}
              onJump={jump}
              onClose={state.toggleDependencies}
            />
          )}
        </div>
      )}
    </aside>
  );
}
