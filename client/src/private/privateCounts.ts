import type { Participant } from '../core/presence/participants';

/** "Ana 3 · Ben 5": who holds private notes and how many, this person first as the list sorts them. */
export function privateCounts(participants: readonly Participant[]): string {
  return participants
    .filter((p) => p.privateNotes > 0)
    .map((p) => `${p.self ? `${p.name} (you)` : p.name} ${p.privateNotes}`)
    .join(' · ');
}
