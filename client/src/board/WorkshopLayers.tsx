import type { Zone } from '@shared';
import { CompareLayer } from '../iterations/CompareLayer';
import { PrivateNotesLayer, type PrivateNotesLayerProps } from '../private/PrivateNotesLayer';
import type { WorkshopTools } from './useWorkshopTools';

/** The canvas layers of the workshop tools, above the board's notes: private notes, the comparison. */
export function WorkshopLayers({
  workshop,
  zones,
  editor,
}: {
  workshop: WorkshopTools;
  zones: readonly Zone[];
} & Omit<PrivateNotesLayerProps, 'notes'>) {
  const { brainstorm, iterations } = workshop;
  const { comparing, canRestore, restoreNote } = iterations;
  return (
    <>
      {/* Only while there are private notes: one Konva layer fewer for everyone else. */}
      {brainstorm.notes && brainstorm.count > 0 && (
        <PrivateNotesLayer notes={brainstorm.notes} editor={editor} />
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
