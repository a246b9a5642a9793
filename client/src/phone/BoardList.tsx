import { useMemo, useState } from 'react';
import { formatCoverage, getLayer, type Focus, type LayerId, type VoteTotals } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { useCoverage } from '../core/store/useBoardAnalysis';
import { useBoardSnapshot } from '../core/store/useBoardSnapshot';
import { layersFocusFirst, notesInReadingOrder } from './boardListing';
import { LayerSection } from './LayerSection';
import { PhoneNoteList } from './PhoneNoteList';

/**
 * The board read as a list: layer by layer (the focused one first and open), each area with its coverage
 * state and its notes as cards. Follows the settled analysis, as the grid does, so a remote drag does not
 * rebuild the list every frame.
 */
export function BoardList({
  store,
  focus,
  dots,
  onEdit,
}: {
  store: BoardStore;
  focus: Focus | null;
  /** The totals of the revealed vote shown on the cards (shared's shownRound), or null. */
  dots: VoteTotals | null;
  /** Absent on a view link: cards are then not buttons. */
  onEdit?: (id: string) => void;
}) {
  const snapshot = useBoardSnapshot(store);
  const coverage = useCoverage(store);
  const notes = useMemo(() => new Map(snapshot.notes.map((n) => [n.id, n])), [snapshot]);
  const [open, setOpen] = useState<ReadonlySet<LayerId>>(() => new Set([focus?.layer ?? 'devices']));
  // A new focus opens its layer, so the list shows where the room is working; the person's own
  // openings stay as they were.
  const [seenFocus, setSeenFocus] = useState(focus?.layer ?? null);
  if ((focus?.layer ?? null) !== seenFocus) {
    setSeenFocus(focus?.layer ?? null);
    if (focus) setOpen((s) => new Set(s).add(focus.layer));
  }
  const byLayer = new Map(coverage.layers.map((l) => [l.layer, l]));
  const offBoard = notesInReadingOrder(coverage.offBoardNoteIds, notes);
  const toggle = (layer: LayerId) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(layer)) next.add(layer);
      return next;
    });

  return (
    <div className="phone-board-list">
      <p className="phone-summary">
        {snapshot.notes.length} {snapshot.notes.length === 1 ? 'note' : 'notes'} ·{' '}
        {formatCoverage(coverage.score)} covered
        {focus && <> · focus on {getLayer(focus.layer).name}</>}
      </p>
      {layersFocusFirst(focus?.layer).map((layer) => (
        <LayerSection
          key={layer}
          coverage={byLayer.get(layer)!}
          notes={notes}
          open={open.has(layer)}
          onToggle={() => toggle(layer)}
          focus={focus}
          dots={dots}
          onEdit={onEdit}
        />
      ))}
      {offBoard.length > 0 && (
        <section className="phone-layer phone-off-board" aria-labelledby="phone-off-board">
          <h2 id="phone-off-board" className="phone-plain-heading">
            Outside the layers
          </h2>
          <PhoneNoteList notes={offBoard} dots={dots} onEdit={onEdit} />
        </section>
      )}
    </div>
  );
}
