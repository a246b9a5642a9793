import { memo, useMemo } from 'react';
import { Group, Text } from 'react-konva';
import { cellPrompt, zoneKey, type Zone } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { FONT } from '../core/theme/theme';
import { useCoverage } from '../core/store/useBoardAnalysis';

/** The guiding prompt of every area zone that holds no note yet: the gaps, phrased as questions. */
export const EmptyZoneHints = memo(function EmptyZoneHints({
  store,
  zones,
}: {
  store: BoardStore;
  zones: readonly Zone[];
}) {
  // The gaps come from the board's shared coverage, so the notes are projected once per change for
  // every view that needs it, not once more here.
  const coverage = useCoverage(store);
  const empty = useMemo(() => new Set(coverage.gaps.map((gap) => zoneKey(gap.layer, gap.area))), [coverage]);
  return (
    <Group listening={false}>
      {zones
        .filter((z) => z.area !== null && empty.has(z.id))
        .map((z) => (
          <Text
            key={z.id}
            name="zone-hint"
            x={z.x + 40}
            y={z.y + 70}
            width={z.w - 80}
            height={z.h - 110}
            text={cellPrompt(z.layer, z.area!)}
            fontSize={24}
            lineHeight={1.35}
            fontStyle="italic"
            fontFamily={FONT}
            fill="#8a94a3"
            align="center"
            verticalAlign="middle"
          />
        ))}
    </Group>
  );
});
