import { describe, expect, it } from 'vitest';
import { dependencyIssues, reachOf } from './dependencies';
import type { NoteKind } from './framework';
import type { Link } from './schema';

const note = (id: string, kind: NoteKind = 'decision') => ({ id, kind });
const link = (from: string, to: string, id = `${from}-${to}`): Link => ({ id, from, to, label: '' });

describe('reachOf', () => {
  it('follows links both ways, transitively, nearest first, skipping missing notes', () => {
    const notes = ['radio', 'battery', 'enclosure', 'cloud', 'app'].map((id) => note(id));
    const links = [
      link('radio', 'battery'),
      link('battery', 'enclosure'),
      link('radio', 'cloud'),
      link('cloud', 'app'),
      link('ghost', 'radio'),
    ];
    expect(reachOf('radio', notes, links)).toEqual({
      affects: [
        { id: 'battery', depth: 1 },
        { id: 'cloud', depth: 1 },
        { id: 'enclosure', depth: 2 },
        { id: 'app', depth: 2 },
      ],
      affectedBy: [],
    });
    expect(reachOf('enclosure', notes, links).affectedBy).toEqual([
      { id: 'battery', depth: 1 },
      { id: 'radio', depth: 2 },
    ]);
  });

  it('terminates on a cycle', () => {
    const notes = [note('a'), note('b')];
    expect(reachOf('a', notes, [link('a', 'b'), link('b', 'a')]).affects).toEqual([{ id: 'b', depth: 1 }]);
  });
});

describe('dependencyIssues', () => {
  it('finds a decision that depends on an open question, a dangling link and cycles', () => {
    const notes = [note('q', 'question'), note('d'), note('x'), note('y'), note('z'), note('self')];
    const links = [
      link('q', 'd', 'L1'),
      link('d', 'gone', 'L2'),
      link('x', 'y'),
      link('y', 'z'),
      link('z', 'x'),
      link('self', 'self'),
    ];
    expect(dependencyIssues(notes, links)).toEqual([
      { kind: 'openQuestion', decision: 'd', question: 'q', link: 'L1' },
      { kind: 'danglingLink', link: 'L2', missing: ['to'] },
      { kind: 'cycle', notes: ['self'] },
      { kind: 'cycle', notes: ['x', 'y', 'z'] },
    ]);
  });

  it('reports nothing for a clean chain, and a question feeding an idea is fine', () => {
    const notes = [note('q', 'question'), note('i', 'idea'), note('d')];
    expect(dependencyIssues(notes, [link('q', 'i'), link('i', 'd')])).toEqual([]);
  });

  it('handles a long chain without recursion limits', () => {
    const count = 20_000;
    const notes = Array.from({ length: count }, (_, i) => note(`n${i}`));
    const links = Array.from({ length: count - 1 }, (_, i) => link(`n${i}`, `n${i + 1}`));
    links.push(link(`n${count - 1}`, 'n0'));
    const issues = dependencyIssues(notes, links);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'cycle' });
    expect((issues[0] as { notes: string[] }).notes).toHaveLength(count);
  });
});
