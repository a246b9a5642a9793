import './facilitation.css';
import { usePopover } from '../core/ui/usePopover';
import type { Facilitation } from './useFacilitation';
import { FacilitatePanel } from './FacilitatePanel';

/**
 * The top bar's facilitation control. Everyone sees who facilitates, as a badge; on an edit link that
 * badge (or, while nobody facilitates, a Facilitate button) opens the panel. One control, not two: the
 * top bar is full on a laptop screen.
 */
export function FacilitateMenu({ facilitation }: { facilitation: Facilitation }) {
  const popover = usePopover();
  const holder = facilitation.session.facilitator;
  const label = holder && (
    <>
      <span className="dot" style={{ background: holder.color || '#9ca3af' }} aria-hidden />
      <span className="facilitator-name">
        {facilitation.isFacilitator ? 'You facilitate' : `Facilitator: ${holder.name || 'someone'}`}
      </span>
    </>
  );
  if (!facilitation.canFacilitate) {
    return label ? <span className="badge facilitator-badge">{label}</span> : null;
  }
  return (
    <span className="facilitate-menu">
      <button
        {...popover.triggerProps('facilitate-panel')}
        type="button"
        className={holder ? 'facilitate-trigger badge facilitator-badge' : 'facilitate-trigger'}
        title={holder ? 'Facilitation: the role, focus, timer and “bring everyone here”' : undefined}
      >
        {label ?? 'Facilitate'}
      </button>
      {popover.open && <FacilitatePanel facilitation={facilitation} onClose={popover.close} />}
    </span>
  );
}
