import { agendaSummary, agendaSummaryMarkdown } from './agendaSummary';
import { DEFAULT_TITLE } from './boardTitle';
import { CELL_STATE_MEANING, computeCoverage, formatCoverage, type CellState } from './coverage';
import { dependencyIssues } from './dependencies';
import { AREAS, cellPrompt, departmentName, getArea, getLayer, HORIZONS, type NoteKind } from './framework';
import { mdInline, reportTime } from './markdownText';
import { createProjector, type Placement } from './projection';
import { buildRoadmap } from './roadmap';
import type { BoardSnapshot, Note } from './schema';
import { voteScopeName, type VoteRound } from './voteRounds';
import { voteResults } from './voting';

/**
 * The workshop report in Markdown: the take-home of a workshop, served as export.md and rendered as the
 * printable report page. Built from a board snapshot alone, so the server and the app write the same.
 */

const STATE_LABEL: Readonly<Record<CellState, string>> = {
  empty: 'gap',
  exploring: 'exploring',
  decided: 'decided',
  contested: 'contested',
};

export { reportTime };

function noteLine(note: Note): string {
  const who = [note.author, note.department && departmentName(note.department)].filter(Boolean).join(', ');
  return `${mdInline(note.text) || '(empty note)'}${who ? ` (${mdInline(who)})` : ''}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The name of a cell, or where a note lies when it is in none. */
function placeName(where: Placement | null | undefined): string {
  if (!where) return 'off the layers';
  return `${getLayer(where.layer).name}${where.area ? ` / ${getArea(where.area).name}` : ''}`;
}

/**
 * The workshop report: coverage and the gaps to close, then per layer and area every note (decisions,
 * open questions, risks, ideas) and each gap with its question, the notes outside every layer, the
 * dependencies and what their checks found, every revealed vote round with its ranking, the roadmap,
 * and the guided workshop's summary once an agenda has run to its end.
 * Department ids are written as their names.
 */
export function boardMarkdown(board: BoardSnapshot): string {
  const projector = createProjector(board.zones);
  const placements = new Map(board.notes.map((n) => [n.id, projector.placeNote(n)]));
  const coverage = computeCoverage(board.notes, board.zones, placements);
  const byId = new Map(board.notes.map((n) => [n.id, n]));
  const label = (id: string) => {
    const note = byId.get(id);
    if (!note) return `(missing note ${mdInline(id)})`;
    return `${mdInline(note.text) || '(empty note)'} [${placeName(placements.get(id))}]`;
  };

  const out: string[] = [];
  out.push(`# ${mdInline(board.meta.title) || DEFAULT_TITLE}`, '');
  out.push(
    `Coverage: ${formatCoverage(coverage.score)} (${coverage.counts.decided} decided, ${coverage.counts.contested} contested, ` +
      `${coverage.counts.exploring} exploring, ${coverage.counts.empty} gaps of 30 cells); ` +
      `${plural(board.notes.length, 'note', 'notes')}, ${plural(board.links.length, 'dependency', 'dependencies')}, ` +
      `${plural(board.voteRounds.length, 'vote round', 'vote rounds')}.`,
    '',
  );
  // The states are explained where they are first used: "contested" is no everyday word.
  out.push(
    'Cell states: ' +
      (['decided', 'contested', 'exploring', 'empty'] as const)
        .map((state) => `${STATE_LABEL[state]}: ${CELL_STATE_MEANING[state]}`)
        .join('; ') +
      '.',
    '',
  );
  out.push('| layer | score | ' + AREAS.map((a) => a.name).join(' | ') + ' |');
  out.push('|---|--:|' + AREAS.map(() => '---').join('|') + '|');
  for (const layer of coverage.layers) {
    out.push(
      `| ${getLayer(layer.layer).name} | ${formatCoverage(layer.score)} | ` +
        layer.cells.map((c) => STATE_LABEL[c.state]).join(' | ') +
        ' |',
    );
  }
  out.push('');

  out.push('## Gaps to close', '');
  if (coverage.gaps.length === 0) out.push('None: every cell holds notes.', '');
  else {
    for (const gap of coverage.gaps) {
      out.push(
        `- ${placeName({ layer: gap.layer, area: gap.area })}: ${mdInline(cellPrompt(gap.layer, gap.area))}`,
      );
    }
    out.push('');
  }

  for (const layer of coverage.layers) {
    out.push(`## ${getLayer(layer.layer).name}`, '');
    for (const cell of layer.cells) {
      out.push(`### ${getArea(cell.area).name} (${STATE_LABEL[cell.state]})`, '');
      if (cell.state === 'empty') {
        out.push(`Gap: ${mdInline(cellPrompt(cell.layer, cell.area))}`, '');
        continue;
      }
      const notes = cell.noteIds.map((id) => byId.get(id)!);
      const section = (title: string, kind: NoteKind) => {
        const items = notes.filter((n) => n.kind === kind);
        if (items.length === 0) return;
        out.push(`${title}:`, '', ...items.map((n) => `- ${noteLine(n)}`), '');
      };
      section('Decisions', 'decision');
      section('Open questions', 'question');
      section('Risks', 'risk');
      section('Ideas', 'idea');
    }
    if (layer.unsortedNoteIds.length > 0) {
      out.push(
        'Not in an area yet:',
        '',
        ...layer.unsortedNoteIds.map((id) => `- ${noteLine(byId.get(id)!)}`),
        '',
      );
    }
  }
  if (coverage.offBoardNoteIds.length > 0) {
    out.push('## Outside the layers', '');
    out.push(...coverage.offBoardNoteIds.map((id) => `- ${noteLine(byId.get(id)!)}`), '');
  }

  out.push('## Dependencies', '');
  if (board.links.length === 0) out.push('None recorded.', '');
  else {
    for (const link of board.links) {
      const because = link.label ? `: ${mdInline(link.label)}` : '';
      out.push(`- ${label(link.from)} affects ${label(link.to)}${because}`);
    }
    out.push('');
  }
  const issues = dependencyIssues(board.notes, board.links);
  if (issues.length > 0) {
    out.push('Problems:', '');
    for (const issue of issues) {
      if (issue.kind === 'openQuestion') {
        out.push(
          `- The decision ${label(issue.decision)} depends on an open question: ${label(issue.question)}`,
        );
      } else if (issue.kind === 'danglingLink') {
        out.push(`- A dependency (${mdInline(issue.link)}) has lost its ${issue.missing.join(' and ')} note`);
      } else {
        out.push(`- A cycle: ${issue.notes.map(label).join(' → ')} → back to the first`);
      }
    }
    out.push('');
  } else if (board.links.length > 0) {
    out.push('Checks: no decision depends on an open question, and no dependency is circular.', '');
  }

  out.push('## Votes', '');
  if (board.voteRounds.length === 0) out.push('No vote has been revealed.', '');
  board.voteRounds.forEach((round, i) => {
    out.push(...voteRoundSection(board.notes, round, i + 1, (id) => placeName(placements.get(id))));
  });

  out.push('## Roadmap', '');
  const roadmap = buildRoadmap(board.notes, board.zones, board.links, placements);
  out.push('| layer | ' + HORIZONS.join(' | ') + ' | not planned |');
  out.push('|---|' + HORIZONS.map(() => '---').join('|') + '|---|');
  for (const lane of roadmap.lanes) {
    const cell = (ids: string[]) => ids.map((id) => mdInline(byId.get(id)!.text)).join('<br>') || '–';
    out.push(
      `| ${getLayer(lane.layer).name} | ` +
        HORIZONS.map((h) => cell(lane.byHorizon[h])).join(' | ') +
        ` | ${cell(lane.unplanned)} |`,
    );
  }
  out.push('');
  if (roadmap.unplaced.length > 0) {
    out.push('Decisions outside the layers (no lane):', '');
    out.push(...roadmap.unplaced.map((id) => `- ${label(id)}`), '');
  }
  if (roadmap.warnings.length > 0) {
    out.push('Planned too early:', '');
    for (const w of roadmap.warnings) {
      out.push(
        `- ${label(w.note)} is planned for ${w.noteHorizon} but depends on ${label(w.dependency)}, ` +
          (w.dependencyHorizon ? `planned for ${w.dependencyHorizon}` : 'not planned'),
      );
    }
    out.push('');
  }
  // The guided workshop's summary, once its agenda has run to the end.
  const summary = board.agenda?.run?.status === 'finished' ? agendaSummary(board, board.agenda) : null;
  if (summary) out.push(agendaSummaryMarkdown(summary));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** One revealed round: what it was about, who voted, and its ranking as a table. */
function voteRoundSection(
  notes: readonly Note[],
  round: VoteRound,
  number: number,
  where: (noteId: string) => string,
): string[] {
  const results = voteResults(notes, round);
  const out = [
    `### Round ${number}: ${voteScopeName(round.scope)}`,
    '',
    `Revealed ${reportTime(round.revealedAt)}; ${plural(round.dotsPerPerson, 'dot', 'dots')} per person; ` +
      `${plural(round.voters, 'person', 'people')} voted, ${plural(results.dotsCast, 'dot', 'dots')} in all.`,
    '',
  ];
  if (results.notes.length === 0) out.push('No one placed a dot in this round.', '');
  else {
    out.push('| rank | note | where | dots | people |', '|--:|---|---|--:|--:|');
    for (const { note, rank, dots, voters } of results.notes) {
      out.push(
        `| ${rank} | ${mdInline(note.text) || '(empty note)'} | ${where(note.id)} | ${dots} | ${voters} |`,
      );
    }
    out.push('');
  }
  const gone = Object.keys(round.totals).length - results.notes.length;
  if (gone > 0) out.push(`${plural(gone, 'dotted note has', 'dotted notes have')} been deleted since.`, '');
  return out;
}
