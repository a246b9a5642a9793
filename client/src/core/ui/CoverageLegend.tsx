import { CELL_STATE_MEANING, type CellState } from '@shared';
import { COVERAGE_STYLE } from '../theme/coverageStyle';

/** In the order a cell moves through them: nothing, ideas, a decision challenged, a decision standing. */
const ORDER: readonly CellState[] = ['empty', 'exploring', 'contested', 'decided'];

/**
 * What the coverage states mean ("contested" is no everyday word), with the glyph and colour the canvas
 * overlay and the grid give each.
 */
export function CoverageLegend({ compact = false }: { compact?: boolean }) {
  return (
    <dl
      className={compact ? 'coverage-legend coverage-legend-compact' : 'coverage-legend'}
      aria-label="What the cell states mean"
    >
      {ORDER.map((state) => {
        const style = COVERAGE_STYLE[state];
        return (
          <div key={state} data-state={state}>
            <dt>
              <span aria-hidden style={{ color: style.color }}>
                {style.glyph}
              </span>{' '}
              {style.label}
            </dt>
            <dd>{CELL_STATE_MEANING[state]}</dd>
          </div>
        );
      })}
    </dl>
  );
}
