import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  buildImportedBoard,
  importFormatOf,
  importTitle,
  parseImport,
  parseJsonImport,
  type BoardImport,
  type CellNote,
} from './boardImport';
import { boardCsv, boardJson } from './exports';
import { MAX_IMPORT_NOTES } from './importProblems';
import { createProjector } from './projection';
import { boardMaps, readBoard } from './schema';
import { sampleWorkshop } from './sampleWorkshop';
import { newBoard } from './testing';
import { loadWorkshop } from './workshop';

function notesOf(text: string, contentType?: string): CellNote[] {
  const parsed = parseImport(contentType, text);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  if (parsed.imported.format !== 'csv') throw new Error('not read as CSV');
  return parsed.imported.notes;
}

function problemsOf(text: string): string[] {
  const parsed = parseImport('text/csv', text);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : parsed.problems;
}

describe('a CSV list of notes', () => {
  it('takes layers, areas, kinds and departments by id or name, in any case and column order', () => {
    const notes = notesOf(
      'Text,KIND, layer ,Area,Department,Author,Horizon\r\n' +
        'Pick a radio,question,communications,technology,connectivity,Ana,now\r\n' +
        'Store 13 months,Decision,Cloud platform,DATA,Cloud,Ben,Next\r\n' +
        'Certify the radio,risks,devices / hardware,Standards & Regulations,Legal & compliance,,\r\n' +
        'A plain idea,,Hardware,standards and regulations,Sales,Cy,\r\n',
    );
    expect(notes).toEqual([
      {
        layer: 'communications',
        area: 'technology',
        kind: 'question',
        text: 'Pick a radio',
        author: 'Ana',
        department: 'connectivity',
        horizon: 'now',
      },
      {
        layer: 'cloud',
        area: 'data',
        kind: 'decision',
        text: 'Store 13 months',
        author: 'Ben',
        department: 'cloud',
        horizon: 'next',
      },
      {
        layer: 'devices',
        area: 'standards',
        kind: 'risk',
        text: 'Certify the radio',
        author: '',
        department: 'legal',
        horizon: null,
      },
      {
        layer: 'devices',
        area: 'standards',
        kind: 'idea',
        text: 'A plain idea',
        author: 'Cy',
        department: 'Sales',
        horizon: null,
      },
    ]);
  });

  it('reads a byte-order mark, quoted commas, quotes and line breaks, semicolons and bare LF', () => {
    const notes = notesOf(
      '\uFEFFlayer;area;kind;text\n' + 'cloud;data;idea;"Keep raw data; and ""why"",\nfor a year"\n',
    );
    expect(notes.map((n) => n.text)).toEqual(['Keep raw data; and "why",\nfor a year']);
  });

  it("reads the app's own CSV export back, undoing its guard against spreadsheet formulas", () => {
    const doc = newBoard();
    loadWorkshop(doc, sampleWorkshop(), 'test');
    const board = readBoard(doc);
    const first = [...doc.getMap('notes').keys()][0]!;
    (doc.getMap('notes').get(first) as Y.Map<Y.Text>).get('text')!.insert(0, '=SUM(A1) ');
    const notes = notesOf(boardCsv(readBoard(doc)));
    const workshop = sampleWorkshop();
    expect(notes).toHaveLength(board.notes.length);
    expect(notes.map((n) => [n.layer, n.area, n.kind]).sort()).toEqual(
      workshop.notes.map((n) => [n.layer, n.area, n.kind]).sort(),
    );
    expect(notes.some((n) => n.text.startsWith('=SUM(A1) '))).toBe(true);
  });

  it('names the line and column of each problem, in plain words, and lists them all', () => {
    expect(
      problemsOf(
        'layer,area,kind,text,horizon,author\n' +
          'cloud,data,idea,fine,,\n' +
          'cloud,data,idea,fine,,\n' +
          'cloud,data,opinion,hm,,\n' +
          ',Gateway,idea,x,soon,\n' +
          `cloud,data,idea,${'x'.repeat(10_001)},,${'a'.repeat(81)}\n` +
          'cloud,data,idea,a, b,now,Ana\n',
      ),
    ).toEqual([
      'line 4, column kind: "opinion" is not a kind; use idea, question, decision or risk',
      'line 5, column layer: empty; every note needs a layer: use devices, embedded, communications, cloud or applications, or a layer\'s name such as "Cloud platform"',
      'line 5, column area: "Gateway" is not an area; use business, technology, ux, data, security or standards, or an area\'s name such as "Standards & Regulations"',
      'line 5, column horizon: "soon" is not a horizon; use now, next or later, or leave it empty',
      'line 6, column text: 10001 characters; a note holds at most 10000',
      'line 6, column author: 81 characters; at most 80',
      'line 7: 7 fields, but the header names 6 columns (a text holding a comma must be in double quotes)',
    ]);
  });

  it('counts lines as the file has them when a quoted text spans several', () => {
    expect(problemsOf('layer,area,kind,text\ncloud,data,idea,"two\nlines"\ncloud,data,wish,x\n')).toEqual([
      'line 4, column kind: "wish" is not a kind; use idea, question, decision or risk',
    ]);
  });

  it('says what the header must hold, and refuses an empty list, an unclosed quote and too many rows', () => {
    const hint =
      'the first line must name the columns, at least layer, area, kind and text ' +
      '(department, author and horizon may follow, in any order), separated by commas';
    expect(problemsOf('cloud,data,idea,hello\n')).toEqual([`line 1 is not a header row: ${hint}`]);
    expect(problemsOf('layer,area,note\n')).toEqual([
      `line 1: the header row has no columns "kind" and "text"; ${hint}`,
    ]);
    expect(problemsOf('layer,area,kind,text,Kind\n')).toEqual(['line 1: the column "kind" appears twice']);
    expect(problemsOf('layer,area,kind,text\r\n')).toEqual([
      'the file has a header row but no notes after it',
    ]);
    expect(problemsOf('')).toEqual(['the file is empty']);
    expect(problemsOf('layer,area,kind,text\ncloud,data,idea,"open\n')).toEqual([
      'line 2: a quoted field is never closed (a " is missing)',
    ]);
    const many = `layer,area,kind,text\n${'cloud,data,idea,x\n'.repeat(MAX_IMPORT_NOTES + 1)}`;
    expect(problemsOf(many)).toEqual([
      `the file lists ${MAX_IMPORT_NOTES + 1} notes; an import may hold at most ${MAX_IMPORT_NOTES}`,
    ]);
  });
});

