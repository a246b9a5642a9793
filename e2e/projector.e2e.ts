import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createProjector, type BoardSnapshot, type Note } from '@shared';
import { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { sampleWorkshop } from './harness';
import { openPanel, screenshotPath, seriousViolations, takeFacilitatorRole } from './workshopTools';

/**
 * The room's screen through a vote and silent brainstorming: it shows how many have voted but no dots
 * while the vote is open, the totals on the notes and the ranking once revealed, and its side rail fits a
 * long title and the longest focus at 1280x720 and 1920x1080. Screenshots go to WORKSHOP_SCREENSHOTS.
 */

const TITLE = 'Smart irrigation for farming co-operatives: communications, standards and regulations';
const COMMUNICATIONS = 2;

async function shoot(page: Page, name: string): Promise<void> {
  const path = screenshotPath(`projector-${name}.png`);
  if (path) await page.screenshot({ path });
}

/**
 * What in the rail does not fit: the rail scrolling, an element reaching outside the rail or wider than
 * its own box, and a word of the title or focus broken across two lines.
 */
function railProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const rail = document.querySelector<HTMLElement>('.projector-rail');
    if (!rail) return ['no rail'];
    const box = rail.getBoundingClientRect();
    if (rail.scrollHeight > rail.clientHeight + 1)
      problems.push(`the rail is taller than the screen (${rail.scrollHeight} > ${rail.clientHeight} px)`);
    if (rail.scrollWidth > rail.clientWidth + 1) problems.push('the rail is wider than its column');
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    for (const el of rail.querySelectorAll<HTMLElement>('*')) {
      const r = el.getBoundingClientRect();
      // Text for screen readers only is clipped on purpose.
      if ((r.width === 0 && r.height === 0) || getComputedStyle(el).clipPath !== 'none') continue;
      if (
        r.left < box.left - 0.5 ||
        r.right > box.right + 0.5 ||
        r.top < box.top - 0.5 ||
        r.bottom > box.bottom + 0.5
      ) {
        problems.push(`${name(el)} reaches outside the rail`);
      }
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${name(el)} is wider than its box (${el.scrollWidth} > ${el.clientWidth} px)`);
    }
    for (const el of rail.querySelectorAll(
      '.projector-title, .projector-focus strong, .projector-vote-open strong',
    )) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          if (lines.size > 1) problems.push(`"${word[0]}" breaks across lines in ${name(el)}`);
        }
      }
    }
    return problems;
  });
}

/** What the projector shows of the vote on its cards: each note's total, with its size on screen in px. */
function drawnTotals(page: Page): Promise<{ id: string; text: string; px: number }[]> {
  return page.locator('.projector-stage .room-card .card-votes').evaluateAll((els) =>
    els.map((el) => ({
      id: el.closest<HTMLElement>('.room-card')!.dataset.note!,
      text: (el as HTMLElement).innerText,
      px: parseFloat(getComputedStyle(el).fontSize),
    })),
  );
}

/** Dots shown on the projector's cards, whoever's: none may show while the vote is open. */
function drawnDots(page: Page): Promise<number> {
  return page.locator('.projector-stage .card-votes').count();
}

function inLayer(board: BoardSnapshot, note: Note, layer: string): boolean {
  return createProjector(board.zones).placeNote(note)?.layer === layer;
}

const byText = (board: BoardSnapshot, start: string) => board.notes.find((n) => n.text.startsWith(start))!;

/** The facilitator focuses everyone on a layer or area, and starts a timer of `minutes` if given. */
async function focus(page: Page, layer: string, area: string, minutes?: number): Promise<void> {
  await page.locator('.facilitate-trigger').click();
  const panel = page.getByRole('dialog', { name: 'Facilitation' });
  await panel.getByLabel('Layer', { exact: true }).selectOption({ label: layer });
  await panel.getByLabel('Area', { exact: true }).selectOption({ label: area });
  await panel.getByRole('button', { name: 'Focus everyone' }).click();
  if (minutes) await panel.getByRole('button', { name: `${minutes} min`, exact: true }).click();
  await panel.getByRole('button', { name: 'Close' }).click();
  await panel.waitFor({ state: 'detached' });
}

describe('the projector through a vote, with a long title', () => {
  const session = useBoardSession(TITLE);
  let ana: BoardPageObject;
  let ben: BoardPageObject;
  let cleo: BoardPageObject;
  let projector: Page;
  let rail: Locator;

  beforeAll(async () => {
    ana = await session.open('Ana', 'business');
    ben = await session.open('Ben', 'firmware');
    cleo = await session.open('Cleo', 'cloud');
    await ana.page.evaluate((w) => window.__board!.loadWorkshop(w), sampleWorkshop() as unknown);
    await takeFacilitatorRole(ana.page);
    const screen = await session.browser.newContext({
      viewport: { width: 1280, height: 720 },
      deviceScaleFactor: 1,
    });
    projector = await screen.newPage();
    const { id, viewToken, editToken } = session.board;
    await projector.goto(
      `${session.server.origin}/b/${id}/projector#view=${encodeURIComponent(viewToken)}&join=${encodeURIComponent(editToken)}`,
    );
    await projector.waitForFunction(() => window.__board?.state() === 'online');
    await projector.waitForFunction(() => (window.__board?.board().notes.length ?? 0) > 30);
    rail = projector.getByRole('complementary', { name: 'Workshop' });
  });

  afterAll(async () => {
    for (const page of [ana?.page, ben?.page, cleo?.page, projector]) await page?.context().close();
  });

  it('fits a long title and "Communications · Standards & Regulations" in the rail at 1280x720 and 1920x1080', async () => {
    await focus(ana.page, 'Communications', 'Standards & Regulations');
    await expect
      .poll(() => rail.locator('.projector-focus').innerText())
      .toMatch(/Communications\s*·\s*Standards & Regulations/);
    await expect.poll(() => rail.locator('.projector-title').innerText()).toMatch(/communications/);
    expect(await railProblems(projector)).toEqual([]);
    // Not by shrinking them out of sight: the title and the focus are as large as the rail's text at least.
    const fontPx = (selector: string) =>
      rail.locator(selector).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const text = await fontPx('.projector-facilitator');
    expect(text).toBeGreaterThanOrEqual(0.022 * 720 - 0.5);
    expect(await fontPx('.projector-title')).toBeGreaterThanOrEqual(text);
    expect(await fontPx('.projector-focus strong')).toBeGreaterThan(text);
    await shoot(projector, 'focus-1280');
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => railProblems(projector)).toEqual([]);
    await shoot(projector, 'focus-1920');
    await projector.setViewportSize({ width: 1280, height: 720 });
  });

  it('shows who holds how many private notes during silent brainstorming, never what they say', async () => {
    const panel = await openPanel(ana.page, 'Private notes');
    await panel.getByRole('button', { name: 'Start silent brainstorming' }).click();
    const silent = rail.getByRole('region', { name: 'Silent brainstorming' });
    await expect.poll(() => silent.innerText()).toMatch(/no private notes yet/);
    for (const [person, text] of [
      [ben, 'Ask the co-ops which radio they use'],
      [ben, 'Check EU868 duty cycle for OTA'],
      [cleo, 'Who certifies our gateway for EU868?'],
    ] as const) {
      await person.page.getByRole('button', { name: '+ Note' }).click();
      await person.page.getByLabel('Note text').pressSequentially(text);
      await person.page.keyboard.press('Escape');
    }
    await expect.poll(() => silent.innerText()).toMatch(/^Silent brainstorming\s*Ben 2\s*Cleo 1$/);
    expect(await rail.innerText()).not.toMatch(/co-ops|EU868|certifies/);
    expect(await railProblems(projector)).toEqual([]);
    await shoot(projector, 'silent-1280');

    await panel.getByRole('button', { name: 'Reveal everyone’s notes' }).click();
    await silent.waitFor({ state: 'detached' });
    await ana.page.keyboard.press('Escape');
  });

  it('shows no dots while the vote is open, then the totals on the notes and the ranking once revealed', async () => {
    // Three minutes to vote, on the whole layer: the rail holds the timer and the vote together.
    await focus(ana.page, 'Communications', 'Whole layer', 3);
    await rail.locator('.timer-large').waitFor();
    const panel = await openPanel(ana.page, 'Vote');
    await panel.getByLabel('Dots per person', { exact: true }).fill('4');
    await panel.getByLabel('Vote on', { exact: true }).selectOption({ label: 'Communications' });
    await panel.getByRole('button', { name: 'Start vote' }).click();

    const board = await ana.board();
    const lora = byText(board, 'LoRaWAN class A');
    const gateways = byText(board, 'Private gateways');
    const fees = byText(board, 'Network operator fees');
    const uplink = byText(board, 'Uplink every 15 min');
    const appKey = byText(board, 'Unique AppKey');
    const wizard = byText(board, 'Gateway setup wizard');
    for (const n of [lora, gateways, fees, uplink, appKey, wizard])
      expect(inLayer(board, n, 'communications')).toBe(true);
    for (const [person, notes] of [
      [ben, [lora, lora, gateways, fees]],
      [cleo, [lora, uplink, appKey, wizard]],
    ] as const) {
      const banner = person.page.getByRole('region', { name: 'Vote status' });
      await banner.getByText('Voting: 4 of 4 dots left').waitFor();
      await person.showLayer(COMMUNICATIONS);
      for (const note of notes) await person.clickNote(note);
      await banner.getByText('Voting: 0 of 4 dots left').waitFor();
    }

    // The dots are sealed at the server: none reaches the projector, and it shows that the vote is on.
    await expect
      .poll(() => rail.getByRole('region', { name: 'Dot vote' }).innerText())
      .toMatch(/Dot vote on Communications\s*Dots sealed until the reveal/);
    expect(await projector.evaluate(() => window.__board!.documentJson())).not.toMatch(/"votes"|"dots"/);
    expect(await drawnTotals(projector)).toEqual([]);
    expect(await drawnDots(projector)).toBe(0);
    expect(await rail.getByRole('list', { name: 'Ranking' }).count()).toBe(0);
    await shoot(projector, 'vote-open-1280');
    expect(await railProblems(projector)).toEqual([]);

    await panel.getByRole('button', { name: 'Reveal results' }).click();
    const ranking = rail.getByRole('list', { name: 'Ranking' });
    await expect.poll(() => ranking.getByRole('listitem').count()).toBe(5);
    const first = ranking.getByRole('listitem').first();
    expect(await first.innerText()).toMatch(/#1\s*LoRaWAN class A for sensor uplinks\s*3 dots/);
    for (const item of (await ranking.getByRole('listitem').all()).slice(1))
      expect(await item.innerText()).toMatch(/^#2\s.*\s1 dot$/s);
    await expect
      .poll(() => rail.innerText())
      .toMatch(/2 people have voted · 1 more note with dots on the board/);

    // Each dotted note shows its total and rank on its card, large enough to read across the room.
    await expect.poll(async () => (await drawnTotals(projector)).length).toBe(6);
    const totals = await drawnTotals(projector);
    expect(totals.find((t) => t.id === lora.id)?.text).toBe('#1 · 3 dots');
    for (const n of [gateways, fees, uplink, appKey, wizard])
      expect(totals.find((t) => t.id === n.id)?.text).toBe('#2 · 1 dot');
    await expect
      .poll(() => projector.locator('.projector-stage').getAttribute('data-scene'))
      .toBe('layer:communications');
    for (const t of totals) expect(t.px).toBeGreaterThanOrEqual(13);
    await shoot(projector, 'vote-results-1280');
    expect(await railProblems(projector)).toEqual([]);
    expect(await seriousViolations(projector, '.projector-rail')).toEqual([]);

    await projector.setViewportSize({ width: 1920, height: 1080 });
    await expect
      .poll(async () => Math.min(...(await drawnTotals(projector)).map((t) => t.px)))
      .toBeGreaterThanOrEqual(18);
    expect(await railProblems(projector)).toEqual([]);
    await shoot(projector, 'vote-results-1920');

    // The room's longest focus beside the ranking still fits.
    await focus(ana.page, 'Communications', 'Standards & Regulations');
    await expect.poll(() => rail.locator('.projector-focus').innerText()).toMatch(/Standards & Regulations/);
    await projector.waitForTimeout(300);
    await shoot(projector, 'vote-focus-1920');
    await expect.poll(() => railProblems(projector)).toEqual([]);
    await projector.setViewportSize({ width: 1280, height: 720 });
    await projector.waitForTimeout(300);
    await shoot(projector, 'vote-focus-1280');
    await expect.poll(() => railProblems(projector)).toEqual([]);
  });
});

