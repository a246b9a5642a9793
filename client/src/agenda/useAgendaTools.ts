import { useCallback, useState } from 'react';
import { currentStep, type AgendaState } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { ServerClock } from '../core/clock/ServerClock';
import { useAgenda } from './useAgenda';
import { useAgendaRunner, type AgendaRunner } from './useAgendaRunner';

/** What the page knows of this person and the workshop, for the agenda. */
export interface AgendaPerson {
  /** This person's id (the facilitator's id when they hold the role). */
  id: string;
  /** Whether they hold the facilitator role: only then can they change and run the agenda. */
  isFacilitator: boolean;
  /** Whether they are on an edit link (the agenda panel is for them; a view link sees the banner). */
  canEdit: boolean;
}

/** The guided workshop on one board page: the agenda, its runner, and the review column's state. */
export interface AgendaTools {
  connection: BoardConnection;
  clock: ServerClock;
  person: AgendaPerson;
  agenda: AgendaState;
  runner: AgendaRunner;
  /** Whether the consistency review column is shown. */
  reviewOpen: boolean;
  openReview(): void;
  closeReview(): void;
}

/**
 * The agenda's state for the board page. The review column opens by itself for everyone when a
 * consistency review step begins (each visit of it), and stays closed once its person closes it.
 */
export function useAgendaTools(
  connection: BoardConnection,
  clock: ServerClock,
  person: AgendaPerson,
): AgendaTools {
  const agenda = useAgenda(connection.doc);
  const runner = useAgendaRunner(connection, person.id, clock);
  const [manual, setManual] = useState(false);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const at = agenda.run && agenda.run.status !== 'finished' ? currentStep(agenda.steps, agenda.run) : null;
  // One visit of a review step: Back and Next into it again open the column again.
  const reviewVisit =
    at?.step.activity === 'consistencyReview' ? `${at.step.id}@${agenda.run!.stepStartedAt}` : null;
  const reviewOpen = manual || (reviewVisit !== null && dismissed !== reviewVisit);
  const openReview = useCallback(() => setManual(true), []);
  const closeReview = useCallback(() => {
    setManual(false);
    setDismissed(reviewVisit);
  }, [reviewVisit]);
  return {
    connection,
    clock,
    person,
    agenda,
    runner,
    reviewOpen,
    openReview,
    closeReview,
  };
}
