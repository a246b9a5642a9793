import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CELL_STATE_MEANING, computeCoverage, formatCoverage } from './coverage';
import { boardMarkdown } from './reportMarkdown';
import {
  boardCsv,
  boardJson,
  type BoardExport,
  csvField,
  exportBoard,
  importBoard,
  parseBoardExport,
} from './exports';
import { MAX_IMPORT_NOTES, NOT_AN_EXPORT } from './importProblems';
import { boardMaps, readBoard } from './schema';
import { sampleWorkshop } from './sampleWorkshop';
import { newBoard } from './testing';
import type { VoteRound } from './voteRounds';
import { loadWorkshop } from './workshop';

/** A revealed round that gave the board's first note 3 dots from 2 people. */
function roundOn(noteId: string): VoteRound {
  return {
    voteId: 'v1',
    scope: 'board',
    dotsPerPerson: 3,
    startedAt: 1,
    revealedAt: 2,
    voters: 2,
    totals: { [noteId]: { dots: 3, voters: 2 } },
  };
}

/**
 * The sample workshop after a revealed vote, as an old board: its first note still holds a person's
 * dots in the `votes` map that boards kept before votes were sealed.
 */
function workshopBoard(): Y.Doc {
  const doc = newBoard();
  loadWorkshop(doc, sampleWorkshop(), 'test');
  const first = [...boardMaps(doc).notes.keys()][0]!;
  const votes = new Y.Map<number>();
  boardMaps(doc).notes.get(first)!.set('votes', votes);
  votes.set('voter-1', 3);
  boardMaps(doc).session.set('voteRounds', [roundOn(first)]);
  return doc;
}

