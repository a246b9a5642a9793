import { API_BOARDS_IMPORT_PATH, boardPageHref, IMPORT_MAX_BYTES, type CreatedBoard } from '@shared';

/** What an import came to: the new board's edit address, or every problem, in plain words. */
export type ImportResult = { ok: true; href: string } | { ok: false; problems: string[] };

/** What the server answers when it refuses an import. */
interface Refusal {
  error?: string;
  errors?: string[];
}

const isJson = (file: File) => /\.json$/i.test(file.name) || /json/i.test(file.type);

/**
 * Sends a picked file (a board's JSON export or a CSV list of notes) to the server, which creates the
 * board from it, all or nothing. A CSV list's board is named after the file; an export keeps its title.
 * Never throws: a refusal, a file too large or a lost connection each come back as problems.
 */
export async function importFile(file: File): Promise<ImportResult> {
  const fail = (...problems: string[]): ImportResult => ({ ok: false, problems });
  if (file.size === 0) return fail(`"${file.name}" is empty.`);
  if (file.size > IMPORT_MAX_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return fail(`"${file.name}" is ${mb} MB; an import takes at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`);
  }
  const title = isJson(file) ? '' : file.name.replace(/\.[^.]*$/, '').trim();
  const query = title ? `?title=${encodeURIComponent(title)}` : '';
  let response: Response;
  try {
    response = await fetch(`${API_BOARDS_IMPORT_PATH}${query}`, {
      method: 'POST',
      // The browser's type for the file, when it knows one; the server looks at the content otherwise.
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch {
    return fail('The server could not be reached. Check the connection and try again.');
  }
  if (response.status === 201) {
    const board = (await response.json()) as CreatedBoard;
    return { ok: true, href: boardPageHref(board.id, { role: 'edit', token: board.editToken }) };
  }
  let refusal: Refusal = {};
  try {
    refusal = (await response.json()) as Refusal;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  if (Array.isArray(refusal.errors) && refusal.errors.length > 0) return fail(...refusal.errors);
  if (response.status === 429) {
    const wait = response.headers.get('retry-after');
    return fail(
      `Too many boards were created from here just now; try again${wait ? ` in ${wait} s` : ' later'}.`,
    );
  }
  return fail(refusal.error ?? `The server answered ${response.status} ${response.statusText}.`);
}
