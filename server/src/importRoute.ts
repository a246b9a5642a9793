import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  buildImportedBoardSteps,
  IMPORT_MAX_BYTES,
  importFormatOf,
  importTitle,
  MAX_VALUE_DEPTH,
  parseImport,
  updateValueDepth,
} from '@shared';
import * as Y from 'yjs';
import type { ApiContext } from './api';
import { HttpError, readBody } from './httpUtil';
import { jsonNestingExceeds } from './inputChecks';

/**
 * `POST /api/boards/import`: a new board from a file, all or nothing. The body is the file as it is (a
 * JSON export or a CSV list; which one, the Content-Type says or the first character), `?title=` may name
 * the board. Everything is checked and the whole board built in memory before one write to storage, so
 * a refused file leaves nothing behind.
 */

export type ImportOutcome = { ok: true; id: string } | { ok: false; errors: string[] };

const MB = 1024 * 1024;

/**
 * The body as text: UTF-8, or UTF-16 with its byte-order mark, or (what a spreadsheet on Windows saves
 * as "CSV") Windows-1252 when it is not valid UTF-8. Null for what is plainly not text.
 */
export function decodeImportText(body: Uint8Array): string | null {
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body);
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body);
  // No text file holds a NUL byte outside UTF-16.
  if (body.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return windows1252(body);
  }
}

/** What Windows-1252 puts at 0x80-0x9f (Latin-1's control codes); 0 where it has nothing. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/**
 * Windows-1252 text. Node's TextDecoder reads that label as Latin-1 (the euro sign and curly quotes
 * come out as control codes), so the 32 characters where the two differ are mapped here.
 */
function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) =>
      String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] || c.charCodeAt(0)),
    );
}

/** Reads, checks and stores the upload; answers the new board's id or every problem found. */
export async function importFromRequest(
  req: IncomingMessage,
  url: URL,
  context: ApiContext,
): Promise<ImportOutcome> {
  let body: Buffer;
  try {
    body = await readBody(req, IMPORT_MAX_BYTES);
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 413) throw error;
    context.telemetry.refused('importTooLarge');
    throw new HttpError(413, `the file is larger than ${IMPORT_MAX_BYTES / MB} MB, the most an import takes`);
  }
  const refuse = (...errors: string[]): ImportOutcome => {
    context.telemetry.refused('importInvalid');
    return { ok: false, errors };
  };
  if (body.length === 0) return refuse('the file is empty');
  const text = decodeImportText(body);
  if (text === null) {
    return refuse('this is not a text file: import a JSON export of a board, or a CSV list of notes');
  }
  const contentType = req.headers['content-type'];
  // Before parsing: what JSON.parse accepts, a recursive walk later may not survive.
  if (importFormatOf(contentType, text.trimStart()) === 'json' && jsonNestingExceeds(text, MAX_VALUE_DEPTH)) {
    return refuse(
      `the file nests lists and objects more than ${MAX_VALUE_DEPTH} deep; a board export nests a few levels`,
    );
  }
  const parsed = parseImport(contentType, text);
  if (!parsed.ok) return refuse(...parsed.problems);

  const title = importTitle(parsed.imported, url.searchParams.get('title') ?? '');
  const doc = new Y.Doc();
  let update: Uint8Array;
  try {
    // In steps, letting the rooms' traffic through between them: 10,000 notes take about a second.
    for (const step of buildImportedBoardSteps(doc, parsed.imported, title, 'server')) {
      void step;
      await new Promise((resolve) => setImmediate(resolve));
    }
    update = Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
  // What the relay would refuse from a client, storage must not hold either. Only checked values went
  // in, so this is a guard against a slip in that checking: shared's byte scan, not a decode (a tenth
  // of the cost: 14 against 130 ms for 10,000 notes).
  if (updateValueDepth(update) > MAX_VALUE_DEPTH) {
    return refuse(`the file holds values nested more than ${MAX_VALUE_DEPTH} deep`);
  }
  const id = randomBytes(16).toString('hex');
  await context.storage.createBoard(id, update);
  return { ok: true, id };
}
