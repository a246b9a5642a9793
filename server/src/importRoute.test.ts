import {
  API_BOARDS_IMPORT_PATH,
  boardExportPath,
  IMPORT_MAX_BYTES,
  isBoardId,
  parseBoardExport,
  sampleWorkshop,
  type BoardExport,
  type CreatedBoard,
} from '@shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from './storage/SqliteStorage';
import { TestBench } from './testing';

/** Every board the server wrote to storage, to prove that a refused import writes none. */
let created: string[];
let bench: TestBench;

class RecordingStorage extends SqliteStorage {
  override async createBoard(id: string, state: Uint8Array): Promise<void> {
    created.push(id);
    await super.createBoard(id, state);
  }
}

function startBench(env: Record<string, string> = {}): Promise<TestBench> {
  created = [];
  const next: TestBench = new TestBench(env, () => ({ storage: new RecordingStorage(next.dataDir) }));
  return next.start();
}

beforeEach(async () => {
  bench = await startBench();
});
afterEach(async () => {
  await bench.dispose();
});

function upload(body: BodyInit, contentType?: string, query = ''): Promise<Response> {
  return fetch(`${bench.url}${API_BOARDS_IMPORT_PATH}${query}`, {
    method: 'POST',
    headers: contentType ? { 'Content-Type': contentType } : {},
    body,
  });
}

/** The imported board as its JSON export, read with the view token the import answered. */
async function exported(board: CreatedBoard): Promise<BoardExport> {
  const res = await fetch(`${bench.url}${boardExportPath(board.id, 'json')}?token=${board.viewToken}`);
  expect(res.status).toBe(200);
  const parsed = parseBoardExport(await res.json());
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.board;
}

async function imported(res: Response): Promise<BoardExport> {
  expect(res.status).toBe(201);
  const board = (await res.json()) as CreatedBoard;
  expect(isBoardId(board.id)).toBe(true);
  expect(created).toEqual([board.id]);
  return exported(board);
}

/** Expects a 400 listing exactly `errors`, and no board stored. */
async function refused(res: Response): Promise<string[]> {
  const body = (await res.json()) as { errors: string[] };
  expect(res.status).toBe(400);
  expect(created).toEqual([]);
  return body.errors;
}

/** A board holding the sample workshop, as its JSON export. */
async function sampleExport(): Promise<string> {
  const res = await fetch(`${bench.url}/api/boards`, {
    method: 'POST',
    body: JSON.stringify({ sample: true, title: 'Soil sensor' }),
  });
  const board = (await res.json()) as CreatedBoard;
  created = [];
  const json = await fetch(`${bench.url}${boardExportPath(board.id, 'json')}?token=${board.viewToken}`);
  return json.text();
}

const cells = (board: BoardExport) => board.notes.map((n) => `${n.layer}/${n.area}/${n.kind}: ${n.text}`);

