import { useMemo } from 'react';
import { cellPrompt, formatCoverage, getArea, getLayer, zoneKey, type Rect } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { COVERAGE_STYLE, countsSummary } from '../core/theme/coverageStyle';
import { useCoverage } from '../core/store/useBoardAnalysis';
import { useZones } from '../core/store/useBoardStore';
import { CoverageLegend } from '../core/ui/CoverageLegend';
import { DockPanelHead } from '../core/ui/PanelHeads';

/** The empty cells of the 5 x 6 model, with the board's and each layer's score; a gap flies the view to it. */
export function GapsPanel({
  store,
  onFlyTo,
  onClose,
}: {
  store: BoardStore;
  onFlyTo: (rect: Rect) => void;
  onClose: () => void;
}) {
  const coverage = useCoverage(store);
  const zones = useZones(store);
  const zoneById = useMemo(() => new Map(zones.map((z) => [z.id, z])), [zones]);
  return (
    <section className="dock-panel analysis-panel gaps-panel" aria-labelledby="gaps-heading">
      <DockPanelHead
        headingId="gaps-heading"
        title="Gaps"
        closeLabel="Close the gaps panel"
        onClose={onClose}
      />
      <p className="score-line">
        Board coverage <strong>{formatCoverage(coverage.score)}</strong>
        <span className="muted"> · {countsSummary(coverage.counts)}</span>
      </p>
      <ul className="layer-scores" aria-label="Coverage by layer">
        {coverage.layers.map((layer) => (
          <li key={layer.layer}>
            <span className="layer-score-name" style={{ color: getLayer(layer.layer).color }}>
              {getLayer(layer.layer).name}
            </span>
            <meter
              min={0}
              max={100}
              value={layer.score}
              aria-label={`${getLayer(layer.layer).name} coverage`}
            >
              {formatCoverage(layer.score)}
            </meter>
            <span className="layer-score-value">{formatCoverage(layer.score)}</span>
          </li>
        ))}
      </ul>
      <h3>
        {coverage.gaps.length === 0
          ? 'No gaps: every cell has notes'
          : `${coverage.gaps.length} empty ${coverage.gaps.length === 1 ? 'cell' : 'cells'}`}
      </h3>
      <ul className="gap-list">
        {coverage.gaps.map((gap) => {
          const zone = zoneById.get(zoneKey(gap.layer, gap.area));
          return (
            <li key={`${gap.layer}:${gap.area}`}>
              <button
                type="button"
                className="gap-button"
                data-cell={`${gap.layer}:${gap.area}`}
                disabled={!zone}
                onClick={() => zone && onFlyTo(zone)}
              >
                <span className="gap-title">
                  <span aria-hidden style={{ color: COVERAGE_STYLE.empty.color }}>
                    {COVERAGE_STYLE.empty.glyph}{' '}
                  </span>
                  {getLayer(gap.layer).name} · {getArea(gap.area).name}
                </span>
                <span className="gap-prompt">{cellPrompt(gap.layer, gap.area)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <CoverageLegend />
    </section>
  );
}
