import type { Participant } from '../core/presence/participants';
import { privateCounts } from './privateCounts';
import type { PrivateBrainstorm } from '../core/private/usePrivateNotes';
import './private.css';
import { DockPanelHead } from '../core/ui/PanelHeads';

/**
 * Silent brainstorming: the facilitator starts it and reveals everyone's notes at once; each person can
 * also keep their own new notes private, and reveal them when they like.
 */
export function PrivatePanel({
  brainstorm,
  participants,
  facilitatorName,
  onClose,
}: {
  brainstorm: PrivateBrainstorm;
  participants: readonly Participant[];
  facilitatorName: string | null;
  onClose: () => void;
}) {
  const { silent, count, personal } = brainstorm;
  const running = silent?.active === true;
  const counts = privateCounts(participants);
  return (
    <section className="dock-panel workshop-panel private-panel" aria-labelledby="private-heading">
      <DockPanelHead
        headingId="private-heading"
        title="Private notes"
        closeLabel="Close the private notes panel"
        onClose={onClose}
      />
      <p className="muted">
        Private notes stay on your device, never on the server, until they are revealed. Others see only how
        many you hold.
      </p>
      {brainstorm.canRun ? (
        <div className="workshop-actions">
          {running ? (
            <button type="button" className="primary" onClick={brainstorm.revealSilent}>
              Reveal everyone’s notes
            </button>
          ) : (
            <button type="button" className="primary" onClick={brainstorm.startSilent}>
              Start silent brainstorming
            </button>
          )}
        </div>
      ) : (
        <p className="muted">
          {running ? 'Silent brainstorming runs' : 'No silent brainstorming now'}
          {facilitatorName ? `: ${facilitatorName} reveals everyone’s notes.` : '.'}
        </p>
      )}
      <label className="private-choice">
        <input
          type="checkbox"
          checked={running || personal}
          disabled={running || brainstorm.notes === null}
          onChange={(e) => brainstorm.setPersonal(e.currentTarget.checked)}
        />
        Keep my new notes private
        {running && <span className="muted"> (silent brainstorming)</span>}
      </label>
      <p>
        You hold <strong>{count}</strong> private {count === 1 ? 'note' : 'notes'} on this device.
      </p>
      {count > 0 && (
        <button type="button" onClick={() => brainstorm.revealMine()}>
          Reveal my notes now
        </button>
      )}
      {counts && <p className="muted">Held now: {counts}</p>}
    </section>
  );
}
