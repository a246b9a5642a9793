import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CELL_STATE_MEANING, cellPrompt, type BoardSnapshot, type Note } from '@shared';
import type { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { injectAxe, sampleWorkshop } from './harness';

const workshop = sampleWorkshop();

/** The cell (`layer:area` in the grid, `layer:horizon` on the roadmap) each card is shown in. */
function cardCells(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const cells: Record<string, string> = {};
    document.querySelectorAll<HTMLElement>('.structured-view [data-note-id]').forEach((card) => {
      cells[card.dataset.noteId!] = card.closest<HTMLElement>('[data-cell]')?.dataset.cell ?? '';
    });
    return cells;
  });
}

/** What the drag and drop live region last told a screen reader. */
function liveRegion(page: Page) {
  return page.locator('[id^="DndLiveRegion"]');
}

/**
 * Picks a card up with the keyboard (focus, Space) and waits until dnd-kit listens for the arrow keys.
 * It starts listening in a timer set at the pick-up, which can run a few milliseconds after "Picked up"
 * is announced: an arrow key pressed in between is lost (no person is that quick, a test is).
 */
async function pickUp(page: Page, noteId: string, announced: string): Promise<void> {
  await page.locator(`[data-note-id="${noteId}"]`).focus();
  await page.keyboard.press('Space');
  await expect.poll(() => liveRegion(page).textContent()).toContain(announced);
  // Timers of the same delay run in the order they were set: once this one has run, so has dnd-kit's.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

function centreIn(board: BoardSnapshot, note: Note, zoneId: string): boolean {
  const zone = board.zones.find((z) => z.id === zoneId)!;
  const cx = note.x + note.w / 2;
  const cy = note.y + note.h / 2;
  return cx >= zone.x && cx < zone.x + zone.w && cy >= zone.y && cy < zone.y + zone.h;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('grid and roadmap views', () => {
  const session = useBoardSession(workshop.title);
  let priya: BoardPageObject;
  let page: Page;

  beforeAll(async () => {
    priya = await session.open('Priya', 'business');
    page = priya.page;
    await page.evaluate((w) => window.__board!.loadWorkshop(w), workshop as unknown);
    await priya.waitForBoard((b) => b.notes.length === workshop.notes.length, 'the sample workshop');
  });

  it('switches views with buttons that say which view is shown', async () => {
    const board = page.getByRole('button', { name: 'Board', exact: true });
    const grid = page.getByRole('button', { name: 'Grid', exact: true });
    await expect(board.getAttribute('aria-pressed')).resolves.toBe('true');
    await grid.click();
    await expect(grid.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(board.getAttribute('aria-pressed')).resolves.toBe('false');
    await page.locator('.grid-view').waitFor();
    expect(await page.locator('.stage-box').isVisible()).toBe(false);
  });

  it("shows every note of the sample workshop in its layer and area, with each cell's state", async () => {
    await page.locator('.grid-view [data-note-id]').first().waitFor();
    const cells = await cardCells(page);
    for (const note of workshop.notes) expect(cells[note.id], note.id).toBe(`${note.layer}:${note.area}`);
    const card = page.locator('[data-note-id="s02"]');
    await expect(card.textContent()).resolves.toContain('Capacitive soil-moisture probe');
    await expect(card.textContent()).resolves.toContain('Tomas · Hardware');
    // A decision beside an open question is contested; a cell with no note shows its prompt.
    const contested = page.locator('[data-cell="devices:technology"] .cell-state');
    await expect(contested.innerText()).resolves.toBe('! CONTESTED');
    // "Contested" is explained where it shows: on the badge and in the legend above the grid.
    await expect(contested.getAttribute('title')).resolves.toBe(
      `Contested: ${CELL_STATE_MEANING.contested}.`,
    );
    const legend = page.getByRole('definition').filter({ hasText: CELL_STATE_MEANING.contested });
    expect(await legend.count()).toBe(1);
    // A gap looks and reads as on the board: the orange "○ GAP" badge of the coverage overlay.
    const empty = page.locator('[data-cell="embedded:ux"]');
    await expect(empty.locator('.cell-state').innerText()).resolves.toBe('○ GAP');
    await expect(
      empty.locator('.cell-state').evaluate((el) => getComputedStyle(el).backgroundColor),
    ).resolves.toBe('rgb(179, 71, 0)');
    await expect(empty.textContent()).resolves.toContain(cellPrompt('embedded', 'ux'));
  });

  it('moves a note to another cell with the keyboard alone, announcing each step', async () => {
    await pickUp(page, 's14', 'Picked up note');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => liveRegion(page).textContent()).toBe('Over Embedded software · Technology.');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => liveRegion(page).textContent()).toBe('Over Embedded software · UX.');
    await page.keyboard.press('Space');
    await expect.poll(() => liveRegion(page).textContent()).toBe('Moved to Embedded software · UX.');

    const board = await priya.waitForBoard(
      (b) =>
        centreIn(
          b,
          b.notes.find((n) => n.id === 's14')!,
          'embedded:ux',
        ),
      'the note inside Embedded software · UX',
    );
    const moved = board.notes.find((n) => n.id === 's14')!;
    const zone = board.zones.find((z) => z.id === 'embedded:ux')!;
    expect(moved.x).toBeGreaterThanOrEqual(zone.x);
    expect(moved.x + moved.w).toBeLessThanOrEqual(zone.x + zone.w);
    for (const other of board.notes.filter((n) => n.id !== moved.id)) {
      const overlap =
        moved.x < other.x + other.w &&
        other.x < moved.x + moved.w &&
        moved.y < other.y + other.h &&
        other.y < moved.y + moved.h;
      expect(overlap, `overlaps ${other.id}`).toBe(false);
    }
    await expect.poll(async () => (await cardCells(page)).s14).toBe('embedded:ux');
    // One step to undo, like any other move, and the grid follows the board.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await cardCells(page)).s14).toBe('embedded:business');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await cardCells(page)).s14).toBe('embedded:ux');
  });

  it('moves a note to another cell by dragging its card with the mouse', async () => {
    const card = await page.locator('[data-note-id="s04"]').boundingBox();
    const target = await page.locator('[data-cell="devices:business"]').boundingBox();
    await page.mouse.move(card!.x + card!.width / 2, card!.y + card!.height / 2);
    await page.mouse.down();
    await page.mouse.move(target!.x + target!.width / 2, target!.y + target!.height - 40, { steps: 12 });
    await page.mouse.up();
    await priya.waitForBoard(
      (b) =>
        centreIn(
          b,
          b.notes.find((n) => n.id === 's04')!,
          'devices:business',
        ),
      'the note inside Devices / Hardware · Business',
    );
    await expect.poll(async () => (await cardCells(page)).s04).toBe('devices:business');
  });

  it('filters the cards by kind, department and author', async () => {
    const cards = page.locator('.grid-view [data-note-id]');
    const total = workshop.notes.length;
    await expect.poll(() => cards.count()).toBe(total);

    await page.getByLabel('Department').selectOption({ label: 'Legal & compliance' });
    const legal = workshop.notes.filter((n) => n.department === 'legal').map((n) => n.id);
    await expect.poll(async () => Object.keys(await cardCells(page)).sort()).toEqual(legal.sort());

    await page.getByLabel('Department').selectOption('');
    await page.getByRole('checkbox', { name: /decision/ }).uncheck();
    const notDecisions = workshop.notes.filter((n) => n.kind !== 'decision').length;
    await expect.poll(() => cards.count()).toBe(notDecisions);
    await expect(page.locator('.grid-view .card.kind-decision').count()).resolves.toBe(0);

    await page.getByLabel('Author').selectOption('Tomas');
    const tomas = workshop.notes
      .filter((n) => n.author === 'Tomas' && n.kind !== 'decision')
      .map((n) => n.id);
    await expect.poll(async () => Object.keys(await cardCells(page)).sort()).toEqual(tomas.sort());

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => cards.count()).toBe(total);
  });

  it('has no serious or critical accessibility violations in the grid view', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds a note to an empty cell with the keyboard alone, where the board shows it too', async () => {
    const before = new Set((await priya.board()).notes.map((n) => n.id));
    const cell = page.locator('[data-cell="cloud:business"]');
    await expect(cell.locator('.cell-state').innerText()).resolves.toBe('○ GAP');
    const add = page.getByRole('button', { name: 'Add a note to Cloud platform · Business' });
    await add.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add a note' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Cloud platform · Business');
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing to add yet: no empty note is made. The text field has the keyboard.
    await page.keyboard.press('Control+Enter');
    await dialog.getByRole('alert').waitFor();
    await page.keyboard.type('Managed LoRaWAN network server per region');
    // The kind: Tab to the kinds, arrows to Decision, back to the text, Ctrl+Enter adds.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await dialog.getByRole('radio', { name: 'decision' }).isChecked()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });

    const board = await priya.waitForBoard(
      (b) => b.notes.some((n) => !before.has(n.id)),
      'the note added in the grid',
    );
    const added = board.notes.filter((n) => !before.has(n.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      text: 'Managed LoRaWAN network server per region',
      kind: 'decision',
      author: 'Priya',
      department: 'business',
    });
    expect(centreIn(board, added[0]!, 'cloud:business')).toBe(true);
    await expect.poll(async () => (await cardCells(page))[added[0]!.id]).toBe('cloud:business');
    await expect.poll(() => cell.locator('.cell-state').innerText()).toBe('✔ DECIDED');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Added a note to' }).textContent())
      .toBe('Added a note to Cloud platform · Business.');
    // The keyboard is back where it was.
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('opens a note from its card (click or Enter) to edit its text and kind, and the board follows', async () => {
    await page.locator('[data-note-id="s02"]').click();
    const dialog = page.getByRole('dialog', { name: 'Edit note' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Devices / Hardware · Technology');
    const text = dialog.getByLabel('Text');
    await expect(text.inputValue()).resolves.toBe(workshop.notes.find((n) => n.id === 's02')!.text);
    await text.press('End');
    await text.pressSequentially(', IP68');
    await dialog.getByRole('radio', { name: 'risk' }).check();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await priya.waitForNote('s02', (n) => n?.kind === 'risk' && n.text.endsWith(', IP68'), 'the edited note');
    await expect.poll(() => page.locator('[data-note-id="s02"]').innerText()).toContain(', IP68');

    // Enter on a focused card opens it; Escape leaves; space still picks a card up.
    await page.locator('[data-note-id="s03"]').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expect(dialog.getByLabel('Text').inputValue()).resolves.toContain('lithium');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await pickUp(page, 's03', 'Picked up note');
    await page.keyboard.press('Escape');
    await expect.poll(() => liveRegion(page).textContent()).toContain('Put back');
  });

  it('adds with the toolbar’s + Note or N to the cell last worked in, never to the hidden canvas', async () => {
    const before = new Set((await priya.board()).notes.map((n) => n.id));
    // The last cell clicked is the current one.
    await page.locator('[data-cell="cloud:ux"] .cell-prompt').click();
    await page.getByRole('button', { name: '+ Note' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a note' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Cloud platform · UX');
    await dialog.getByLabel('Text').fill('Fleet dashboard with offline nodes first');
    await dialog.getByRole('button', { name: 'Add note' }).click();
    await dialog.waitFor({ state: 'detached' });
    const board = await priya.waitForBoard(
      (b) => b.notes.some((n) => !before.has(n.id)),
      'the note added with + Note',
    );
    const added = board.notes.filter((n) => !before.has(n.id));
    expect(added).toHaveLength(1);
    expect(centreIn(board, added[0]!, 'cloud:ux')).toBe(true);
    await expect.poll(async () => (await cardCells(page))[added[0]!.id]).toBe('cloud:ux');

    // N opens the same dialog for the current cell; Escape adds nothing.
    await page.locator(`[data-note-id="${added[0]!.id}"]`).focus();
    await page.keyboard.press('n');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Cloud platform · UX');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await priya.board()).notes).toHaveLength(board.notes.length);
  });

  it('plans a decision later with the keyboard and warns where a dependency is now planned too late', async () => {
    await page.getByRole('button', { name: 'Roadmap', exact: true }).click();
    await page.locator('.roadmap-view [data-note-id="s16"]').waitFor();
    expect((await cardCells(page)).s16).toBe('communications:now');
    // The roadmap plans notes; "+ Note" says where to add one instead of adding it where no one sees it.
    const addNote = page.getByRole('button', { name: '+ Note' });
    expect(await addNote.isDisabled()).toBe(true);
    expect(await addNote.getAttribute('title')).toMatch(/on the board or in the grid/);
    const warnings = page.locator('.roadmap-warnings li');
    const before = await warnings.count();
    expect(await page.locator('[data-note-id="s09"] .card-warning').count()).toBe(0);

    await pickUp(page, 's16', 'Picked up decision');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => liveRegion(page).textContent()).toBe('Over Later (Communications).');
    await page.keyboard.press('Space');
    await expect.poll(() => liveRegion(page).textContent()).toBe('Moved to Later.');

    await priya.waitForBoard(
      (b) => b.notes.find((n) => n.id === 's16')?.horizon === 'later',
      's16 planned later',
    );
    await expect.poll(async () => (await cardCells(page)).s16).toBe('communications:later');
    // The MCU choice (now) needs a LoRa-capable radio decision that is now planned later.
    const warning = page.locator('[data-note-id="s09"] .card-warning');
    await expect.poll(() => warning.textContent()).toContain('LoRaWAN class A');
    await expect.poll(() => warnings.count()).toBe(before + 1);
    const lines = await warnings.allTextContents();
    expect(lines.some((l) => l.includes('Zephyr RTOS') && l.includes('planned later'))).toBe(true);
  });

  it('undoes two quick keyboard moves one drop at a time', async () => {
    const slot = async () => (await cardCells(page)).s16;
    const moveLeft = async (to: string, name: string) => {
      await pickUp(page, 's16', 'Picked up decision');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => liveRegion(page).textContent()).toBe(`Over ${name} (Communications).`);
      await page.keyboard.press('Space');
      await expect.poll(() => liveRegion(page).textContent()).toBe(`Moved to ${name}.`);
      await expect.poll(slot).toBe(to);
    };
    expect(await slot()).toBe('communications:later');
    // Well inside the undo manager's 500 ms capture window, which would otherwise merge the two.
    await moveLeft('communications:next', 'Next');
    await moveLeft('communications:now', 'Now');

    await page.keyboard.press('Control+z');
    await priya.waitForBoard(
      (b) => b.notes.find((n) => n.id === 's16')?.horizon === 'next',
      's16 back to next',
    );
    await expect.poll(slot).toBe('communications:next');
    await page.keyboard.press('Control+z');
    await expect.poll(slot).toBe('communications:later');
  });

  it('has no serious or critical accessibility violations in the roadmap view', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the grid on a view-only link without letting anyone drag', async () => {
    const viewer = await session.open('Viewer', 'legal', 'view');
    await viewer.page.getByRole('button', { name: 'Grid', exact: true }).click();
    await viewer.page.locator('.grid-view [data-note-id="s02"]').waitFor();
    expect(await viewer.page.locator('.grid-view [data-note-id][role="button"]').count()).toBe(0);
    // Nor add or open one: no + in the cells, and a click on a card opens nothing.
    expect(await viewer.page.getByRole('button', { name: /^Add a note to/ }).count()).toBe(0);
    await viewer.page.locator('.grid-view [data-note-id="s02"]').click();
    expect(await viewer.page.getByRole('dialog').count()).toBe(0);
    await expect(viewer.page.locator('.view-summary').textContent()).resolves.toContain('view only');
    await viewer.page.context().close();
  });
});
