import { useRef, useState } from 'react';
import { formatDuration, frameworkPlan, setAgenda } from '@shared';
import { PopoverHead } from '../core/ui/PanelHeads';
import { AddStepForm } from './AddStepForm';
import { AgendaSummaryView } from './AgendaSummaryView';
import { RunnerControls } from './RunnerControls';
import { StepList } from './StepList';
import { useAgendaCommand } from './useAgendaCommand';
import { useAgendaSummary } from './useAgendaSummary';
import type { AgendaTools } from './useAgendaTools';
import { usePanelKeys } from './usePanelKeys';

/**
 * The agenda panel, opened from the top bar on an edit link: the steps, and for the facilitator the
 * way to change them (the framework's plan in one click, add, remove, reorder, times and options) and to
 * run them, before and during the session; after the last step, the summary.
 */
export function AgendaPanel({ tools, onClose }: { tools: AgendaTools; onClose: () => void }) {
  const { connection, agenda, person, runner } = tools;
  const ref = useRef<HTMLDivElement>(null);
  const { setDragging } = usePanelKeys(ref, onClose);
  const [error, run] = useAgendaCommand();
  const [replacing, setReplacing] = useState(false);
  const summary = useAgendaSummary(connection, agenda);
  const { steps, run: agendaRun } = agenda;
  const by = person.isFacilitator ? person.id : null;
  const going = agendaRun !== null && agendaRun.status !== 'finished';
  const planned = steps.reduce((sum, s) => sum + s.timeboxMs, 0);
  const applyPlan = () =>
    by !== null &&
    run(() => {
      setAgenda(connection.doc, frameworkPlan(), by, connection.origin);
      setReplacing(false);
    });
  return (
    <div ref={ref} id="agenda-panel" className="popover agenda-panel" role="dialog" aria-label="Agenda">
      <PopoverHead title="Agenda" onClose={onClose} />
      {by === null && (
        <p className="agenda-muted">
          The facilitator changes and runs the agenda: take the role under Facilitate to do it yourself.
        </p>
      )}
      {by !== null && steps.length > 0 && <RunnerControls agenda={agenda} runner={runner} />}
      {summary && <AgendaSummaryView summary={summary} onShowOpen={tools.openReview} />}
      <section className="agenda-plan" aria-label="Steps of the agenda">
        <div className="agenda-plan-head">
          <h3>
            {steps.length === 0 ? 'No steps yet' : `${steps.length} steps · ${formatDuration(planned)}`}
          </h3>
          {by !== null &&
            !going &&
            (replacing ? (
              <span className="agenda-confirm" role="group" aria-label="Confirm replacing the agenda">
                Replace the {steps.length} steps?
                <button type="button" onClick={applyPlan}>
                  Replace
                </button>
                <button type="button" onClick={() => setReplacing(false)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button type="button" onClick={() => (steps.length > 0 ? setReplacing(true) : applyPlan())}>
                Use the framework plan
              </button>
            ))}
        </div>
        {steps.length === 0 && by !== null && (
          <p className="agenda-muted">
            The framework plan: for each layer a silent brainstorm, a discussion and a vote; then a
            consistency review of the whole stack, and the roadmap (17 steps). Or add steps one by one.
          </p>
        )}
        <StepList
          connection={connection}
          steps={steps}
          currentId={going ? agendaRun.stepId : null}
          by={by}
          run={run}
          onDragging={setDragging}
        />
        {by !== null && <AddStepForm connection={connection} by={by} run={run} />}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
      <button type="button" className="agenda-review-open" onClick={tools.openReview}>
        Consistency review
      </button>
    </div>
  );
}
