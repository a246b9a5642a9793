import { beforeAll, describe, expect, it } from 'vitest';
import {
  boardBallotPath,
  boardExportPath,
  LAYER_GAP,
  LAYER_HEIGHT,
  VOTER_KEY_HEADER,
  type BoardExport,
  type Note,
} from '@shared';
import type { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import {
  drawnOnNote,
  openPanel,
  screenshotPath,
  seriousViolations,
  takeFacilitatorRole,
  textsOnNote,
} from './workshopTools';

/** The vote's banner line as the person reads it. */
const banner = (page: BoardPageObject) => page.page.getByRole('region', { name: 'Vote status' });
const said = (page: BoardPageObject) => banner(page).locator('.vote-message').innerText();
/** The whole document as the page holds it. */
const documentOf = (page: BoardPageObject) => page.page.evaluate(() => window.__board!.documentJson());
/** The name of a vote round's button in the Vote panel's history (its ranking's notes are buttons too). */
const ROUND = /^Round \d+: /;
/** What a document would hold if anyone's dots (or totals) were in it. */
const ANY_DOTS = /"votes"|"voteRounds"|"totals"|"dots"/;

describe('dot voting', () => {
  const session = useBoardSession('Vote');
  let ana: BoardPageObject;
  let ben: BoardPageObject;
  let cleo: BoardPageObject;
  /** Someone with the view link, as a projector or a guest would be. */
  let vera: BoardPageObject;
  let radio: Note;
  let battery: Note;
  let cost: Note;
  let firmware: Note;

  beforeAll(async () => {
    ana = await session.open('Ana', 'business');
    ben = await session.open('Ben', 'cloud');
    cleo = await session.open('Cleo', 'security');
    vera = await session.open('Vera', 'legal', 'view');
    radio = await ana.addNote(300, 300, 'LoRaWAN radio');
    battery = await ana.addNote(1000, 300, 'Five-year battery');
    cost = await ana.addNote(1600, 300, 'Bill of materials under 12 €');
    // In the Embedded software layer, below Devices: outside a vote on Devices.
    await ana.showLayer(1);
    firmware = await ana.addNote(300, LAYER_HEIGHT + LAYER_GAP + 300, 'OTA updates');
    await ana.showLayer(0);
    await ben.waitForBoard((b) => b.notes.length === 4, "Ana's notes at Ben's");
    await takeFacilitatorRole(ana.page);
  });

  it('lets only the facilitator start a vote, on one layer with N dots each', async () => {
    const benPanel = await openPanel(ben.page, 'Vote');
    await expect.poll(() => benPanel.innerText()).toMatch(/Ana facilitates: they start the votes/);
    expect(await benPanel.getByRole('button', { name: 'Start vote' }).count()).toBe(0);

    const panel = await openPanel(ana.page, 'Vote');
    await panel.getByLabel('Dots per person', { exact: true }).fill('0');
    await panel.getByRole('button', { name: 'Start vote' }).click();
    await panel.getByRole('alert').filter({ hasText: 'from 1 to 20' }).waitFor();
    await panel.getByLabel('Dots per person', { exact: true }).fill('2');
    await panel.getByLabel('Vote on', { exact: true }).selectOption({ label: 'Devices / Hardware' });
    await panel.getByRole('button', { name: 'Start vote' }).click();

    for (const page of [ana, ben]) {
      await banner(page).getByText('Voting: 2 of 2 dots left').waitFor();
      await expect
        .poll(() => banner(page).innerText())
        .toMatch(/on Devices \/ Hardware · sealed until the reveal/);
    }
    // Outside the voted layer: dimmed.
    expect(await drawnOnNote(ana, firmware.id, 'vote-dimmed')).toBe(1);
    expect(await drawnOnNote(ana, radio.id, 'vote-dimmed')).toBe(0);
  });

  it('places dots by clicking and with the keyboard, takes them back, and says why one is refused', async () => {
    const depth = await ana.undoDepth();
    await ana.clickNote(radio);
    await banner(ana).getByText('Voting: 1 of 2 dots left').waitFor();
    await ana.clickNote(radio);
    await banner(ana).getByText('Voting: 0 of 2 dots left').waitFor();
    await ana.clickNote(cost);
    await expect.poll(() => said(ana)).toMatch(/No dots left/);
    // Dots are never undone with the person's edits.
    expect(await ana.undoDepth()).toBe(depth);

    // Out of the vote's layer.
    await ana.showLayer(1);
    await ana.clickNote(firmware);
    await expect
      .poll(() => said(ana))
      .toMatch(/not in the vote's layer: this vote is on Devices \/ Hardware/);
    await ana.showLayer(0);

    await ben.clickNote(battery);
    await banner(ben).getByText('Voting: 1 of 2 dots left').waitFor();
    await ben.clickNote(battery, ['Alt']);
    await banner(ben).getByText('Voting: 2 of 2 dots left').waitFor();
    expect(await drawnOnNote(ben, battery.id, 'vote-dot')).toBe(0);
    await ben.clickNote(battery);
    await banner(ben).getByText('Voting: 1 of 2 dots left').waitFor();
    // A dot's ×, on the note's top edge at its right end, takes it back; so does a right-click.
    const dot = await ben.toScreen(battery.x + battery.w - 16, battery.y - 16);
    await ben.page.mouse.click(dot.x, dot.y);
    await banner(ben).getByText('Voting: 2 of 2 dots left').waitFor();
    await ben.clickNote(battery);
    await ben.clickNote(battery);
    await banner(ben).getByText('Voting: 0 of 2 dots left').waitFor();
    await ben.page.mouse.click((await ben.centreOf(battery)).x, (await ben.centreOf(battery)).y, {
      button: 'right',
    });
    await banner(ben).getByText('Voting: 1 of 2 dots left').waitFor();
    expect(await ben.page.getByRole('menu').count()).toBe(0);

    await ben.clickNote(radio);
    await banner(ben).getByText('Voting: 0 of 2 dots left').waitFor();
    // The keyboard: radio is selected; − takes its dot back, + puts it again. A dot is no change to
    // the document: it re-renders no note, only the note's own dots.
    await ben.page.evaluate(() => window.__board!.resetRenderCounts());
    await ben.page.keyboard.press('-');
    await banner(ben).getByText('Voting: 1 of 2 dots left').waitFor();
    await expect.poll(() => said(ben)).toMatch(/Dot taken back from .*LoRaWAN radio.*: 1 of 2 left/);
    await ben.page.keyboard.press('+');
    await banner(ben).getByText('Voting: 0 of 2 dots left').waitFor();
    await expect.poll(() => said(ben)).toMatch(/Dot placed on .*LoRaWAN radio.*: 0 of 2 left/);
    expect(await ben.page.evaluate(() => window.__board!.renderCounts())).toEqual({});

    // Before the reveal, each sees only their own dots.
    expect(await drawnOnNote(ben, radio.id, 'vote-dot')).toBe(1);
    expect(await drawnOnNote(ben, battery.id, 'vote-dot')).toBe(1);
    expect(await drawnOnNote(ana, radio.id, 'vote-dot')).toBe(2);
    expect(await drawnOnNote(ana, battery.id, 'vote-dot')).toBe(0);
    expect(await drawnOnNote(ben, radio.id, 'vote-total')).toBe(0);
    expect(await ben.page.getByRole('list', { name: 'Ranking' }).count()).toBe(0);
  });

  it('takes dots from a focused card of the grid, and from a note too small to read on the canvas', async () => {
    await cleo.page.getByRole('button', { name: 'Grid', exact: true }).click();
    const card = cleo.page.locator(`.grid-view [data-note-id="${cost.id}"]`);
    await card.focus();
    await cleo.page.keyboard.press('+');
    // The banner stays while the grid replaces the canvas.
    await banner(cleo).getByText('Voting: 1 of 2 dots left').waitFor();
    await card.getByText('1 dot from you').waitFor();
    await cleo.page.getByRole('button', { name: 'Board', exact: true }).click();

    // Zoomed out to the whole board: the notes are drawn as plain cards, and a click still votes.
    // Fit, with nothing selected: the whole board.
    await cleo.page.getByRole('button', { name: 'Fit', exact: true }).click();
    await cleo.waitForView((v) => cost.w * v.scale < 60, 'the whole board');
    await cleo.clickNote(cost);
    await banner(cleo).getByText('Voting: 0 of 2 dots left').waitFor();
    await expect.poll(() => said(cleo)).toMatch(/Dot placed on .*: 0 of 2 left/);
  });

  it("keeps a person's dots through a reload: the page reads its own ballot back from the server", async () => {
    await ben.page.reload();
    await ben.page.waitForFunction(() => (window.__board?.board().zones.length ?? 0) > 0);
    await banner(ben).getByText('Voting: 0 of 2 dots left').waitFor();
    await expect.poll(() => drawnOnNote(ben, radio.id, 'vote-dot')).toBe(1);
    expect(await drawnOnNote(ben, battery.id, 'vote-dot')).toBe(1);
    await ben.clickNote(cost);
    await expect.poll(() => said(ben)).toMatch(/No dots left/);
  });

  it("shows a second person and a view link no one else's dots while the vote is open", async () => {
    // Ben and Cleo put dots on the battery and the bill of materials; Ana sees none of them, nor does Vera.
    for (const page of [ana, vera]) {
      for (const note of [battery, cost]) expect(await drawnOnNote(page, note.id, 'vote-dot')).toBe(0);
      for (const note of [radio, battery, cost])
        expect(await drawnOnNote(page, note.id, 'vote-total')).toBe(0);
      expect(await page.page.getByRole('list', { name: 'Ranking' }).count()).toBe(0);
      // Not in the page's document either: no one's dots reached it (Ana's own are her ballot).
      expect(await documentOf(page)).not.toMatch(ANY_DOTS);
      const board = await page.board();
      expect(board.voteRounds).toEqual([]);
      expect(board.notes.every((n) => !('votes' in n))).toBe(true);
    }
    await banner(vera).getByText('Dot vote open').waitFor();
    expect(await vera.page.getByRole('button', { name: 'Vote', exact: true }).count()).toBe(0);

    // Nor through the API: the export a view link can fetch, and the ballots, which it may not read.
    const { origin } = session.server;
    const { id, viewToken } = session.board;
    const exported = await fetch(`${origin}${boardExportPath(id, 'json')}?token=${viewToken}`);
    const json = (await exported.json()) as BoardExport;
    expect(json.voteRounds).toEqual([]);
    expect(JSON.stringify(json.notes)).not.toMatch(/"votes"/);
    const ballot = await fetch(`${origin}${boardBallotPath(id)}`, {
      headers: { authorization: `Bearer ${viewToken}`, [VOTER_KEY_HEADER]: 'k'.repeat(22) },
    });
    expect(ballot.status).toBe(403);
  });

  it('reveals the totals on every note and the ranking to everyone', async () => {
    const panel = await openPanel(ana.page, 'Vote');
    await panel.getByRole('button', { name: 'Reveal results' }).click();
    for (const page of [ana, ben]) {
      const ranking = page.page.getByRole('list', { name: 'Ranking' });
      await ranking.waitFor();
      await expect
        .poll(() => ranking.getByRole('listitem').allInnerTexts())
        .toEqual([
          expect.stringMatching(/#1[\s\S]*LoRaWAN radio[\s\S]*3 dots · 2 people/),
          expect.stringMatching(/#2[\s\S]*Bill of materials[\s\S]*2 dots · 1 person/),
          expect.stringMatching(/#3[\s\S]*Five-year battery[\s\S]*1 dot · 1 person/),
        ]);
      await expect.poll(() => textsOnNote(page, radio.id, 'vote-total')).toEqual(['#1 · 3 dots']);
      expect(await textsOnNote(page, battery.id, 'vote-total')).toEqual(['#3 · 1 dot']);
      expect(await textsOnNote(page, cost.id, 'vote-total')).toEqual(['#2 · 2 dots']);
      await banner(page).getByText('Vote results').waitFor();
      await expect.poll(() => banner(page).innerText()).toMatch(/3 people have voted/);
    }
    // The view link sees the totals too, now in the document, and only them.
    await expect.poll(() => textsOnNote(vera, radio.id, 'vote-total')).toEqual(['#1 · 3 dots']);
    const onView = await vera.board();
    expect(onView.voteRounds).toHaveLength(1);
    expect(onView.voteRounds[0]).toMatchObject({
      voters: 3,
      totals: {
        [radio.id]: { dots: 3, voters: 2 },
        [cost.id]: { dots: 2, voters: 1 },
        [battery.id]: { dots: 1, voters: 1 },
      },
    });
    expect(await documentOf(vera)).not.toMatch(/"votes"/);
    const { origin } = session.server;
    const { id, viewToken } = session.board;
    const csv = await (await fetch(`${origin}${boardExportPath(id, 'csv')}?token=${viewToken}`)).text();
    expect(csv.split('\r\n').find((row) => row.startsWith(`${radio.id},`))).toContain(',3,');
    expect(await seriousViolations(ben.page, '.vote-panel')).toEqual([]);
    const shot = screenshotPath('vote-revealed.png');
    if (shot) await ana.page.screenshot({ path: shot });

    // A result brings its note into view and selects it.
    await ben.showLayer(2);
    await ben.page
      .getByRole('list', { name: 'Ranking' })
      .getByRole('button', { name: /Five-year battery/ })
      .click();
    await ben.waitForSelection(battery.id);
    const view = await ben.view();
    const box = await ben.canvasBox();
    const centre = await ben.toScreen(battery.x + battery.w / 2, battery.y + battery.h / 2);
    expect(centre.x - box.x).toBeGreaterThan(0);
    expect(centre.x - box.x).toBeLessThan(box.width);
    expect(view.scale).toBeGreaterThan(0.3);
  });

  it('ends the vote: the dots leave the canvas, the results stay in the board, and it is editable again', async () => {
    const panel = await openPanel(ana.page, 'Vote');
    await panel.getByRole('button', { name: 'End vote' }).click();
    for (const page of [ana, ben]) {
      await banner(page).waitFor({ state: 'detached' });
      await expect.poll(() => drawnOnNote(page, radio.id, 'vote-total')).toBe(0);
    }
    expect((await ana.board()).voteRounds).toHaveLength(1);
    await ana.dragNote(cost, 0, 60);
    await ana.waitForNote(
      cost.id,
      (n) => Math.abs((n?.y ?? 0) - cost.y - 60) <= 2,
      'the note moved after the vote',
    );
  });
  it('keeps every round: the panel lists the earlier ones, each opening to its ranking, through a second vote', async () => {
    const panel = await openPanel(ana.page, 'Vote');
    const rounds = panel.getByRole('region', { name: 'Vote rounds' });
    const first = rounds.getByRole('button', { name: /Round 1: Devices \/ Hardware/ });
    await expect.poll(() => first.innerText()).toMatch(/2 dots each · 3 people voted/);
    expect(await first.getAttribute('aria-expanded')).toBe('false');
    await first.click();
    expect(await first.getAttribute('aria-expanded')).toBe('true');
    const firstRanking = [
      expect.stringMatching(/#1[\s\S]*LoRaWAN radio[\s\S]*3 dots · 2 people/),
      expect.stringMatching(/#2[\s\S]*Bill of materials[\s\S]*2 dots · 1 person/),
      expect.stringMatching(/#3[\s\S]*Five-year battery[\s\S]*1 dot · 1 person/),
    ];
    const ranking = (where: typeof panel, number: number) =>
      where.getByRole('list', { name: `Round ${number} ranking`, exact: true }).getByRole('listitem');
    expect(await ranking(panel, 1).allInnerTexts()).toEqual(firstRanking);
    // Someone who does not run the vote sees the same history.
    const benPanel = await openPanel(ben.page, 'Vote');
    await benPanel.getByRole('button', { name: /Round 1: Devices \/ Hardware/ }).click();
    await expect.poll(() => ranking(benPanel, 1).allInnerTexts()).toEqual(firstRanking);
    expect(await seriousViolations(ben.page, '.vote-panel')).toEqual([]);

    // A second vote, on the whole board with one dot each, leaves the first round where it was.
    await panel.getByLabel('Dots per person', { exact: true }).fill('1');
    await panel.getByLabel('Vote on', { exact: true }).selectOption({ label: 'The whole board' });
    await panel.getByRole('button', { name: 'Start vote' }).click();
    for (const person of [ana, ben]) {
      await banner(person).getByText('Voting: 1 of 1 dots left').waitFor();
      await person.clickNote(battery);
      await banner(person).getByText('Voting: 0 of 1 dots left').waitFor();
    }
    expect(await rounds.getByRole('button', { name: /Round 1/ }).count()).toBe(1);
    await panel.getByRole('button', { name: 'Reveal results' }).click();
    await expect
      .poll(() =>
        panel.getByRole('list', { name: 'Ranking', exact: true }).getByRole('listitem').allInnerTexts(),
      )
      .toEqual([expect.stringMatching(/#1[\s\S]*Five-year battery[\s\S]*2 dots · 2 people/)]);
    // While the second round is shown as the vote's ranking, the first is listed as an earlier round.
    const earlier = panel.getByRole('region', { name: 'Earlier rounds' });
    expect(await earlier.getByRole('button', { name: ROUND }).allInnerTexts()).toEqual([
      expect.stringMatching(/^Round 1: Devices \/ Hardware/),
    ]);
    await panel.getByRole('button', { name: 'End vote' }).click();
    await expect
      .poll(() => rounds.getByRole('button', { name: ROUND }).allInnerTexts())
      .toEqual([
        expect.stringMatching(/^Round 2: the whole board[\s\S]*1 dot each · 2 people voted/),
        expect.stringMatching(/^Round 1: Devices \/ Hardware/),
      ]);
    expect(await ranking(panel, 1).allInnerTexts()).toEqual(firstRanking);
    await rounds.getByRole('button', { name: /Round 2/ }).click();
    expect(await ranking(panel, 2).allInnerTexts()).toEqual([
      expect.stringMatching(/#1[\s\S]*Five-year battery[\s\S]*2 dots · 2 people/),
    ]);
    const shot = screenshotPath('vote-history.png');
    if (shot) await ana.page.screenshot({ path: shot });

    // The exports keep both rounds: a CSV column each, and each ranking in the Markdown report.
    const { origin } = session.server;
    const { id, viewToken } = session.board;
    const get = async (format: 'csv' | 'md') =>
      (await fetch(`${origin}${boardExportPath(id, format)}?token=${viewToken}`)).text();
    const [head, ...rows] = (await get('csv')).trimEnd().split('\r\n');
    expect(head).toMatch(/,"vote 1: Devices \/ Hardware, [^"]+ UTC","vote 2: the whole board, [^"]+ UTC"$/);
    const votesOf = (note: Note) =>
      rows
        .find((r) => r.startsWith(`${note.id},`))!
        .split(',')
        .slice(-2);
    expect(votesOf(radio)).toEqual(['3', '0']);
    expect(votesOf(battery)).toEqual(['1', '2']);
    // Outside the first round's layer: no figure for it; in the second, which took the whole board: 0.
    expect(votesOf(firmware)).toEqual(['', '0']);
    const md = await get('md');
    expect(md).toMatch(
      /### Round 1: Devices \/ Hardware\n\nRevealed .* UTC; 2 dots per person; 3 people voted, 6 dots in all\./,
    );
    expect(md).toMatch(/\| 1 \| LoRaWAN radio \| Devices \/ Hardware \/ [^|]+ \| 3 \| 2 \|/);
    expect(md).toMatch(
      /### Round 2: the whole board\n\nRevealed .* UTC; 1 dot per person; 2 people voted, 2 dots in all\./,
    );
    expect(md).toMatch(/\| 1 \| Five-year battery \| Devices \/ Hardware \/ [^|]+ \| 2 \| 2 \|/);

    // And the printable report shows both rankings.
    const report = await vera.page.context().newPage();
    await report.goto(`${origin}/b/${id}/report#view=${encodeURIComponent(viewToken)}`);
    for (const name of ['Round 1: Devices / Hardware', 'Round 2: the whole board']) {
      await report.getByRole('heading', { level: 3, name }).waitFor();
    }
    const tables = report
      .locator('table')
      .filter({ has: report.getByRole('columnheader', { name: 'rank' }) });
    expect(await tables.count()).toBe(2);
    expect(await tables.nth(0).locator('tbody tr').count()).toBe(3);
    expect(await tables.nth(1).locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^1\s+Five-year battery\s+Devices \/ Hardware \/ \S.*\s+2\s+2$/),
    ]);
    await report.close();
  });
});
