import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createProjector, type BoardSnapshot, type Note } from '@shared';
import type { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { newPhonePerson, PhonePageObject, waitForText } from './PhonePageObject';
import { openPanel, screenshotPath, takeFacilitatorRole } from './workshopTools';

/** Keeps a screenshot of each screen when WORKSHOP_SCREENSHOTS names a folder. */
async function shoot(step: string, pages: Record<string, Page>): Promise<void> {
  for (const [who, page] of Object.entries(pages)) {
    const path = screenshotPath(`workshop-${step}-${who}.png`);
    if (path) await page.screenshot({ path });
  }
}

/**
 * One short workshop with everyone at once, as it runs in a meeting room: Ana facilitates from her laptop,
 * Ben takes part from his, Priya from her phone, and the room's screen shows the projector view. Each
 * tool has its own detailed tests; this one checks that they work together, step after step.
 */

function cellOf(board: BoardSnapshot, note: Note): string {
  const placed = createProjector(board.zones).placeNote(note);
  return placed ? `${placed.layer}:${placed.area ?? ''}` : '(outside)';
}

const texts = (notes: readonly Note[]) => notes.map((n) => n.text).sort();

/**
 * Pairs of notes of which one hides more than a quarter of the other. A crowded cell may leave notes
 * touching or overlapping a little, but none may bury another.
 */
function overlapping(notes: readonly Note[]): string[] {
  const pairs: string[] = [];
  notes.forEach((a, i) =>
    notes.slice(i + 1).forEach((b) => {
      const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (w > 0 && h > 0 && w * h > 0.25 * Math.min(a.w * a.h, b.w * b.h)) {
        pairs.push(`"${a.text}" (${a.x},${a.y} ${a.w}x${a.h}) / "${b.text}" (${b.x},${b.y} ${b.w}x${b.h})`);
      }
    }),
  );
  return pairs;
}

function projectorBoard(projector: Page): Promise<BoardSnapshot> {
  return projector.evaluate(() => window.__board!.board());
}

async function facilitatePanel(page: Page): Promise<Locator> {
  const panel = page.getByRole('dialog', { name: 'Facilitation' });
  if (!(await panel.isVisible())) await page.locator('.facilitate-trigger').click();
  await panel.waitFor();
  return panel;
}

const silentStatus = (page: Page) => page.getByRole('region', { name: 'Private notes status' });

describe('a workshop: facilitator, two participants (one on a phone) and the projector', () => {
  const session = useBoardSession('Smart irrigation: communications');
  let ana: BoardPageObject;
  let ben: BoardPageObject;
  let priya: PhonePageObject;
  let projector: Page;

  beforeAll(async () => {
    ana = await session.open('Ana', 'business');
    ben = await session.open('Ben', 'firmware');
    priya = await PhonePageObject.open(
      await newPhonePerson(session.browser, 'Priya', 'connectivity'),
      session.server.origin,
      session.board,
    );
    // The room's screen: a plain desktop browser on the projector link of the Share panel.
    const screen = await session.browser.newContext({ viewport: { width: 1280, height: 720 } });
    projector = await screen.newPage();
    const { id, viewToken, editToken } = session.board;
    await projector.goto(
      `${session.server.origin}/b/${id}/projector#view=${encodeURIComponent(viewToken)}&join=${encodeURIComponent(editToken)}`,
    );
    await projector.waitForFunction(() => window.__board?.state() === 'online');
  });

  afterAll(async () => {
    for (const page of [ana?.page, ben?.page, priya?.page, projector]) await page?.context().close();
  });

  it('the facilitator takes the role and focuses Communications · Technology on every screen', async () => {
    await takeFacilitatorRole(ana.page);
    await expect.poll(() => ben.page.locator('.facilitator-badge').innerText()).toBe('Facilitator: Ana');
    await expect.poll(() => projector.locator('.projector-facilitator').innerText()).toMatch(/Ana/);

    const panel = await facilitatePanel(ana.page);
    await panel.getByLabel('Layer', { exact: true }).selectOption({ label: 'Communications' });
    await panel.getByLabel('Area', { exact: true }).selectOption({ label: 'Technology' });
    await panel.getByRole('button', { name: 'Focus everyone' }).click();
    await panel.getByRole('button', { name: 'Close' }).click();

    await expect
      .poll(() => ben.page.locator('.focus-indicator').innerText())
      .toMatch(/Communications · Technology/);
    await expect.poll(() => projector.locator('.projector-focus').innerText()).toMatch(/Communications/);
    // The phone's Add tab is preset to the focused cell.
    await expect.poll(() => priya.page.getByLabel('Layer').inputValue()).toBe('communications');
    await expect.poll(() => priya.page.getByLabel('Area').inputValue()).toBe('technology');
  });

  it('brainstorms in silent mode: notes stay on each device, the others see only how many', async () => {
    const panel = await openPanel(ana.page, 'Private notes');
    await panel.getByRole('button', { name: 'Start silent brainstorming' }).click();
    await silentStatus(ben.page).getByText('Silent brainstorming').waitFor();

    // Ben adds from the toolbar: the note goes to the focused cell, privately.
    await ben.page.getByRole('button', { name: '+ Note' }).click();
    await ben.page.getByLabel('Note text').pressSequentially('LoRaWAN with our own gateways');
    await ben.page.keyboard.press('Escape');
    await priya.addNote('NB-IoT: no gateways to run', 'idea');
    await priya.addNote('Which radio do the co-ops already use?', 'question');

    await expect.poll(() => silentStatus(ana.page).innerText()).toMatch(/Ben 1/);
    await expect.poll(() => silentStatus(ana.page).innerText()).toMatch(/Priya 2/);
    await shoot('silent', { ana: ana.page, ben: ben.page, priya: priya.page, projector });
    for (const board of [await ana.board(), await ben.board(), await projectorBoard(projector)]) {
      expect(board.notes).toEqual([]);
    }
    const stored = await fetch(
      `${session.server.origin}/api/boards/${session.board.id}/export.json?token=${session.board.viewToken}`,
    ).then((r) => r.text());
    expect(stored).not.toContain('NB-IoT');
    expect(stored).not.toContain('LoRaWAN');
  });

  it('reveals everything at once, into the focused cell, on every screen', async () => {
    await silentStatus(ana.page).getByRole('button', { name: 'Reveal everyone’s notes' }).click();
    const all = [
      'LoRaWAN with our own gateways',
      'NB-IoT: no gateways to run',
      'Which radio do the co-ops already use?',
    ];
    const board = await ana.waitForBoard((b) => b.notes.length === 3, 'the three revealed notes');
    expect(texts(board.notes)).toEqual(all);
    for (const note of board.notes) expect(cellOf(board, note)).toBe('communications:technology');
    // Written apart on three devices and revealed at once, they settle side by side, not in a pile.
    await expect.poll(async () => overlapping((await ana.board()).notes)).toEqual([]);
    expect(board.notes.find((n) => n.text.startsWith('NB-IoT'))!.author).toBe('Priya');
    await ben.waitForBoard((b) => b.notes.length === 3, "the revealed notes on Ben's board");
    await expect.poll(async () => texts((await projectorBoard(projector)).notes)).toEqual(all);
    await silentStatus(ana.page).waitFor({ state: 'detached' });
  });

  it('votes with two dots each on Communications, hidden until the facilitator reveals them', async () => {
    const panel = await openPanel(ana.page, 'Vote');
    await panel.getByLabel('Dots per person', { exact: true }).fill('2');
    await panel.getByLabel('Vote on', { exact: true }).selectOption({ label: 'Communications' });
    await panel.getByRole('button', { name: 'Start vote' }).click();

    const board = await ben.board();
    const nbIot = board.notes.find((n) => n.text.startsWith('NB-IoT'))!;
    const question = board.notes.find((n) => n.text.startsWith('Which radio'))!;
    const benBanner = ben.page.getByRole('region', { name: 'Vote status' });
    await benBanner.getByText('Voting: 2 of 2 dots left').waitFor();
    await ben.clickNote(nbIot);
    await ben.clickNote(question);
    await benBanner.getByText('Voting: 0 of 2 dots left').waitFor();
    // A dot's click selects its note on Ben's screen only: a shared selection would show where it went.
    expect(await ben.page.evaluate(() => window.__presence!.local().selection ?? [])).toEqual([]);
    expect(
      (await ana.page.evaluate(() => window.__presence!.marks())).filter((m) => m.selection.length > 0),
    ).toEqual([]);

    const vote = await priya.showTab('Vote');
    await waitForText(vote.locator('.phone-dots-left'), '2 of 2 dots left');
    const card = vote.locator('.phone-card').filter({ hasText: 'NB-IoT' });
    await card.getByRole('button', { name: /^Add a dot/ }).tap();
    await card.getByRole('button', { name: /^Add a dot/ }).tap();
    await waitForText(vote.locator('.phone-dots-left'), '0 of 2 dots left');

    // Before the reveal nobody sees a ranking: the dots are sealed.
    await expect.poll(() => benBanner.innerText()).toMatch(/sealed until the reveal/);
    expect(await ben.page.getByRole('list', { name: 'Ranking' }).count()).toBe(0);

    await (await openPanel(ana.page, 'Vote')).getByRole('button', { name: 'Reveal results' }).click();
    const ranking = ana.page.getByRole('list', { name: 'Ranking' });
    await expect.poll(() => ranking.getByRole('listitem').first().innerText()).toMatch(/NB-IoT/);
    await expect.poll(() => ranking.getByRole('listitem').first().innerText()).toMatch(/3 dots/);
    await priya.page.getByRole('heading', { name: /^Results/ }).waitFor();
    await shoot('vote', { ana: ana.page, ben: ben.page, priya: priya.page, projector });
    await expect
      .poll(async () => (await projectorBoard(projector)).voteRounds.at(-1)?.totals[nbIot.id])
      .toEqual({ dots: 3, voters: 2 });
    expect((await projectorBoard(projector)).voteRounds).toEqual((await ana.board()).voteRounds);
  });

  it('saves the iteration, changes the board, and compares: what changed since', async () => {
    await (await openPanel(ana.page, 'Vote')).getByRole('button', { name: 'End vote' }).click();
    const iterations = await openPanel(ana.page, 'Iterations');
    await iterations.getByLabel('Save the board as it is now').fill('Round 1: radio');
    await iterations.getByRole('button', { name: 'Save iteration' }).click();
    await iterations.getByText('Saved “Round 1: radio”.').waitFor();

    // Ben sharpens his note; Priya adds a decision from her phone into the focused cell.
    const lora = (await ben.board()).notes.find((n) => n.text.startsWith('LoRaWAN'))!;
    await ben.page.keyboard.press('Escape');
    await ben.typeIntoNote(lora, ' (EU868)');
    await priya.showTab('Add');
    await priya.addNote('Decision: NB-IoT, LoRaWAN as fallback', 'decision');
    await ana.waitForBoard(
      (b) => b.notes.length === 4 && b.notes.some((n) => n.text.endsWith('(EU868)')),
      'the changes after the iteration',
    );
    expect(overlapping((await ana.board()).notes)).toEqual([]);

    await iterations.getByRole('button', { name: 'Compare with now: Round 1: radio' }).click();
    // Ben's text and Priya's new note; a note the reveal nudged apart meanwhile may count as changed too.
    await expect
      .poll(() => iterations.locator('.compare-totals').innerText())
      .toMatch(/1 added · 0 removed · [12] changed/);
    await expect
      .poll(() => iterations.locator(`.compare-item[data-note-id="${lora.id}"]`).innerText())
      .toMatch(/text was “LoRaWAN with our own gateways”/);
    await shoot('compare', { ana: ana.page, projector });
  });
});
