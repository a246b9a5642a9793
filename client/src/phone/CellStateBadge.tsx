import type { CellState } from '@shared';
import { COVERAGE_STYLE, stateExplained } from '../core/theme/coverageStyle';

/** A cell's coverage state as the overlay names it: a glyph and a word, never colour alone. */
export function CellStateBadge({ state }: { state: CellState }) {
  const style = COVERAGE_STYLE[state];
  return (
    <span
      className="phone-state"
      data-state={state}
      title={stateExplained(state)}
      style={{ color: style.color, borderColor: style.color }}
    >
      <span aria-hidden>{style.glyph}</span> {style.label}
    </span>
  );
}
