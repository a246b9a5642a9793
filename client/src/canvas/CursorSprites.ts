import Konva from 'konva';
import { FONT } from '../core/theme/theme';
import { easeToward } from './cursorMotion';
import type { RemoteCursor } from '../core/presence/PresenceStore';

interface Sprite {
  node: Konva.Group;
  arrow: Konva.Line;
  tag: Konva.Tag;
  text: Konva.Text;
  /** Where it is drawn now, and where it is going. */
  at: { x: number; y: number };
  to: { x: number; y: number };
}

const ARROW = [0, 0, 0, 18, 5, 14, 9, 22, 12, 21, 8, 13, 14, 13];

/**
 * Other people's cursors as Konva nodes moved by hand: each glides toward its latest position over
 * animation frames, and only this group's layer is redrawn. React never renders per cursor move.
 */
export class CursorSprites {
  private readonly sprites = new Map<number, Sprite>();
  private frame: number | null = null;
  private lastFrame = 0;

  constructor(
    private readonly group: Konva.Group,
    private scale: number,
  ) {}

  /** The latest cursors: new ones appear where they are, gone ones vanish, the rest glide. */
  update(cursors: readonly RemoteCursor[]): void {
    const seen = new Set<number>();
    for (const cursor of cursors) {
      seen.add(cursor.clientId);
      const sprite = this.sprites.get(cursor.clientId) ?? this.create(cursor);
      sprite.to = { x: cursor.x, y: cursor.y };
      if (sprite.text.text() !== cursor.name) sprite.text.text(cursor.name);
      if (sprite.arrow.fill() !== cursor.color) {
        sprite.arrow.fill(cursor.color);
        sprite.tag.fill(cursor.color);
      }
    }
    for (const [id, sprite] of this.sprites) {
      if (seen.has(id)) continue;
      sprite.node.destroy();
      this.sprites.delete(id);
    }
    this.start();
    this.group.getLayer()?.batchDraw();
  }

  /** Cursors keep their size on screen whatever the zoom. */
  setScale(scale: number): void {
    this.scale = scale;
    for (const sprite of this.sprites.values()) sprite.node.scale({ x: 1 / scale, y: 1 / scale });
    this.group.getLayer()?.batchDraw();
  }

  /** Where each cursor is drawn now, by client id: for tests. */
  positions(): Map<number, { x: number; y: number }> {
    return new Map([...this.sprites].map(([id, s]) => [id, { ...s.at }]));
  }

  private create(cursor: RemoteCursor): Sprite {
    const node = new Konva.Group({
      name: 'remote-cursor',
      x: cursor.x,
      y: cursor.y,
      scaleX: 1 / this.scale,
      scaleY: 1 / this.scale,
      listening: false,
    });
    const arrow = new Konva.Line({
      points: ARROW,
      closed: true,
      fill: cursor.color,
      stroke: '#ffffff',
      strokeWidth: 1.5,
    });
    const label = new Konva.Label({ x: 12, y: 20 });
    const tag = new Konva.Tag({ fill: cursor.color, cornerRadius: 4 });
    const text = new Konva.Text({
      text: cursor.name,
      fontSize: 12,
      fontFamily: FONT,
      fill: '#ffffff',
      padding: 4,
    });
    label.add(tag, text);
    node.add(arrow, label);
    this.group.add(node);
    const sprite: Sprite = { node, arrow, tag, text, at: { x: cursor.x, y: cursor.y }, to: { ...cursor } };
    this.sprites.set(cursor.clientId, sprite);
    return sprite;
  }

  private start(): void {
    if (this.frame !== null) return;
    this.lastFrame = performance.now();
    this.frame = requestAnimationFrame(this.tick);
  }

  private readonly tick = (now: number): void => {
    const dt = Math.min(100, now - this.lastFrame);
    this.lastFrame = now;
    let moving = false;
    for (const sprite of this.sprites.values()) {
      if (sprite.at.x === sprite.to.x && sprite.at.y === sprite.to.y) continue;
      const step = easeToward(sprite.at, sprite.to, dt, this.scale);
      sprite.at = { x: step.x, y: step.y };
      sprite.node.position(sprite.at);
      if (!step.settled) moving = true;
    }
    this.group.getLayer()?.batchDraw();
    this.frame = moving ? requestAnimationFrame(this.tick) : null;
  };

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    for (const sprite of this.sprites.values()) sprite.node.destroy();
    this.sprites.clear();
  }
}
