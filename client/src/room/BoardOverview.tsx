import { useEffect, useRef } from 'react';
import { LAYERS } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { RoomView, type RoomTarget } from './RoomScenes';
import { useRoomBoard } from './useRoomBoard';

const OVERVIEW = { kind: 'overview' } as const;

/**
 * The board page's "whole board" (key 0): the 5 x 6 matrix over the canvas, readable at a glance, from
 * which a click on a cell or a layer goes there on the canvas. Escape or 0 goes back to the canvas as it
 * was left (fitted to the whole board), 1 to 5 go to a layer. The canvas itself stays freeform.
 */
export function BoardOverview({
  store,
  onPick,
  onClose,
}: {
  store: BoardStore;
  onPick: (target: RoomTarget) => void;
  onClose: () => void;
}) {
  const board = useRoomBoard(store);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The keyboard's focus comes here, and goes back to where it was (the Whole board button, say).
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      // A popover over the overview (Share, Facilitate) takes its own Escape.
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]'))
        return;
      const layer = /^[1-5]$/.test(e.key) ? LAYERS[Number(e.key) - 1] : undefined;
      if (e.key === 'Escape' || e.key === '0') onClose();
      else if (layer) onPick({ layer: layer.id, area: null });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (before?.isConnected) before.focus();
    };
  }, [onPick, onClose]);
  return (
    <div className="board-overview" ref={box} tabIndex={-1} role="region" aria-label="Whole board">
      <RoomView
        board={board}
        scene={OVERVIEW}
        onPick={onPick}
        extra={
          <button type="button" className="board-overview-close" onClick={onClose}>
            Back to the canvas <kbd>Esc</kbd>
          </button>
        }
      />
    </div>
  );
}