describe('telling JSON from CSV', () => {
  it('goes by the content type when it names one, else by the first character', () => {
    expect(importFormatOf('application/json; charset=utf-8', 'layer')).toBe('json');
    expect(importFormatOf('text/csv', '{')).toBe('csv');
    expect(importFormatOf('application/vnd.ms-excel', '')).toBe('csv');
    expect(importFormatOf('application/octet-stream', ' \n {"format"')).toBe('json');
    expect(importFormatOf(undefined, '[1]')).toBe('json');
    expect(importFormatOf('', 'layer,area')).toBe('csv');
  });

  it('says where JSON that does not parse goes wrong', () => {
    expect(parseJsonImport('{\n  "format": "iot-decision-board",\n}')).toEqual({
      ok: false,
      problems: ['line 3, column 1: the file is not valid JSON: a "," cannot come before "}"'],
    });
    expect(parseJsonImport('{"a":')).toEqual({
      ok: false,
      problems: ['line 1, column 6: the file is not valid JSON: the file ends in the middle of a value'],
    });
  });
});

describe('building the imported board', () => {
  it('lays out CSV notes in their cells, in file order, coloured by department', () => {
    const notes = notesOf(
      'layer,area,kind,text,department\n' +
        Array.from({ length: 40 }, (_, i) => `cloud,data,idea,note ${i},cloud\n`).join('') +
        'devices,ux,risk,other,hardware\n',
    );
    const doc = new Y.Doc();
    const imported: BoardImport = { format: 'csv', notes };
    buildImportedBoard(doc, imported, importTitle(imported, 'Moisture sensor'), 'server', 5);
    const board = readBoard(doc);
    expect(board.meta.title).toBe('Moisture sensor');
    expect(board.notes).toHaveLength(41);
    const projector = createProjector(board.zones);
    const byText = new Map(board.notes.map((n) => [n.text, n]));
    for (let i = 0; i < 40; i++) {
      expect(projector.placeNote(byText.get(`note ${i}`)!)).toEqual({ layer: 'cloud', area: 'data' });
    }
    expect(projector.placeNote(byText.get('other')!)).toEqual({ layer: 'devices', area: 'ux' });
    expect(byText.get('other')).toMatchObject({ kind: 'risk', color: 'orange', createdAt: 5 });
    expect(byText.get('note 0')!.color).toBe('blue');
    // Later lines lie on top.
    expect(byText.get('note 0')!.z < byText.get('note 39')!.z).toBe(true);
  });

  it('rebuilds a JSON export with its places, links and title, or the title asked for', () => {
    const source = newBoard();
    loadWorkshop(source, sampleWorkshop(), 'test');
    const first = readBoard(source).notes[0]!.id;
    const round = {
      voteId: 'v1',
      scope: 'board',
      dotsPerPerson: 3,
      startedAt: 1,
      revealedAt: 2,
      voters: 2,
      totals: { [first]: { dots: 3, voters: 2 } },
    };
    boardMaps(source).session.set('voteRounds', [round]);
    const parsed = parseJsonImport(boardJson(readBoard(source)));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const doc = new Y.Doc();
    buildImportedBoard(doc, parsed.imported, importTitle(parsed.imported, ''), 'server');
    const board = readBoard(doc);
    expect(board.meta.title).toBe('Test board');
    expect(board.notes).toEqual(readBoard(source).notes);
    expect(board.links).toEqual(readBoard(source).links);
    expect(board.voteRounds).toEqual([round]);
    expect(importTitle(parsed.imported, '  Renamed ')).toBe('Renamed');
  });
});
