import type { Link, Note } from './schema';

/**
 * Dependencies on the board: a link `from -> to` says that the decision in `from` affects the one in
 * `to` (so `to` depends on `from`).
 */

type DependencyNote = Pick<Note, 'id' | 'kind'>;

export interface Reach {
  /** Notes this one affects, directly or through others, nearest first: id and number of steps. */
  affects: { id: string; depth: number }[];
  /** Notes that affect this one, directly or through others, nearest first. */
  affectedBy: { id: string; depth: number }[];
}

function adjacency(links: readonly Link[], forward: boolean): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const link of links) {
    const [a, b] = forward ? [link.from, link.to] : [link.to, link.from];
    const list = next.get(a);
    if (list) list.push(b);
    else next.set(a, [b]);
  }
  return next;
}

function walk(start: string, next: ReadonlyMap<string, string[]>, exists: (id: string) => boolean) {
  const seen = new Map<string, number>([[start, 0]]);
  const found: { id: string; depth: number }[] = [];
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const following: string[] = [];
    for (const id of frontier) {
      for (const neighbour of next.get(id) ?? []) {
        if (seen.has(neighbour) || !exists(neighbour)) continue;
        seen.set(neighbour, depth);
        found.push({ id: neighbour, depth });
        following.push(neighbour);
      }
    }
    frontier = following;
  }
  return found;
}

/** What a note affects and what affects it, across the whole board (links to missing notes skipped). */
export function reachOf(noteId: string, notes: readonly DependencyNote[], links: readonly Link[]): Reach {
  const ids = new Set(notes.map((n) => n.id));
  const exists = (id: string) => ids.has(id);
  return {
    affects: walk(noteId, adjacency(links, true), exists),
    affectedBy: walk(noteId, adjacency(links, false), exists),
  };
}

export type DependencyIssue =
  /** A decision depends on a question that is still open. */
  | { kind: 'openQuestion'; decision: string; question: string; link: string }
  /** A link whose note at one end (or both) is gone. */
  | { kind: 'danglingLink'; link: string; missing: ('from' | 'to')[] }
  /** Notes that depend on each other in a circle, in link order (the first is the smallest id). */
  | { kind: 'cycle'; notes: string[] };

/** The checks of the dependency panel: open questions under decisions, dangling links, cycles. */
export function dependencyIssues(
  notes: readonly DependencyNote[],
  links: readonly Link[],
): DependencyIssue[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const issues: DependencyIssue[] = [];
  for (const link of links) {
    const missing: ('from' | 'to')[] = [];
    if (!byId.has(link.from)) missing.push('from');
    if (!byId.has(link.to)) missing.push('to');
    if (missing.length > 0) {
      issues.push({ kind: 'danglingLink', link: link.id, missing });
      continue;
    }
    if (byId.get(link.from)!.kind === 'question' && byId.get(link.to)!.kind === 'decision') {
      issues.push({ kind: 'openQuestion', decision: link.to, question: link.from, link: link.id });
    }
  }
  for (const cycle of findCycles(links.filter((l) => byId.has(l.from) && byId.has(l.to)))) {
    issues.push({ kind: 'cycle', notes: cycle });
  }
  return issues;
}

/**
 * One cycle per strongly connected group of notes (Tarjan's algorithm, iterative), reported as a path
 * around it starting from its smallest id; a note linked to itself is a cycle of one.
 */
function findCycles(links: readonly Link[]): string[][] {
  const next = adjacency(links, true);
  for (const list of next.values()) list.sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  const nodes = [...new Set(links.flatMap((l) => [l.from, l.to]))].sort();
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { id: string; edge: number }[] = [{ id: root, edge: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = next.get(frame.id) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const group: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          group.push(id);
        } while (id !== frame.id);
        const selfLoop = group.length === 1 && (next.get(group[0]!) ?? []).includes(group[0]!);
        if (group.length > 1 || selfLoop) groups.push(group);
      }
    }
  }
  return groups.map((group) => cyclePath(group, next)).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** A path that goes round a strongly connected group, from its smallest id back to it. */
function cyclePath(group: string[], next: ReadonlyMap<string, string[]>): string[] {
  const members = new Set(group);
  const start = [...group].sort()[0]!;
  // Breadth-first from start to any member linking back to start: the shortest way round.
  const parent = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const to of next.get(id) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [id];
        for (let p = parent.get(id); p; p = parent.get(p)) path.push(p);
        return path.reverse();
      }
      if (!parent.has(to)) {
        parent.set(to, id);
        queue.push(to);
      }
    }
  }
  return [start];
}
