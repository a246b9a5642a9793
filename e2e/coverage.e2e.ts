import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellPrompt, computeCoverage, zoneKey, type CellState, type Zone } from '@shared';
import type { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { injectAxe, sampleWorkshop } from './harness';

/** Set to a folder to keep screenshots of the overlay and the panels (for a person to look at). */
const SHOTS = process.env.COVERAGE_SHOTS;

/** The coverage state each zone of the overlay is drawn with, by zone id, read from the Konva scene. */
function drawnStates(page: BoardPageObject): Promise<Record<string, string>> {
  return page.page.evaluate(() =>
    Object.fromEntries(
      window
        .Konva!.stages[0]!.find('.coverage-zone')
        .map((node) => [node.id().replace(/^coverage-/, ''), String(node.getAttr('state'))]),
    ),
  );
}

async function waitForDrawnState(page: BoardPageObject, zoneId: string, state: CellState): Promise<void> {
  await page.page.waitForFunction(
    ([id, wanted]) => window.Konva!.stages[0]!.findOne(`#coverage-${id}`)?.getAttr('state') === wanted,
    [zoneId, state] as const,
  );
}

/** Waits until the view shows this board rectangle whole and centred on the canvas. */
async function waitForCentred(
  page: BoardPageObject,
  rect: Zone | { x: number; y: number; w: number; h: number },
) {
  const box = await page.canvasBox();
  await page.waitForView(
    (v) => {
      const cx = (rect.x + rect.w / 2) * v.scale + v.x;
      const cy = (rect.y + rect.h / 2) * v.scale + v.y;
      const fits = rect.w * v.scale <= box.width && rect.h * v.scale <= box.height;
      return Math.abs(cx - box.width / 2) < 2 && Math.abs(cy - box.height / 2) < 2 && fits;
    },
    `the view centred on ${JSON.stringify(rect)}`,
  );
}

describe('coverage overlay, gaps and dependencies', () => {
  const session = useBoardSession('Coverage');
  let ana: BoardPageObject;

  beforeAll(async () => {
    ana = await session.open('Ana', 'hardware');
    await ana.page.evaluate(
      (workshop) => window.__board!.loadWorkshop(workshop),
      sampleWorkshop() as unknown,
    );
    await ana.waitForBoard((b) => b.notes.length === sampleWorkshop().notes.length, 'the workshop notes');
  });

  it('tints every zone by its state, and a new decision in an empty cell changes it live', async () => {
    const { page } = ana;
    const toggle = page.getByRole('button', { name: 'Coverage', exact: true });
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await drawnStates(ana)).toEqual({});

    await page.keyboard.press('c');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await page.waitForFunction(() => window.Konva!.stages[0]!.find('.coverage-zone').length === 30);

    // What the canvas shows is shared's coverage of the board, cell by cell.
    const board = await ana.board();
    const expected: Record<string, string> = {};
    for (const layer of computeCoverage(board.notes, board.zones).layers) {
      for (const cell of layer.cells) expected[zoneKey(cell.layer, cell.area)] = cell.state;
    }
    expect(await drawnStates(ana)).toEqual(expected);
    expect(await page.evaluate(() => window.__board!.coverage())).toEqual(expected);
    expect(expected).toMatchObject({
      'devices:business': 'decided',
      'devices:technology': 'contested',
      'devices:ux': 'exploring',
      'embedded:ux': 'empty',
    });

    // The overlay is its own layer, not listening, above the template and below the notes.
    const order = await page.evaluate(() => {
      const stage = window.Konva!.stages[0]!;
      const layers = stage.getLayers();
      const index = (selector: string) => layers.indexOf(stage.findOne(selector)!.getLayer()!);
      return {
        template: index('.template-frame'),
        overlay: index('.coverage-zone'),
        notes: layers.indexOf(stage.findOne('.note')!.getLayer()!),
        listening: stage.findOne('.coverage-zone')!.getLayer()!.listening(),
      };
    });
    expect(order.template).toBeLessThan(order.overlay);
    expect(order.overlay).toBeLessThan(order.notes);
    expect(order.listening).toBe(false);

    // Each layer canvas has its meter: the score and the count of cells in each state.
    const meterOf = (layer: number) =>
      page.evaluate((i) => {
        const meter = window.Konva!.stages[0]!.find('.layer-meter')[i] as unknown as {
          find(selector: string): { text(): string }[];
        };
        return meter
          .find('Text')
          .map((t) => t.text())
          .join(' | ');
      }, layer);
    expect(await meterOf(1)).toContain('1 gap');

    // A decision in the empty UX cell of Embedded: the zone turns decided, the gap leaves the meter.
    await ana.showLayer(1);
    const zone = board.zones.find((z) => z.id === 'embedded:ux')!;
    const note = await ana.addNote(zone.x + zone.w / 2, zone.y + zone.h / 2, 'OTA progress on the LED ring');
    await waitForDrawnState(ana, 'embedded:ux', 'exploring');
    await ana.clickNote(note);
    await page.keyboard.press('d');
    await waitForDrawnState(ana, 'embedded:ux', 'decided');
    await expect.poll(() => meterOf(1)).not.toContain('gap');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'coverage-overlay.png') });

    await page.keyboard.press('Escape');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await page.waitForFunction(() => window.Konva!.stages[0]!.find('.coverage-zone').length === 0);
  });

  it('counts no note without words: the gap and its question stay until someone writes in it', async () => {
    const { page } = ana;
    const ben = await session.open('Ben', 'cloud');
    const zone = (await ana.board()).zones.find((z) => z.id === 'applications:standards')!;
    const prompt = cellPrompt('applications', 'standards');
    const state = (p: BoardPageObject) => p.page.evaluate((id) => window.__board!.coverage()[id], zone.id);
    const hintShown = () =>
      page.evaluate(
        (text) =>
          window
            .Konva!.stages[0]!.find('.zone-hint')
            .some((n) => (n as unknown as { text(): string }).text() === text),
        prompt,
      );
    await ana.showLayer(4);
    await ben.showLayer(4);
    expect(await state(ana)).toBe('empty');
    expect(await hintShown()).toBe(true);
    const notes = (await ana.board()).notes.length;

    // Ben double-clicks in the gap: a note, empty while he thinks. It covers nothing, for either of them.
    const at = await ben.toScreen(zone.x + 200, zone.y + zone.h / 2);
    await ben.page.mouse.dblclick(at.x, at.y);
    const benEditor = ben.page.getByLabel('Note text');
    await benEditor.waitFor();
    const board = await ana.waitForBoard((b) => b.notes.length === notes + 1, "Ben's empty note");
    const his = board.notes.find((n) => n.author === 'Ben')!;
    expect(his.text).toBe('');
    expect(await state(ana)).toBe('empty');
    expect(await state(ben)).toBe('empty');
    expect(await hintShown()).toBe(true);

    // Ana adds a note beside it and leaves it empty: it goes. She opens Ben's and leaves it: his stays.
    const editor = page.getByLabel('Note text');
    const beside = await ana.toScreen(zone.x + zone.w - 200, zone.y + zone.h / 2);
    await page.mouse.dblclick(beside.x, beside.y);
    await editor.waitFor();
    await editor.press('Escape');
    await editor.waitFor({ state: 'detached' });
    const hisCentre = await ana.centreOf(his);
    await page.mouse.dblclick(hisCentre.x, hisCentre.y);
    await editor.waitFor();
    await editor.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect((await ana.board()).notes.map((n) => n.id).sort()).toEqual(board.notes.map((n) => n.id).sort());
    expect(await state(ana)).toBe('empty');
    expect(await hintShown()).toBe(true);

    // Ben writes: the cell is covered, its question gives way.
    await benEditor.pressSequentially('Gateway is CE/RED certified');
    await benEditor.press('Escape');
    await expect.poll(() => state(ana)).toBe('exploring');
    await expect.poll(hintShown).toBe(false);
    await ben.page.context().close();
  });

  it('lists the gaps with the scores, and a gap brings its zone into view', async () => {
    const { page } = ana;
    await page.getByRole('button', { name: 'Gaps', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Gaps' });
    await panel.getByRole('heading', { name: 'Gaps' }).waitFor();

    const states = await page.evaluate(() => window.__board!.coverage());
    const gaps = Object.keys(states).filter((id) => states[id] === 'empty');
    expect(gaps.length).toBeGreaterThan(0);
    const buttons = panel.locator('.gap-button');
    await expect
      .poll(() => buttons.evaluateAll((b) => b.map((e) => e.getAttribute('data-cell'))))
      .toEqual(gaps);
    await expect.poll(() => panel.innerText()).toMatch(/Board coverage \d+%/);
    expect(await panel.innerText()).toContain('Cloud platform · UX');
    expect(await panel.getByRole('meter').count()).toBe(5);

    // Click a gap: its zone fills the canvas.
    const zones = (await ana.board()).zones;
    await panel.getByRole('button', { name: /Cloud platform · UX/ }).click();
    await waitForCentred(
      ana,
      zones.find((z) => z.id === 'cloud:ux')!,
    );

    // The keyboard reaches the gaps too.
    await panel.getByRole('button', { name: /Cloud platform · Business/ }).focus();
    await page.keyboard.press('Enter');
    await waitForCentred(
      ana,
      zones.find((z) => z.id === 'cloud:business')!,
    );

    // Filling a gap takes it off the list.
    const cell = zones.find((z) => z.id === 'cloud:business')!;
    await ana.addNote(cell.x + cell.w / 2, cell.y + cell.h / 2, 'Per-device hosting under $0.40 a year');
    await expect
      .poll(() => buttons.evaluateAll((b) => b.map((e) => e.getAttribute('data-cell'))))
      .toEqual(gaps.filter((g) => g !== 'cloud:business'));
  });

  it('shows what a selected note affects and what affects it, and a check for a question under a decision', async () => {
    const { page } = ana;
    await page.getByRole('button', { name: 'Gaps', exact: true }).click();
    await page.getByRole('button', { name: 'Dependencies', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Dependencies' });
    await panel.getByRole('heading', { name: 'Dependencies' }).waitFor();

    // s16 (the radio, in Communications) affects the battery choice in Devices and the MCU in Embedded.
    await ana.showLayer(2);
    const radio = await ana.note('s16');
    await ana.clickNote(radio);
    const affects = panel.getByRole('list', { name: 'It affects' });
    await expect
      .poll(() =>
        affects.locator('[data-note]').evaluateAll((b) => b.map((e) => e.getAttribute('data-note'))),
      )
      .toEqual(['s03', 's09']);
    expect(await panel.getByRole('list', { name: 'Affected by' }).count()).toBe(0);
    // On the canvas: a ring round each, on a layer that does not listen; the other links fade.
    await page.waitForFunction(
      () =>
        window
          .Konva!.stages[0]!.find('.dependency-halo')
          .map((n) => n.id())
          .sort()
          .join() === 'halo-s03,halo-s09',
    );
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'dependencies.png') });

    // Jump to one: the view goes to the battery question in Devices, the selection stays.
    await affects.getByRole('button', { name: /lithium/ }).click();
    const battery = await ana.note('s03');
    await page.waitForFunction((n) => {
      const v = window.__board!.view();
      const box = document.querySelector('.stage-box')!.getBoundingClientRect();
      const cx = (n.x + n.w / 2) * v.scale + v.x;
      const cy = (n.y + n.h / 2) * v.scale + v.y;
      return Math.abs(cx - box.width / 2) < 2 && Math.abs(cy - box.height / 2) < 2;
    }, battery);
    await ana.waitForSelection('s16');

    // A decision that depends on an open question is flagged, with a way to see both notes.
    await ana.showLayer(4);
    const zones = (await ana.board()).zones;
    const cell = zones.find((z) => z.id === 'applications:business')!;
    const question = await ana.addNote(cell.x + 120, cell.y + 330, 'Is EN 301 549 required?');
    await ana.clickNote(question);
    await page.keyboard.press('q');
    await ana.waitForNote(question.id, (n) => n?.kind === 'question', 'the question');
    const decision = await ana.addNote(cell.x + 420, cell.y + 330, 'Ship WCAG 2.2 AA apps');
    await ana.clickNote(decision);
    await page.keyboard.press('d');
    await ana.waitForNote(decision.id, (n) => n?.kind === 'decision', 'the decision');
    await ana.linkNotes(question, decision);
    const check = panel.locator('.issue-openQuestion').filter({ hasText: 'WCAG' });
    await check.waitFor();
    expect(await check.innerText()).toContain('EN 301 549');
    await page.keyboard.press('1');
    await check.getByRole('button', { name: 'Show the 2 notes' }).click();
    await ana.page.waitForFunction(
      ([q, d]) => {
        const v = window.__board!.view();
        const box = document.querySelector('.stage-box')!.getBoundingClientRect();
        const cx = ((q.x + d.x + d.w) / 2) * v.scale + v.x;
        return Math.abs(cx - box.width / 2) < 2;
      },
      [question, decision] as const,
    );
    await page.getByRole('button', { name: 'Close the dependencies panel' }).click();
    await panel.waitFor({ state: 'detached' });
  });

  it('passes an accessibility audit with the overlay on and both panels open', async () => {
    const { page } = ana;
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Coverage', exact: true }).click();
    for (const name of ['Gaps', 'Dependencies']) {
      const button = page.getByRole('button', { name, exact: true });
      if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    }
    await page.getByRole('region', { name: 'Gaps' }).waitFor();
    await page.getByRole('region', { name: 'Dependencies' }).waitFor();
    await ana.showLayer(2);
    await ana.clickNote(await ana.note('s16'));
    await page.getByRole('list', { name: 'It affects' }).waitFor();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'panels.png') });

    await injectAxe(page);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(context: unknown): Promise<{ violations: unknown[] }> } }
      ).axe;
      const result = await axe.run({ include: [['.analysis-panels']] });
      return result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
