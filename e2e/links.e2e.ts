import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Link } from '@shared';
import type { BoardPageObject, Point } from './BoardPageObject';
import { useBoardSession } from './fixtures';

const LINK_COLOR = '#475569';
const CROSS_LAYER_COLOR = '#c026d3';
const SELECTED_COLOR = '#2563eb';

/** The page point in the middle of a link's arrow. */
async function arrowMiddle(page: BoardPageObject, link: Link): Promise<Point> {
  const arrow = await page.arrowOf(link.id);
  if (!arrow) throw new Error(`link ${link.id} is not drawn`);
  const [x1, y1, x2, y2] = arrow.points as [number, number, number, number];
  return page.toScreen((x1 + x2) / 2, (y1 + y2) / 2);
}

function close(actual: readonly number[], expected: readonly number[], tolerance = 1.5): boolean {
  return actual.length === expected.length && actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance);
}

describe('links between notes', () => {
  const session = useBoardSession('Links');
  let ana: BoardPageObject;

  beforeAll(async () => {
    ana = await session.open('Ana', 'hardware');
  });

  beforeEach(() => ana.clearBoard());

  it('draws a link by dragging from the handle onto another note; the arrow follows both notes', async () => {
    const { page } = ana;
    const a = await ana.addNote(400, 500, 'Battery');
    const b = await ana.addNote(1200, 500, 'Radio');

    const link = await ana.linkNotes(a, b);
    expect(link).toMatchObject({ from: a.id, to: b.id, label: '' });
    // Drawn from border to border, selected (blue) until something else is picked.
    let arrow = (await ana.arrowOf(link.id))!;
    expect(close(arrow.points, [a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2])).toBe(true);
    expect(arrow.stroke).toBe(SELECTED_COLOR);

    // B moves down: the link stays attached and its arrow's end goes with it.
    await page.keyboard.press('Escape');
    const moved = await ana.dragNote(b, 0, 300);
    const dy = Math.round(moved.y);
    const movedB = (await ana.waitForNote(b.id, (n) => n?.y === b.y + dy, 'B moved down'))!;
    const below = arrow.points[3]! + 100;
    await ana.waitForArrow(link.id, (a) => a.points[3]! > below, "the arrow's end moved down");
    arrow = (await ana.arrowOf(link.id))!;
    expect(arrow.stroke).toBe(LINK_COLOR);
    expect(arrow.points[3]).toBeGreaterThan(movedB.y);
    expect(arrow.points[3]).toBeLessThan(movedB.y + movedB.h);
    expect((await ana.board()).links).toEqual([link]);

    // A nudged with the keyboard: the arrow's start follows too.
    await ana.clickNote(a);
    await page.keyboard.press('Shift+ArrowDown');
    await ana.waitForNote(a.id, (n) => n?.y === a.y + 50, 'A nudged');
    const lower = arrow.points[1]! + 10;
    await ana.waitForArrow(link.id, (a) => a.points[1]! > lower, "the arrow's start moved down");

    // Dropping the handle on empty space, or back on the note itself, makes no link.
    const handle = await ana.linkHandleOf(await ana.note(a.id), await ana.view());
    await ana.drag(handle, await ana.toScreen(900, 300));
    await ana.drag(await ana.linkHandleOf(await ana.note(a.id), await ana.view()), await ana.centreOf(a));
    expect((await ana.board()).links).toEqual([link]);
  });

  it('labels a link by double-clicking it; Escape leaves the label as it was', async () => {
    const { page } = ana;
    const a = await ana.addNote(400, 500, 'Battery');
    const b = await ana.addNote(1200, 500, 'Radio');
    const link = await ana.linkNotes(a, b);
    const input = page.getByLabel('Link label');

    const middle = await arrowMiddle(ana, link);
    await page.mouse.dblclick(middle.x, middle.y);
    await input.waitFor();
    await input.pressSequentially('drives battery life');
    await input.press('Enter');
    await input.waitFor({ state: 'detached' });
    await ana.waitForBoard((s) => s.links[0]?.label === 'drives battery life', 'the label');
    // The label is drawn on the arrow.
    await page.waitForFunction(
      (id) =>
        (
          window.Konva!.stages[0]!.findOne(`#link-${id}`) as unknown as {
            find(s: string): { text(): string }[];
          }
        )
          .find('Text')
          .some((t) => t.text() === 'drives battery life'),
      link.id,
    );

    await page.mouse.dblclick(middle.x, middle.y);
    await input.waitFor();
    expect(await input.inputValue()).toBe('drives battery life');
    await input.press('Control+A');
    await input.pressSequentially('oops');
    await input.press('Escape');
    await input.waitFor({ state: 'detached' });
    expect((await ana.board()).links[0]!.label).toBe('drives battery life');
  });

  it('selects a link with a click and deletes it with Delete, leaving both notes', async () => {
    const { page } = ana;
    const a = await ana.addNote(400, 500, 'Battery');
    const b = await ana.addNote(1200, 500, 'Radio');
    const link = await ana.linkNotes(a, b);
    await page.keyboard.press('Escape');
    await ana.waitForArrow(link.id, (a) => a.stroke === LINK_COLOR, 'the link unselected');

    // A note is selected; clicking the link selects the link instead, so Delete takes only the link.
    await ana.clickNote(a);
    const middle = await arrowMiddle(ana, link);
    await page.mouse.click(middle.x, middle.y);
    expect((await ana.arrowOf(link.id))!.stroke).toBe(SELECTED_COLOR);
    await page.keyboard.press('Delete');
    const after = await ana.waitForBoard((s) => s.links.length === 0, 'the link deleted');
    expect(after.notes.map((n) => n.id).sort()).toEqual([a.id, b.id].sort());
    await page.waitForFunction((id) => !window.Konva!.stages[0]!.findOne(`#link-${id}`), link.id);
  });

  it('draws links that cross layers thicker and in magenta', async () => {
    const { page } = ana;
    // See the whole board, and put a note in the second layer (Embedded).
    await ana.showWholeCanvas();
    await ana.waitForView((v) => v.scale < 0.2, 'the whole board');
    const a = await ana.addNote(400, 500, 'Battery');
    const b = await ana.addNote(1400, 500, 'Radio');
    const c = await ana.addNote(960, 1900, 'Sleep modes');
    const same = await ana.linkNotes(a, b);
    const cross = await ana.linkNotes(a, c);
    await page.keyboard.press('Escape');
    await ana.waitForArrow(cross.id, (a) => a.stroke !== SELECTED_COLOR, 'the cross-layer link unselected');
    expect(await ana.arrowOf(same.id)).toMatchObject({ stroke: LINK_COLOR, strokeWidth: 3 });
    expect(await ana.arrowOf(cross.id)).toMatchObject({ stroke: CROSS_LAYER_COLOR, strokeWidth: 5 });

    // Moving C up into the first layer makes it an ordinary link.
    await ana.dragNote(c, 0, -1000);
    // (At this zoom a screen pixel is about nine board units.)
    await ana.waitForNote(c.id, (n) => !!n && Math.abs(n.y - (c.y - 1000)) < 20, 'C in the first layer');
    await ana.waitForArrow(cross.id, (a) => a.stroke === LINK_COLOR, 'an ordinary link');
  });

  it('deletes the links of a deleted note, and undo brings the note and its links back', async () => {
    const { page } = ana;
    const a = await ana.addNote(960, 350, 'Hub');
    const b = await ana.addNote(400, 750, 'Left');
    const c = await ana.addNote(1500, 750, 'Right');
    const ab = await ana.linkNotes(a, b);
    const ac = await ana.linkNotes(a, c);
    const bc = await ana.linkNotes(b, c);

    // A person's pause: changes less than 500 ms apart undo as one step, and the delete must be its own.
    await page.waitForTimeout(600);
    await page.keyboard.press('Escape');
    await ana.clickNote(a);
    await page.keyboard.press('Delete');
    const after = await ana.waitForBoard((s) => s.notes.length === 2, 'the hub deleted');
    expect(after.links).toEqual([bc]);
    await page.waitForFunction(
      (ids) => ids.every((id) => !window.Konva!.stages[0]!.findOne(`#link-${id}`)),
      [ab.id, ac.id],
    );

    await page.keyboard.press('Control+z');
    const back = await ana.waitForBoard((s) => s.notes.length === 3 && s.links.length === 3, 'all back');
    expect(back.links.map((l) => `${l.from}>${l.to}`).sort()).toEqual(
      [ab, ac, bc].map((l) => `${l.from}>${l.to}`).sort(),
    );
    expect(back.notes.find((n) => n.id === a.id)).toMatchObject({ text: 'Hub', x: a.x, y: a.y });
    await page.waitForFunction(
      (ids) => ids.every((id) => !!window.Konva!.stages[0]!.findOne(`#link-${id}`)),
      back.links.map((l) => l.id),
    );
  });
});
