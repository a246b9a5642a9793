import { useEffect, useRef, useState } from 'react';
import { FocusControls } from './FocusControls';
import { RoleSection } from './RoleSection';
import { TimerControls } from './TimerControls';
import type { Facilitation } from './useFacilitation';

function SummonSection({ facilitation }: { facilitation: Facilitation }) {
  const [sent, setSent] = useState(false);
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
          onClick={() => {
            facilitation.summon();
            setSent(true);
          }}
        >
          Bring everyone here
        </button>
        <span className="facilitate-hint" role="status">
          {sent ? 'Sent: every view moves to what you see.' : 'Moves every view to what you see now.'}
        </span>
      </div>
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
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('button:not(.icon), select, input')?.focus();
  }, []);
  // Escape closes the panel wherever the focus is, unless another field is being edited.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      const inside = target ? panel.current?.contains(target) : false;
      if (!inside && target?.closest('input, textarea, [contenteditable="true"]')) return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const { isFacilitator, session } = facilitation;
  return (
    <div
      ref={panel}
      id="facilitate-panel"
      className="popover facilitate-panel"
      role="dialog"
      aria-label="Facilitation"
      // Keys pressed in the panel work its controls; they never reach the board's shortcuts.
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
        e.stopPropagation();
      }}
    >
      <div className="popover-head">
        <strong>Facilitation</strong>
        <button type="button" className="icon" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
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
