import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, linkNotes, setNoteHorizon, setNoteKind } from './commands';
import { cellPrompt } from './framework';
import { CELL_STATE_MEANING, computeCoverage, formatCoverage } from './coverage';
import {
  boardCsv,
  boardJson,
  type BoardExport,
  boardMarkdown,
  csvField,
  exportBoard,
  importBoard,
  parseBoardExport,
} from './exports';
import { boardMaps, readBoard, readZones } from './schema';
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

  it('lists every problem of a bad file, with where it is, and imports nothing', () => {
    const good = JSON.parse(boardJson(readBoard(workshopBoard())));
    good.format = 'something-else';
    good.notes[0].kind = 'wish';
    good.notes[1].x = 'left';
    good.notes[2].id = good.notes[3].id;
    good.notes[4].w = 5;
    good.links.push({ id: 'bad', from: 'nowhere', to: good.notes[5].id });
    good.voteRounds[0].totals = { x: { dots: 'many', voters: 1 } };
    const parsed = parseBoardExport(good);
    expect(parsed.ok).toBe(false);
    const problems = (parsed as { problems: string[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^format: expected "iot-decision-board"/),
        expect.stringMatching(/^notes\[0\]\.kind: unknown kind "wish"/),
        expect.stringMatching(/^notes\[1\]\.x: expected a number/),
        expect.stringMatching(/^notes\[3\]\.id: ".+" appears twice/),
        expect.stringMatching(/^notes\[4\]\.w: expected a number from 60 to 1200/),
        expect.stringMatching(/^links\[\d+\]\.from: no note "nowhere" in the file/),
        expect.stringMatching(/^voteRounds\[0\]: expected a revealed vote round/),
      ]),
    );
    expect(parseBoardExport('text')).toEqual({ ok: false, problems: ['the file is not a JSON object'] });
    expect(parseBoardExport([])).toEqual({ ok: false, problems: ['the file is not a JSON object'] });
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

describe('the CSV export', () => {
  it('has one row per note with its layer and area, RFC 4180 quoting and CRLF', () => {
    const board = readBoard(workshopBoard());
    const csv = boardCsv(board);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,layer,area,kind,text,author,department,horizon,votes,color,x,y,createdAt');
    expect(lines.length).toBe(board.notes.length + 2);
    expect(lines.at(-1)).toBe('');
    const first = board.notes[0]!;
    expect(csv).toContain(`${first.id},devices,business,decision,`);
    // The dots of the last revealed vote; never a person's own.
    expect(lines.find((l) => l.startsWith(`${first.id},`))).toContain(`,3,${first.color},`);
    expect(csv).not.toContain('voter-1');
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

describe('the Markdown report', () => {
  it('reports coverage, each cell’s decisions, questions, risks and gaps, dependencies and the roadmap', () => {
    const doc = newBoard();
    const zones = readZones(doc);
    const at = (layer: string, area: string) => zones.find((z) => z.layer === layer && z.area === area)!;
    const put = (
      id: string,
      layer: string,
      area: string,
      kind: 'decision' | 'question' | 'risk',
      text: string,
    ) => {
      const z = at(layer, area);
      addNote(doc, { id, x: z.x + 30, y: z.y + 60, text, author: 'Ana', department: 'hardware' }, 't');
      setNoteKind(doc, [id], kind, 't');
    };
    put('radio', 'communications', 'technology', 'decision', 'LoRaWAN | EU868');
    put('battery', 'devices', 'technology', 'decision', 'Two AA cells');
    put('q', 'devices', 'technology', 'question', 'Solar?');
    put('r', 'devices', 'security', 'risk', 'Theft in the field');
    linkNotes(doc, { from: 'radio', to: 'battery', label: 'airtime drives power' }, 't');
    linkNotes(doc, { from: 'q', to: 'battery' }, 't');
    setNoteHorizon(doc, ['battery'], 'now', 't');
    setNoteHorizon(doc, ['radio'], 'next', 't');

    const md = boardMarkdown(readBoard(doc));
    expect(md).toMatch(/^# Test board\n/);
    expect(md).toContain('Coverage: ');
    expect(md).toContain('## Devices / Hardware');
    expect(md).toMatch(/### Technology \(contested\)\n\nDecisions:\n\n- Two AA cells \(Ana, hardware\)/);
    expect(md).toContain('Open questions:\n\n- Solar? (Ana, hardware)');
    expect(md).toContain('Risks:\n\n- Theft in the field');
    expect(md).toContain(`Gap: ${cellPrompt('devices', 'business')}`);
    // Markdown's table separator in note text is escaped.
    expect(md).toContain('LoRaWAN \\| EU868 [Communications / Technology] affects Two AA cells');
    expect(md).toContain(': airtime drives power');
    expect(md).toContain(
      'The decision Two AA cells [Devices / Hardware / Technology] depends on an open question',
    );
    expect(md).toMatch(/\| Devices \/ Hardware \| Two AA cells \| – \| – \| – \|/);
    expect(md).toContain('is planned for now but depends on LoRaWAN \\| EU868');
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
