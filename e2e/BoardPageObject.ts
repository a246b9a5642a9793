import type { BrowserContext, Page } from 'playwright-core';
import type { BoardSnapshot, CreatedBoard, Note } from '@shared';

export type Role = 'edit' | 'view';

/** One person's board page, driven the way they would drive it: pointer, keyboard, links. */
export class BoardPageObject {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, origin: string, board: CreatedBoard, role: Role = 'edit') {
    const page = await context.newPage();
    const token = role === 'edit' ? board.editToken : board.viewToken;
    await page.goto(`${origin}/b/${board.id}#${role}=${token}`);
    const object = new BoardPageObject(page);
    await object.waitForState('online');
    await page.waitForFunction(() => (window.__board?.board().zones.length ?? 0) > 0);
    return object;
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
    const box = await this.page.locator('.stage-box').boundingBox();
    const view = await this.page.evaluate(() => window.__board!.view());
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

  /** Drags a note by its body, by (dx, dy) in board units. */
  async dragNote(note: Note, dx: number, dy: number): Promise<void> {
    const from = await this.toScreen(note.x + note.w / 2, note.y + note.h / 2);
    const to = await this.toScreen(note.x + note.w / 2 + dx, note.y + note.h / 2 + dy);
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x, to.y, { steps: 12 });
    await this.page.mouse.up();
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
}

function brief(n: Note) {
  return { id: n.id, x: n.x, y: n.y, text: n.text };
}
