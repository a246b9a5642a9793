import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createProjector, voteRevealPath, type BoardSnapshot, type Note } from '@shared';
import type { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { injectAxe, sampleWorkshop } from './harness';
import { newPhonePerson, PhonePageObject, waitForText } from './PhonePageObject';

/** Set to a folder to keep screenshots of the phone layout (for a person to look at). */
const SHOTS = process.env.PHONE_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The cell a note's centre lies in, as `layer:area`. */
function cellOf(board: BoardSnapshot, note: Note): string {
  const placement = createProjector(board.zones).placeNote(note);
  return placement ? `${placement.layer}:${placement.area ?? ''}` : 'outside';
}

/**
 * Writes one value of the workshop session, as the facilitator's controls do (they have their own
 * tests in facilitation.e2e.ts and voting.e2e.ts); here it only sets the scene for the phone.
 */
async function setSession(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    ([k, v]) =>
      window.__board!.forceChange((doc) => {
        const session = doc.getMap('session');
        if (v === null) session.delete(k as string);
        else session.set(k as string, v);
      }),
    [key, value] as const,
  );
}

async function seriousViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Everything on the page that sticks out past the right edge of the screen. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide: string[] = [];
    if (document.documentElement.scrollWidth > width)
      wide.push(`the page (${document.documentElement.scrollWidth} px)`);
    document.querySelectorAll<HTMLElement>('.phone-page *').forEach((element) => {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 0.5 && !element.closest('.visually-hidden')) {
        wide.push(
          `${element.tagName.toLowerCase()}.${element.className} ends at ${Math.round(box.right)} px`,
        );
      }
    });
    document.querySelectorAll<HTMLElement>('.phone-panel').forEach((panel) => {
      if (panel.scrollWidth > panel.clientWidth) wide.push(`${panel.id} scrolls sideways`);
    });
    return wide;
  });
}

/** Visible controls a finger has to hit, smaller than 44 px in either direction. */
function smallTargets(page: Page): Promise<{ checked: number; small: string[] }> {
  return page.evaluate(() => {
    const small: string[] = [];
    let checked = 0;
    document
      .querySelectorAll<HTMLElement>(
        '.phone-page button, .phone-page select, .phone-page textarea, .phone-kind',
      )
      .forEach((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return;
        checked++;
        if (box.height < 44 || box.width < 44) {
          small.push(
            `${element.tagName.toLowerCase()} "${element.textContent?.trim()}" ${Math.round(box.width)}x${Math.round(box.height)}`,
          );
        }
      });
    return { checked, small };
  });
}