/** Six long notes for one cell, so that a cell of six reads at full size; three more make it dense. */
const SIX = [
  'Ingest every reading through one MQTT broker per region',
  'Keep 13 months of raw readings for season-on-season charts',
  'Bill co-ops per active sensor, not per gateway or per user',
  'Offer a CSV export so agronomists can use their own tools',
  'Who pays for the cloud when a co-op pauses for the winter?',
  'Risk: our cloud bill grows faster than the sensor count',
];
const THREE_MORE = [
  'Partner with an agronomy SaaS instead of building dashboards',
  'Free tier for the first ten sensors of a new co-op',
  'Annual contracts signed before the growing season starts',
];

function cellNotes(prefix: string, texts: string[]) {
  return texts.map((text, i) => ({
    id: `${prefix}${i}`,
    layer: 'cloud',
    area: 'business',
    kind: i === 4 ? 'question' : i === 5 ? 'risk' : 'idea',
    text,
    department: i % 2 ? 'cloud' : 'business',
    author: ['Priya', 'Kofi', 'Mei', 'Amara', 'Lucía', 'Tom'][i % 6]!,
  }));
}

/** Sizes on the room's screen, px: the smallest of each kind of text, and how many there are. */
async function roomText(page: Page, selector: string): Promise<{ min: number; max: number; count: number }> {
  const sizes = await page
    .locator(`.projector-stage ${selector}, .board-overview ${selector}`)
    .evaluateAll((els) =>
      els
        .filter((el) => (el as HTMLElement).offsetParent)
        .map((el) => parseFloat(getComputedStyle(el).fontSize)),
    );
  return { min: Math.min(...sizes), max: Math.max(...sizes), count: sizes.length };
}

