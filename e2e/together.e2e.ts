import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import type { Note } from '@shared';
import type { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { sampleWorkshop } from './harness';

const workshop = sampleWorkshop();

/** Keystrokes less than this apart undo as one step (the undo manager's capture timeout). */
const UNDO_CAPTURE_MS = 500;

/** Double-clicks a note and returns its open editor. */
async function openEditor(page: BoardPageObject, note: Note): Promise<Locator> {
  const p = await page.centreOf(note);
  await page.page.mouse.dblclick(p.x, p.y);
  const editor = page.page.getByLabel('Note text');
  await editor.waitFor();
  return editor;
}

/** Whether `small`'s characters appear in `text` in order. */
function isSubsequence(small: string, text: string): boolean {
  let i = 0;
  for (const ch of text) if (ch === small[i]) i++;
  return i === small.length;
}

/**
 * A person's pause, longer than the undo capture, so that their next change is its own undo step: the
 * page's clock moves on, no test time passes.
 */
function pause(page: BoardPageObject): Promise<void> {
  return page.page.clock.fastForward(UNDO_CAPTURE_MS + 100);
}

describe('two people editing one board at the same time', () => {
  const session = useBoardSession('Together');
  let ana: BoardPageObject;
  let ben: BoardPageObject;

  beforeAll(async () => {
    ana = await session.open('Ana', 'hardware', 'edit', { clock: true });
    ben = await session.open('Ben', 'cloud', 'edit', { clock: true });
  });

  it('merges two people typing in one note character by character', async () => {
    const note = await ana.addNote(960, 400, 'middle');
    await ben.waitForNote(note.id, (n) => n?.text === 'middle', "Ana's note at Ben's");

    // Ana types at the start while Ben types at the end.
    const a = await openEditor(ana, note);
    const b = await openEditor(ben, note);
    await a.press('Control+Home');
    await b.press('Control+End');
    await Promise.all([
      a.pressSequentially('Alpha ', { delay: 20 }),
      b.pressSequentially(' Omega', { delay: 20 }),
    ]);
    const merged = 'Alpha middle Omega';
    await ana.waitForNote(note.id, (n) => n?.text === merged, 'both words at Ana');
    await ben.waitForNote(note.id, (n) => n?.text === merged, 'both words at Ben');
    // Each editor shows the merged text too.
    expect(await a.inputValue()).toBe(merged);
    expect(await b.inputValue()).toBe(merged);

    // Both type at the very end at once: the keystrokes interleave, none is lost, both agree.
    await a.press('Control+End');
    await b.press('Control+End');
    await Promise.all([
      a.pressSequentially('abcd', { delay: 25 }),
      b.pressSequentially('WXYZ', { delay: 25 }),
    ]);
    await a.press('Escape');
    await b.press('Escape');
    const atAna = await ana.waitForNote(
      note.id,
      (n) => n?.text.length === merged.length + 8,
      'all keys at Ana',
    );
    const atBen = await ben.waitForNote(note.id, (n) => n?.text === atAna!.text, 'the same text at Ben');
    const tail = atBen!.text.slice(merged.length);
    expect(atBen!.text.startsWith(merged)).toBe(true);
    expect(isSubsequence('abcd', tail) && isSubsequence('WXYZ', tail)).toBe(true);
  });

  it('lands two moves of different notes made at the same time', async () => {
    const x = await ana.addNote(400, 750, 'Moved by Ana');
    const y = await ben.addNote(1500, 750, 'Moved by Ben');
    await ana.waitForNote(y.id, (n) => !!n, "Ben's note at Ana");
    await ben.waitForNote(x.id, (n) => !!n, "Ana's note at Ben");
    await ana.page.keyboard.press('Escape');
    await ben.page.keyboard.press('Escape');

    await Promise.all([ana.dragNote(x, 150, -250), ben.dragNote(y, -150, -250)]);
    const near = (n: Note | undefined, to: Note, dx: number, dy: number) =>
      !!n && Math.abs(n.x - to.x - dx) <= 2 && Math.abs(n.y - to.y - dy) <= 2;
    for (const page of [ana, ben]) {
      await page.waitForBoard(
        (b) =>
          near(
            b.notes.find((n) => n.id === x.id),
            x,
            150,
            -250,
          ) &&
          near(
            b.notes.find((n) => n.id === y.id),
            y,
            -150,
            -250,
          ),
        'both moves',
      );
    }
    const [atAna, atBen] = [await ana.board(), await ben.board()];
    expect(atAna.notes).toEqual(atBen.notes);
  });

  it("undoes only the person's own changes, never another person's", async () => {
    const shared = await ben.addNote(1400, 300, 'Shared');
    await ana.waitForNote(shared.id, (n) => !!n, 'the shared note at Ana');
    await ana.page.keyboard.press('Escape');
    const depth = await ana.undoDepth();

    // Ana adds a note, then (a moment later) recolours the shared note.
    const mine = await ana.addNote(400, 300, 'From Ana');
    await pause(ana);
    await ana.chooseFromMenu(shared, 'Colour green');
    await ana.waitForNote(shared.id, (n) => n?.color === 'green', 'the shared note green');
    expect(await ana.undoDepth()).toBe(depth + 2);

    // Ben types into Ana's note, marks the shared note a risk and edits its text, and adds his own.
    await ben.waitForNote(mine.id, (n) => n?.text === 'From Ana', "Ana's note at Ben");
    await ben.typeIntoNote(mine, ' +Ben');
    await ben.page.getByLabel('Note text').waitFor({ state: 'detached' });
    await ben.clickNote(shared);
    await ben.page.keyboard.press('r');
    await ben.typeIntoNote(shared, ' (Ben)');
    await ben.page.getByLabel('Note text').waitFor({ state: 'detached' });
    const his = await ben.addNote(960, 800, 'From Ben');
    await ana.waitForBoard(
      (b) =>
        b.notes.some((n) => n.id === his.id) &&
        b.notes.some((n) => n.id === shared.id && n.kind === 'risk' && n.text === 'Shared (Ben)') &&
        b.notes.some((n) => n.id === mine.id && n.text === 'From Ana +Ben'),
      "all of Ben's changes at Ana",
    );

    // Ana's first undo takes back her colour only: Ben's kind and text on that note stay.
    await ana.page.keyboard.press('Control+z');
    const afterOne = await ana.waitForNote(shared.id, (n) => n?.color === shared.color, 'the colour undone');
    expect(afterOne).toMatchObject({ kind: 'risk', text: 'Shared (Ben)' });

    // Her second undo takes back her note; Ben's note stays, and so do his edits elsewhere.
    await ana.page.keyboard.press('Control+z');
    for (const page of [ana, ben]) {
      const b = await page.waitForBoard((s) => !s.notes.some((n) => n.id === mine.id), "Ana's note gone");
      expect(b.notes.find((n) => n.id === his.id)).toMatchObject({ text: 'From Ben', author: 'Ben' });
      expect(b.notes.find((n) => n.id === shared.id)).toMatchObject({
        kind: 'risk',
        text: 'Shared (Ben)',
        color: shared.color,
      });
    }
    expect(await ana.undoDepth()).toBe(depth);

    // Redo brings her note back.
    await ana.page.keyboard.press('Control+Shift+z');
    await ben.waitForNote(mine.id, (n) => !!n && n.text.startsWith('From Ana'), "Ana's note redone at Ben");
  });

  it('undoes a whole drag in one step', async () => {
    const note = await ana.addNote(700, 750, 'Drag me');
    await ana.page.keyboard.press('Escape');
    await pause(ana);
    const depth = await ana.undoDepth();

    await ana.dragNote(note, 300, 120);
    const moved = (await ben.waitForNote(
      note.id,
      (n) => !!n && Math.abs(n.x - note.x - 300) <= 2 && Math.abs(n.y - note.y - 120) <= 2,
      'the drag at Ben',
    ))!;
    expect(await ana.note(note.id)).toMatchObject({ x: moved.x, y: moved.y });
    expect(await ana.undoDepth()).toBe(depth + 1);

    await ana.page.keyboard.press('Control+z');
    for (const page of [ana, ben]) {
      await page.waitForNote(note.id, (n) => n?.x === note.x && n.y === note.y, 'the note back where it was');
    }
    expect(await ana.undoDepth()).toBe(depth);
  });

  it('re-renders only the note another person changed', async () => {
    const other = await session.server.createBoard('Render counts');
    await ana.goto(session.server.origin, other);
    await ben.goto(session.server.origin, other);
    await ben.page.evaluate((w) => window.__board!.loadWorkshop(w), workshop);
    const loaded = await ana.waitForBoard((b) => b.notes.length > 30, 'the workshop at Ana');
    await ben.waitForBoard((b) => b.notes.length === loaded.notes.length, 'the workshop at Ben');

    // A note of the first layer (on both screens) that is not pink yet.
    const target = loaded.notes.find((n) => n.y < 1080 && n.color !== 'pink')!;
    const nextFrame = (page: BoardPageObject) =>
      page.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    await nextFrame(ben);
    await nextFrame(ben);
    await ben.page.evaluate(() => window.__board!.resetRenderCounts());

    await ana.clickNote(target);
    await ana.page.getByRole('toolbar').getByRole('button', { name: 'Colour pink' }).click();
    await ben.waitForNote(target.id, (n) => n?.color === 'pink', 'the pink note at Ben');
    await nextFrame(ben);
    const counts = await ben.page.evaluate(() => window.__board!.renderCounts());
    expect(Object.keys(counts)).toEqual([target.id]);
    expect(counts[target.id]).toBeLessThanOrEqual(2);
  });
});