describe('POST /api/boards/import', () => {
  it("rebuilds the app's own JSON export as a new board, with its notes, links and title", async () => {
    const json = await sampleExport();
    const source = JSON.parse(json) as BoardExport;
    const board = await imported(await upload(json, 'application/json'));
    expect(board.title).toBe('Soil sensor');
    expect(board.notes.map(({ id, x, y, text, kind }) => ({ id, x, y, text, kind }))).toEqual(
      source.notes.map(({ id, x, y, text, kind }) => ({ id, x, y, text, kind })),
    );
    expect(board.links).toEqual(source.links);
    expect(board.notes).toHaveLength(sampleWorkshop().notes.length);
  });

  it('reads a CSV list by ids or names, with a BOM, quoted commas and line breaks and CRLF', async () => {
    const csv =
      '\uFEFFLayer,Area,Kind,Text,Department,Author\r\n' +
      'cloud,data,decision,"Keep readings 13 months, then aggregate",cloud,Ana\r\n' +
      'Communications,Technology,Question,"LoRaWAN or\r\nNB-IoT?",connectivity,Ben\r\n' +
      'Devices / Hardware,Standards & Regulations,risk,"CE ""radio"" test",Legal & compliance,\r\n';
    const board = await imported(await upload(csv, 'text/csv', '?title=Field%20trial'));
    expect(board.title).toBe('Field trial');
    expect(cells(board)).toEqual([
      'cloud/data/decision: Keep readings 13 months, then aggregate',
      'communications/technology/question: LoRaWAN or\r\nNB-IoT?',
      'devices/standards/risk: CE "radio" test',
    ]);
    expect(board.notes.map((n) => [n.author, n.department, n.color])).toEqual([
      ['Ana', 'cloud', 'blue'],
      ['Ben', 'connectivity', 'green'],
      ['', 'legal', 'pink'],
    ]);
  });

  it('tells JSON from CSV by the first character when the content type does not say', async () => {
    const csv = await imported(await upload('layer;area;kind;text\ncloud;ux;idea;Fleet map\n'));
    expect(cells(csv)).toEqual(['cloud/ux/idea: Fleet map']);
    created = [];
    const json = await imported(await upload(await sampleExport(), 'application/octet-stream'));
    expect(json.notes).toHaveLength(sampleWorkshop().notes.length);
  });

  it('reads a CSV saved by a spreadsheet in Windows-1252', async () => {
    const bytes = Buffer.from('layer,area,kind,text\ncloud,data,idea,Caf\xe9 \x80 budget\n', 'latin1');
    const board = await imported(await upload(bytes, 'text/csv'));
    expect(cells(board)).toEqual(['cloud/data/idea: Café € budget']);
  });

  it('answers every problem of a CSV list in plain words, with line and column, and stores nothing', async () => {
    const errors = await refused(
      await upload(
        'layer,area,kind,text,horizon\ncloud,data,idea,ok,\ncloud,data,idea,ok,\ncloud,data,opinion,x,\nfog,data,idea,y,soon\n',
        'text/csv',
      ),
    );
    expect(errors).toEqual([
      'line 4, column kind: "opinion" is not a kind; use idea, question, decision or risk',
      'line 5, column layer: "fog" is not a layer; use devices, embedded, communications, cloud or applications, or a layer\'s name such as "Cloud platform"',
      'line 5, column horizon: "soon" is not a horizon; use now, next or later, or leave it empty',
    ]);
  });

  it.each([
    ['an empty file', '', 'text/csv', ['the file is empty']],
    [
      'a binary file',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
      undefined,
      ['this is not a text file: import a JSON export of a board, or a CSV list of notes'],
    ],
    [
      'a CSV without a header',
      'cloud,data,idea,hello\n',
      'text/csv',
      [expect.stringMatching(/^line 1 is not a header row: the first line must name the columns/)],
    ],
    [
      'a header missing a column',
      'layer,area,text\ncloud,data,x\n',
      'text/csv',
      [expect.stringMatching(/^line 1: the header row has no column "kind"/)],
    ],
    [
      'a quote never closed',
      'layer,area,kind,text\ncloud,data,idea,"open\n',
      'text/csv',
      ['line 2: a quoted field is never closed (a " is missing)'],
    ],
    [
      'a row with more fields than columns',
      'layer,area,kind,text\ncloud,data,idea,a, b\n',
      'text/csv',
      ['line 2: 5 fields, but the header names 4 columns (a text holding a comma must be in double quotes)'],
    ],
    [
      'JSON that does not parse',
      '{\n "notes": [1,]\n}',
      'application/json',
      [expect.stringMatching(/^line 2, column 14: the file is not valid JSON/)],
    ],
    [
      'JSON that is not an export',
      '{"notes": []}',
      'application/json',
      [expect.stringMatching(/^this JSON file is not a board saved by IoT Decision Board/)],
    ],
    [
      'JSON nested too deep',
      `${'['.repeat(33)}${']'.repeat(33)}`,
      'application/json',
      ['the file nests lists and objects more than 32 deep; a board export nests a few levels'],
    ],
  ])('refuses %s with a plain answer and stores nothing', async (_, body, type, expected) => {
    expect(await refused(await upload(body, type))).toEqual(expected);
  });

  it('names each bad note of a JSON export', async () => {
    const source = JSON.parse(await sampleExport()) as BoardExport;
    (source.notes[2] as { kind: string }).kind = 'wish';
    source.notes[4]!.x = Number.MAX_SAFE_INTEGER;
    const errors = await refused(await upload(JSON.stringify(source), 'application/json'));
    expect(errors).toEqual([
      `note 3 ("${source.notes[2]!.id}"): "wish" is not a kind; use idea, question, decision or risk`,
      `note 5 ("${source.notes[4]!.id}"): "x" must be a number from -1000000 to 1000000, not ${Number.MAX_SAFE_INTEGER}`,
    ]);
  });

  it('refuses a file over 20 MiB with 413, whether or not its length is declared, and stores nothing', async () => {
    const big = Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x20);
    const declared = await upload(big, 'text/csv');
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toBe(
      'the file is larger than 20 MB, the most an import takes',
    );
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > IMPORT_MAX_BYTES) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const streamed = await fetch(`${bench.url}${API_BOARDS_IMPORT_PATH}`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit).catch((error: Error) => error);
    // The server answers and closes while the rest still arrives; either the answer or the reset reaches fetch.
    if (streamed instanceof Response) expect(streamed.status).toBe(413);
    expect(created).toEqual([]);
    // An import at the limit still goes through.
    const csv = 'layer,area,kind,text\ncloud,data,idea,x\n';
    const atLimit = Buffer.concat([Buffer.from(csv), Buffer.alloc(IMPORT_MAX_BYTES - csv.length, 0x0a)]);
    expect(atLimit.length).toBe(IMPORT_MAX_BYTES);
    expect(cells(await imported(await upload(atLimit, 'text/csv')))).toEqual(['cloud/data/idea: x']);
  });

  it('counts imports against the boards an address may create per minute', async () => {
    await bench.dispose();
    bench = await startBench({ MAX_BOARDS_PER_MINUTE: '2' });
    const csv = 'layer,area,kind,text\ncloud,data,idea,x\n';
    expect((await upload(csv, 'text/csv')).status).toBe(201);
    expect((await fetch(`${bench.url}/api/boards`, { method: 'POST' })).status).toBe(201);
    const third = await upload(csv, 'text/csv');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('takes POST only', async () => {
    const res = await fetch(`${bench.url}${API_BOARDS_IMPORT_PATH}`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});
