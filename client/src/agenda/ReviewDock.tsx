import './agenda.css';
import { useMemo, type KeyboardEvent } from 'react';
import { consistencyReview, type Rect, type ReviewItem } from '@shared';
import { DockPanelHead } from '../core/ui/PanelHeads';
import { useBoardSnapshot } from '../core/store/useBoardSnapshot';
import { reviewTarget } from './reviewTarget';
import { useLastIteration } from './useLastIteration';
import type { AgendaTools } from './useAgendaTools';

const GROUPS: readonly { key: keyof ReviewGroups; title: string; none: string }[] = [
  {
    key: 'openQuestions',
    title: 'Open questions decisions depend on',
    none: 'No decision in another layer waits on an open question.',
  },
  {
    key: 'horizonConflicts',
    title: 'Decisions planned before what they depend on',
    none: 'No roadmap horizon contradicts a dependency.',
  },
  { key: 'contestedCells', title: 'Contested cells', none: 'No cell is contested.' },
  { key: 'emptyCells', title: 'Empty cells', none: 'Every cell has a note.' },
  { key: 'changedCells', title: 'Changed since the last iteration', none: 'Nothing changed since.' },
];

type ReviewGroups = Omit<ReturnType<typeof consistencyReview>, 'total'>;

/**
 * The consistency review of the whole stack, in a column docked beside the canvas (the canvas shrinks
 * beside it): the items grouped by kind, each a button that brings its notes (or its cell) into view
 * and selects its notes. It opens by itself during a consistency review step; the agenda panel opens
 * it any time.
 */
export function ReviewDock({
  tools,
  onFlyTo,
  onSelect,
}: {
  tools: AgendaTools;
  onFlyTo: (rect: Rect) => void;
  onSelect: (noteIds: readonly string[]) => void;
}) {
  const { connection } = tools;
  const board = useBoardSnapshot(connection.store);
  const last = useLastIteration(connection, tools.reviewOpen);
  const open = tools.reviewOpen;
  // Computed only while shown: it walks every link of the board on each settled change.
  const review = useMemo(
    () =>
      open
        ? consistencyReview(
            { notes: [...board.notes], zones: [...board.zones], links: [...board.links] },
            last,
          )
        : null,
    [open, board, last],
  );
  if (!review) return null;
  const show = (item: ReviewItem) => {
    if (item.noteIds.length > 0) onSelect(item.noteIds);
    const rect = reviewTarget(item, board.zones, (id) => connection.store.getNote(id));
    if (rect) onFlyTo(rect);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      e.stopPropagation();
      tools.closeReview();
    }
    // Enter and Space press the item: the board's shortcuts on window would take them.
    if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
  };
  return (
    <aside
      className="dock dock-right agenda-review"
      aria-labelledby="agenda-review-title"
      onKeyDown={onKeyDown}
    >
      <DockPanelHead
        headingId="agenda-review-title"
        title={`Consistency review · ${review.total}`}
        closeLabel="Close the consistency review"
        onClose={tools.closeReview}
      />
      <div className="agenda-review-groups">
        {review.total === 0 && <p>Nothing stands in the way: the stack is consistent.</p>}
        {GROUPS.map(({ key, title, none }) => {
          const items = review[key];
          if (items === null) return null;
          return (
            <section key={key} className="agenda-review-group" aria-label={title}>
              <h3>
                {title} <span className="agenda-count">{items.length}</span>
              </h3>
              {items.length === 0 ? (
                <p className="agenda-muted">{none}</p>
              ) : (
                <ul>
                  {items.map((item, i) => (
                    <li
                      key={`${item.kind}:${item.noteIds.join(',')}:${item.cell?.layer}:${item.cell?.area}:${i}`}
                    >
                      <button type="button" className="agenda-review-item" onClick={() => show(item)}>
                        {item.text}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </aside>
  );
}
