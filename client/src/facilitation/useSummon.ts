import { useEffect } from 'react';
import type { Editor } from '../core/editor/Editor';
import { fitRect, type Viewport } from '../core/viewport/viewport';
import { watchSummons } from './summonWatch';

/**
 * Answers the facilitator's "bring everyone here" (the document's session `summon`, see watchSummons):
 * this page stops following whoever it followed and moves once to what the facilitator's screen showed.
 */
export function useSummonReceiver(editor: Editor, fly: (target: Viewport) => void): void {
  // One watch for the page's life: it remembers which summons it has seen and whether the page joined.
  useEffect(() => {
    const { connection } = editor;
    return watchSummons(connection.doc, connection.provider, connection.origin, (summon) => {
      const { width, height } = editor.size;
      if (width === 0 || height === 0) return;
      connection.presence.follow.stop();
      fly(fitRect(summon.viewport, width, height, 0));
    });
  }, [editor, fly]);
}
