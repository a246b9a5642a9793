import {
  boardVersionPath,
  boardVersionsPath,
  MAX_VERSION_NAME,
  type BoardAccess,
  type BoardVersion,
} from '@shared';

/** The server's words for a failed request, or its status line. */
async function failure(response: Response, what: string): Promise<Error> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: string };
    if (body.error) message = body.error;
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 403) message = 'this link may not do that (ask for the edit link)';
  return new Error(`Could not ${what}: ${message}.`);
}

const auth = (access: BoardAccess) => ({ authorization: `Bearer ${access.token}` });

/** Checks an iteration name as the server does: trimmed, not empty, not too long. */
export function checkIterationName(text: string): { ok: true; name: string } | { ok: false; error: string } {
  const name = text.trim();
  if (!name) return { ok: false, error: 'Name the iteration, e.g. "Round 1".' };
  if (name.length > MAX_VERSION_NAME) {
    return { ok: false, error: `Keep the name to ${MAX_VERSION_NAME} characters or fewer.` };
  }
  return { ok: true, name };
}

/** Every saved iteration of a board, oldest first (view or edit link). */
export async function listIterations(boardId: string, access: BoardAccess): Promise<BoardVersion[]> {
  const response = await fetch(boardVersionsPath(boardId), { headers: auth(access), cache: 'no-store' });
  if (!response.ok) throw await failure(response, 'list the iterations');
  return (await response.json()) as BoardVersion[];
}

/** Saves the board as the server holds it now, under a name (edit link only). */
export async function saveIteration(
  boardId: string,
  access: BoardAccess,
  name: string,
): Promise<BoardVersion> {
  const response = await fetch(boardVersionsPath(boardId), {
    method: 'POST',
    headers: { ...auth(access), 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw await failure(response, 'save the iteration');
  return (await response.json()) as BoardVersion;
}

/** One saved iteration as a Yjs update. */
export async function loadIteration(
  boardId: string,
  access: BoardAccess,
  versionId: string,
): Promise<Uint8Array> {
  const response = await fetch(boardVersionPath(boardId, versionId), { headers: auth(access) });
  if (!response.ok) throw await failure(response, 'load the iteration');
  return new Uint8Array(await response.arrayBuffer());
}
