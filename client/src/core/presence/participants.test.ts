import { describe, expect, it } from 'vitest';
import { absentAuthors, groupParticipants } from './participants';
import { EMPTY_FIELDS, type PresenceState } from './presenceSchema';
import { testUser } from './testing';

function tab(id: string, name: string, fields: Partial<PresenceState> = {}): PresenceState {
  return { ...EMPTY_FIELDS, user: testUser(id, name), ...fields };
}

describe('groupParticipants', () => {
  it('orders this person first, then online, idle and offline people by name', () => {
    const people = groupParticipants(
      [
        [1, tab('zed', 'Zed')],
        [2, tab('me', 'Me', { idle: true })],
        [3, tab('al', 'Al', { idle: true })],
        [4, tab('bo', 'Bo')],
      ],
      'me',
      [{ user: testUser('cy', 'Cy'), leftAt: 1 }],
    );
    expect(people.map((p) => `${p.name}:${p.status}`)).toEqual([
      'Me:idle',
      'Bo:online',
      'Zed:online',
      'Al:idle',
      'Cy:offline',
    ]);
  });

  it("takes a person's name from their most recently used tab and sums their private notes", () => {
    const [ben] = groupParticipants(
      [
        [1, tab('ben', 'Old name', { active: 100, privateNotes: 2 })],
        [2, tab('ben', 'New name', { active: 200, privateNotes: 3 })],
      ],
      'me',
      [],
    );
    expect(ben).toMatchObject({ name: 'New name', clientIds: [2, 1], privateNotes: 5, status: 'online' });
  });

  it('does not list someone as offline while a tab of theirs is here', () => {
    const people = groupParticipants([[1, tab('ben', 'Ben')]], 'me', [
      { user: testUser('ben', 'Ben'), leftAt: 1 },
    ]);
    expect(people).toHaveLength(1);
    expect(people[0]!.status).toBe('online');
  });
});

describe('absentAuthors', () => {
  const note = (author: string, department: string, color = 'yellow') => ({ author, department, color });

  it('lists authors of notes who are not here, most notes first, with their usual colour', () => {
    const { authors, more } = absentAuthors(
      [
        note('Ana', 'hardware', 'orange'),
        note('Dee', 'legal', 'pink'),
        note('Dee', 'legal', 'blue'),
        note('Dee', 'legal', 'blue'),
        note('Eve', 'cloud'),
        note('', 'cloud'),
      ],
      [{ name: 'ana', department: 'hardware' }],
      10,
    );
    expect(authors).toEqual([
      { name: 'Dee', department: 'legal', notes: 3, noteColor: 'blue' },
      { name: 'Eve', department: 'cloud', notes: 1, noteColor: 'yellow' },
    ]);
    expect(more).toBe(0);
  });

  it('tells a namesake from another department apart', () => {
    const { authors } = absentAuthors([note('Ana', 'legal')], [{ name: 'Ana', department: 'hardware' }], 10);
    expect(authors.map((a) => a.department)).toEqual(['legal']);
  });

  it('bounds the list and counts the rest', () => {
    const notes = Array.from({ length: 30 }, (_, i) => note(`P${i}`, 'apps'));
    const { authors, more } = absentAuthors(notes, [], 20);
    expect(authors).toHaveLength(20);
    expect(more).toBe(10);
  });
});