/** Text of the room's screen that does not fit its box: a cell or area taller or wider than itself. */
function roomOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      '.room-head, .room-col-head, .room-row-head, .room-cell, .room-area, .room-area-head',
    )) {
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
        problems.push(
          `${el.className} ${el.dataset.cell ?? ''}: ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`,
        );
    }
    return problems;
  });
}

const scene = (page: Page) => page.locator('.projector-stage').getAttribute('data-scene');

describe("the room's screens: the whole board, a focused layer and area, readable at 1920x1080", () => {
  const session = useBoardSession('FieldPulse');
  let ana: BoardPageObject;
  let projector: Page;

  beforeAll(async () => {
    const context = await session.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    await context.addInitScript(() =>
      localStorage.setItem(
        'iot-board:identity',
        JSON.stringify({ id: 'ana-room', name: 'Ana', department: 'business' }),
      ),
    );
    ana = await BoardPageObject.open(context, session.server.origin, session.board);
    const workshop = sampleWorkshop();
    workshop.notes.push(...(cellNotes('six', SIX) as typeof workshop.notes));
    await ana.page.evaluate((w) => window.__board!.loadWorkshop(w), workshop as unknown);
    const screen = await session.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    projector = await screen.newPage();
    const { id, viewToken, editToken } = session.board;
    await projector.goto(
      `${session.server.origin}/b/${id}/projector#view=${encodeURIComponent(viewToken)}&join=${encodeURIComponent(editToken)}`,
    );
    await projector.waitForFunction(() => (window.__board?.board().notes.length ?? 0) === 42);
  });

  afterAll(async () => {
    for (const page of [ana?.page, projector]) await page?.context().close();
  });

  it('shows the whole board as the 5 x 6 matrix filling the screen, each cell with its state and notes', async () => {
    await expect.poll(() => scene(projector)).toBe('overview');
    await expect.poll(() => projector.locator('.room-cell').count()).toBe(30);
    // Each cell says the state the coverage analysis gives it.
    const states = await projector.evaluate(() => window.__board!.coverage());
    const label = { empty: 'Gap', exploring: 'Exploring', decided: 'Decided', contested: 'Contested' };
    for (const [cell, state] of Object.entries(states))
      expect(await projector.locator(`.room-cell[data-cell="${cell}"] .room-state`).innerText()).toMatch(
        label[state],
      );
    await expect
      .poll(() => projector.locator('.room-cell[data-cell="cloud:business"] .room-count').innerText())
      .toBe('6');

    const stage = (await projector.locator('.projector-stage').boundingBox())!;
    const matrix = (await projector.locator('.room-matrix').boundingBox())!;
    expect(stage.width).toBeGreaterThanOrEqual(0.75 * 1920);
    expect(matrix.width).toBeGreaterThanOrEqual(0.95 * stage.width);
    expect(matrix.height).toBeGreaterThanOrEqual(0.8 * stage.height);
    expect((await roomText(projector, '.room-col-head')).min).toBeGreaterThanOrEqual(22);
    expect((await roomText(projector, '.room-row-name')).min).toBeGreaterThanOrEqual(22);
    expect((await roomText(projector, '.room-state')).min).toBeGreaterThanOrEqual(20);
    const cards = await roomText(projector, '.room-card-text');
    expect(cards.count).toBeGreaterThanOrEqual(20);
    expect(cards.min).toBeGreaterThanOrEqual(20);
    expect(await roomOverflow(projector)).toEqual([]);
    expect(await seriousViolations(projector, '.projector-stage')).toEqual([]);
    await shoot(projector, 'room-overview-1920');
    await projector.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(async () => (await roomText(projector, '.room-card-text')).max).toBeLessThan(20);
    expect(await roomOverflow(projector)).toEqual([]);
    await shoot(projector, 'room-overview-1280');
    await projector.setViewportSize({ width: 1920, height: 1080 });
  });

  it('shows a focused layer with notes at 28 px and authors at 18 px or more, six notes to a cell', async () => {
    await takeFacilitatorRole(ana.page);
    await focus(ana.page, 'Cloud platform', 'Whole layer');
    await expect.poll(() => scene(projector)).toBe('layer:cloud');
    await expect.poll(() => projector.locator('.room-area').count()).toBe(6);
    await expect
      .poll(() => projector.locator('.room-area[data-cell="cloud:business"] .room-card-text').count())
      .toBe(6);
    const text = await roomText(projector, '.room-card-text');
    const authors = await roomText(projector, '.room-card-by');
    expect(text.count).toBe(13);
    expect(text.min).toBeGreaterThanOrEqual(28);
    expect(authors.min).toBeGreaterThanOrEqual(18);
    expect(await roomOverflow(projector)).toEqual([]);
    expect(await seriousViolations(projector, '.projector-stage')).toEqual([]);
    await shoot(projector, 'room-layer-1920');
    await projector.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(async () => (await roomText(projector, '.room-card-text')).min).toBeLessThan(28);
    expect((await roomText(projector, '.room-card-text')).min).toBeGreaterThanOrEqual((28 * 720) / 1080);
    expect(await roomOverflow(projector)).toEqual([]);
    await shoot(projector, 'room-layer-1280');
    await projector.setViewportSize({ width: 1920, height: 1080 });
  });

  it('lets a denser cell go smaller, never under 20 px, and keeps the other cells at 28 px', async () => {
    const more = { title: 'more', notes: cellNotes('more', THREE_MORE), links: [] };
    await ana.page.evaluate((w) => window.__board!.loadWorkshop(w), more as unknown);
    const dense = '.room-area[data-cell="cloud:business"]';
    await expect.poll(() => projector.locator(`${dense} .room-count`).innerText()).toBe('9 notes');
    // Every note of the cell is there, as a card or counted on the last one.
    const shown = async () => {
      const cards = await projector.locator(`${dense} .room-card-text`).count();
      const more = await projector.locator(`${dense} .room-card-more`).allInnerTexts();
      return { cards, all: cards + Number(more[0]?.match(/\+(\d+)/)?.[1] ?? 0) };
    };
    await expect.poll(async () => (await shown()).all).toBe(9);
    expect((await shown()).cards).toBeGreaterThanOrEqual(6);
    const denseText = await roomText(projector, `${dense} .room-card-text`);
    expect(denseText.min).toBeGreaterThanOrEqual(20);
    const others = await projector
      .locator('.room-area:not([data-cell="cloud:business"]) .room-card-text')
      .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.min(...others)).toBeGreaterThanOrEqual(28);
    expect(await roomOverflow(projector)).toEqual([]);
    await shoot(projector, 'room-layer-dense-1920');
  });

  it('shows a focused area larger still', async () => {
    await focus(ana.page, 'Cloud platform', 'Security');
    await expect.poll(() => scene(projector)).toBe('area:cloud:security');
    await expect.poll(() => projector.locator('.room-card-text').count()).toBe(2);
    const text = await roomText(projector, '.room-card-text');
    expect(text.min).toBeGreaterThanOrEqual(40);
    expect((await roomText(projector, '.room-card-by')).min).toBeGreaterThanOrEqual(24);
    expect(await roomOverflow(projector)).toEqual([]);
    await shoot(projector, 'room-area-1920');
    // The crowded area too: its nine notes at the layer's full size or more.
    await focus(ana.page, 'Cloud platform', 'Business');
    await expect.poll(() => scene(projector)).toBe('area:cloud:business');
    await expect.poll(() => projector.locator('.room-card-text').count()).toBe(9);
    const at1920 = (await roomText(projector, '.room-card-text')).min;
    expect(at1920).toBeGreaterThanOrEqual(28);
    await shoot(projector, 'room-area-dense-1920');
    await projector.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(async () => (await roomText(projector, '.room-card-text')).min).toBeLessThan(at1920);
    expect(await roomOverflow(projector)).toEqual([]);
    await shoot(projector, 'room-area-dense-1280');
    await projector.setViewportSize({ width: 1920, height: 1080 });
  });

  it('follows the facilitator without a focus: a layer on 1 to 5, the whole board on 0, the canvas up close', async () => {
    await ana.page.locator('.facilitate-trigger').click();
    const panel = ana.page.getByRole('dialog', { name: 'Facilitation' });
    await panel.getByRole('button', { name: 'Clear focus' }).click();
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
    await ana.showLayer(1);
    await expect.poll(() => scene(projector)).toBe('layer:embedded');
    await expect.poll(() => projector.locator('.projector-status').innerText()).toMatch(/facilitator sees/);

    // 0 on the board page: the same matrix over Ana's canvas, and the projector shows the whole board.
    await ana.page.keyboard.press('0');
    const overview = ana.page.getByRole('region', { name: 'Whole board' });
    await overview.waitFor();
    await expect.poll(() => scene(projector)).toBe('overview');
    await expect.poll(() => overview.locator('.room-cell').count()).toBe(30);
    const stage = (await ana.page.locator('.stage-box').boundingBox())!;
    const matrix = (await overview.locator('.room-matrix').boundingBox())!;
    expect(matrix.width).toBeGreaterThanOrEqual(0.95 * stage.width);
    expect(matrix.height).toBeGreaterThanOrEqual(0.75 * stage.height);
    expect((await roomText(ana.page, '.room-card-text')).min).toBeGreaterThanOrEqual(18);
    expect(await roomOverflow(ana.page)).toEqual([]);
    expect(await seriousViolations(ana.page, '.board-overview')).toEqual([]);
    await shoot(ana.page, 'board-overview-1920');

    // A click on a cell goes there on the canvas, which stays freeform under it.
    await overview.getByRole('button', { name: /^Go to Communications · Security:/ }).click();
    await overview.waitFor({ state: 'detached' });
    const zone = (await ana.board()).zones.find((z) => z.id === 'communications:security')!;
    const box = await ana.canvasBox();
    await ana.waitForView(
      (v) =>
        Math.abs((zone.x + zone.w / 2) * v.scale + v.x - box.width / 2) <= 1 &&
        Math.abs((zone.y + zone.h / 2) * v.scale + v.y - box.height / 2) <= 1,
      'the Communications · Security area',
    );
    await expect.poll(() => scene(projector)).toBe('area:communications:security');

    // Closer than an area: the projector shows the canvas at the facilitator's view.
    for (let i = 0; i < 3; i++) await ana.page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => scene(projector)).toMatch(/^canvas:/);
    await projector.waitForFunction(() => (window.Konva?.stages.length ?? 0) > 0);

    // The Whole board button beside the zoom does the same as 0; a layer's row in the overview goes to
    // that layer; Escape goes back to the canvas as it was.
    await ana.page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Whole board' }).click();
    await overview.waitFor();
    await overview.getByRole('button', { name: /^Applications/ }).click();
    await overview.waitFor({ state: 'detached' });
    await expect.poll(() => scene(projector)).toBe('layer:applications');
    // The keyboard's focus is back on the button that opened it.
    expect(await ana.page.evaluate(() => document.activeElement?.textContent)).toBe('Whole board');
    await ana.page.keyboard.press('0');
    await overview.waitFor();
    await ana.page.keyboard.press('Escape');
    await overview.waitFor({ state: 'detached' });
    await expect.poll(() => scene(projector)).toBe('overview');

    // A careless double-click on a cell goes there once, and adds no note on the canvas under it.
    const notes = (await ana.board()).notes.length;
    await ana.page.keyboard.press('0');
    await overview.waitFor();
    await overview.getByRole('button', { name: /^Go to Devices \/ Hardware · UX:/ }).dblclick();
    await overview.waitFor({ state: 'detached' });
    await expect.poll(() => scene(projector)).toBe('area:devices:ux');
    expect(await ana.page.getByLabel('Note text').count()).toBe(0);
    expect((await ana.board()).notes.length).toBe(notes);

    await ana.page.setViewportSize({ width: 1280, height: 720 });
    await ana.page.keyboard.press('0');
    await overview.waitFor();
    expect(await overview.locator('.room-card-text').count()).toBeGreaterThan(20);
    expect(await roomOverflow(ana.page)).toEqual([]);
    await shoot(ana.page, 'board-overview-1280');
    await ana.page.keyboard.press('Escape');
  });
});
