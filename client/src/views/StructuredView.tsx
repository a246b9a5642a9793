import type { BoardConnection } from '../board/BoardConnection';
import { GridView } from './GridView';
import { RoadmapView } from './RoadmapView';
import { useUndoKeys } from './useUndoKeys';
import type { BoardViewKind } from './ViewSwitcher';

/** The structured view chosen in the switcher; nothing for the canvas, which the board page draws. */
export function StructuredView({
  kind,
  connection,
  readOnly,
}: {
  kind: BoardViewKind;
  connection: BoardConnection;
  readOnly: boolean;
}) {
  useUndoKeys(connection, readOnly || kind === 'board');
  if (kind === 'grid') return <GridView connection={connection} readOnly={readOnly} />;
  if (kind === 'roadmap') return <RoadmapView connection={connection} readOnly={readOnly} />;
  return null;
}
