import type { DependencyIssue, Note } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { REACH_STYLE } from '../canvas/DependencyHighlight';
import { KIND_STYLE } from '../core/theme/theme';
import { useDependencyIssues, useReach } from '../core/store/useBoardAnalysis';
import { useLinks, useNote } from '../core/store/useBoardStore';
import { DockPanelHead } from '../core/ui/PanelHeads';

/** A note as a line of the panel: its kind's glyph and the start of its text. */
function noteLabel(note: Note | undefined): string {
  if (!note) return 'a deleted note';
  const text = note.text.trim().replace(/\s+/g, ' ');
  const short = text.length > 60 ? `${text.slice(0, 57)}…` : text || '(empty note)';
  return `${KIND_STYLE[note.kind].glyph} ${short}`;
}

function NoteButton({
  store,
  id,
  detail,
  onJump,
}: {
  store: BoardStore;
  id: string;
  detail?: string;
  onJump: (ids: string[]) => void;
}) {
  const note = useNote(store, id);
  return (
    <button type="button" className="note-jump" data-note={id} disabled={!note} onClick={() => onJump([id])}>
      {noteLabel(note)}
      {detail && <span className="muted"> · {detail}</span>}
    </button>
  );
}

function ReachList({
  store,
  title,
  items,
  color,
  onJump,
}: {
  store: BoardStore;
  title: string;
  items: { id: string; depth: number }[];
  color: string;
  onJump: (ids: string[]) => void;
}) {
  return (
    <>
      <h3>
        <span aria-hidden style={{ color }}>
          ■{' '}
        </span>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="note-list" aria-label={title}>
          {items.map((r) => (
            <li key={r.id}>
              <NoteButton
                store={store}
                id={r.id}
                detail={r.depth === 1 ? 'direct' : `${r.depth} steps`}
                onJump={onJump}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function describeIssue(store: BoardStore, issue: DependencyIssue): { text: string; ids: string[] } {
  const label = (id: string) => `“${noteLabel(store.getNote(id))}”`;
  switch (issue.kind) {
    case 'openQuestion':
      return {
        text: `Decision ${label(issue.decision)} depends on the open question ${label(issue.question)}`,
        ids: [issue.question, issue.decision],
      };
    case 'danglingLink': {
      const link = store.getLinks().find((l) => l.id === issue.link);
      const ends = link ? [link.from, link.to].filter((id) => store.getNote(id)) : [];
      return {
        text: `A link has lost its ${issue.missing.join(' and ')} note${ends.length ? `; it starts or ends at ${label(ends[0]!)}` : ''}`,
        ids: ends,
      };
    }
    case 'cycle':
      return {
        text: `Notes depend on each other in a circle: ${issue.notes.map(label).join(' → ')}`,
        ids: issue.notes,
      };
  }
}

/**
 * The selected note's dependencies (what it affects, what affects it, across layers) and the board's
 * dependency checks, each with a button that brings the notes involved into view.
 */
export function DependenciesPanel({
  store,
  selectedId,
  onJump,
  onClose,
}: {
  store: BoardStore;
  selectedId: string | null;
  /** Brings these notes into view; `select` also selects them. */
  onJump: (ids: string[], select: boolean) => void;
  onClose: () => void;
}) {
  const reach = useReach(store, selectedId);
  const selected = useNote(store, selectedId ?? '');
  const issues = useDependencyIssues(store);
  // Re-describe the checks when links change (a dangling link's ends).
  useLinks(store);
  const jumpOnly = (ids: string[]) => onJump(ids, false);
  return (
    <section className="dock-panel analysis-panel dependencies-panel" aria-labelledby="dependencies-heading">
      <DockPanelHead
        headingId="dependencies-heading"
        title="Dependencies"
        closeLabel="Close the dependencies panel"
        onClose={onClose}
      />
      {reach && selectedId && selected ? (
        <div className="reach" aria-live="polite">
          <p className="reach-of">
            Selected note <NoteButton store={store} id={selectedId} onJump={jumpOnly} />
          </p>
          <ReachList
            store={store}
            title="It affects"
            items={reach.affects}
            color={REACH_STYLE.affects.color}
            onJump={jumpOnly}
          />
          <ReachList
            store={store}
            title="Affected by"
            items={reach.affectedBy}
            color={REACH_STYLE.affectedBy.color}
            onJump={jumpOnly}
          />
        </div>
      ) : (
        <p className="muted">Select one note to see what it affects and what affects it, across layers.</p>
      )}
      <h3>
        Checks ({issues.length}){issues.length === 0 && <span className="muted"> · nothing to fix</span>}
      </h3>
      <ul className="issue-list" aria-label="Dependency checks">
        {issues.map((issue, i) => {
          const { text, ids } = describeIssue(store, issue);
          return (
            <li key={`${issue.kind}-${i}`} className={`issue issue-${issue.kind}`}>
              <span>{text}</span>
              {ids.length > 0 && (
                <button type="button" className="issue-jump" onClick={() => onJump(ids, true)}>
                  Show {ids.length === 1 ? 'the note' : `the ${ids.length} notes`}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
