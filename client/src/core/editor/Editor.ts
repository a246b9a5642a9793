import { boundsOf, type Rect } from '@shared';
import type { BoardConnection } from '../connection/BoardConnection';
import type { Identity } from '../identity/identity';
import { fitRect, keepViewOnResize, zoomAt, type Point, type Viewport } from '../viewport/viewport';
import { Announcer } from './Announcer';
import { createCommands, type BoardActions, type NoteSurface } from './commands';

export type Camera = Viewport;
export interface CanvasSize {
  width: number;
  height: number;
}

/** Where a new note asked for at `at` goes: the facilitator's focus may send it to the focused layer. */
export type NotePlacement = (at: Point, explicit: boolean) => Point;

export interface EditorOptions {
  /**
   * Runs a change that opens a note's editor. The page passes React's `flushSync`, so the editor's
   * textarea has the focus before the next key arrives; the Editor itself knows nothing of React.
   */
  flush?: (change: () => void) => void;
}

const EMPTY: ReadonlySet<string> = new Set();
const NOTE_MARGIN = 240;

/**
 * The editing state of one open board, outside React: the camera (always current: every gesture moves
 * it here), the canvas size, the selection, the selected link, the note being edited, the link whose
 * label is being edited, the context menu, the tools (space held for panning), whether editing is
 * allowed, and the commands. Components read slices with `useEditorValue`; gestures call methods.
 *
 * Listeners hear every change that changed something; a setter given what is already there is silent.
 */
export class Editor {
  readonly connection: BoardConnection;
  private _identity: Identity;
  private listeners = new Set<() => void>();
  private flush: (change: () => void) => void;

  private _camera: Camera = { x: 0, y: 0, scale: 0.5 };
  private _size: CanvasSize = { width: 0, height: 0 };
  /** The camera the person last chose and the size it was chosen on: a resize keeps what they saw. */
  private chosen: { camera: Camera; size: CanvasSize } | null = null;
  private _selection: ReadonlySet<string> = EMPTY;
  private _selectedLinkId: string | null = null;
  private _editingId: string | null = null;
  private _labelLinkId: string | null = null;
  private _menu: { at: Point } | null = null;
  private _spaceHeld = false;
  private _readOnly: boolean;
  private _placement: NotePlacement | null = null;
  private own: BoardActions;
  private _actions: BoardActions;

  private _pointer: Point | null = null;

  constructor(connection: BoardConnection, identity: Identity, options: EditorOptions = {}) {
    this.connection = connection;
    this._identity = identity;
    this.flush = options.flush ?? ((change) => change());
    this._readOnly = connection.readOnly;
    this.own = this.commandsFor(connection);
    this._actions = this.own;
  }

  // --- change notification ------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // --- state --------------------------------------------------------------------------------------

  /** Who edits: the author of the notes they add. */
  get identity(): Identity {
    return this._identity;
  }
  get camera(): Camera {
    return this._camera;
  }
  /** The last pointer position on the board (null off it), where N and paste put notes. */
  get pointer(): Point | null {
    return this._pointer;
  }
  get size(): CanvasSize {
    return this._size;
  }
  get selection(): ReadonlySet<string> {
    return this._selection;
  }
  get selectedLinkId(): string | null {
    return this._selectedLinkId;
  }
  get editingId(): string | null {
    return this._editingId;
  }
  get labelLinkId(): string | null {
    return this._labelLinkId;
  }
  get menu(): { at: Point } | null {
    return this._menu;
  }
  get spaceHeld(): boolean {
    return this._spaceHeld;
  }
  get readOnly(): boolean {
    return this._readOnly;
  }
  /** The board's own commands, without any routing a feature installed. */
  get boardActions(): BoardActions {
    return this.own;
  }
  /** The commands, with whatever routing a feature installed (private notes). */
  get actions(): BoardActions {
    return this._actions;
  }

  // --- camera -------------------------------------------------------------------------------------

