import { describe, expect, it } from 'vitest';
import { addNote, linkNotes, setNoteHorizon, setNoteKind } from './commands';
import { cellPrompt, departmentName, LAYERS } from './framework';
import { boardMarkdown, reportTime } from './reportMarkdown';
import { sampleWorkshop } from './sampleWorkshop';
import { boardMaps, readBoard, readZones } from './schema';
import { newBoard } from './testing';
import type { VoteRound } from './voteRounds';
import { loadWorkshop } from './workshop';

/** Markdown as a reader sees it: escapes undone. */
const plain = (md: string) => md.replace(/\\(.)/g, '$1');

const MARCH_12 = Date.UTC(2026, 2, 12, 14, 5);

/** The sample workshop after two revealed votes: one on the whole board, one on Communications. */
function votedWorkshop() {
  const doc = newBoard();
  const workshop = sampleWorkshop();
  loadWorkshop(doc, workshop, 'test');
  const rounds: VoteRound[] = [
    {
      voteId: 'first',
      scope: 'board',
      dotsPerPerson: 3,
      startedAt: MARCH_12 - 600_000,
      revealedAt: MARCH_12,
      voters: 4,
      totals: { s01: { dots: 5, voters: 3 }, s02: { dots: 5, voters: 2 }, s05: { dots: 2, voters: 2 } },
    },
    {
      voteId: 'second',
      scope: 'communications',
      dotsPerPerson: 2,
      startedAt: MARCH_12 + 3_000_000,
      revealedAt: MARCH_12 + 3_600_000,
      voters: 3,
      // A dotted note deleted since the reveal leaves the ranking, and the report says so.
      totals: { gone: { dots: 4, voters: 2 } },
    },
  ];
  boardMaps(doc).session.set('voteRounds', rounds);
  return { doc, workshop, rounds };
}

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
    expect(md).toMatch(/### Technology \(contested\)\n\nDecisions:\n\n- Two AA cells \(Ana, Hardware\)/);
    expect(md).toContain('Open questions:\n\n- Solar? (Ana, Hardware)');
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

  it('holds every note of the sample workshop, with department names, never ids', () => {
    const { doc, workshop } = votedWorkshop();
    const md = plain(boardMarkdown(readBoard(doc)));
    for (const note of workshop.notes) {
      expect(md).toContain(`- ${note.text} (${note.author}, ${departmentName(note.department)})`);
    }
    expect(md).toContain('(Lucía, Legal & compliance)');
    expect(md).not.toMatch(/, (legal|hardware|firmware|connectivity|apps|business)\)/);
    for (const layer of LAYERS) expect(md).toContain(`\n## ${layer.name}\n`);
  });

  it('lists the gaps to close, each with the question the team must answer', () => {
    const { doc } = votedWorkshop();
    const board = readBoard(doc);
    const md = plain(boardMarkdown(board));
    const gaps = md.slice(md.indexOf('## Gaps to close'), md.indexOf('\n## Devices'));
    // The sample leaves four cells empty.
    expect(gaps.match(/^- /gm)).toHaveLength(4);
    expect(gaps).toContain(`- Embedded software / UX: ${cellPrompt('embedded', 'ux')}`);
  });

  it('reports every revealed vote round with its settings, voters and ranking, oldest first', () => {
    const { doc, rounds } = votedWorkshop();
    const md = plain(boardMarkdown(readBoard(doc)));
    const votes = md.slice(md.indexOf('## Votes'), md.indexOf('## Roadmap'));
    expect(votes).toContain('### Round 1: the whole board');
    expect(votes).toContain(
      `Revealed ${reportTime(rounds[0]!.revealedAt)}; 3 dots per person; 4 people voted, 12 dots in all.`,
    );
    expect(reportTime(rounds[0]!.revealedAt)).toBe('2026-03-12 14:05 UTC');
    // Equal dots share a rank; more voters come first.
    expect(votes).toMatch(
      /\| 1 \| Bill of materials under \$38 .*\| Devices \/ Hardware \/ Business \| 5 \| 3 \|\n\| 1 \| Capacitive soil-moisture probe .* \| 5 \| 2 \|\n\| 3 \| Sample every 15 min.* \| 2 \| 2 \|/,
    );
    expect(votes).toContain('### Round 2: Communications');
    expect(votes).toContain('2 dots per person; 3 people voted, 4 dots in all.');
    expect(votes).toContain('No one placed a dot in this round.');
    expect(votes).toContain('1 dotted note has been deleted since.');
    expect(votes.indexOf('Round 1')).toBeLessThan(votes.indexOf('Round 2'));
  });

  it('says when no vote has been revealed, and when the dependency checks found nothing', () => {
    const doc = newBoard();
    const md = boardMarkdown(readBoard(doc));
    expect(md).toContain('## Votes\n\nNo vote has been revealed.');
    expect(md).toContain('## Dependencies\n\nNone recorded.');
    const sample = boardMarkdown(readBoard(votedWorkshop().doc));
    expect(sample).toContain(
      'Checks: no decision depends on an open question, and no dependency is circular.',
    );
  });

  it('lists notes outside every layer', () => {
    const doc = newBoard();
    addNote(
      doc,
      { id: 'far', x: -5000, y: -5000, text: 'Parking lot idea', author: 'Bo', department: 'apps' },
      't',
    );
    const md = boardMarkdown(readBoard(doc));
    expect(md).toContain('## Outside the layers\n\n- Parking lot idea (Bo, Apps)');
  });

  it('names an unnamed board', () => {
    const doc = newBoard();
    boardMaps(doc).meta.set('title', '  ');
    expect(boardMarkdown(readBoard(doc))).toMatch(/^# Untitled workshop\n/);
  });
});
