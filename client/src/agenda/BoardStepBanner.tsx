import { currentStep } from '@shared';
import { RunnerControls } from './RunnerControls';
import { StepBanner } from './StepBanner';
import type { AgendaTools } from './useAgendaTools';

/**
 * The step banner on the board page, under the toolbar: for the facilitator with the buttons used
 * every few minutes, and during a consistency review step the way back to the review list.
 */
export function BoardStepBanner({ tools }: { tools: AgendaTools }) {
  const { agenda, clock, person, runner } = tools;
  const run = agenda.run;
  const at = run && run.status !== 'finished' ? currentStep(agenda.steps, run) : null;
  const reviewing = at?.step.activity === 'consistencyReview' && !tools.reviewOpen;
  const controls = (
    <div className="step-controls">
      {reviewing && (
        <button type="button" onClick={tools.openReview}>
          Review list
        </button>
      )}
      {person.isFacilitator && run?.status !== 'finished' && (
        <RunnerControls agenda={agenda} runner={runner} compact />
      )}
    </div>
  );
  return <StepBanner agenda={agenda} clock={clock} variant="board" controls={controls} />;
}