  /** Moves the camera; a function gets the current camera. Every camera change is the person's choice. */
  setCamera(next: Camera | ((camera: Camera) => Camera)): void {
    const camera = typeof next === 'function' ? next(this._camera) : next;
    if (!Number.isFinite(camera.x) || !Number.isFinite(camera.y) || !(camera.scale > 0)) {
      throw new Error(`Editor.setCamera: not a camera: ${JSON.stringify(camera)}`);
    }
    if (this.sizeKnown()) this.chosen = { camera, size: this._size };
    if (sameCamera(camera, this._camera)) return;
    this._camera = camera;
    this.changed();
  }

  panBy(dx: number, dy: number): void {
    this.setCamera((c) => ({ ...c, x: c.x + dx, y: c.y + dy }));
  }

  /** Zooms by `factor` keeping the screen point `anchor` still (the canvas centre when left out). */
  zoomAt(factor: number, anchor?: Point): void {
    const at = anchor ?? { x: this._size.width / 2, y: this._size.height / 2 };
    this.setCamera((c) => zoomAt(c, at, factor));
  }

  /** Frames a board rectangle on the canvas; nothing before the canvas has a size. */
  fit(rect: Rect | null): void {
    if (rect && this.sizeKnown()) this.setCamera(fitRect(rect, this._size.width, this._size.height));
  }

  /** Brings a board rectangle into view (the same as `fit`; the name the features call it by). */
  flyTo(rect: Rect): void {
    this.fit(rect);
  }

  /** The board point at the middle of the canvas. */
  viewCentre(): Point {
    const { x, y, scale } = this._camera;
    return { x: (this._size.width / 2 - x) / scale, y: (this._size.height / 2 - y) / scale };
  }

  /** The canvas changed size (a panel docked, the window resized): what the person chose stays in view. */
  setSize(width: number, height: number): void {
    if (width === this._size.width && height === this._size.height) return;
    const next = { width, height };
    this._size = next;
    const from = this.chosen;
    if (from && width > 0 && height > 0) {
      const kept = keepViewOnResize(from.camera, from.size, next);
      if (!sameCamera(kept, this._camera)) this._camera = kept;
    }
    this.changed();
  }

  private sizeKnown(): boolean {
    return this._size.width > 0 && this._size.height > 0;
  }

  // --- selection and editing ----------------------------------------------------------------------

  /** Selects exactly these notes (and no link). */
  select(ids: Iterable<string>): void {
    const next = new Set(ids);
    const linkChanged = this._selectedLinkId !== null;
    this._selectedLinkId = null;
    if (!sameSet(next, this._selection)) this._selection = next;
    else if (!linkChanged) return;
    this.changed();
  }

  /** The pointer moved on the board, or left it (null): nobody redraws for it, so nobody hears. */
  setPointer(p: Point | null): void {
    this._pointer = p;
  }

  /** Changes the note selection, leaving the selected link alone. */
  setSelection(next: ReadonlySet<string> | ((current: ReadonlySet<string>) => ReadonlySet<string>)): void {
    const selection = typeof next === 'function' ? next(this._selection) : next;
    if (sameSet(selection, this._selection)) return;
    this._selection = selection;
    this.changed();
  }

  clearSelection(): void {
    this.select([]);
  }

  /** Selects one link (and no notes); null selects no link. */
  selectLink(id: string | null): void {
    if (id === this._selectedLinkId && (id === null || this._selection.size === 0)) return;
    this._selectedLinkId = id;
    if (id !== null) this._selection = EMPTY;
    this.changed();
  }

  /** Opens the text editor of a note; at most one is open. */
  startEditing(id: string): void {
    if (this._editingId === id) return;
    this.flush(() => {
      this._editingId = id;
      this.changed();
    });
  }

  stopEditing(): void {
    if (this._editingId === null) return;
    this._editingId = null;
    this.changed();
  }

