import type { KeyboardEvent } from 'react';
import { IterationsPanel } from '../iterations/IterationsPanel';
import { PrivatePanel } from '../private/PrivatePanel';
import { SilentBanner } from '../private/SilentBanner';
import { VoteBanner } from '../voting/VoteBanner';
import { VotePanel } from '../voting/VotePanel';
import type { WorkshopPanel, WorkshopTools } from './useWorkshopTools';
import './workshop.css';

/** Enter and Space press the focused control: the board's shortcuts listen on the window and would take them. */
function keepKeys(e: KeyboardEvent<HTMLElement>): void {
  if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
}

const TOGGLES: readonly { panel: WorkshopPanel; label: string; title: string }[] = [
  { panel: 'vote', label: 'Vote', title: 'Dot voting: start, reveal and see the ranking' },
  {
    panel: 'private',
    label: 'Private notes',
    title: 'Silent brainstorming: notes only you can see until revealed',
  },
  {
    panel: 'iterations',
    label: 'Iterations',
    title: 'Save the board, compare it with a saved iteration, restore',
  },
];

/** The toggles of the workshop panels, in the bar under the canvas on the side where their column docks. */
export function WorkshopToggles({ workshop }: { workshop: WorkshopTools }) {
  const { panel, togglePanel, voting, brainstorm } = workshop;
  return (
    <div
      className="dock-toggles"
      role="toolbar"
      aria-label="Vote, private notes and iterations"
      onKeyDown={keepKeys}
    >
      {/* Private notes need the edit link: a view link never holds any. */}
      {TOGGLES.filter((t) => t.panel !== 'private' || brainstorm.notes !== null).map((t) => (
        <button
          key={t.panel}
          type="button"
          aria-pressed={panel === t.panel}
          title={t.title}
          onClick={() => togglePanel(t.panel)}
        >
          {t.label}
          {t.panel === 'vote' && voting.vote && <span className="workshop-dot" aria-label="(a vote runs)" />}
          {t.panel === 'private' && brainstorm.silent?.active && (
            <span className="workshop-dot" aria-label="(silent brainstorming runs)" />
          )}
        </button>
      ))}
    </div>
  );
}

/**
 * The open workshop panel (vote, private notes or iterations), docked at the canvas's left edge: the
 * canvas shrinks beside it, so the panel never covers a note or takes a click meant for one.
 */
export function WorkshopDock({
  workshop,
  facilitatorName,
}: {
  workshop: WorkshopTools;
  facilitatorName: string | null;
}) {
  const { panel, togglePanel, voting, brainstorm, iterations, participants } = workshop;
  if (!panel) return null;
  const close = () => togglePanel(panel);
  // Escape closes the panel from anywhere inside it, as every panel and popover does (issue 16); the
  // focus keeper hands the keyboard back to the toggle that opened it.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    }
    keepKeys(e);
  };
  return (
    <aside className="dock dock-left workshop-tools" aria-label="Workshop tools" onKeyDown={onKeyDown}>
      {panel === 'vote' && <VotePanel voting={voting} onShowNote={workshop.showNote} onClose={close} />}
      {panel === 'private' && (
        <PrivatePanel
          brainstorm={brainstorm}
          participants={participants}
          facilitatorName={facilitatorName}
          onClose={close}
        />
      )}
      {panel === 'iterations' && (
        <IterationsPanel
          iterations={iterations}
          facilitatorName={facilitatorName}
          onFlyTo={workshop.flyTo}
          onClose={close}
        />
      )}
    </aside>
  );
}

/**
 * The vote and private-notes banners, in a row of their own under the canvas (and under the grid or
 * roadmap when one replaces it): they take room from the canvas rather than covering its bottom edge.
 */
export function WorkshopBanners({ workshop }: { workshop: WorkshopTools }) {
  const { panel, togglePanel, voting, voteMode, brainstorm, participants } = workshop;
  return (
    <div className="workshop-banners" onKeyDown={keepKeys}>
      <SilentBanner brainstorm={brainstorm} participants={participants} />
      <VoteBanner
        voting={voting}
        mode={voteMode}
        onShowResults={panel === 'vote' ? null : () => togglePanel('vote')}
      />
    </div>
  );
}
