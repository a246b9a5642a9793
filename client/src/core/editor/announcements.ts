import { voteScopeName, type SessionSnapshot } from '@shared';
import { cellName } from './keyboardNavigation';

/**
 * What the live region says, as pure functions: a digest of what other people did to the notes, and a
 * sentence for each change of the workshop session. The Announcer feeds them; tests drive them alone.
 */

/** One thing someone else did, as the announcer saw it in a remote change of the document. */
export type BoardEvent =
  | { kind: 'added'; who: string | null; noteId: string; cell: string }
  | { kind: 'edited'; who: string | null; noteId: string }
  | { kind: 'moved'; who: string | null; noteId: string; cell: string }
  | { kind: 'deleted'; who: string | null; noteId: string }
  | { kind: 'linked'; who: string | null; linkId: string }
  | { kind: 'unlinked'; who: string | null; linkId: string };

const count = (n: number, one: string, many: string) => (n === 1 ? `a ${one}` : `${n} ${many}`);

/** "Cloud platform · Data", "A and B", or "3 cells". */
function cellsPhrase(cells: readonly string[]): string {
  if (cells.length === 1) return cells[0]!;
  if (cells.length === 2) return `${cells[0]} and ${cells[1]}`;
  return `${cells.length} cells`;
}

/**
 * One sentence per person and kind of change, in the order they first happened, so a busy room is
 * told "Ana added 3 notes in Cloud platform · Data" once rather than three times; a note typed into
 * over many changes counts once. A note added and then edited within the same digest is only said as
 * added (its text is part of adding it), and a note added and deleted again is not said at all.
 */
export function digestEvents(events: readonly BoardEvent[]): string[] {
  const added = new Set(
    events.filter((e) => e.kind === 'added').map((e) => (e as { noteId: string }).noteId),
  );
  const deleted = new Set(events.filter((e) => e.kind === 'deleted').map((e) => e.noteId));
  // Per group, each note's cell: the last one seen, so a note moved twice is said where it ended up.
  const groups = new Map<
    string,
    { who: string | null; kind: BoardEvent['kind']; ids: Map<string, string | null> }
  >();
  for (const event of events) {
    const id = 'noteId' in event ? event.noteId : event.linkId;
    if ('noteId' in event) {
      const fleeting = added.has(id) && deleted.has(id);
      if (fleeting) continue;
      if ((event.kind === 'edited' || event.kind === 'moved') && (added.has(id) || deleted.has(id))) continue;
    }
    const key = `${event.kind}\u0000${event.who ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { who: event.who, kind: event.kind, ids: new Map() }));
    group.ids.delete(id);
    group.ids.set(id, 'cell' in event ? event.cell : null);
  }
  return [...groups.values()].map(({ who, kind, ids }) => {
    const subject = who ?? 'Someone';
    const n = ids.size;
    const cells = [...new Set([...ids.values()].filter((c): c is string => c !== null))];
    switch (kind) {
      case 'added':
        return `${subject} added ${count(n, 'note', 'notes')} in ${cellsPhrase(cells)}`;
      case 'edited':
        return `${subject} edited ${count(n, 'note', 'notes')}`;
      case 'moved':
        return `${subject} moved ${count(n, 'note', 'notes')} to ${cellsPhrase(cells)}`;
      case 'deleted':
        return `${subject} deleted ${count(n, 'note', 'notes')}`;
      case 'linked':
        return `${subject} linked ${n === 1 ? 'two notes' : `notes ${n} times`}`;
      case 'unlinked':
        return `${subject} removed ${count(n, 'link', 'links')}`;
    }
  });
}

function minutes(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  const parts = [
    m > 0 ? `${m} minute${m === 1 ? '' : 's'}` : '',
    s > 0 ? `${s} second${s === 1 ? '' : 's'}` : '',
  ];
  return parts.filter(Boolean).join(' ') || '0 seconds';
}

/**
 * What changed in the workshop session between two snapshots, in sentences: the facilitator role,
 * the focus, a dot vote opening, being revealed or closed, the timer starting, pausing or stopping,
 * and silent brainstorming. The timer running out is a moment in time, not a change: the Announcer
 * says it.
 */
export function sessionSentences(before: SessionSnapshot, after: SessionSnapshot): string[] {
  const said: string[] = [];
  const was = before.facilitator;
  const now = after.facilitator;
  if (was?.id !== now?.id) {
    if (now) said.push(`${now.name} is now the facilitator`);
    else if (was) said.push(`${was.name} is no longer the facilitator`);
  }
  const focusKey = (f: SessionSnapshot['focus']) => (f ? `${f.layer}/${f.area ?? ''}` : null);
  if (focusKey(before.focus) !== focusKey(after.focus)) {
    said.push(after.focus ? `Focus on ${cellName(after.focus)}` : 'Focus cleared');
  }
  const vote = after.vote;
  const prior = before.vote;
  if (vote && (prior?.id !== vote.id || prior.status !== vote.status)) {
    if (vote.status === 'open') {
      said.push(
        `Dot vote open on ${voteScopeName(vote.scope)}: ${vote.dotsPerPerson} dot${vote.dotsPerPerson === 1 ? '' : 's'} each`,
      );
    } else said.push('Vote results revealed');
  } else if (!vote && prior)
    said.push(prior.status === 'open' ? 'The vote was closed' : 'Vote results hidden');
  const timer = after.timer;
  const priorTimer = before.timer;
  if (
    timer?.status === 'running' &&
    (priorTimer?.status !== 'running' || priorTimer.endsAt !== timer.endsAt)
  ) {
    said.push(
      priorTimer?.status === 'paused' ? 'Timer resumed' : `Timer started: ${minutes(timer.durationMs)}`,
    );
  } else if (timer?.status === 'paused' && priorTimer?.status === 'running') said.push('Timer paused');
  else if (!timer && priorTimer) said.push('Timer stopped');
  const silent = after.silent;
  const priorSilent = before.silent;
  if (silent?.active && !priorSilent?.active) {
    said.push('Silent brainstorming started: your new notes stay private until the reveal');
  } else if (silent?.revealedAt !== undefined && silent.revealedAt !== priorSilent?.revealedAt) {
    said.push('Silent brainstorming revealed: everyone’s notes are on the board');
  }
  return said;
}