  openLabelEditor(linkId: string): void {
    if (this._readOnly || this._labelLinkId === linkId) return;
    this._labelLinkId = linkId;
    this.changed();
  }

  closeLabelEditor(): void {
    if (this._labelLinkId === null) return;
    this._labelLinkId = null;
    this.changed();
  }

  /** Opens the note menu at a canvas point (nothing on a read-only board). */
  openMenu(at: Point): void {
    if (this._readOnly) return;
    this._menu = { at };
    this.changed();
  }

  closeMenu(): void {
    if (this._menu === null) return;
    this._menu = null;
    this.changed();
  }

  /** Space held down: a drag on the board pans, whatever is under the pointer. */
  setSpaceHeld(held: boolean): void {
    if (held === this._spaceHeld) return;
    this._spaceHeld = held;
    this.changed();
  }

  /** A view link, or a link the server refused: nothing that edits the board runs. */
  setReadOnly(readOnly: boolean): void {
    if (readOnly === this._readOnly) return;
    this._readOnly = readOnly;
    if (readOnly) {
      this._labelLinkId = null;
      this._menu = null;
    }
    this.changed();
  }

  /** The person renamed themselves (or changed department or colour): their next notes say so. */
  setIdentity(identity: Identity): void {
    if (identity === this._identity) return;
    this._identity = identity;
    this.changed();
  }

  /** Where new notes go (the facilitator's focus); null: where asked. */
  setPlacement(placement: NotePlacement | null): void {
    this._placement = placement;
  }

  placeNote(at: Point, explicit: boolean): Point {
    return this._placement?.(at, explicit) ?? at;
  }

  // --- announcements --------------------------------------------------------------------------------

  private _announcer: Announcer | null = null;
  private clock: () => number = Date.now;

  /**
   * The board's one polite voice (the page's live region listens to it): what others did, in a
   * digest, the session's changes, and what this person's own keyboard actions did. Made on first use.
   */
  get announcer(): Announcer {
    const { doc, origin, store, presence } = this.connection;
    this._announcer ??= new Announcer(
      { doc, origin, store, presence, synced: () => this.connection.provider.synced },
      () => this.clock(),
    );
    return this._announcer;
  }

  /** The server's clock, for the timer's end; the device's until the page knows better. */
  setClock(now: () => number): void {
    this.clock = now;
  }

  announce(sentence: string): void {
    this.announcer.say(sentence);
  }

  /** The commands run against another surface of notes with its own undo (a person's private notes). */
  commandsFor(surface: NoteSurface): BoardActions {
    return createCommands(surface, this);
  }

  /** Installs the commands the page runs (the board's own, or routed); null puts the board's back. */
  setActions(actions: BoardActions | null): void {
    const next = actions ?? this.own;
    if (next === this._actions) return;
    this._actions = next;
    this.changed();
  }

  /** Selects a note and brings it into view when it is off screen or too small to read. */
  showNote(id: string): void {
    const note = this.connection.store.getNote(id);
    if (!note) return;
    this.select([id]);
    if (!this.sizeKnown()) return;
    const { x, y, scale } = this._camera;
    const { width, height } = this._size;
    const onScreen =
      note.x * scale + x >= 0 &&
      note.y * scale + y >= 0 &&
      (note.x + note.w) * scale + x <= width &&
      (note.y + note.h) * scale + y <= height &&
      note.w * scale >= 60;
    if (!onScreen) {
      this.flyTo({
        x: note.x - NOTE_MARGIN,
        y: note.y - NOTE_MARGIN,
        w: note.w + 2 * NOTE_MARGIN,
        h: note.h + 2 * NOTE_MARGIN,
      });
    }
  }

  /** Frames the whole board: the template and every note. */
  fitBoard(): void {
    const { store } = this.connection;
    this.fit(boundsOf([...store.getZones(), ...store.allNotes()]));
  }
}

function sameCamera(a: Camera, b: Camera): boolean {
  return a.x === b.x && a.y === b.y && a.scale === b.scale;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}
