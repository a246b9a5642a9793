import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, linkNotes, setNoteHorizon, setNoteKind } from './commands';
import { cellPrompt } from './framework';
import {
  boardCsv,
  boardJson,
  boardMarkdown,
  csvField,
  exportBoard,
  importBoard,
  parseBoardExport,
} from './exports';
import { boardMaps, readBoard, readZones } from './schema';
import { sampleWorkshop } from './sampleWorkshop';
import { newBoard } from './testing';
import { loadWorkshop } from './workshop';

function workshopBoard(): Y.Doc {
  const doc = newBoard();
  loadWorkshop(doc, sampleWorkshop(), 'test');
  const first = [...boardMaps(doc).notes.keys()][0]!;
  (boardMaps(doc).notes.get(first)!.get('votes') as Y.Map<number>).set('voter-1', 3);
  return doc;
}

describe('the JSON export', () => {
  it('round-trips a whole board into a new one: notes, text, votes, links, title', () => {
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
    expect(b.notes.some((n) => n.votes['voter-1'] === 3)).toBe(true);
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
