import { describe, expect, it } from 'vitest';
import { useBoardSession } from './fixtures';

describe('a large board zoomed out, where notes are drawn as plain cards', () => {
  const session = useBoardSession('Large board');

  it('selects, drags and edits a note too small to read, and draws only what is on screen', async () => {
    const page = await session.open('Ana', 'hardware');
    await page.page.evaluate(() => window.__board!.addSampleNotes(1500));
    await page.page.waitForFunction(() => window.__board!.noteCount() === 1500);
    // F with nothing selected fits the whole board on the canvas (0 would show the readable overview first).
    await page.page.keyboard.press('f');
    const view = await page.waitForView((v) => v.scale < 0.2, 'the whole board');

    // The template is five bitmaps (one per layer canvas) that do not listen.
    await page.page.waitForFunction(() =>
      window.Konva!.stages[0]!.find('.template-frame').every((frame) => frame.isCached()),
    );
    const frames = await page.page.evaluate(() =>
      window.Konva!.stages[0]!.find('.template-frame').map((frame) => frame.listening()),
    );
    expect(frames).toEqual([false, false, false, false, false]);

    // Zoomed out this far, the notes are one batch shape: few nodes, however many notes.
    const nodes = await page.page.evaluate(() => window.Konva!.stages[0]!.find('.note').length);
    expect(nodes).toBeLessThan(10);

    // Click a note: it is selected (and gets its own node, with resize handles).
    const target = (await page.board()).notes[700]!;
    const at = await page.toScreen(target.x + target.w / 2, target.y + target.h / 2);
    await page.page.mouse.click(at.x, at.y);
    await page.waitForSelection(target.id);

    // Drag a plain card: it moves by what the pointer moved, in board units.
    const other = (await page.board()).notes[300]!;
    const from = await page.toScreen(other.x + other.w / 2, other.y + other.h / 2);
    await page.page.mouse.move(from.x, from.y);
    await page.page.mouse.down();
    await page.page.mouse.move(from.x + 40, from.y + 20, { steps: 8 });
    await page.page.mouse.up();
    const moved = (await page.waitForNote(other.id, (n) => !!n && n.x !== other.x, 'the dragged card'))!;
    expect(moved.x - other.x).toBeCloseTo(40 / view.scale, -1);
    expect(moved.y - other.y).toBeCloseTo(20 / view.scale, -1);

    // Double-click a plain card: the view comes close and its editor opens.
    const third = (await page.board()).notes[1000]!;
    const p = await page.toScreen(third.x + third.w / 2, third.y + third.h / 2);
    await page.page.mouse.dblclick(p.x, p.y);
    await page.page.getByLabel('Note text').waitFor();
    expect((await page.view()).scale).toBeGreaterThan(view.scale);
    await page.page.keyboard.press('Escape');
  });
});
