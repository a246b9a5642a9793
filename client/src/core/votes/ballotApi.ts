import {
  boardBallotPath,
  voteRevealPath,
  VOTER_KEY_HEADER,
  type Ballot,
  type BallotAnswer,
  type BallotRefusal,
  type BallotRequest,
  type RevealAnswer,
  type RevealRequest,
} from '@shared';

/** What the server said to a ballot: taken (and now held), or refused with what it still holds. */
export type BallotReply = { ok: true; answer: BallotAnswer } | { ok: false; refusal: BallotRefusal };

/** A person's sealed ballot on one board, over HTTP (see "Sealed dot votes" in server/README.md). */
export interface BallotApi {
  /** This person's ballot in the open vote. Rejects when the server cannot be reached or refuses. */
  get(): Promise<BallotAnswer>;
  /** Replaces this person's ballot in the vote `voteId`. Rejects when the server cannot be reached. */
  put(voteId: string, dots: Ballot): Promise<BallotReply>;
}

async function failure(response: Response): Promise<Error> {
  try {
    const body = (await response.json()) as { error?: string };
    if (body.error) return new Error(body.error);
  } catch {
    // not JSON: the status line says it
  }
  return new Error(`${response.status} ${response.statusText}`);
}

/** The ballot of the person holding `voterKey` on a board, with the board's edit token. */
export function ballotApi(boardId: string, editToken: string, voterKey: string): BallotApi {
  const headers = { authorization: `Bearer ${editToken}`, [VOTER_KEY_HEADER]: voterKey };
  return {
    async get() {
      const response = await fetch(boardBallotPath(boardId), { headers, cache: 'no-store' });
      if (!response.ok) throw await failure(response);
      return (await response.json()) as BallotAnswer;
    },
    async put(voteId, dots) {
      const response = await fetch(boardBallotPath(boardId), {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ voteId, dots } satisfies BallotRequest),
      });
      if (response.status === 409) return { ok: false, refusal: (await response.json()) as BallotRefusal };
      if (!response.ok) throw await failure(response);
      return { ok: true, answer: (await response.json()) as BallotAnswer };
    },
  };
}

/** Asks the server to count the open vote `voteId` and write its totals into the board (edit token). */
export async function requestReveal(
  boardId: string,
  editToken: string,
  voteId: string,
): Promise<RevealAnswer> {
  const response = await fetch(voteRevealPath(boardId), {
    method: 'POST',
    headers: { authorization: `Bearer ${editToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ voteId } satisfies RevealRequest),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as RevealAnswer;
}
