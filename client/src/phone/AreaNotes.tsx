import { cellPrompt, getArea, type CellCoverage, type Note, type VoteTotals } from '@shared';
import { CellStateBadge } from './CellStateBadge';
import { notesInReadingOrder } from './boardListing';
import { PhoneNoteList } from './PhoneNoteList';

/** One cell of a layer: its area, its coverage state, and its notes as cards (or the question to answer). */
export function AreaNotes({
  cell,
  notes,
  focused,
  dots,
  onEdit,
}: {
  cell: CellCoverage;
  notes: ReadonlyMap<string, Note>;
  focused: boolean;
  dots: VoteTotals | null;
  onEdit?: (id: string) => void;
}) {
  const cards = notesInReadingOrder(cell.noteIds, notes);
  const headingId = `phone-cell-${cell.layer}-${cell.area}`;
  return (
    <section
      className={`phone-area${focused ? ' phone-focused' : ''}`}
      data-cell={`${cell.layer}:${cell.area}`}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>
        <span className="phone-area-name">{getArea(cell.area).name}</span>
        <CellStateBadge state={cell.state} />
        {focused && <span className="phone-focus-mark">Focus</span>}
      </h3>
      {cards.length === 0 ? (
        <p className="phone-prompt">{cellPrompt(cell.layer, cell.area)}</p>
      ) : (
        <PhoneNoteList notes={cards} dots={dots} onEdit={onEdit} />
      )}
    </section>
  );
}
