import type { Participant } from '../core/presence/participants';
import { privateCounts } from './privateCounts';
import type { PrivateBrainstorm } from '../core/private/usePrivateNotes';
import './private.css';

const notes = (n: number) => `${n} ${n === 1 ? 'note' : 'notes'}`;

/**
 * Private brainstorming as everyone sees it at the bottom of the board: who holds how many private
 * notes (never what they say), and the buttons to reveal them.
 */
export function SilentBanner({
  brainstorm,
  participants,
}: {
  brainstorm: PrivateBrainstorm;
  participants: readonly Participant[];
}) {
  const { silent, count, personal } = brainstorm;
  const running = silent?.active === true;
  const counts = privateCounts(participants);
  if (!running && !personal && count === 0 && !counts) return null;
  return (
    <div className="silent-banner" role="region" aria-label="Private notes status">
      <p className="silent-banner-line">
        <span className="silent-lock" aria-hidden>
          ●
        </span>
        <strong>{running ? 'Silent brainstorming' : 'Private notes'}:</strong>{' '}
        {counts || 'no private notes yet'}
      </p>
      <p className="silent-banner-hint">
        {brainstorm.active
          ? `Your new notes stay on this device until ${running ? 'the facilitator reveals them' : 'you reveal them'}; others see only how many you hold.`
          : count > 0
            ? `You hold ${notes(count)} on this device that no one else can read.`
            : 'Their notes stay on their devices until they reveal them.'}
      </p>
      <div className="silent-banner-actions">
        {count > 0 && (
          <button type="button" onClick={() => brainstorm.revealMine()}>
            Reveal my {notes(count)}
          </button>
        )}
        {running && brainstorm.canRun && (
          <button type="button" className="primary" onClick={brainstorm.revealSilent}>
            Reveal everyone’s notes
          </button>
        )}
      </div>
    </div>
  );
}
