import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { injectAxe, movableClock, newPerson, sampleWorkshop } from './harness';
import { newPhonePerson, PhonePageObject } from './PhonePageObject';
import { takeFacilitatorRole } from './workshopTools';

/** The top bar's Agenda button ("Agenda (running)" while a run goes on). */
const AGENDA_BUTTON = /^Agenda( \(running\))?$/;

/** Set to a folder to keep screenshots of the agenda editor and the projector's step banner. */
const SHOTS = process.env.WORKSHOP_SCREENSHOTS;

async function seriousViolations(page: Page, include: string): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async (selector) => {
    interface AxeViolation {
      id: string;
      impact: string | null;
      nodes: { target: string[] }[];
    }
    const axe = (window as unknown as { axe: { run(c: unknown): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run({ include: [selector] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, include);
}

/** The step label a page shows, spaces as read ('' when there is none). */
async function label(page: Page): Promise<string> {
  const shown = page.locator('.step-banner .step-label');
  return (await shown.count()) ? (await shown.innerText()).replace(/\s+/g, ' ').trim() : '';
}

describe('the guided workshop: an agenda run across a facilitator, a participant, a phone and the projector', () => {
  const session = useBoardSession('Agenda');
  let ana: BoardPageObject;
  let ben: BoardPageObject;
  let phone: PhonePageObject;
  let projector: Page;
  let pages: Page[];
  let panel: Locator;

  /** Moves every device's clock on by `ms`, as time passing in the room. */
  const pass = async (ms: number) => {
    for (const page of pages) await page.clock.fastForward(ms);
  };
  const everyone = (text: string | RegExp) =>
    Promise.all(pages.map((page) => expect.poll(() => label(page), { timeout: 10_000 }).toMatch(text)));

  beforeAll(async () => {
    const anaContext = await newPerson(session.browser, 'Ana', 'business');
    const benContext = await newPerson(session.browser, 'Ben', 'cloud');
    const phoneContext = await newPhonePerson(session.browser, 'Chloe', 'firmware');
    const screen = await session.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    for (const context of [anaContext, benContext, phoneContext, screen]) await movableClock(context);
    ana = await BoardPageObject.open(anaContext, session.server.origin, session.board);
    await ana.page.evaluate((w) => window.__board!.loadWorkshop(w), sampleWorkshop() as unknown);
    await ana.waitForBoard((b) => b.notes.length > 30, 'the sample workshop');
    ben = await BoardPageObject.open(benContext, session.server.origin, session.board);
    phone = await PhonePageObject.open(phoneContext, session.server.origin, session.board);
    projector = await screen.newPage();
    const { id, viewToken, editToken } = session.board;
    await projector.goto(
      `${session.server.origin}/b/${id}/projector#view=${encodeURIComponent(viewToken)}&join=${encodeURIComponent(editToken)}`,
    );
    await projector.waitForFunction(() => window.__board?.state() === 'online');
    pages = [ana.page, ben.page, phone.page, projector];
    await takeFacilitatorRole(ana.page);
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    for (const page of [ana?.page, ben?.page, phone?.page, projector]) await page?.context().close();
  });

  it('builds a three-step agenda in the editor, reorders it by keyboard and mouse, and passes axe', async () => {
    const trigger = ana.page.getByRole('button', { name: AGENDA_BUTTON });
    await trigger.click();
    panel = ana.page.getByRole('dialog', { name: 'Agenda' });
    await panel.waitFor();
    expect(await seriousViolations(ana.page, '#agenda-panel')).toEqual([]);

    const add = panel.getByRole('form', { name: 'Add a step' });
    const addStep = async (scope: string, activity: string, time: string) => {
      await add.getByLabel('Scope of the new step').selectOption({ label: scope });
      await add.getByLabel('Activity of the new step').selectOption({ label: activity });
      const field = add.getByLabel(/Time for the new step/);
      await field.fill(time);
      await field.blur();
      await add.getByRole('button', { name: 'Add step' }).click();
    };
    await addStep('Embedded software (the layer)', 'Silent brainstorm', '0:30');
    await addStep('Whole stack', 'Consistency review', '0:05');
    await addStep('Embedded software (the layer)', 'Vote', '0:05');
    const order = async () =>
      (await ana.page.evaluate(() => JSON.parse(window.__board!.documentJson()).session.agenda.steps)).map(
        (s: { activity: string; timeboxMs: number }) => `${s.activity} ${s.timeboxMs}`,
      );
    await expect.poll(order).toEqual(['silentBrainstorm 30000', 'consistencyReview 5000', 'dotVote 5000']);

    // Keyboard: space picks the vote up, Up moves it one place, space drops it (each key once dnd-kit
    // shows the one before: it listens for the next keys only after the pick-up).
    const rows = panel.locator('.agenda-step');
    const picked = panel.locator('.agenda-step.is-dragging');
    await panel.getByRole('button', { name: 'Move step 3, Embedded software · Vote', exact: true }).focus();
    await ana.page.keyboard.press('Space');
    await picked.waitFor();
    await ana.page.keyboard.press('ArrowUp');
    await rows.nth(1).and(panel.locator('.is-over')).waitFor();
    await ana.page.keyboard.press('Space');
    await picked.waitFor({ state: 'detached' });
    await expect.poll(order).toEqual(['silentBrainstorm 30000', 'dotVote 5000', 'consistencyReview 5000']);
    // Escape while a step is picked up puts it back, and leaves the panel open.
    await panel
      .getByRole('button', { name: 'Move step 1, Embedded software · Silent brainstorm', exact: true })
      .focus();
    await ana.page.keyboard.press('Space');
    await picked.waitFor();
    await ana.page.keyboard.press('ArrowDown');
    await rows.nth(1).and(panel.locator('.is-over')).waitFor();
    await ana.page.keyboard.press('Escape');
    await picked.waitFor({ state: 'detached' });
    expect(await panel.isVisible()).toBe(true);
    expect(await order()).toEqual(['silentBrainstorm 30000', 'dotVote 5000', 'consistencyReview 5000']);

    // Mouse: the review's handle dragged onto the first row, then the brainstorm back on top.
    const dragTo = async (handle: Locator, row: Locator) => {
      const from = (await handle.boundingBox())!;
      const to = (await row.boundingBox())!;
      await ana.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await ana.page.mouse.down();
      await ana.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 8, { steps: 3 });
      await ana.page.mouse.move(from.x + from.width / 2, to.y + to.height / 2, { steps: 8 });
      await ana.page.mouse.up();
    };
    await dragTo(panel.getByRole('button', { name: /^Move step 3,/ }), rows.nth(0));
    await expect.poll(order).toEqual(['consistencyReview 5000', 'silentBrainstorm 30000', 'dotVote 5000']);
    await dragTo(panel.getByRole('button', { name: /^Move step 1,/ }), rows.nth(2));
    await expect.poll(order).toEqual(['silentBrainstorm 30000', 'dotVote 5000', 'consistencyReview 5000']);

    // The framework plan asks before it replaces the steps.
    await panel.getByRole('button', { name: 'Use the framework plan' }).click();
    await panel
      .getByRole('group', { name: 'Confirm replacing the agenda' })
      .getByRole('button', { name: 'Cancel' })
      .click();
    expect(await rows.count()).toBe(3);

    expect(await seriousViolations(ana.page, '#agenda-panel')).toEqual([]);
    if (SHOTS) await panel.screenshot({ path: join(SHOTS, 'agenda-editor.png') });

    // Escape closes it and gives the keyboard back to the Agenda button.
    await ana.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('runs it: every screen shows the step and its effects, ticking on the same clock', async () => {
    await ana.page.getByRole('button', { name: AGENDA_BUTTON }).click();
    await panel.getByRole('button', { name: 'Start the agenda' }).click();
    // The devices' clocks flow with real time between the test's steps (a busy machine takes seconds
    // over them): the label is read for its shape, and the pages compared with each other.
    await everyone(/^Step 1 of 3 · Embedded software · Silent brainstorm · 0:[0-3]\d left$/);
    const left = await Promise.all(
      pages.map(async (page) => Number(/0:(\d\d) left$/.exec(await label(page))?.[1])),
    );
    expect(Math.max(...left) - Math.min(...left)).toBeLessThanOrEqual(2);
    // What to do now, everywhere; the facilitator's buttons only on the facilitator's page.
    for (const page of pages)
      expect(await page.locator('.step-banner .step-instruction').innerText()).toMatch(
        /^Write your own notes for Embedded software/,
      );
    expect(await ana.page.locator('.step-banner').getByRole('button', { name: 'Next step' }).count()).toBe(1);
    for (const page of [ben.page, phone.page, projector])
      expect(await page.getByRole('button', { name: 'Next step' }).count()).toBe(0);
    // Its effects: the focus on Embedded software and silent brainstorming, for everyone.
    await ben.page.locator('.silent-banner').waitFor();
    await expect.poll(() => ben.page.locator('.focus-indicator').innerText()).toMatch(/Embedded software/);
    await phone.page.locator('.phone-silent').waitFor();
    await expect.poll(() => projector.locator('.projector-focus').innerText()).toMatch(/Embedded software/);

    await ana.page.keyboard.press('Escape');
    // The projector shows the step large enough for the back of the room at 1920 x 1080.
    const size = await projector
      .locator('.step-banner .step-label')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(44);
    const instruction = await projector
      .locator('.step-banner .step-instruction')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(instruction).toBeGreaterThanOrEqual(28);
    if (SHOTS) await projector.screenshot({ path: join(SHOTS, 'agenda-projector-1920.png') });

    // Time passes in the room: every screen counts past the end together.
    await pass(40_000);
    await everyone(/^Step 1 of 3 · Embedded software · Silent brainstorm · 0:\d\d over$/);

    // Next: the vote opens for everyone and silent brainstorming ends.
    await ana.page.locator('.step-banner').getByRole('button', { name: 'Next step' }).click();
    await everyone(/^Step 2 of 3 · Embedded software · Vote · 0:\d\d (left|over)$/);
    await ben.page.locator('.silent-banner').waitFor({ state: 'detached' });
    await ben.page.locator('.vote-banner').waitFor();
    await phone.tab('Vote').waitFor();
    expect(await phone.page.locator('.step-banner .step-instruction').innerText()).toMatch(
      /Place your 3 dots/,
    );

    // Next again: the server reveals the vote, and the review of the whole stack begins; the review
    // column opens by itself, and an item brings its place into view.
    await ana.page.locator('.step-banner').getByRole('button', { name: 'Next step' }).click();
    await everyone(/^Step 3 of 3 · Whole stack · Consistency review · 0:\d\d (left|over)$/);
    await expect.poll(async () => (await ben.board()).voteRounds.length, { timeout: 10_000 }).toBe(1);
    const review = ben.page.getByRole('complementary', { name: /^Consistency review/ });
    await review.waitFor();
    const before = await ben.view();
    await review.locator('.agenda-review-item').first().click();
    await ben.waitForView(
      (v) => v.x !== before.x || v.y !== before.y || v.scale !== before.scale,
      'a flight to the item',
    );
    await expect.poll(() => ben.page.locator('.focus-indicator').count()).toBe(0);

    // The last step's button finishes; the summary is in the panel.
    await ana.page.locator('.step-banner').getByRole('button', { name: 'Finish' }).click();
    await Promise.all(
      [ana.page, ben.page, phone.page].map((page) => expect.poll(() => label(page)).toBe('Agenda finished')),
    );
    await expect.poll(() => projector.locator('.step-banner').count()).toBe(0);
    await ana.page.getByRole('button', { name: AGENDA_BUTTON }).click();
    const summary = panel.getByRole('region', { name: 'Summary' });
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/3 of 3 steps run/);
    expect(await summary.getByRole('table', { name: 'Time per layer' }).innerText()).toMatch(
      /Embedded software/,
    );
    expect(await summary.innerText()).toMatch(/Embedded software · Vote: 0 people voted/);
    if (SHOTS) await panel.screenshot({ path: join(SHOTS, 'agenda-summary.png') });
    await ana.page.keyboard.press('Escape');
  });

  it('shows a view link the step and no control', async () => {
    await ana.page.getByRole('button', { name: AGENDA_BUTTON }).click();
    await panel.getByRole('button', { name: 'Start again' }).click();
    await ana.page.keyboard.press('Escape');
    const viewer = await session.open('Vic', 'business', 'view');
    try {
      await expect
        .poll(() => label(viewer.page))
        .toMatch(/^Step 1 of 3 · Embedded software · Silent brainstorm/);
      expect(await viewer.page.getByRole('button', { name: AGENDA_BUTTON }).count()).toBe(0);
      expect(await viewer.page.locator('.step-banner button').count()).toBe(0);
    } finally {
      await viewer.page.context().close();
    }
  });
});