describe('phone layout', () => {
  const session = useBoardSession('Smart irrigation (phone)');
  let desktop: BoardPageObject;
  let phone: PhonePageObject;
  let page: Page;

  beforeAll(async () => {
    desktop = await session.open('Priya', 'business');
    phone = await PhonePageObject.open(
      await newPhonePerson(session.browser, 'Ana', 'firmware', '#15803d'),
      session.server.origin,
      session.board,
    );
    page = phone.page;
  });

  it('shows a phone the phone layout, Add first, and the desktop the canvas', async () => {
    expect(await page.locator('.stage-box').count()).toBe(0);
    await expect(phone.tab('Add').getAttribute('aria-selected')).resolves.toBe('true');
    expect(await phone.tab('Vote').count()).toBe(0);
    expect(await phone.noteField().isVisible()).toBe(true);
    expect(await desktop.page.locator('.phone-page').count()).toBe(0);
    expect(await desktop.page.locator('.stage-box').isVisible()).toBe(true);
  });

  it('asks which area a note is about while nothing is focused', async () => {
    await expect(page.getByLabel('Area').inputValue()).resolves.toBe('');
    await phone.addNote('Battery life?', 'question');
    await expect(phone.message().textContent()).resolves.toBe('Choose the area this note is about.');
    expect(await page.getByLabel('Area').evaluate((el) => el === document.activeElement)).toBe(true);
    await expect(phone.noteField().inputValue()).resolves.toBe('Battery life?');
    expect((await phone.board()).notes).toHaveLength(0);
    await phone.noteField().fill('');
  });

  it('adds notes in a row into the focused layer and area; the desktop sees them in that cell', async () => {
    await setSession(desktop.page, 'focus', { layer: 'communications', area: 'security', since: Date.now() });
    await page.getByText('Focus: Communications · Security').waitFor();
    await expect(page.getByLabel('Layer').inputValue()).resolves.toBe('communications');
    await expect(page.getByLabel('Area').inputValue()).resolves.toBe('security');

    await phone.addNote('Pair sensors over BLE', 'idea', 'enter');
    await expect(phone.noteField().inputValue()).resolves.toBe('');
    // The field keeps the keyboard for the next note.
    expect(await phone.noteField().evaluate((el) => el === document.activeElement)).toBe(true);
    await phone.addNote('Who rotates the gateway keys?', 'question');
    await expect(phone.noteField().inputValue()).resolves.toBe('');
    await expect(phone.message().textContent()).resolves.toBe('Added to Communications · Security.');

    const board = await desktop.waitForBoard((b) => b.notes.length === 2, 'the phone notes');
    for (const note of board.notes) {
      expect(cellOf(board, note)).toBe('communications:security');
      // Ana picked Green: her notes are the green sticky notes.
      expect(note).toMatchObject({ author: 'Ana', department: 'firmware', color: 'green' });
    }
    expect(board.notes.map((n) => [n.text, n.kind]).sort()).toEqual([
      ['Pair sensors over BLE', 'idea'],
      ['Who rotates the gateway keys?', 'question'],
    ]);
    const [a, b] = board.notes;
    const apart = a!.x + a!.w <= b!.x || b!.x + b!.w <= a!.x || a!.y + a!.h <= b!.y || b!.y + b!.h <= a!.y;
    expect(apart).toBe(true);
    expect(await desktop.page.evaluate(() => window.__board!.coverage()['communications:security'])).toBe(
      'exploring',
    );

    const recent = page.locator('.phone-recent .phone-card');
    await expect(recent.count()).resolves.toBe(2);
    await expect(recent.first().textContent()).resolves.toContain('Who rotates the gateway keys?');
    await expect(recent.first().textContent()).resolves.toContain('Communications · Security');
    await shot(page, 'phone-add');
  });

  it('shows what the room is doing: the facilitator, the focus and the running timer', async () => {
    await setSession(desktop.page, 'facilitator', {
      id: 'priya01',
      name: 'Priya',
      color: '#1d4ed8',
      since: Date.now(),
    });
    await setSession(desktop.page, 'timer', {
      status: 'running',
      durationMs: 300_000,
      endsAt: Date.now() + 300_000,
      startedBy: 'priya01',
    });
    await page.getByText('Facilitator: Priya').waitFor();
    const timer = page.getByRole('timer');
    await timer.waitFor();
    const seconds = Number(await timer.getAttribute('data-remaining-seconds'));
    expect(seconds).toBeGreaterThan(290);
    expect(seconds).toBeLessThanOrEqual(300);
    await expect(page.locator('.phone-status-row').textContent()).resolves.toContain(
      'Focus: Communications · Security',
    );
    await shot(page, 'phone-top-bar');
    await setSession(desktop.page, 'timer', null);
    await timer.waitFor({ state: 'detached' });
  });

  it('refuses a blank note, saying why', async () => {
    await phone.noteField().fill('   ');
    await page.getByRole('button', { name: 'Add note' }).tap();
    await expect(phone.message().textContent()).resolves.toBe('Write something on the note first.');
    expect((await phone.board()).notes).toHaveLength(2);
  });

  it('undoes the last note added, and only that one; redo brings it back', async () => {
    await page.getByRole('button', { name: 'Undo' }).tap();
    let board = await desktop.waitForBoard((b) => b.notes.length === 1, 'the undone note gone');
    expect(board.notes[0]!.text).toBe('Pair sensors over BLE');
    await page.getByRole('button', { name: 'Redo' }).tap();
    board = await desktop.waitForBoard((b) => b.notes.length === 2, 'the note back');
  });

  it('edits a recent note (text and kind) and deletes one', async () => {
    await page.getByRole('button', { name: /^Edit .*gateway keys/ }).tap();
    const sheet = page.getByRole('dialog', { name: 'Edit note' });
    await sheet.waitFor();
    await shot(page, 'phone-edit');
    const text = sheet.getByLabel('Text');
    await text.press('End');
    await text.pressSequentially(' Cloud team');
    await sheet.getByRole('radio', { name: 'decision' }).check();
    await sheet.getByRole('button', { name: 'Done' }).tap();
    await sheet.waitFor({ state: 'detached' });
    await desktop.waitForBoard(
      (b) =>
        b.notes.some((n) => n.text === 'Who rotates the gateway keys? Cloud team' && n.kind === 'decision'),
      'the edited note',
    );

    await phone.addNote('Mesh instead of star?', 'question');
    await desktop.waitForBoard((b) => b.notes.length === 3, 'the third note');
    await page.getByRole('button', { name: /^Delete .*Mesh instead/ }).tap();
    await desktop.waitForBoard((b) => b.notes.length === 2, 'the deleted note gone');
    await expect(page.locator('.phone-recent .phone-card').count()).resolves.toBe(2);
  });

  it('reads the board as a list: the focused layer first and open, each cell with its state and its notes', async () => {
    await desktop.page.evaluate((w) => window.__board!.loadWorkshop(w), sampleWorkshop() as unknown);
    const board = await desktop.waitForBoard(
      (b) => b.notes.length === sampleWorkshop().notes.length + 2,
      'the sample workshop',
    );
    const panel = await phone.showTab('Board');
    await page.waitForFunction(
      (count) => document.querySelector('.phone-summary')?.textContent?.startsWith(`${count} notes`),
      board.notes.length,
    );
    const layers = panel.locator('.phone-layer-toggle');
    await expect(layers.first().textContent()).resolves.toMatch(/^3 Communications/);
    await expect(layers.first().getAttribute('aria-expanded')).resolves.toBe('true');

    const coverage = await desktop.page.evaluate(() => window.__board!.coverage());
    for (const area of ['business', 'technology', 'ux', 'data', 'security', 'standards']) {
      const cell = `communications:${area}`;
      const section = panel.locator(`[data-cell="${cell}"]`);
      await expect(section.locator('.phone-state').getAttribute('data-state')).resolves.toBe(coverage[cell]);
      const expected = board.notes
        .filter((n) => cellOf(board, n) === cell)
        .map((n) => n.text)
        .sort();
      const shown = await section.locator('.phone-card-text').allTextContents();
      expect(shown.sort(), cell).toEqual(expected);
    }
    await shot(page, 'phone-board');

    // Devices starts closed; opening it lists its cells.
    const devices = panel.locator('[data-layer="devices"] .phone-layer-toggle');
    await expect(devices.getAttribute('aria-expanded')).resolves.toBe('false');
    await devices.tap();
    await panel.locator('[data-cell="devices:business"]').waitFor();
    const devicesNotes = board.notes.filter((n) => cellOf(board, n).startsWith('devices:')).length;
    await expect(panel.locator('[data-layer="devices"] .phone-card').count()).resolves.toBe(devicesNotes);

    // On the edit link a card opens its editor.
    await phone.card('Pair sensors over BLE').locator('button').tap();
    const sheet = page.getByRole('dialog', { name: 'Edit note' });
    await sheet.waitFor();
    await expect(sheet.textContent()).resolves.toContain('Communications · Security');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  it('in silent brainstorming keeps new notes on the phone, private, until the facilitator reveals them', async () => {
    await phone.showTab('Add');
    await setSession(desktop.page, 'silent', { active: true, since: Date.now(), by: 'priya' });
    await page.getByText('Silent brainstorming:').waitFor();
    const before = (await desktop.board()).notes.length;
    await phone.addNote('Ask the co-op about shared gateways', 'idea');
    await waitForText(phone.message(), 'Kept private until revealed, for Communications · Security.');
    await waitForText(page.locator('.phone-private-count'), '1 private note on this phone');
    await waitForText(page.locator('.phone-room-counts'), 'Held privately: Ana (you) 1');
    await page.getByRole('button', { name: 'Add private note' }).waitFor();
    // The desktop hears of one private note (awareness travels after any document change would have)...
    await desktop.page.waitForFunction(
      () => window.__presence?.participants().find((p) => p.name === 'Ana')?.privateNotes === 1,
    );
    // ...and never of its text.
    expect((await desktop.board()).notes.some((n) => n.text.includes('co-op'))).toBe(false);
    expect((await desktop.board()).notes).toHaveLength(before);
    const recent = page.locator('.phone-recent .phone-card').first();
    await expect(recent.textContent()).resolves.toContain('Private until revealed');
    // Undo takes back the latest step, here in the private notes; redo brings the note back.
    await page.getByRole('button', { name: 'Undo' }).tap();
    await waitForText(page.locator('.phone-private-count'), '0 private notes on this phone');
    await page.getByRole('button', { name: 'Redo' }).tap();
    await waitForText(page.locator('.phone-private-count'), '1 private note on this phone');
    expect((await desktop.board()).notes).toHaveLength(before);
    await shot(page, 'phone-silent');

    await setSession(desktop.page, 'silent', {
      active: false,
      since: Date.now(),
      by: 'priya',
      revealedAt: Date.now(),
    });
    const board = await desktop.waitForBoard(
      (b) => b.notes.some((n) => n.text.includes('co-op')),
      'the revealed note',
    );
    const revealed = board.notes.find((n) => n.text.includes('co-op'))!;
    expect(cellOf(board, revealed)).toBe('communications:security');
    expect(revealed).toMatchObject({ author: 'Ana', department: 'firmware' });
    await page.locator('.phone-silent').waitFor({ state: 'detached' });
    await waitForText(recent.locator('.phone-where'), 'Communications · Security');
  });

  it('keeps everything within a 360 px wide screen, with touch targets of at least 44 px', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const tab of ['Add', 'Board'] as const) {
      await phone.showTab(tab);
      expect(await overflowing(page), tab).toEqual([]);
      const targets = await smallTargets(page);
      expect(targets.small, tab).toEqual([]);
      // Every tab has tabs, selects or cards to tap: a check of nothing would prove nothing.
      expect(targets.checked, tab).toBeGreaterThan(8);
    }
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('votes from the phone: dots left, + and − dot, then the ranking once revealed', async () => {
    await setSession(desktop.page, 'vote', {
      id: 'v1',
      scope: 'communications',
      dotsPerPerson: 3,
      status: 'open',
      startedAt: Date.now(),
      startedBy: 'priya',
    });
    await expect(phone.tab('Vote').textContent()).resolves.toContain('(open)');
    const panel = await phone.showTab('Vote');
    await waitForText(panel.locator('.phone-dots-left'), '3 of 3 dots left');
    const board = await desktop.board();
    const inLayer = board.notes.filter((n) => cellOf(board, n).startsWith('communications:'));
    await expect(panel.locator('.phone-card').count()).resolves.toBe(inLayer.length);

    const ble = panel.locator('.phone-card').filter({ hasText: 'Pair sensors over BLE' });
    const keys = panel.locator('.phone-card').filter({ hasText: 'gateway keys' });
    await ble.getByRole('button', { name: /^Add a dot/ }).tap();
    await waitForText(panel.locator('.phone-dots-left'), '2 of 3 dots left');
    await ble.getByRole('button', { name: /^Add a dot/ }).tap();
    await keys.getByRole('button', { name: /^Add a dot/ }).tap();
    await waitForText(panel.locator('.phone-dots-left'), '0 of 3 dots left');
    expect(await ble.getByRole('button', { name: /^Add a dot/ }).isDisabled()).toBe(true);
    await shot(page, 'phone-vote');

    await ble.getByRole('button', { name: /^Take a dot back/ }).tap();
    await waitForText(panel.locator('.phone-dots-left'), '1 of 3 dots left');
    await ble.getByRole('button', { name: /^Add a dot/ }).tap();
    await waitForText(panel.locator('.phone-message'), 'Dot placed: 0 of 3 left.');
    // The phone's dots are sealed at the server: the desktop's document holds none of them.
    expect(await desktop.page.evaluate(() => window.__board!.documentJson())).not.toMatch(/"votes"|"dots"/);

    const revealed = await fetch(`${session.server.origin}${voteRevealPath(session.board.id)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.board.editToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ voteId: 'v1' }),
    });
    expect(revealed.status).toBe(200);
    await panel.getByRole('heading', { name: /^Results/ }).waitFor();
    const ranking = panel.locator('.phone-ranking .phone-card');
    await waitForText(ranking.first().locator('.phone-rank'), '#1 2 dots from 1 person');
    await expect(ranking.first().textContent()).resolves.toContain('Pair sensors over BLE');
    await expect(ranking.count()).resolves.toBe(2);
    await expect(ranking.nth(1).locator('.phone-rank').textContent()).resolves.toBe('#2 1 dot from 1 person');
    await shot(page, 'phone-results');

    // After the reveal, the board list shows the dots too.
    const list = await phone.showTab('Board');
    await expect(
      list
        .locator('.phone-card')
        .filter({ hasText: 'Pair sensors over BLE' })
        .locator('.phone-card-dots')
        .textContent(),
    ).resolves.toContain('2 dots');
  });

  it('passes an axe audit on every tab and the note editor, with no serious or critical violation', async () => {
    for (const tab of ['Add', 'Board', 'Vote'] as const) {
      await phone.showTab(tab);
      expect(await seriousViolations(page), tab).toEqual([]);
    }
    await phone.showTab('Board');
    await phone.card('Pair sensors over BLE').locator('button').tap();
    await page.getByRole('dialog', { name: 'Edit note' }).waitFor();
    expect(await seriousViolations(page), 'note editor').toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('goes to the full canvas and back', async () => {
    await page.getByRole('button', { name: 'Full board' }).tap();
    await page.locator('.stage-box').waitFor();
    await shot(page, 'phone-full-board');
    await page.getByRole('button', { name: 'Phone view' }).tap();
    await page.locator('.phone-page').waitFor();
    expect(await page.locator('.stage-box').count()).toBe(0);
  });

  it('on a view link: the board to read, nothing to add or edit', async () => {
    const viewer = await PhonePageObject.open(
      await newPhonePerson(session.browser, 'Viewer', 'business'),
      session.server.origin,
      session.board,
      'view',
    );
    expect(await viewer.tab('Add').count()).toBe(0);
    await expect(viewer.tab('Board').getAttribute('aria-selected')).resolves.toBe('true');
    await viewer.page.locator('.phone-card').first().waitFor();
    expect(await viewer.page.locator('.phone-card button').count()).toBe(0);
    expect(await viewer.page.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    await viewer.page.context().close();
  });
});
