import './agenda.css';
import { usePopover } from '../core/ui/usePopover';
import { AgendaPanel } from './AgendaPanel';
import type { AgendaTools } from './useAgendaTools';

/** The top bar's Agenda button and its panel; on an edit link only (a view link sees the step banner). */
export function AgendaMenu({ tools }: { tools: AgendaTools }) {
  const popover = usePopover();
  if (!tools.person.canEdit) return null;
  const going = tools.agenda.run !== null && tools.agenda.run.status !== 'finished';
  return (
    <span className="agenda-menu">
      <button
        {...popover.triggerProps('agenda-panel')}
        type="button"
        className="agenda-trigger"
        title="The guided workshop: the agenda's steps, running them, and the summary"
      >
        Agenda
        {going && <span className="agenda-dot" aria-label="(running)" />}
      </button>
      {popover.open && <AgendaPanel tools={tools} onClose={popover.close} />}
    </span>
  );
}
