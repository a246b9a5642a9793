import {
  announceIteration,
  applyAgendaTransition,
  boardMaps,
  CommandError,
  planAgendaAction,
  readSession,
  type AgendaAction,
  type AgendaTransition,
} from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { saveIteration } from '../core/iterations/iterationsApi';
import { requestReveal } from '../core/votes/ballotApi';

/** How the facilitator chose to get past a refusal. */
export interface RunChoices {
  /** Reveal the vote that is open (not the agenda's) before the step begins. */
  revealOpenVote?: boolean;
  /** End an open vote unrevealed: its dots are lost. */
  discardOpenVote?: boolean;
  /** Move on even though the iteration the step saves could not be saved. */
  skipSave?: boolean;
}

/** Why an action stopped half-way, and what the facilitator may choose to go on. */
export type RunProblem =
  /** A vote someone opened by hand is still open where a vote step begins. */
  | { kind: 'voteOpen'; message: string }
  /** The server could not reveal the step's vote. */
  | { kind: 'revealFailed'; message: string }
  /** The server could not save the step's iteration (the vote, if any, is revealed already). */
  | { kind: 'saveFailed'; message: string }
  /** Anything else: the runner's own refusal, said as it is. */
  | { kind: 'refused'; message: string };

export class RunStopped extends Error {
  constructor(readonly problem: RunProblem) {
    super(problem.message);
  }
}

/** How long a reveal's totals may take to reach this page over the socket once the server answered. */
const REVEAL_ARRIVAL_MS = 8000;

/** Resolves once the session no longer holds `voteId` open (the server's reveal reached this page). */
function voteClosed(connection: BoardConnection, voteId: string): Promise<void> {
  const { session } = boardMaps(connection.doc);
  const closed = () => {
    const vote = readSession(connection.doc).vote;
    return vote?.id !== voteId || vote.status !== 'open';
  };
  if (closed()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      if (!closed()) return;
      session.unobserve(done);
      clearTimeout(timeout);
      resolve();
    };
    const timeout = setTimeout(() => {
      session.unobserve(done);
      reject(new Error('the revealed totals did not arrive: check the connection'));
    }, REVEAL_ARRIVAL_MS);
    session.observe(done);
  });
}

async function reveal(connection: BoardConnection, voteId: string): Promise<void> {
  try {
    await requestReveal(connection.boardId, connection.access.token, voteId);
    await voteClosed(connection, voteId);
  } catch (e) {
    throw new RunStopped({
      kind: 'revealFailed',
      message: `The vote could not be revealed: ${(e as Error).message}.`,
    });
  }
}

const refusal = (e: unknown): RunStopped => {
  const message = e instanceof Error ? e.message : String(e);
  // The runner's words when a vote step would replace a vote that is still open.
  if (e instanceof CommandError && message.startsWith('a vote is still open'))
    return new RunStopped({
      kind: 'voteOpen',
      message:
        'A vote is still open where this vote step begins: reveal it first, or end it without its dots.',
    });
  return new RunStopped({ kind: 'refused', message: capitalise(message) });
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A facilitator's button on the agenda, in the order shared's agendaTransition.ts asks for: plan
 * (which refuses what cannot be done now), do on the server what only it can (reveal the step's vote,
 * then save the iteration named after the step, so that the iteration holds the totals), then apply
 * the step change in one transaction. `now` reads the server's clock. Throws a RunStopped saying what
 * went wrong and what the facilitator may choose; nothing of the run has changed then.
 */
export async function runAgendaAction(
  connection: BoardConnection,
  by: string,
  now: () => number,
  action: AgendaAction,
  choices: RunChoices = {},
): Promise<AgendaTransition> {
  const { doc, origin, boardId, access } = connection;
  const options = choices.discardOpenVote ? { discardOpenVote: true } : {};
  if (choices.revealOpenVote) {
    const vote = readSession(doc).vote;
    if (vote?.status === 'open') await reveal(connection, vote.id);
  }
  let plan: AgendaTransition;
  try {
    plan = planAgendaAction(doc, action, by, now(), options);
  } catch (e) {
    throw refusal(e);
  }
  for (const effect of plan.server) {
    if (effect.kind === 'revealVote') {
      await reveal(connection, effect.voteId);
    } else if (!choices.skipSave) {
      try {
        const version = await saveIteration(boardId, access, effect.name);
        announceIteration(doc, version, origin);
      } catch (e) {
        throw new RunStopped({ kind: 'saveFailed', message: (e as Error).message });
      }
    }
  }
  try {
    return applyAgendaTransition(doc, action, by, origin, now(), options);
  } catch (e) {
    throw refusal(e);
  }
}
