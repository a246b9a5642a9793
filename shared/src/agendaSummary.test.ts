import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readAgenda, setAgenda } from './agenda';
import { agendaSummary, agendaSummaryMarkdown, formatDuration } from './agendaSummary';
import { applyAgendaTransition } from './agendaTransition';
import { addNote } from './commands';
import { zoneKey } from './layout';
import { boardMarkdown } from './reportMarkdown';
import { readBoard, readZones } from './schema';
import { readSession, takeFacilitator } from './session';
import { LOCAL, newBoard } from './testing';
import { revealVote } from './voting';

const priya = { id: 'u-priya', name: 'Priya', color: '#b4532a' };
const T0 = Date.UTC(2026, 2, 12, 14, 0);
const MIN = 60_000;

function noteIn(
  doc: Y.Doc,
  id: string,
  layer: 'devices' | 'cloud',
  area: 'technology' | 'data',
  kind: 'idea' | 'decision',
  text: string,
) {
  const zone = readZones(doc).find((z) => z.id === zoneKey(layer, area))!;
  addNote(
    doc,
    { id, x: zone.x + 40, y: zone.y + 60, text, kind, author: 'Priya', department: 'hardware' },
    LOCAL,
  );
}

/** A workshop that ran a devices brainstorm, a devices vote and skipped the cloud discussion. */
function ranBoard(): Y.Doc {
  const doc = newBoard();
  takeFacilitator(doc, priya, LOCAL, T0 - 1000);
  noteIn(doc, 'old', 'devices', 'technology', 'idea', 'Solar panel on the lid');
  setAgenda(
    doc,
    [
      {
        id: 'write',
        scope: { kind: 'layer', layer: 'devices' },
        activity: 'silentBrainstorm',
        timeboxMs: 5 * MIN,
      },
      {
        id: 'vote',
        scope: { kind: 'layer', layer: 'devices' },
        activity: 'dotVote',
        timeboxMs: 3 * MIN,
        dotsPerPerson: 2,
      },
      { id: 'talk', scope: { kind: 'layer', layer: 'cloud' }, activity: 'discussion', timeboxMs: 10 * MIN },
    ],
    priya.id,
    LOCAL,
  );
  const act = (kind: 'start' | 'next' | 'finish', at: number) =>
    applyAgendaTransition(doc, { kind }, priya.id, LOCAL, at);
  act('start', T0);
  noteIn(doc, 'soc', 'devices', 'technology', 'decision', 'Use the nRF52 SoC');
  act('next', T0 + 7 * MIN);
  const vote = readSession(doc).vote!;
  revealVote(doc, vote.id, [{ soc: 2 }, { soc: 1, old: 1 }], 'server', T0 + 9 * MIN);
  act('finish', T0 + 9 * MIN);
  return doc;
}

describe('agendaSummary', () => {
  it('counts time per layer against the plan, coverage then and now, and the votes of the agenda', () => {
    const doc = ranBoard();
    const summary = agendaSummary(readBoard(doc), readAgenda(doc))!;
    expect(summary).toMatchObject({
      startedAt: T0,
      finishedAt: T0 + 9 * MIN,
      plannedMs: 18 * MIN,
      spentMs: 9 * MIN,
    });
    expect(summary.steps.map((s) => [s.stepId, s.spentMs, s.ran])).toEqual([
      ['write', 7 * MIN, true],
      ['vote', 2 * MIN, true],
      ['talk', 0, false],
    ]);
    expect(summary.layers).toEqual([
      { layer: 'devices', plannedMs: 8 * MIN, extendedMs: 0, spentMs: 9 * MIN, steps: 2, skipped: 0 },
      { layer: 'cloud', plannedMs: 10 * MIN, extendedMs: 0, spentMs: 0, steps: 1, skipped: 1 },
    ]);
    // At the start the cell held only an idea; the brainstorm added a decision beside it.
    expect(summary.coverage.then.counts).toEqual({ empty: 29, exploring: 1, decided: 0, contested: 0 });
    expect(summary.coverage.now.counts).toEqual({ empty: 29, exploring: 0, decided: 1, contested: 0 });
    expect(summary.coverage.now.layers.devices).toBeGreaterThan(summary.coverage.then.layers.devices);
    expect(summary.votes).toHaveLength(1);
    expect(summary.votes[0]!.stepId).toBe('vote');
    expect(summary.votes[0]!.results.notes.map((v) => [v.note.id, v.dots, v.rank])).toEqual([
      ['soc', 3, 1],
      ['old', 1, 2],
    ]);
    expect(summary.open.emptyCells).toHaveLength(29);
  });

  it('is null for a board whose agenda never ran', () => {
    const doc = newBoard();
    takeFacilitator(doc, priya, LOCAL, 1);
    setAgenda(doc, [{ scope: { kind: 'board' }, activity: 'roadmap', timeboxMs: MIN }], priya.id, LOCAL);
    expect(agendaSummary(readBoard(doc), readAgenda(doc))).toBeNull();
    expect(boardMarkdown(readBoard(doc))).not.toMatch(/Guided workshop/);
  });

  it('writes a Markdown section the report carries once the agenda has run', () => {
    const doc = ranBoard();
    const md = agendaSummaryMarkdown(agendaSummary(readBoard(doc), readAgenda(doc))!);
    expect(md).toContain('## Guided workshop');
    expect(md).toContain(
      'Started 2026-03-12 14:00 UTC, finished 2026-03-12 14:09 UTC: 9 min spent of 18 min planned; 2 of 3 steps run.',
    );
    expect(md).toContain('| Devices / Hardware | 8 min | 9 min | – | 2 |');
    expect(md).toContain('| Cloud platform | 10 min | 0 s | – | 1 (1 not run) |');
    expect(md).toContain(
      '- Devices / Hardware · Vote: 2 people voted; 1. Use the nRF52 SoC (3 dots); 2. Solar panel on the lid (1 dot)',
    );
    expect(md).toMatch(/Empty cells:\n\n(- .*\n){15}- and 14 more\n/);
    const report = boardMarkdown(readBoard(doc));
    expect(report).toContain(md.trimEnd());
    expect(report.indexOf('## Guided workshop')).toBeGreaterThan(report.indexOf('## Roadmap'));
  });

  it('prints durations as a facilitator reads them', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * MIN + 20_000)).toBe('12 min');
    expect(formatDuration(125 * MIN)).toBe('2 h 05 min');
  });
});
