import { API_BOARDS_PATH, boardTokensPath, type BoardTokens, type CreatedBoard } from '@shared';

async function failure(response: Response): Promise<Error> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: string };
    if (body.error) message = body.error;
  } catch {
    // not JSON: keep the status line
  }
  return new Error(message);
}

/**
 * Creates a board on the server, which writes its template; with `sample`, a copy of the sample workshop
 * (a finished board to look around in).
 */
export async function createBoard(title?: string, options: { sample?: boolean } = {}): Promise<CreatedBoard> {
  const response = await fetch(API_BOARDS_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(title ? { title } : {}), ...(options.sample ? { sample: true } : {}) }),
  });
  if (response.status !== 201) throw await failure(response);
  return (await response.json()) as CreatedBoard;
}

/** The board's current edit and view tokens, for the share links; needs the edit token. */
export async function fetchTokens(boardId: string, editToken: string): Promise<BoardTokens> {
  const response = await fetch(boardTokensPath(boardId), {
    headers: { authorization: `Bearer ${editToken}` },
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as BoardTokens;
}

/**
 * Issues new edit and view tokens for the board; every earlier link stops working and its open
 * connections are closed (this one too). Needs the edit token.
 */
export async function revokeTokens(boardId: string, editToken: string): Promise<BoardTokens> {
  const response = await fetch(boardTokensPath(boardId), {
    method: 'POST',
    headers: { authorization: `Bearer ${editToken}` },
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as BoardTokens;
}