describe('the JSON export', () => {
  it('round-trips a whole board into a new one: notes, text, links, title, revealed votes', () => {
    const source = workshopBoard();
    const parsed = parseBoardExport(JSON.parse(boardJson(readBoard(source))));
    expect(parsed.ok).toBe(true);
    const target = new Y.Doc();
    const fresh = newBoard();
    Y.applyUpdate(target, Y.encodeStateAsUpdate(fresh));
    importBoard(target, (parsed as { ok: true; board: never }).board, 'import');
    const a = readBoard(source);
    const b = readBoard(target);
    expect(b.notes).toEqual(a.notes);
    expect(b.links).toEqual(a.links);
    expect(b.meta.title).toBe(a.meta.title);
    expect(b.voteRounds).toEqual([roundOn(a.notes[0]!.id)]);
  });

  it("holds the revealed totals and never anyone's own dots", () => {
    const source = workshopBoard();
    const json = boardJson(readBoard(source));
    expect(json).not.toContain('voter-1');
    const exported = JSON.parse(json) as BoardExport;
    expect(exported.notes.every((n) => !('votes' in n))).toBe(true);
    expect(exported.voteRounds).toEqual([roundOn([...boardMaps(source).notes.keys()][0]!)]);
  });

  it("imports a file from before votes were sealed without its people's dots", () => {
    const old = JSON.parse(boardJson(readBoard(workshopBoard())));
    delete old.voteRounds;
    old.notes[0].votes = { 'voter-1': 3, 'voter-2': 1 };
    const parsed = parseBoardExport(old);
    expect(parsed.ok).toBe(true);
    const target = newBoard();
    importBoard(target, (parsed as { ok: true; board: never }).board, 'import');
    expect(JSON.stringify(target.toJSON())).not.toContain('voter-');
    expect(readBoard(target).voteRounds).toEqual([]);
  });

  it('carries each note’s layer and area', () => {
    const exported = exportBoard(readBoard(workshopBoard()));
    const workshop = sampleWorkshop();
    for (const note of workshop.notes) {
      const out = exported.notes.find((n) => n.text === note.text)!;
      expect([out.layer, out.area]).toEqual([note.layer, note.area]);
    }
  });

  it('lists every problem of a bad file in plain words, saying which note, and imports nothing', () => {
    const good = JSON.parse(boardJson(readBoard(workshopBoard())));
    good.notes[0].kind = 'wish';
    good.notes[1].x = 'left';
    good.notes[2].id = good.notes[3].id;
    good.notes[4].w = 5;
    good.notes[5].text = 'x'.repeat(10_001);
    good.notes[6].author = 'a'.repeat(81);
    good.notes[7].y = 1e9;
    good.links.push({ id: 'bad', from: 'nowhere', to: good.notes[5].id });
    good.voteRounds[0].totals = { x: { dots: 'many', voters: 1 } };
    const parsed = parseBoardExport(good);
    expect(parsed.ok).toBe(false);
    const problems = (parsed as { problems: string[] }).problems;
    const id = (i: number) => JSON.stringify(good.notes[i].id);
    expect(problems).toEqual(
      expect.arrayContaining([
        `note 1 (${id(0)}): "wish" is not a kind; use idea, question, decision or risk`,
        `note 2 (${id(1)}): "x" must be a number from -1000000 to 1000000, not "left"`,
        `note 4 (${id(3)}): another note has the same id`,
        `note 5 (${id(4)}): "w" must be a number from 60 to 1200, not 5`,
        `note 6 (${id(5)}): the text has 10001 characters; at most 10000`,
        `note 7 (${id(6)}): "author" has 81 characters; at most 80`,
        `note 8 (${id(7)}): "y" must be a number from -1000000 to 1000000, not 1000000000`,
        `dependency ${good.links.length}: "from" names the note "nowhere", which is not in the file`,
        'revealed vote 1: not a vote result as the app saves it',
      ]),
    );
  });

  it('answers a file that is not an export with one problem saying what to import instead', () => {
    const good = JSON.parse(boardJson(readBoard(workshopBoard())));
    for (const value of ['text', [], { ...good, format: 'something-else' }, { notes: [] }]) {
      expect(parseBoardExport(value)).toEqual({ ok: false, problems: [NOT_AN_EXPORT] });
    }
    expect(parseBoardExport({ ...good, version: 2 })).toEqual({
      ok: false,
      problems: ['this export is of version 2, which this server cannot read (it reads version 1)'],
    });
  });

  it('lists at most 50 problems, then counts the rest', () => {
    const good = JSON.parse(boardJson(readBoard(workshopBoard())));
    good.notes = Array.from({ length: 60 }, (_, i) => ({ ...good.notes[0], id: `n${i}`, kind: 'wish' }));
    good.links = [];
    const problems = (parseBoardExport(good) as { problems: string[] }).problems;
    expect(problems).toHaveLength(51);
    expect(problems[49]).toBe('note 50 ("n49"): "wish" is not a kind; use idea, question, decision or risk');
    expect(problems[50]).toBe('and 10 more problems like these');
  });

  it('refuses more notes than an import may hold, without checking each', () => {
    const good = JSON.parse(boardJson(readBoard(workshopBoard())));
    good.notes = Array.from({ length: MAX_IMPORT_NOTES + 1 }, () => good.notes[0]);
    expect(parseBoardExport(good)).toEqual({
      ok: false,
      problems: [
        `the file holds ${MAX_IMPORT_NOTES + 1} notes; an import may hold at most ${MAX_IMPORT_NOTES}`,
      ],
    });
  });

  it('refuses to import over notes of the same id, leaving the board as it was', () => {
    const source = workshopBoard();
    const parsed = parseBoardExport(JSON.parse(boardJson(readBoard(source))));
    const target = new Y.Doc();
    Y.applyUpdate(target, Y.encodeStateAsUpdate(source));
    const before = Y.encodeStateVector(target);
    expect(() => importBoard(target, (parsed as { ok: true; board: never }).board, 'import')).toThrow(
      /already holds a note/,
    );
    expect(Y.encodeStateVector(target)).toEqual(before);
  });
});

/** The fields of one CSV line without line breaks in its fields (the sample's texts have none). */
function csvRow(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, field]) =>
    field!.startsWith('"') ? field!.slice(1, -1).replaceAll('""', '"') : field!,
  );
}

