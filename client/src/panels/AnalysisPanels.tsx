import { useCallback } from 'react';
import { boundsOf, type Rect } from '@shared';
import type { Editor } from '../core/editor/Editor';
import { selectionOf, useEditorValue } from '../core/editor/useEditorValue';
import { Minimap } from '../canvas/Minimap';
import { keepActivationKeys } from './AnalysisToolbar';
import { DependenciesPanel } from './DependenciesPanel';
import { GapsPanel } from './GapsPanel';
import type { AnalysisPanelsState } from './useAnalysisPanels';

/** Room kept round notes brought into view, in board units, so their cell shows too. */
const NOTE_MARGIN = 240;

/**
 * The column docked at the canvas's right edge: the Gaps and Dependencies panels when open, the board's
 * overview below them while it is shown. It takes its width from the canvas, which shrinks beside it, so
 * that nothing here ever covers a note or a cell; nothing is drawn when all of it is closed.
 */
export function AnalysisPanels({
  editor,
  state,
  minimap,
}: {
  editor: Editor;
  state: AnalysisPanelsState;
  /** Whether the overview is shown. */
  minimap: boolean;
}) {
  const { store } = editor.connection;
  const selection = useEditorValue(editor, selectionOf);
  const onFlyTo = useCallback((rect: Rect) => editor.flyTo(rect), [editor]);
  const selectedId = selection.size === 1 ? [...selection][0]! : null;
  const jump = (ids: string[], select: boolean) => {
    const notes = ids.map((id) => store.getNote(id)).filter((n) => n !== undefined);
    const bounds = boundsOf(notes);
    if (!bounds) return;
    if (select) editor.select(notes.map((n) => n.id));
    onFlyTo({
      x: bounds.x - NOTE_MARGIN,
      y: bounds.y - NOTE_MARGIN,
      w: bounds.w + 2 * NOTE_MARGIN,
      h: bounds.h + 2 * NOTE_MARGIN,
    });
  };
  const panels = state.gapsOpen || state.dependenciesOpen;
  if (!panels && !minimap) return null;
  return (
    <aside
      className={panels ? 'dock dock-right analysis-panels' : 'dock dock-right dock-narrow analysis-panels'}
      aria-label="Coverage and dependency panels"
    >
      {panels && (
        <div
          className="dock-stack"
          onKeyDown={(e) => {
            // Escape closes the panel the keyboard is in (issue 16).
            const target = e.target instanceof HTMLElement ? e.target : null;
            if (e.key === 'Escape' && target) {
              const close = target.closest('.gaps-panel')
                ? state.toggleGaps
                : target.closest('.dependencies-panel')
                  ? state.toggleDependencies
                  : null;
              if (close) {
                e.preventDefault();
                e.stopPropagation();
                close();
                return;
              }
            }
            keepActivationKeys(e);
          }}
        >
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
      {minimap && (
        <div className="dock-minimap">
          <Minimap editor={editor} />
        </div>
      )}
    </aside>
  );
}
