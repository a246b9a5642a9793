import {
  applyAwarenessUpdate,
  Awareness,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { PresenceUser } from './presenceSchema';

/** A person's user field, for tests. */
export function testUser(id: string, name = id, color = '#1d4ed8', department = 'cloud'): PresenceUser {
  return { id, name, department, color };
}

/**
 * Awareness instances wired to each other as the relay would: every update one makes reaches the others.
 * `leave` removes a tab the way the relay announces a closed connection.
 */
export class AwarenessRoom {
  readonly members: Awareness[] = [];

  join(): Awareness {
    const awareness = new Awareness(new Y.Doc());
    for (const other of this.members) {
      // What is already there reaches the newcomer, as the relay's first message does.
      const clients = [...other.getStates().keys()].filter((id) => id === other.clientID);
      if (clients.length) applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, clients), 'relay');
    }
    awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        if (origin === 'relay') return;
        const changed = [...added, ...updated, ...removed];
        const update = encodeAwarenessUpdate(awareness, changed);
        for (const other of this.members)
          if (other !== awareness) applyAwarenessUpdate(other, update, 'relay');
      },
    );
    this.members.push(awareness);
    return awareness;
  }

  /** Sends a raw local state as a (possibly broken) client would. */
  send(awareness: Awareness, state: Record<string, unknown> | null): void {
    awareness.setLocalState(state);
  }

  leave(awareness: Awareness): void {
    this.members.splice(this.members.indexOf(awareness), 1);
    for (const other of this.members) removeAwarenessStates(other, [awareness.clientID], 'relay');
    awareness.destroy();
  }

  destroy(): void {
    for (const a of this.members) a.destroy();
    this.members.length = 0;
  }
}
