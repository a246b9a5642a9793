import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import type { Note } from '@shared';
import type { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { openPanel, screenshotPath, seriousViolations, takeFacilitatorRole } from './workshopTools';

/** The comparison's summary line in a page's iterations panel. */
const totals = (panel: Locator) => panel.locator('.compare-totals').innerText();

/** How many Konva nodes with this id (e.g. a ghost) or name the canvas draws. */
function drawn(page: BoardPageObject, selector: string): Promise<number> {
  return page.page.evaluate((s) => window.Konva!.stages[0]!.find(s).length, selector);
}

function cellBadge(page: BoardPageObject, cell: string): Promise<string> {
  return page.page.evaluate(
    (id) =>
      (
        window.Konva!.stages[0]!.findOne(`#compare-${id}`) as unknown as {
          find(s: string): { text(): string }[];
        }
      )
        .find('Text')
        .map((t) => t.text())
        .join(' '),
    cell,
  );
}

const texts = (notes: readonly Note[]) => notes.map((n) => n.text).sort();

describe('iterations', () => {
  const session = useBoardSession('Iterations');
  let ana: BoardPageObject;
  let viewer: BoardPageObject;
  let radio: Note;
  let battery: Note;
  let vendor: Note;
  let gateway: Note;

  beforeAll(async () => {
    ana = await session.open('Ana', 'business');
    viewer = await session.open('Vic', 'legal', 'view');
    radio = await ana.addNote(300, 300, 'LoRaWAN radio');
    battery = await ana.addNote(1000, 300, 'Five-year battery');
    vendor = await ana.addNote(1600, 300, 'Which cloud vendor?');
    await takeFacilitatorRole(ana.page);
  });

  it('saves a named iteration that everyone sees in the list', async () => {
    const panel = await openPanel(ana.page, 'Iterations');
    await panel.getByLabel('Save the board as it is now').fill('Round 1');
    await panel.getByRole('button', { name: 'Save iteration' }).click();
    await panel.getByText('Saved “Round 1”.').waitFor();

    const seen = await openPanel(viewer.page, 'Iterations');
    await seen.getByRole('list', { name: 'Saved iterations' }).getByText('Round 1').waitFor();
    // A view link compares but does not save.
    expect(await seen.getByRole('button', { name: 'Save iteration' }).count()).toBe(0);
  });

  it('compares the board with it: added, removed and changed notes, and coverage per cell then and now', async () => {
    await ana.page.keyboard.press('Escape');
    await ana.typeIntoNote(radio, ' (EU868)');
    await ana.clickNote(vendor);
    await ana.page.keyboard.press('Delete');
    // Technology (top row) to Security (bottom row): another cell.
    await ana.dragNote(battery, 0, 380);
    gateway = await ana.addNote(300, 650, 'Own gateways');
    await viewer.waitForBoard(
      (b) => b.notes.length === 3 && b.notes.some((n) => n.text === 'Own gateways'),
      'the edits',
    );

    const panel = await openPanel(viewer.page, 'Iterations');
    await panel.getByRole('button', { name: 'Compare with now: Round 1' }).click();
    await expect.poll(() => totals(panel)).toMatch(/1 added · 1 removed · 2 changed/);
    const changed = panel
      .getByRole('list')
      .filter({ has: viewer.page.locator(`[data-note-id="${radio.id}"]`) });
    await expect.poll(() => changed.innerText()).toMatch(/text was “LoRaWAN radio”/);
    expect(await panel.getByRole('button', { name: /^Restore/ }).count()).toBe(0);

    expect(await drawn(viewer, `#ghost-${vendor.id}`)).toBe(1);
    expect(await drawn(viewer, '.compare-added')).toBe(1);
    expect(await drawn(viewer, '.compare-changed')).toBe(2);
    expect(await cellBadge(viewer, 'devices:security')).toMatch(/Gap → Exploring · 0 → 1 note/);
    expect(await cellBadge(viewer, 'devices:ux')).toMatch(/Exploring → Gap · 1 → 0 notes/);
    expect(await cellBadge(viewer, 'devices:standards')).toMatch(/Gap · 0 notes, as then/);

    // An item flies the view to its note.
    await panel.locator(`.compare-item[data-note-id="${gateway.id}"]`).click();
    const box = await viewer.canvasBox();
    const centre = await viewer.toScreen(gateway.x + gateway.w / 2, gateway.y + gateway.h / 2);
    expect(Math.abs(centre.x - (box.x + box.width / 2))).toBeLessThan(box.width / 4);

    expect(await seriousViolations(viewer.page, '.iterations-panel')).toEqual([]);
  });

  it('restores one note from its ghost or its diff item, each one step Ctrl+Z takes back', async () => {
    const panel = await openPanel(ana.page, 'Iterations');
    await panel.getByRole('button', { name: 'Compare with now: Round 1' }).click();
    await expect.poll(() => totals(panel)).toMatch(/1 added · 1 removed · 2 changed/);
    await ana.showLayer(0);
    const shot = screenshotPath('iterations-compare.png');
    if (shot) await ana.page.screenshot({ path: shot });

    // The ghost's Restore button, at its bottom right.
    const button = await ana.toScreen(vendor.x + vendor.w - 56, vendor.y + vendor.h - 20);
    await ana.page.mouse.click(button.x, button.y);
    await ana.waitForNote(vendor.id, (n) => n?.text === 'Which cloud vendor?', 'the restored note');
    await expect.poll(() => totals(panel)).toMatch(/1 added · 0 removed · 2 changed/);

    await panel.getByRole('button', { name: 'Restore “LoRaWAN radio”' }).click();
    await ana.waitForNote(radio.id, (n) => n?.text === 'LoRaWAN radio', 'the radio note as it was');
    await viewer.waitForNote(radio.id, (n) => n?.text === 'LoRaWAN radio', 'the restore at the viewer');
    await ana.page.mouse.move(5, 5);
    await ana.page.keyboard.press('Control+z');
    await ana.waitForNote(radio.id, (n) => n?.text === 'LoRaWAN radio (EU868)', 'the restore undone');
    await ana.page.keyboard.press('Control+z');
    await ana.waitForNote(vendor.id, (n) => !n, 'the ghost restore undone');
    await ana.page.keyboard.press('Control+Shift+z');
    await ana.page.keyboard.press('Control+Shift+z');
    await ana.waitForNote(radio.id, (n) => n?.text === 'LoRaWAN radio', 'the restore redone');
    await ana.waitForNote(vendor.id, (n) => !!n, 'the ghost restore redone');
  });

  it('restores the whole board after a confirmation, as one change that one Ctrl+Z takes back', async () => {
    const panel = await openPanel(ana.page, 'Iterations');
    await panel.getByRole('button', { name: 'Restore the whole board…' }).click();
    const confirm = panel.getByRole('alertdialog');
    await confirm.getByText('Make the whole board what it was in “Round 1”?').waitFor();
    await confirm.getByRole('button', { name: 'Restore the board' }).click();

    const board = await ana.waitForBoard(
      (b) => b.notes.length === 3 && !b.notes.some((n) => n.id === gateway.id),
      'Round 1',
    );
    expect(texts(board.notes)).toEqual(['Five-year battery', 'LoRaWAN radio', 'Which cloud vendor?']);
    expect(board.notes.find((n) => n.id === battery.id)).toMatchObject({ x: battery.x, y: battery.y });
    await expect.poll(() => totals(panel)).toMatch(/^No note changed since this iteration\./);
    await viewer.waitForBoard((b) => !b.notes.some((n) => n.id === gateway.id), 'the restore at the viewer');

    await ana.page.mouse.move(5, 5);
    await ana.page.keyboard.press('Control+z');
    const undone = await ana.waitForBoard(
      (b) => b.notes.some((n) => n.id === gateway.id),
      'the board restore undone',
    );
    expect(texts(undone.notes)).toEqual([
      'Five-year battery',
      'LoRaWAN radio',
      'Own gateways',
      'Which cloud vendor?',
    ]);
    expect(undone.notes.find((n) => n.id === battery.id)!.y).not.toBe(battery.y);
  });
});
