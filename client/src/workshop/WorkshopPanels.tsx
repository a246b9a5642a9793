import type { KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
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

/**
 * The workshop tools over the canvas: their toolbar and open panel at the bottom left (above the zoom
 * controls), the vote and private-notes banners at the bottom centre of the page.
 */
export function WorkshopPanels({
  workshop,
  facilitatorName,
}: {
  workshop: WorkshopTools;
  facilitatorName: string | null;
}) {
  const { panel, togglePanel, voting, voteMode, brainstorm, iterations, participants } = workshop;
  const close = () => panel && togglePanel(panel);
  return (
    <>
      <aside className="workshop-tools" aria-label="Workshop tools" onKeyDown={keepKeys}>
        <div className="dock-toggles" role="toolbar" aria-label="Vote, private notes and iterations">
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
              {t.panel === 'vote' && voting.vote && (
                <span className="workshop-dot" aria-label="(a vote runs)" />
              )}
              {t.panel === 'private' && brainstorm.silent?.active && (
                <span className="workshop-dot" aria-label="(silent brainstorming runs)" />
              )}
            </button>
          ))}
        </div>
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
      {/* In the body, so that the banners stay while the grid or roadmap replaces the canvas. */}
      {createPortal(
        <div className="workshop-banners" onKeyDown={keepKeys}>
          <SilentBanner brainstorm={brainstorm} participants={participants} />
          <VoteBanner
            voting={voting}
            mode={voteMode}
            onShowResults={panel === 'vote' ? null : () => togglePanel('vote')}
          />
        </div>,
        document.body,
      )}
    </>
  );
}
