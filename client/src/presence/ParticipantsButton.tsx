import { useId } from 'react';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { usePopover } from '../core/ui/usePopover';
import { Avatar } from '../core/ui/Avatar';
import { ParticipantsPanel } from './ParticipantsPanel';
import { useParticipants } from '../core/presence/useParticipants';
import './presence.css';

/** Avatars shown in the top bar before the count takes over. */
const SHOWN = 3;

/** The top bar's "who is here": a few avatars and a count, opening the participant list. */
export function ParticipantsButton({ connection }: { connection: BoardConnection }) {
  const { presence, store } = connection;
  const participants = useParticipants(presence);
  const { open, toggle, close, trigger } = usePopover();
  const panelId = useId();
  const here = participants.filter((p) => p.status !== 'offline');
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="participants-button"
        onClick={toggle}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
      >
        <span className="visually-hidden">People: </span>
        <span className="avatar-stack" aria-hidden>
          {here.slice(0, SHOWN).map((p) => (
            <span key={p.userId} className={`avatar-ring status-${p.status}`}>
              <Avatar name={p.name} color={p.color} size={24} />
            </span>
          ))}
        </span>
        <span className="participants-count">{here.length}</span>
        <span className="visually-hidden"> here</span>
      </button>
      {open && (
        <div id={panelId}>
          <ParticipantsPanel
            participants={participants}
            follow={presence.follow}
            store={store}
            onClose={close}
          />
        </div>
      )}
    </>
  );
}
