import { useEffect, useRef } from 'react';
import { focusRect, type Focus } from '@shared';
import type { Editor } from '../core/editor/Editor';
import { hasSizeOf, useEditorValue } from '../core/editor/useEditorValue';
import { useZones } from '../core/store/useBoardStore';
import { fitRect, type Viewport } from '../core/viewport/viewport';

/**
 * Flies the view to the focused layer (or area) each time the facilitator sets a focus, and once when
 * the page opens on a board that has one: layer-by-layer brainstorming starts with everyone looking at
 * the same canvas. Between changes of focus people move freely.
 */
export function useFocusFlight(editor: Editor, focus: Focus | null, fly: (target: Viewport) => void): void {
  const zones = useZones(editor.connection.store);
  const hasSize = useEditorValue(editor, hasSizeOf);
  const flown = useRef<string | null>(null);
  useEffect(() => {
    if (!focus || zones.length === 0 || !hasSize) return;
    // `since` tells a new focus on the same layer (asked for again) from the one already flown to.
    const key = `${focus.layer}:${focus.area ?? ''}:${focus.since}`;
    if (flown.current === key) return;
    const rect = focusRect(zones, focus);
    if (!rect) return;
    flown.current = key;
    fly(fitRect(rect, editor.size.width, editor.size.height));
  }, [editor, focus, zones, hasSize, fly]);
}
