import { memo, useMemo } from 'react';
import { Group, Layer, Rect, Text } from 'react-konva';
import { formatCoverage, zoneKey, type Zone } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { CanvasBadge } from './CanvasBadge';
import { COVERAGE_STYLE, countsSummary } from '../core/theme/coverageStyle';
import { FONT } from '../core/theme/theme';
import { useCoverage } from '../core/store/useBoardAnalysis';

const METER_WIDTH = 260;

/**
 * Coverage on the canvas, above the template and below the links and notes, not listening: a score
 * meter in each layer canvas's heading band and, when the overlay is on, each area zone tinted,
 * bordered and labelled by its state. Redrawn when coverage settles, never during a pan or zoom.
 */
export const CoverageLayer = memo(function CoverageLayer({
  store,
  zones,
  overlay,
}: {
  store: BoardStore;
  zones: readonly Zone[];
  overlay: boolean;
}) {
  const coverage = useCoverage(store);
  const zoneById = useMemo(() => new Map(zones.map((z) => [z.id, z])), [zones]);
  return (
    <Layer listening={false} name="coverage-layer">
      {coverage.layers.map((layer) => {
        const frame = zoneById.get(zoneKey(layer.layer, null));
        if (!frame) return null;
        return (
          <Group key={layer.layer} name="layer-meter" x={frame.x + frame.w - 740} y={frame.y + 26}>
            <Text
              text={`Coverage ${formatCoverage(layer.score)}`}
              fontSize={22}
              fontStyle="bold"
              fontFamily={FONT}
              fill="#1f2733"
            />
            <Rect y={30} width={METER_WIDTH} height={14} cornerRadius={7} fill="#dfe4ec" />
            <Rect
              y={30}
              width={Math.max(0, (METER_WIDTH * layer.score) / 100)}
              height={14}
              cornerRadius={7}
              fill="#00765a"
            />
            <Text
              x={METER_WIDTH + 16}
              y={24}
              text={countsSummary(layer.counts)}
              fontSize={20}
              fontFamily={FONT}
              fill="#3a4556"
            />
          </Group>
        );
      })}
      {overlay &&
        coverage.layers.flatMap((layer) =>
          layer.cells.map((cell) => {
            const zone = zoneById.get(zoneKey(cell.layer, cell.area));
            if (!zone) return null;
            const style = COVERAGE_STYLE[cell.state];
            const label = `${style.glyph} ${style.label.toUpperCase()}`;
            return (
              <Group
                key={zone.id}
                name="coverage-zone"
                id={`coverage-${zone.id}`}
                x={zone.x}
                y={zone.y}
                state={cell.state}
              >
                <Rect
                  width={zone.w}
                  height={zone.h}
                  fill={style.tint}
                  stroke={style.color}
                  strokeWidth={5}
                  dash={style.dash ?? undefined}
                  cornerRadius={12}
                  perfectDrawEnabled={false}
                />
                <CanvasBadge
                  x={zone.w - 24 - label.length * 13 - 24}
                  y={12}
                  width={label.length * 13 + 24}
                  height={34}
                  cornerRadius={17}
                  fill={style.color}
                  text={label}
                  fontSize={18}
                />
              </Group>
            );
          }),
        )}
    </Layer>
  );
});
