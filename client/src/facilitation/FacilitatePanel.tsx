import { useEffect, useState } from 'react';
import { usePopoverPanel } from '../core/ui/usePopover';
import { FocusControls } from './FocusControls';
import { RoleSection } from './RoleSection';
import { TimerControls } from './TimerControls';
import { useCommand } from './useCommand';
import type { Facilitation } from './useFacilitation';
import { PopoverHead } from '../core/ui/PanelHeads';

function SummonSection({ facilitation }: { facilitation: Facilitation }) {
  const [sent, setSent] = useState(false);
  const [error, run] = useCommand();
  useEffect(() => {
    if (!sent) return;
    const id = setTimeout(() => setSent(false), 3000);
    return () => clearTimeout(id);
  }, [sent]);
  return (
    <section className="facilitate-section" aria-label="Bring everyone here">
      <div className="facilitate-row">
        <button
          type="button"
          onClick={() =>
            run(() => {
              facilitation.summon();
              setSent(true);
            })
          }
        >
          Bring everyone here
        </button>
        <span className="facilitate-hint" role="status">
          {sent ? 'Sent: every view moves to what you see.' : 'Moves every view to what you see now.'}
        </span>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** The Facilitate panel: the role, and for its holder the focus, "bring everyone here" and the timer. */
export function FacilitatePanel({
  facilitation,
  onClose,
}: {
  facilitation: Facilitation;
  onClose: () => void;
}) {
  // The first control of the role, not the Close button: opening the panel is for using it.
  const panel = usePopoverPanel(onClose, 'button:not(.icon), select, input');
  const { isFacilitator, session } = facilitation;
  return (
    <div
      {...panel}
      id="facilitate-panel"
      className="popover facilitate-panel"
      role="dialog"
      aria-label="Facilitation"
    >
      <PopoverHead title="Facilitation" onClose={onClose} />
      <RoleSection facilitation={facilitation} />
      {isFacilitator ? (
        <>
          <FocusControls facilitation={facilitation} />
          <SummonSection facilitation={facilitation} />
          <TimerControls facilitation={facilitation} />
        </>
      ) : (
        session.facilitator && (
          <p className="facilitate-hint">
            The focus, the timer and “bring everyone here” belong to the facilitator.
          </p>
        )
      )}
    </div>
  );
}
