import { getLayer, LAYER_IDS, type Focus, type LayerCoverage, type Note, type VoteTotals } from '@shared';
import { countsSummary } from '../core/theme/coverageStyle';
import { AreaNotes } from './AreaNotes';
import { notesInReadingOrder } from './boardListing';
import { PhoneNoteList } from './PhoneNoteList';

/** One layer of the board as a collapsible section: its six cells, then the notes in none of them. */
export function LayerSection({
  coverage,
  notes,
  open,
  onToggle,
  focus,
  dots,
  onEdit,
}: {
  coverage: LayerCoverage;
  notes: ReadonlyMap<string, Note>;
  open: boolean;
  onToggle: () => void;
  focus: Focus | null;
  dots: VoteTotals | null;
  onEdit?: (id: string) => void;
}) {
  const layer = getLayer(coverage.layer);
  const index = LAYER_IDS.indexOf(layer.id) + 1;
  const count = coverage.cells.reduce((sum, c) => sum + c.noteIds.length, coverage.unsortedNoteIds.length);
  const focused = focus?.layer === layer.id;
  const bodyId = `phone-layer-${layer.id}`;
  const unsorted = notesInReadingOrder(coverage.unsortedNoteIds, notes);
  return (
    <section className="phone-layer" data-layer={layer.id} style={{ borderTopColor: layer.color }}>
      <h2>
        <button
          type="button"
          className="phone-layer-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={onToggle}
        >
          <span className="phone-layer-name">
            {index} {layer.name}
            {focused && <span className="phone-focus-mark">Focus</span>}
          </span>
          <span className="phone-layer-meta">
            {count} {count === 1 ? 'note' : 'notes'} · {countsSummary(coverage.counts)}
          </span>
          <span className="phone-chevron" aria-hidden>
            {open ? '▾' : '▸'}
          </span>
        </button>
      </h2>
      {/* Always there, so aria-controls names an element; filled only while open. */}
      <div id={bodyId} className="phone-layer-body" hidden={!open}>
        {open && (
          <>
            {coverage.cells.map((cell) => (
              <AreaNotes
                key={cell.area}
                cell={cell}
                notes={notes}
                focused={focused && focus?.area === cell.area}
                dots={dots}
                onEdit={onEdit}
              />
            ))}
            {unsorted.length > 0 && (
              <section className="phone-area" aria-label={`${layer.name}: in no area yet`}>
                <h3>In no area yet</h3>
                <PhoneNoteList notes={unsorted} dots={dots} onEdit={onEdit} />
              </section>
            )}
          </>
        )}
      </div>
    </section>
  );
}
