import { useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { boundsOf, getLayer, noteFill } from '@shared';
import type { BoardStore } from '../core/store/BoardStore';
import { visibleBoardRect } from '../core/viewport/geometry';
import { useNotesVersion, useZones } from '../core/store/useBoardStore';
import type { Viewport } from '../core/viewport/viewport';

const WIDTH = 180;
const HEIGHT = 220;

/** An overview of the whole board with the part on screen outlined; click or drag it to go there. */
export function Minimap({
  store,
  view,
  setView,
  screen,
}: {
  store: BoardStore;
  view: Viewport;
  setView: Dispatch<SetStateAction<Viewport>>;
  screen: { width: number; height: number };
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zones = useZones(store);
  const notesVersion = useNotesVersion(store);
  const frames = zones.filter((z) => z.area === null);
  const world = boundsOf(frames);
  const scale = world ? Math.min(WIDTH / world.w, HEIGHT / world.h) : 1;
  const offset = world
    ? {
        x: (WIDTH - world.w * scale) / 2 - world.x * scale,
        y: (HEIGHT - world.h * scale) / 2 - world.y * scale,
      }
    : { x: 0, y: 0 };

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !world) return;
    const frame = requestAnimationFrame(() => {
      const ratio = window.devicePixelRatio || 1;
      canvas.width = WIDTH * ratio;
      canvas.height = HEIGHT * ratio;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      const map = (x: number, y: number) => [x * scale + offset.x, y * scale + offset.y] as const;
      for (const z of frames) {
        const [x, y] = map(z.x, z.y);
        ctx.fillStyle = getLayer(z.layer).tint;
        ctx.strokeStyle = getLayer(z.layer).color;
        ctx.fillRect(x, y, z.w * scale, z.h * scale);
        ctx.strokeRect(x, y, z.w * scale, z.h * scale);
      }
      for (const n of store.allNotes()) {
        const [x, y] = map(n.x, n.y);
        ctx.fillStyle = noteFill(n.color);
        ctx.fillRect(x, y, Math.max(1.5, n.w * scale), Math.max(1.5, n.h * scale));
      }
      const seen = visibleBoardRect(view, screen.width, screen.height);
      const [vx, vy] = map(seen.x, seen.y);
      ctx.strokeStyle = '#2563eb';
      ctx.lineWidth = 2;
      ctx.strokeRect(vx, vy, seen.w * scale, seen.h * scale);
    });
    return () => cancelAnimationFrame(frame);
  });

  if (!world) return null;
  const goTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const bx = (e.clientX - rect.left - offset.x) / scale;
    const by = (e.clientY - rect.top - offset.y) / scale;
    setView((v) => ({ ...v, x: screen.width / 2 - bx * v.scale, y: screen.height / 2 - by * v.scale }));
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
