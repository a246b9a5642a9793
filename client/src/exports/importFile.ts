import {
  boardExportPath,
  boardPageHref,
  importBoard,
  parseBoardExport,
  randomId,
  type BoardExport,
  type CreatedBoard,
} from '@shared';
import { createBoard } from '../api';
import { BoardConnection } from '../board/BoardConnection';
import { VIEWER_COLOR } from '../personColors';

/** Larger files are refused before reading: a board of 10,000 notes exports to a few megabytes. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export type ReadImport = { ok: true; board: BoardExport } | { ok: false; problems: string[] };

/** Reads and checks a file picked for import; every problem is listed, nothing throws. */
export async function readImportFile(file: File): Promise<ReadImport> {
  if (file.size === 0) return { ok: false, problems: [`"${file.name}" is empty.`] };
  if (file.size > IMPORT_MAX_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      problems: [
        `"${file.name}" is ${mb} MB; a board export is at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`,
      ],
    };
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, problems: [`"${file.name}" could not be read.`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      ok: false,
      problems: [
        `"${file.name}" is not JSON (${(e as Error).message}). Pick a file saved with "Board as JSON".`,
      ],
    };
  }
  const parsed = parseBoardExport(value);
  return parsed.ok ? parsed : { ok: false, problems: parsed.problems };
}

function whenOnline(connection: BoardConnection, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = connection.getState();
      if (state.kind === 'online') done(resolve);
      else if (state.kind === 'refused') done(() => reject(new Error(`the server refused: ${state.reason}`)));
    };
    const timer = window.setTimeout(
      () => done(() => reject(new Error('the new board did not open in time'))),
      timeoutMs,
    );
    const unsubscribe = connection.subscribe(check);
    function done(fn: () => void) {
      window.clearTimeout(timer);
      unsubscribe();
      fn();
    }
    check();
  });
}

/** Waits until the server's copy of the board holds `count` notes: the import is stored. */
async function whenStored(created: CreatedBoard, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(boardExportPath(created.id, 'json'), {
      headers: { authorization: `Bearer ${created.editToken}` },
    });
    if (response.ok) {
      const body = (await response.json()) as { notes?: unknown[] };
      if ((body.notes?.length ?? 0) >= count) return;
    }
    if (Date.now() > deadline) throw new Error('the server did not confirm the imported notes in time');
    await new Promise((r) => window.setTimeout(r, 150));
  }
}

/**
 * Creates a new board on the server, adds the export's notes and links to it through a connection of
 * its own once synced, waits until the server holds them, and answers the new board's edit address.
 */
export async function importAsNewBoard(board: BoardExport): Promise<string> {
  const created = await createBoard(board.title || undefined);
  const access = { role: 'edit' as const, token: created.editToken };
  const connection = new BoardConnection(created.id, access, {
    id: randomId(),
    name: 'Import',
    department: '',
    color: VIEWER_COLOR,
  });
  try {
    await whenOnline(connection, 15_000);
    importBoard(connection.doc, board, connection.origin);
    await whenStored(created, board.notes.length, 15_000);
  } finally {
    connection.destroy();
  }
  return boardPageHref(created.id, access);
}