describe('the CSV export', () => {
  it('has one row per note with its layer and area, RFC 4180 quoting and CRLF', () => {
    const board = readBoard(workshopBoard());
    const csv = boardCsv(board);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,layer,area,kind,text,author,department,horizon,votes,color,x,y,createdAt,' +
        '"vote 1: the whole board, 1970-01-01 00:00 UTC"',
    );
    expect(lines.length).toBe(board.notes.length + 2);
    expect(lines.at(-1)).toBe('');
    const first = board.notes[0]!;
    expect(csv).toContain(`${first.id},devices,business,decision,`);
    // The dots of the last revealed vote; never a person's own.
    expect(lines.find((l) => l.startsWith(`${first.id},`))).toContain(`,3,${first.color},`);
    expect(csv).not.toContain('voter-1');
  });

  it('has a column per revealed round, oldest first, so an earlier vote is never lost', () => {
    const doc = workshopBoard();
    const board = readBoard(doc);
    const [first, second, third] = board.notes;
    const comms = board.notes.find(
      (n) => exportBoard(board).notes.find((e) => e.id === n.id)!.layer === 'communications',
    )!;
    const rounds: VoteRound[] = [
      { ...roundOn(first!.id), revealedAt: Date.UTC(2026, 2, 12, 9, 30) },
      {
        voteId: 'v2',
        scope: 'communications',
        dotsPerPerson: 2,
        startedAt: 3,
        revealedAt: Date.UTC(2026, 2, 12, 11, 0),
        voters: 3,
        totals: { [comms.id]: { dots: 4, voters: 3 } },
      },
      {
        voteId: 'v3',
        scope: 'board',
        dotsPerPerson: 1,
        startedAt: 5,
        revealedAt: Date.UTC(2026, 2, 12, 12, 0),
        voters: 2,
        totals: { [second!.id]: { dots: 1, voters: 1 }, [third!.id]: { dots: 1, voters: 1 } },
      },
    ];
    boardMaps(doc).session.set('voteRounds', rounds);
    const [head, ...rows] = boardCsv(readBoard(doc)).trimEnd().split('\r\n').map(csvRow);
    expect(head!.slice(13)).toEqual([
      'vote 1: the whole board, 2026-03-12 09:30 UTC',
      'vote 2: Communications, 2026-03-12 11:00 UTC',
      'vote 3: the whole board, 2026-03-12 12:00 UTC',
    ]);
    const row = (id: string) => rows.find((r) => r[0] === id)!;
    const votes = (id: string) => [row(id)[8], ...row(id).slice(-3)];
    // `votes` keeps its meaning: the last revealed round.
    expect(votes(first!.id)).toEqual(['0', '3', '', '0']);
    expect(votes(second!.id)).toEqual(['1', '0', '', '1']);
    // In round 2 only Communications took part: other notes are empty there, its notes 0 or their dots.
    expect(votes(comms.id)).toEqual(['0', '0', '4', '0']);
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-3 dB')).toBe("'-3 dB");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});

describe('coverage percentages in the Markdown export', () => {
  it('are whole percent, as on the canvas, the panels and the grid (63%, never 63.4%)', () => {
    const board = readBoard(workshopBoard());
    const coverage = computeCoverage(board.notes, board.zones);
    // The sample workshop's score has a fraction: the case where views used to disagree.
    expect(Number.isInteger(coverage.score)).toBe(false);
    const md = boardMarkdown(board);
    expect(md).toContain(`Coverage: ${formatCoverage(coverage.score)} (`);
    expect(formatCoverage(coverage.score)).toBe(`${Math.round(coverage.score)}%`);
    expect(md).not.toMatch(/\d\.\d%/);
  });

  it('says what each cell state means, "contested" above all', () => {
    const md = boardMarkdown(readBoard(workshopBoard()));
    expect(md).toContain(`contested: ${CELL_STATE_MEANING.contested}`);
    expect(md).toContain(`gap: ${CELL_STATE_MEANING.empty}`);
  });
});
