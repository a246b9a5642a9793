import type { PresenceState, PresenceUser } from './presenceSchema';

export type ParticipantStatus = 'online' | 'idle' | 'offline';

/** One person, however many tabs they have open. */
export interface Participant {
  userId: string;
  name: string;
  department: string;
  color: string;
  status: ParticipantStatus;
  /** This device's own person. */
  self: boolean;
  /** Their connected tabs (awareness client ids), the one to follow first. */
  clientIds: readonly number[];
  /** Private notes held across their tabs. */
  privateNotes: number;
}

/** Someone who was here in this session and left. */
export interface DepartedUser {
  user: PresenceUser;
  leftAt: number;
}

const STATUS_ORDER: Record<ParticipantStatus, number> = { online: 0, idle: 1, offline: 2 };

/**
 * Which of a person's tabs speaks for them: a tab in use before an idle one, then the one with the latest
 * input (its identity is the newest too), then the higher client id, so every device picks the same.
 */
export function compareTabs(a: [number, PresenceState], b: [number, PresenceState]): number {
  if (a[1].idle !== b[1].idle) return a[1].idle ? 1 : -1;
  return b[1].active - a[1].active || b[0] - a[0];
}

/**
 * Groups awareness states into people (by user id), adds those who left during this session, and sorts
 * them: this device's person first, then online, idle and offline, each by name.
 */
export function groupParticipants(
  tabs: Iterable<[number, PresenceState]>,
  selfUserId: string,
  departed: Iterable<DepartedUser>,
): Participant[] {
  const byUser = new Map<string, [number, PresenceState][]>();
  for (const tab of tabs) {
    const list = byUser.get(tab[1].user.id);
    if (list) list.push(tab);
    else byUser.set(tab[1].user.id, [tab]);
  }
  const people: Participant[] = [];
  for (const [userId, list] of byUser) {
    list.sort(compareTabs);
    const lead = list[0]![1];
    people.push({
      userId,
      name: lead.user.name,
      department: lead.user.department,
      color: lead.user.color,
      status: list.some(([, s]) => !s.idle) ? 'online' : 'idle',
      self: userId === selfUserId,
      clientIds: list.map(([id]) => id),
      privateNotes: list.reduce((sum, [, s]) => sum + s.privateNotes, 0),
    });
  }
  for (const { user } of departed) {
    if (byUser.has(user.id)) continue;
    people.push({
      userId: user.id,
      name: user.name,
      department: user.department,
      color: user.color,
      status: 'offline',
      self: user.id === selfUserId,
      clientIds: [],
      privateNotes: 0,
    });
  }
  return people.sort(
    (a, b) =>
      Number(b.self) - Number(a.self) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.name.localeCompare(b.name) ||
      a.userId.localeCompare(b.userId),
  );
}

/** Whether two participant lists would show the same: lets the store keep its old snapshot. */
export function sameParticipants(a: readonly Participant[], b: readonly Participant[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]!;
      return (
        p.userId === q.userId &&
        p.name === q.name &&
        p.department === q.department &&
        p.color === q.color &&
        p.status === q.status &&
        p.self === q.self &&
        p.privateNotes === q.privateNotes &&
        p.clientIds.length === q.clientIds.length &&
        p.clientIds.every((id, j) => id === q.clientIds[j])
      );
    })
  );
}

/** An author of notes on the board who is not here now: known by name and department only. */
export interface AbsentAuthor {
  name: string;
  department: string;
  /** The note colour they used most. */
  noteColor: string;
  notes: number;
}

/**
 * The authors of notes on the board who are not in the participant list (matched by name and
 * department, which is all a note records), most prolific first, at most `limit`.
 */
export function absentAuthors(
  notes: readonly { author: string; department: string; color: string }[],
  present: readonly Pick<Participant, 'name' | 'department'>[],
  limit: number,
): { authors: AbsentAuthor[]; more: number } {
  const key = (name: string, department: string) => `${name.trim().toLowerCase()}\u0000${department}`;
  const here = new Set(present.map((p) => key(p.name, p.department)));
  const found = new Map<
    string,
    { name: string; department: string; notes: number; colors: Map<string, number> }
  >();
  for (const note of notes) {
    const name = note.author.trim();
    if (!name) continue;
    const k = key(name, note.department);
    if (here.has(k)) continue;
    let entry = found.get(k);
    if (!entry) found.set(k, (entry = { name, department: note.department, notes: 0, colors: new Map() }));
    entry.notes++;
    entry.colors.set(note.color, (entry.colors.get(note.color) ?? 0) + 1);
  }
  const all = [...found.values()]
    .map(({ colors, ...rest }) => ({
      ...rest,
      noteColor: [...colors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
    }))
    .sort((a, b) => b.notes - a.notes || a.name.localeCompare(b.name));
  return { authors: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
