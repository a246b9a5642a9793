import type { RefObject } from 'react';
import type { BoardConnection } from '../core/connection/BoardConnection';
import type { Identity } from '../core/identity/identity';
import type { PrivateBrainstorm } from '../core/private/usePrivateNotes';
import { GridView } from './GridView';
import { RoadmapView } from './RoadmapView';
import { useUndoKeys } from './useUndoKeys';
import type { BoardViewKind } from './ViewSwitcher';

/** The structured view chosen in the switcher; nothing for the canvas, which the board page draws. */
export function StructuredView({
  kind,
  connection,
  readOnly,
  canEdit,
  identity,
  brainstorm,
  addNoteRef,
}: {
  kind: BoardViewKind;
  connection: BoardConnection;
  readOnly: boolean;
  /** Notes can be added and edited (not while a vote turns clicks into dots). */
  canEdit: boolean;
  identity: Identity;
  brainstorm: PrivateBrainstorm;
  /** Where the board page's "+ Note" finds the grid's add. */
  addNoteRef: RefObject<(() => void) | null>;
}) {
  useUndoKeys(connection, readOnly || kind === 'board');
  if (kind === 'grid')
    return (
      <GridView
        connection={connection}
        readOnly={readOnly}
        canEdit={canEdit}
        identity={identity}
        brainstorm={brainstorm}
        addNoteRef={addNoteRef}
      />
    );
  if (kind === 'roadmap') return <RoadmapView connection={connection} readOnly={readOnly} />;
  return null;
}
