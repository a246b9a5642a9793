import type Konva from 'konva';
import { useCallback, useEffect, useRef, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { visibleBoardRect } from '../core/viewport/geometry';
import type { Viewport } from '../core/viewport/viewport';

/** While a gesture runs, React hears of the view at most this often (it re-culls and picks detail). */
const COMMIT_INTERVAL_MS = 800;
/** And once more this long after the last gesture event. */
const SETTLE_MS = 120;

/** Hides the drawn notes that are off screen, so Konva skips them; cheap enough to run every frame. */
export function cullNotes(layer: Konva.Layer | null, v: Viewport, width: number, height: number): void {
  const area = visibleBoardRect(v, width, height);
  for (const node of layer?.getChildren() ?? []) {
    if (!node.hasName('note')) continue;
    const x = node.x();
    const y = node.y();
    node.visible(
      x < area.x + area.w && x + node.width() > area.x && y < area.y + area.h && y + node.height() > area.y,
    );
  }
}

/**
 * Pan and zoom gestures move the Konva stage directly, once per frame, and hide the notes that left
 * the screen, instead of re-rendering React for every wheel or pointer event; React gets the view
 * a few times a second and when the gesture settles. This keeps a board of thousands of notes smooth.
 */
export function useLiveView(
  stageRef: RefObject<Konva.Stage | null>,
  notesLayerRef: RefObject<Konva.Layer | null>,
  view: Viewport,
  setView: Dispatch<SetStateAction<Viewport>>,
) {
  const live = useRef(view);
  /** The last view handed to React from here: when React takes it in, the gesture may have gone on. */
  const handed = useRef<Viewport | null>(null);
  const frame = useRef<number | null>(null);
  const lastCommit = useRef(0);
  const settle = useRef<number | null>(null);

  // A view set from outside (toolbar, keys, minimap) becomes the live view; one handed over from here
  // does not, or the wheel events that came after it, before React took it in, would be undone.
  useEffect(() => {
    if (view !== handed.current) live.current = view;
  }, [view]);

  const hand = useCallback(
    (v: Viewport) => {
      handed.current = v;
      setView(v);
    },
    [setView],
  );

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      if (settle.current !== null) window.clearTimeout(settle.current);
    },
    [],
  );

  const draw = useCallback(() => {
    frame.current = null;
    const stage = stageRef.current;
    if (!stage) return;
    const v = live.current;
    stage.position({ x: v.x, y: v.y });
    stage.scale({ x: v.scale, y: v.scale });
    cullNotes(notesLayerRef.current, v, stage.width(), stage.height());
    stage.batchDraw();
    const now = performance.now();
    if (now - lastCommit.current > COMMIT_INTERVAL_MS) {
      lastCommit.current = now;
      hand(v);
    }
  }, [stageRef, notesLayerRef, hand]);

  /** Changes the view as part of a gesture. */
  return useCallback(
    (change: (v: Viewport) => Viewport) => {
      live.current = change(live.current);
      if (frame.current === null) frame.current = requestAnimationFrame(draw);
      if (settle.current !== null) window.clearTimeout(settle.current);
      settle.current = window.setTimeout(() => {
        settle.current = null;
        lastCommit.current = performance.now();
        hand(live.current);
      }, SETTLE_MS);
    },
    [draw, hand],
  );
}
