import type { Dispatch, RefObject, SetStateAction } from 'react';
import type { Zone } from '@shared';
import type { Point } from '../board/viewport';
import { CompareLayer } from '../iterations/CompareLayer';
import { PrivateNotesLayer } from '../private/PrivateNotesLayer';
import type { WorkshopTools } from './useWorkshopTools';

/** The canvas layers of the workshop tools, above the board's notes: private notes, the comparison. */
export function WorkshopLayers({
  workshop,
  zones,
  selection,
  setSelection,
  setSelectedLinkId,
  editingId,
  setEditingId,
  spaceHeld,
  onContextMenu,
}: {
  workshop: WorkshopTools;
  zones: readonly Zone[];
  selection: ReadonlySet<string>;
  setSelection: Dispatch<SetStateAction<ReadonlySet<string>>>;
  setSelectedLinkId: (id: string | null) => void;
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  spaceHeld: RefObject<boolean>;
  onContextMenu: (noteId: string, at: Point) => void;
}) {
  const { brainstorm, iterations } = workshop;
  const { comparing, canRestore, restoreNote } = iterations;
  return (
    <>
      {/* Only while there are private notes: one Konva layer fewer for everyone else. */}
      {brainstorm.notes && brainstorm.count > 0 && (
        <PrivateNotesLayer
          notes={brainstorm.notes}
          selection={selection}
          setSelection={setSelection}
          setSelectedLinkId={setSelectedLinkId}
          editingId={editingId}
          setEditingId={setEditingId}
          spaceHeld={spaceHeld}
          onContextMenu={onContextMenu}
        />
      )}
      {comparing && (
        <CompareLayer
          comparison={comparing.comparison}
          zones={zones}
          onRestore={canRestore ? restoreNote : null}
        />
      )}
    </>
  );
}
