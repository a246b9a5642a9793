import { useEffect, useMemo, useRef } from 'react';
import { boundsOf, getLayer, noteFill } from '@shared';
import type { Editor } from '../core/editor/Editor';
import { visibleBoardRect } from '../core/viewport/geometry';
import { useNotesVersion, useZones } from '../core/store/useBoardStore';

const WIDTH = 180;
const HEIGHT = 220;

/**
 * An overview of the whole board with the part on screen outlined; click or drag it to go there. The
 * outline follows the camera on every frame it moves, without React: the template and the notes are
 * drawn once per change of the board into a picture of their own, and each frame copies it and draws
 * the outline over it.
 */
export function Minimap({ editor }: { editor: Editor }) {
  const { store } = editor.connection;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zones = useZones(store);
  const notesVersion = useNotesVersion(store);
  const map = useMemo(() => {
    const world = boundsOf(zones.filter((z) => z.area === null));
    if (!world) return null;
    const scale = Math.min(WIDTH / world.w, HEIGHT / world.h);
    const offset = {
      x: (WIDTH - world.w * scale) / 2 - world.x * scale,
      y: (HEIGHT - world.h * scale) / 2 - world.y * scale,
    };
    return { scale, offset };
  }, [zones]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !map) return;
    const { scale, offset } = map;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = WIDTH * ratio;
    canvas.height = HEIGHT * ratio;
    const board = document.createElement('canvas');
    board.width = canvas.width;
    board.height = canvas.height;
    const toMap = (x: number, y: number) => [x * scale + offset.x, y * scale + offset.y] as const;
    let drawnBoard = false;
    const drawBoard = () => {
      const b = board.getContext('2d');
      if (!b) return;
      b.setTransform(ratio, 0, 0, ratio, 0, 0);
      b.clearRect(0, 0, WIDTH, HEIGHT);
      for (const z of zones) {
        if (z.area !== null) continue;
        const [x, y] = toMap(z.x, z.y);
        b.fillStyle = getLayer(z.layer).tint;
        b.strokeStyle = getLayer(z.layer).color;
        b.fillRect(x, y, z.w * scale, z.h * scale);
        b.strokeRect(x, y, z.w * scale, z.h * scale);
      }
      for (const n of store.allNotes()) {
        const [x, y] = toMap(n.x, n.y);
        b.fillStyle = noteFill(n.color);
        b.fillRect(x, y, Math.max(1.5, n.w * scale), Math.max(1.5, n.h * scale));
      }
      drawnBoard = true;
    };
    let frame: number | null = null;
    const draw = () => {
      frame = null;
      if (!drawnBoard) drawBoard();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(board, 0, 0);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const seen = visibleBoardRect(editor.camera, editor.size.width, editor.size.height);
      const [vx, vy] = toMap(seen.x, seen.y);
      ctx.strokeStyle = '#2563eb';
      ctx.lineWidth = 2;
      ctx.strokeRect(vx, vy, seen.w * scale, seen.h * scale);
    };
    const schedule = () => {
      frame ??= requestAnimationFrame(draw);
    };
    let camera = editor.camera;
    let size = editor.size;
    schedule();
    const unsubscribe = editor.subscribe(() => {
      if (editor.camera === camera && editor.size === size) return;
      camera = editor.camera;
      size = editor.size;
      schedule();
    });
    return () => {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
    };
    // notesVersion: the notes moved, came or went, so the board's picture is drawn again.
  }, [editor, store, zones, map, notesVersion]);

  if (!map) return null;
  const { scale, offset } = map;
  const goTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const bx = (e.clientX - rect.left - offset.x) / scale;
    const by = (e.clientY - rect.top - offset.y) / scale;
    const { width, height } = editor.size;
    editor.setCamera((v) => ({ ...v, x: width / 2 - bx * v.scale, y: height / 2 - by * v.scale }));
  };
  return (
    <canvas
      ref={canvasRef}
      className="minimap"
      data-version={notesVersion}
      style={{ width: WIDTH, height: HEIGHT }}
      role="img"
      aria-label="Overview of the board: click to move there"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        goTo(e);
      }}
      onPointerMove={(e) => e.buttons === 1 && goTo(e)}
    />
  );
}
