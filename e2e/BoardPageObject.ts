import type Konva from 'konva';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { layerFrame, type BoardSnapshot, type CreatedBoard, type Link, type Note } from '@shared';

export type Role = 'edit' | 'view';

export interface Point {
  x: number;
  y: number;
}

/** The canvas view: a board point p is drawn at p * scale + (x, y) inside the canvas. */
export interface View {
  x: number;
  y: number;
  scale: number;
}

declare global {
  interface Window {
    /** Konva puts itself on `window`; tests read the drawn scene through it. */
    Konva?: typeof Konva;
  }
}

type Modifier = 'Shift' | 'Control' | 'Alt' | 'Meta';

/** How a link's arrow is drawn, in board units. */
export interface Arrow {
  points: number[];
  stroke: string;
  strokeWidth: number;
}

/** One person's board page, driven the way they would drive it: pointer, keyboard, links. */
export class BoardPageObject {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, origin: string, board: CreatedBoard, role: Role = 'edit') {
    const page = await context.newPage();
    const token = role === 'edit' ? board.editToken : board.viewToken;
    await page.goto(`${origin}/b/${board.id}#${role}=${token}`);
    const object = new BoardPageObject(page);
    await object.waitForLoaded();
    return object;
  }

  /** Wraps a page that is already on a board (say, once a newcomer has said who they are), when loaded. */
  static async attach(page: Page): Promise<BoardPageObject> {
    const object = new BoardPageObject(page);
    await object.waitForLoaded();
    return object;
  }

  /** Opens another board in the same page (and so the same browser context). */
  async goto(origin: string, board: CreatedBoard, role: Role = 'edit'): Promise<void> {
    const token = role === 'edit' ? board.editToken : board.viewToken;
    await this.page.goto(`${origin}/b/${board.id}#${role}=${token}`);
    await this.waitForLoaded();
  }

  private async waitForLoaded(): Promise<void> {
    await this.waitForState('online');
    await this.page.waitForFunction(() => (window.__board?.board().zones.length ?? 0) > 0);
    // The first view (the first layer, fitted) is placed once the canvas has a size.
    await this.page.waitForFunction(() => {
      const view = window.__board!.view();
      return view.x !== 0 || view.y !== 0;
    });
  }

  async waitForState(state: string, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction((s) => window.__board?.state() === s, state, { timeout });
  }

  board(): Promise<BoardSnapshot> {
    return this.page.evaluate(() => window.__board!.board());
  }

  /** Polls the page's document until `predicate` holds; fails with the last snapshot otherwise. */
  async waitForBoard(predicate: (board: BoardSnapshot) => boolean, what: string, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    let last = await this.board();
    while (!predicate(last)) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; notes: ${JSON.stringify(last.notes.map(brief))}`);
      }
      await this.page.waitForTimeout(50);
      last = await this.board();
    }
    return last;
  }

  /** The screen point (page coordinates) where a board point is drawn. */
  async toScreen(x: number, y: number): Promise<{ x: number; y: number }> {
    // A person clicks what they see once it holds still: a view still flying (a focus, a summon, the
    // first view after a reload) would move the note away between reading it and pressing.
    const read = async () => ({
      box: await this.page.locator('.stage-box').boundingBox(),
      view: await this.page.evaluate(() => window.__board!.view()),
    });
    let last = await read();
    for (const deadline = Date.now() + 3_000; Date.now() < deadline;) {
      await this.page.waitForTimeout(60);
      const now = await read();
      if (JSON.stringify(now) === JSON.stringify(last)) break;
      last = now;
    }
    const { box, view } = last;
    if (!box) throw new Error('the canvas is not on the page');
    return { x: box.x + view.x + x * view.scale, y: box.y + view.y + y * view.scale };
  }

  /** Double-clicks empty board space at a board point, types the text and leaves the editor. */
  async addNoteByDoubleClick(x: number, y: number, text: string): Promise<void> {
    const p = await this.toScreen(x, y);
    await this.page.mouse.dblclick(p.x, p.y);
    const editor = this.page.getByLabel('Note text');
    await editor.waitFor();
    await editor.pressSequentially(text);
    await editor.press('Escape');
    await editor.waitFor({ state: 'detached' });
  }

  /** Double-clicks empty space at a board point, types `text` and returns the new note. */
  async addNote(x: number, y: number, text: string): Promise<Note> {
    const before = new Set((await this.board()).notes.map((n) => n.id));
    await this.addNoteByDoubleClick(x, y, text);
    const board = await this.waitForBoard(
      (b) => b.notes.some((n) => !before.has(n.id) && n.text === text),
      `the note "${text}"`,
    );
    return board.notes.find((n) => !before.has(n.id))!;
  }

  /**
   * Drags a note by its body, by (dx, dy) in board units, pressing and releasing on whole pixels as a
   * mouse does. Returns how far the pointer really went, in board units: at a fitted zoom a distance in
   * units is rarely a whole number of pixels, so it differs from (dx, dy) by up to a pixel.
   */
  async dragNote(note: Note, dx: number, dy: number): Promise<Point> {
    const { scale } = await this.view();
    const pixel = async (x: number, y: number) => {
      const p = await this.toScreen(x, y);
      return { x: Math.round(p.x), y: Math.round(p.y) };
    };
    const from = await pixel(note.x + note.w / 2, note.y + note.h / 2);
    const to = await pixel(note.x + note.w / 2 + dx, note.y + note.h / 2 + dy);
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x, to.y, { steps: 12 });
    await this.page.mouse.up();
    return { x: (to.x - from.x) / scale, y: (to.y - from.y) / scale };
  }

  /** Opens the in-place editor of a note by double-clicking it and types at the end of its text. */
  async typeIntoNote(note: Note, text: string): Promise<void> {
    const p = await this.toScreen(note.x + note.w / 2, note.y + note.h / 2);
    await this.page.mouse.dblclick(p.x, p.y);
    const editor = this.page.getByLabel('Note text');
    await editor.waitFor();
    await editor.press('Control+End');
    await editor.pressSequentially(text);
    await editor.press('Escape');
  }

  // ---- Reading the page ----------------------------------------------------------------------------

  view(): Promise<View> {
    return this.page.evaluate(() => window.__board!.view());
  }

  /** Polls the view until `predicate` holds. */
  async waitForView(predicate: (view: View) => boolean, what: string, timeout = 5_000): Promise<View> {
    const deadline = Date.now() + timeout;
    let last = await this.view();
    while (!predicate(last)) {
      if (Date.now() > deadline) {
        // Where the keyboard was tells a key that went to a field from a view that did not move.
        const focus = await this.page.evaluate(() => {
          const el = document.activeElement;
          return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}` : 'none';
        });
        throw new Error(`timed out waiting for ${what}; view: ${JSON.stringify(last)}; focus: ${focus}`);
      }
      await this.page.waitForTimeout(30);
      last = await this.view();
    }
    return last;
  }

  /** Waits for a note to satisfy `predicate` (use `(n) => !n` to wait for it to go) and returns it. */
  async waitForNote(
    id: string,
    predicate: (note: Note | undefined) => boolean,
    what: string,
    timeout = 10_000,
  ): Promise<Note | undefined> {
    const board = await this.waitForBoard((b) => predicate(b.notes.find((n) => n.id === id)), what, timeout);
    return board.notes.find((n) => n.id === id);
  }

  async note(id: string): Promise<Note> {
    const note = (await this.board()).notes.find((n) => n.id === id);
    if (!note) throw new Error(`no note ${id}`);
    return note;
  }

  undoDepth(): Promise<number> {
    return this.page.evaluate(() => window.__board!.undoDepth());
  }

  /** The connection status as the person reads it. */
  status(): Promise<string> {
    return connectionBadge(this.page).innerText();
  }

  /** The size of the canvas on the page. */
  async canvasBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await this.page.locator('.stage-box').boundingBox();
    if (!box) throw new Error('the canvas is not on the page');
    return box;
  }

  /** The board point drawn under a page point. */
  async toBoard(x: number, y: number): Promise<Point> {
    const box = await this.canvasBox();
    const view = await this.view();
    return { x: (x - box.x - view.x) / view.scale, y: (y - box.y - view.y) / view.scale };
  }

  /** The page point at the centre of a note. */
  centreOf(note: Pick<Note, 'x' | 'y' | 'w' | 'h'>): Promise<Point> {
    return this.toScreen(note.x + note.w / 2, note.y + note.h / 2);
  }

  /** The ids of the notes the resize handles (Konva Transformer) are attached to. */
  transformerNodes(): Promise<string[]> {
    return this.page.evaluate(() => {
      const stage = window.Konva!.stages[0]!;
      const transformer = stage.findOne('Transformer') as unknown as { nodes(): { id(): string }[] };
      return transformer.nodes().map((n) => n.id());
    });
  }

  /** Waits until the resize handles are on exactly these notes, in this order: they are the selection. */
  async waitForSelection(...ids: string[]): Promise<void> {
    await this.page.waitForFunction(
      (wanted) =>
        (window.Konva!.stages[0]!.findOne('Transformer') as unknown as { nodes(): { id(): string }[] })
          .nodes()
          .map((n) => n.id())
          .join() === wanted,
      ids.join(),
    );
  }

  /** Waits until nothing is selected: the toolbar's kind buttons, which act on the selection, are disabled. */
  async waitForEmptySelection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Mark as risk' }).waitFor();
    await this.page.waitForFunction(() =>
      document.querySelector<HTMLButtonElement>('button[aria-label="Mark as risk"]')?.matches(':disabled'),
    );
  }

  /** How a link's arrow is drawn (in board units), or null when it is not drawn. */
  arrowOf(linkId: string): Promise<Arrow | null> {
    return this.page.evaluate((id) => {
      const stage = window.Konva!.stages[0]!;
      const group = stage.findOne(`#link-${id}`) as unknown as
        { findOne(selector: string): unknown } | undefined;
      const arrow = group?.findOne('Arrow') as
        { points(): number[]; stroke(): string; strokeWidth(): number } | undefined;
      return arrow
        ? { points: arrow.points(), stroke: arrow.stroke(), strokeWidth: arrow.strokeWidth() }
        : null;
    }, linkId);
  }

  /** Polls how a link's arrow is drawn until it is drawn and `predicate` holds; returns that arrow. */
  async waitForArrow(linkId: string, predicate: (arrow: Arrow) => boolean, what: string, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    let last = await this.arrowOf(linkId);
    while (!last || !predicate(last)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; arrow: ${JSON.stringify(last)}`);
      await this.page.waitForTimeout(30);
      last = await this.arrowOf(linkId);
    }
    return last;
  }

  // ---- Driving the page ----------------------------------------------------------------------------

  /**
   * Empties the board (notes and links) and shows the first layer with nothing selected, no editor open
   * and the pointer off the canvas: where each test of a file that shares one board starts.
   */
  async clearBoard(): Promise<void> {
    const { page } = this;
    await page.keyboard.press('Escape');
    await page.evaluate(() =>
      window.__board!.forceChange((doc) => {
        for (const name of ['links', 'notes']) {
          const map = doc.getMap(name);
          for (const key of [...map.keys()]) map.delete(key);
        }
      }),
    );
    await page.getByLabel('Note text').waitFor({ state: 'detached' });
    await page.getByLabel('Link label').waitFor({ state: 'detached' });
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('1');
    await this.waitForBoard((b) => b.notes.length === 0 && b.links.length === 0, 'an empty board');
  }

  /**
   * Presses 0, which shows the readable whole board over the canvas and fits the canvas to the whole
   * board behind it, then goes back to the canvas with Escape.
   */
  async showWholeCanvas(): Promise<void> {
    await this.page.keyboard.press('0');
    const overview = this.page.getByRole('region', { name: 'Whole board' });
    await overview.waitFor();
    await this.page.keyboard.press('Escape');
    await overview.waitFor({ state: 'detached' });
  }

  /** Presses a layer's key (index 0 is key 1) and waits until that layer is shown, fitted and centred. */
  async showLayer(index: number): Promise<void> {
    await this.page.keyboard.press(String(index + 1));
    const frame = layerFrame(index);
    const box = await this.canvasBox();
    await this.waitForView(
      (v) =>
        Math.abs((frame.x + frame.w / 2) * v.scale + v.x - box.width / 2) <= 1 &&
        Math.abs((frame.y + frame.h / 2) * v.scale + v.y - box.height / 2) <= 1,
      `layer ${index + 1}`,
    );
  }

  /** Presses mouse button at `from`, moves to `to` in steps and releases, holding modifier keys. */
  async drag(
    from: Point,
    to: Point,
    options: { button?: 'left' | 'middle' | 'right'; modifiers?: Modifier[]; steps?: number } = {},
  ): Promise<void> {
    const { button = 'left', modifiers = [], steps = 10 } = options;
    for (const key of modifiers) await this.page.keyboard.down(key);
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down({ button });
    await this.page.mouse.move(to.x, to.y, { steps });
    await this.page.mouse.up({ button });
    for (const key of modifiers) await this.page.keyboard.up(key);
  }

  /** Clicks a note (shift-click adds it to, or takes it from, the selection). */
  async clickNote(note: Note, modifiers: Modifier[] = []): Promise<void> {
    const p = await this.centreOf(note);
    for (const key of modifiers) await this.page.keyboard.down(key);
    await this.page.mouse.click(p.x, p.y);
    for (const key of modifiers) await this.page.keyboard.up(key);
  }

  /** Clicks empty board space at a board point. */
  async clickBoard(x: number, y: number): Promise<void> {
    const p = await this.toScreen(x, y);
    await this.page.mouse.click(p.x, p.y);
  }

  /**
   * Double-clicks a page point as a person does: two presses, `gap` ms apart (a quick double-click is
   * under 100 ms, a slow one up to the system's 500), the second press counted as such by the browser.
   */
  async doubleClickAt(p: Point, gap = 0): Promise<void> {
    const { mouse } = this.page;
    await mouse.move(p.x, p.y);
    await mouse.down({ clickCount: 1 });
    await mouse.up({ clickCount: 1 });
    // The person's own pace between the two clicks, not a wait for the page.
    if (gap > 0) await this.page.waitForTimeout(gap);
    await mouse.down({ clickCount: 2 });
    await mouse.up({ clickCount: 2 });
  }

  /** Whether the board's canvas (not a panel or the minimap over it) is at a page point. */
  onCanvasAt(p: Point): Promise<boolean> {
    return this.page.evaluate(
      ([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('.stage-box .konvajs-content'),
      [p.x, p.y],
    );
  }

  /** Right-clicks a note and returns its menu, once it is open. */
  async openMenu(note: Note): Promise<Locator> {
    const p = await this.centreOf(note);
    await this.page.mouse.click(p.x, p.y, { button: 'right' });
    const menu = this.page.getByRole('menu');
    await menu.waitFor();
    return menu;
  }

  /** Picks an item of a note's menu (by the start of its label) and waits for the menu to close. */
  async chooseFromMenu(note: Note, item: string): Promise<void> {
    const menu = await this.openMenu(note);
    await menu.getByRole('menuitem', { name: item }).click();
    await menu.waitFor({ state: 'detached' });
  }

  /** Where the link handle of the one selected note is drawn (page point). */
  linkHandleOf(note: Note, view: View): Promise<Point> {
    return this.toScreen(note.x + note.w + (2.2 * 9) / view.scale, note.y + note.h / 2);
  }

  /** Selects `from` alone and drags its link handle onto `to`; returns the new link. */
  async linkNotes(from: Note, to: Note): Promise<Link> {
    const before = new Set((await this.board()).links.map((l) => l.id));
    await this.clickNote(from);
    // A click soon after another on the same note is a double-click, which opens the editor: leave it.
    await this.page.waitForFunction(
      () => !!window.Konva!.stages[0]!.findOne('.link-handle') || !!document.querySelector('.note-editor'),
    );
    if (await this.page.locator('.note-editor').count()) await this.page.keyboard.press('Escape');
    await this.page.waitForFunction(() => !!window.Konva!.stages[0]!.findOne('.link-handle'));
    const handle = await this.linkHandleOf(from, await this.view());
    await this.drag(handle, await this.centreOf(to), { steps: 8 });
    const board = await this.waitForBoard((b) => b.links.some((l) => !before.has(l.id)), 'the new link');
    return board.links.find((l) => !before.has(l.id))!;
  }

  /** Puts plain text on the system clipboard, as another app would. */
  async setClipboardText(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  }
}

/** What the connection badge can say: how it starts in each connection state. */
const CONNECTION_WORDS = /^(Connecting|Syncing|Online|Offline|Reconnecting|Not connected)/;

/**
 * The connection badge: the top bar's status that names the connection state. The page has other live
 * regions (whom one follows, the facilitation's announcements), so `getByRole('status')` alone is ambiguous.
 */
export function connectionBadge(page: Page): Locator {
  return page.getByRole('banner').getByRole('status').filter({ hasText: CONNECTION_WORDS });
}

function brief(n: Note) {
  return { id: n.id, x: n.x, y: n.y, text: n.text };
}
