import { useParticipants } from '../core/presence/useParticipants';
import type { PresenceStore } from '../core/presence/PresenceStore';

/**
 * Silent brainstorming in the projector's rail: who holds how many private notes, never what they say.
 * Rendered only while silent mode runs, so presence changes re-render the rail only then.
 */
export function ProjectorSilent({ presence }: { presence: PresenceStore }) {
  const holders = useParticipants(presence).filter((p) => p.privateNotes > 0);
  return (
    <section className="projector-silent" aria-label="Silent brainstorming">
      <strong>Silent brainstorming</strong>
      {holders.length === 0 ? (
        <span className="projector-silent-none">no private notes yet</span>
      ) : (
        holders.map((p) => (
          <span key={p.userId} className="projector-silent-count">
            {p.name} {p.privateNotes}
          </span>
        ))
      )}
    </section>
  );
}
