import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createProjector, type BoardSnapshot, type Note } from '@shared';
import { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { injectAxe } from './harness';

/** What has the keyboard's focus: a short description, "BODY" when it fell to the page. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    return `${el.tagName.toLowerCase()}[${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? ''}]`;
  });
}

/** After each action the focus must be somewhere a keyboard user can go on from, never the body. */
async function expectFocusKept(page: Page, after: string): Promise<void> {
  // The focus keeper puts it back after the change settles: poll briefly, then insist.
  await expect
    .poll(() => focused(page), { timeout: 2_000, message: `focus after ${after}` })
    .not.toBe('BODY');
}

/** Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, selector: string, backwards = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function seriousViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    interface AxeViolation {
      id: string;
      impact: string | null;
      nodes: { target: string[] }[];
    }
    const axe = (window as unknown as { axe: { run(c: unknown): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

function announced(page: Page): Promise<string> {
  return page.getByTestId('announcer').innerText();
}

function cellOf(board: BoardSnapshot, note: Note): string {
  const placed = createProjector(board.zones).placeNote(note);
  return placed ? `${placed.layer}:${placed.area ?? ''}` : '(outside)';
}

describe('the board with a keyboard alone', () => {
  const session = useBoardSession('Keyboard workshop');

  it('joins, adds a note into a chosen cell, edits it, links it, votes and reveals, axe clean throughout', async () => {
    // A newcomer: no identity yet, so the board asks who they are.
    const context = await session.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const { origin } = session.server;
    const { board } = session;
    await page.goto(`${origin}/b/${board.id}#edit=${board.editToken}`);
    await page.getByRole('dialog', { name: 'Join the workshop' }).waitFor();
    await page.keyboard.type('Ana');
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    const ana = await BoardPageObject.attach(page);
    await expectFocusKept(page, 'joining');
    expect(await seriousViolations(page)).toEqual([]);

    // Tab into the canvas; N adds a note inside the cell in view, and says where.
    await tabTo(page, '.canvas-keyboard-proxy');
    await page.keyboard.press('n');
    const editor = page.getByLabel('Note text');
    await editor.waitFor();
    await expect.poll(() => announced(page)).toMatch(/^Note added in Devices \/ Hardware · \w+/);
    await page.keyboard.type('Use LoRaWAN');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('div[Notes on the board]');
    let b = await ana.waitForBoard((s) => s.notes.some((n) => n.text === 'Use LoRaWAN'), 'the first note');
    const first = b.notes.find((n) => n.text === 'Use LoRaWAN')!;
    // Inside one cell: all four corners in the same area.
    const projector = createProjector(b.zones);
    const corners = [
      projector.placePoint(first.x + 1, first.y + 1),
      projector.placePoint(first.x + first.w - 1, first.y + first.h - 1),
    ];
    expect(corners[0]).toEqual(corners[1]);
    expect(corners[0]?.area).not.toBeNull();

    // M: move it to a chosen cell, through the list.
    await page.keyboard.press('m');
    await page.getByRole('dialog', { name: 'Move to cell' }).waitFor();
    await page.keyboard.type('communications technology');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Move to cell' }).waitFor({ state: 'detached' });
    await expectFocusKept(page, 'moving to a cell');
    b = await ana.waitForBoard(
      (s) =>
        cellOf(
          s,
          s.notes.find((n) => n.id === first.id)!,
        ) === 'communications:technology',
      'the note in Communications · Technology',
    );
    await expect.poll(() => announced(page)).toBe('Note moved to Communications · Technology');

    // The screen reader hears the note the keyboard is on.
    const option = page.getByRole('option');
    await expect
      .poll(() => option.innerText())
      .toBe('Idea: Use LoRaWAN, by Ana, Communications · Technology');

    // Mark it a decision with D: the kind button says so.
    await page.keyboard.press('d');
    await ana.waitForNote(first.id, (n) => n?.kind === 'decision', 'a decision');
    expect(await page.getByRole('button', { name: 'Mark as decision' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await page.getByRole('button', { name: 'Mark as idea' }).getAttribute('aria-pressed')).toBe(
      'false',
    );

    // Enter edits the note the keyboard is on.
    await page.keyboard.press('Enter');
    await editor.waitFor();
    await page.keyboard.press('End');
    await page.keyboard.type(' radios');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    await ana.waitForNote(first.id, (n) => n?.text === 'Use LoRaWAN radios', 'the edited text');
    expect(await focused(page)).toBe('div[Notes on the board]');

    // A second note in the same cell (N next to the note the keyboard is on), then L links it.
    await page.keyboard.press('n');
    await editor.waitFor();
    await page.keyboard.type('Battery life');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    b = await ana.waitForBoard((s) => s.notes.some((n) => n.text === 'Battery life'), 'the second note');
    const second = b.notes.find((n) => n.text === 'Battery life')!;
    expect(cellOf(b, second)).toBe('communications:technology');
    await page.keyboard.press('l');
    const linkDialog = page.getByRole('dialog', { name: /^Link to/ });
    await linkDialog.waitFor();
    await page.keyboard.type('LoRaWAN');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await linkDialog.waitFor({ state: 'detached' });
    b = await ana.waitForBoard((s) => s.links.length === 1, 'the link');
    expect(b.links[0]).toMatchObject({ from: second.id, to: first.id });
    await expectFocusKept(page, 'linking');

    // Arrows walk the notes in reading order: Up goes back to the first note.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => option.innerText()).toMatch(/^Decision: Use LoRaWAN radios, by Ana/);
    expect(await seriousViolations(page)).toEqual([]);

    // Start a vote from the Vote panel.
    await tabTo(page, 'button[title^="Dot voting"]');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Start vote' }).waitFor();
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await expectFocusKept(page, 'starting a vote');
    await expect.poll(() => announced(page)).toMatch(/Dot vote open on the whole board/i);

    // Starting the vote put this page in vote mode (the banner offers the way back to editing): back into
    // the canvas, + gives the note the keyboard is on a dot.
    expect(await page.locator('.vote-banner button').innerText()).toBe('Back to editing');
    await tabTo(page, '.canvas-keyboard-proxy', true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('+');
    await expect.poll(() => page.locator('.vote-banner').innerText()).toMatch(/Voting: \d+ of \d+ dots left/);
    expect(await seriousViolations(page)).toEqual([]);

    // Reveal.
    await tabTo(page, '.vote-panel button.primary');
    await page.keyboard.press('Enter');
    await expect.poll(() => announced(page), { timeout: 10_000 }).toMatch(/Vote results revealed/);
    await expectFocusKept(page, 'revealing');
    expect(await seriousViolations(page)).toEqual([]);

    // Escape closes the vote panel and the focus goes back to its toggle.
    await tabTo(page, '.vote-panel button');
    await page.keyboard.press('Escape');
    await page.locator('.vote-panel').waitFor({ state: 'detached' });
    await expectFocusKept(page, 'closing the vote panel');
    await context.close();
  });
});
