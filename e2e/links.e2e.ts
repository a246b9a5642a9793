import { readFile } from 'node:fs/promises';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AREA_TITLE_BAND, LAYER_HEADER, type Link, type Rect, type Zone } from '@shared';
import type { BoardPageObject, Point } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { sampleWorkshop } from './harness';
import { takeFacilitatorRole } from './workshopTools';

const LINK_COLOR = '#475569';
const CROSS_LAYER_COLOR = '#c026d3';
const SELECTED_COLOR = '#2563eb';

/** The page point in the middle of a link's arrow. */
async function arrowMiddle(page: BoardPageObject, link: Link): Promise<Point> {
  const arrow = await page.arrowOf(link.id);
  if (!arrow) throw new Error(`link ${link.id} is not drawn`);
  const [x1, y1, x2, y2] = arrow.points as [number, number, number, number];
  return page.toScreen((x1 + x2) / 2, (y1 + y2) / 2);
}

function close(actual: readonly number[], expected: readonly number[], tolerance = 1.5): boolean {
  return actual.length === expected.length && actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance);
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The bands that hold the titles: a layer canvas's heading and each area's name. */
function titleBands(zones: readonly Zone[]): Rect[] {
  return zones.map((z) => ({ x: z.x, y: z.y, w: z.w, h: z.area === null ? LAYER_HEADER : AREA_TITLE_BAND }));
}

/** The link labels a page's canvas draws, in board units, and the stacking of links, labels and notes. */
function drawnLinks(page: Page) {
  return page.evaluate(() => {
    const stage = window.Konva!.stages[0]!;
    const layers = stage.getLayers();
    const layerOf = (selector: string) => {
      const node = stage.findOne(selector);
      return node ? layers.indexOf(node.getLayer()!) : -1;
    };
    return {
      labels: stage.find('.link-label').map((n) => ({
        id: n.id(),
        x: n.x(),
        y: n.y(),
        w: n.width(),
        h: n.height(),
        text: (n as unknown as { getText(): { text(): string } }).getText().text(),
      })),
      links: layerOf('.link'),
      labelLayer: layerOf('.link-label'),
      notes: layerOf('.note'),
    };
  });
}

/** Pure white pixels of a PNG (only link labels are pure white), in all and inside each of `rects`. */
function whitePixels(page: Page, png: Buffer, rects: Rect[]): Promise<{ all: number; inside: number[] }> {
  return page.evaluate(
    async ({ data, rects }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      const inside = rects.map(() => 0);
      let all = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] !== 255 || pixels[i + 1] !== 255 || pixels[i + 2] !== 255) continue;
        all++;
        const x = (i / 4) % image.width;
        const y = Math.floor(i / 4 / image.width);
        rects.forEach((r, j) => {
          if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) inside[j]!++;
        });
      }
      return { all, inside };
    },
    { data: png.toString('base64'), rects },
  );
}

describe('links between notes', () => {
  const session = useBoardSession('Links');
  let ana: BoardPageObject;

  beforeAll(async () => {
    ana = await session.open('Ana', 'hardware', 'edit', { clock: true });
  });

  beforeEach(() => ana.clearBoard());

  it('draws a link by dragging from the handle onto another note; the arrow follows both notes', async () => {
    const { page } = ana;
    const a = await ana.addNote(400, 500, 'Battery');
    const b = await ana.addNote(1200, 500, 'Radio');

    const link = await ana.linkNotes(a, b);
    expect(link).toMatchObject({ from: a.id, to: b.id, label: '' });
    // Drawn from border to border, selected (blue) until something else is picked.
    let arrow = (await ana.arrowOf(link.id))!;
    expect(close(arrow.points, [a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2])).toBe(true);
    expect(arrow.stroke).toBe(SELECTED_COLOR);

    // B moves down: the link stays attached and its arrow's end goes with it.
    await page.keyboard.press('Escape');
    const moved = await ana.dragNote(b, 0, 300);
    const dy = Math.round(moved.y);
    const movedB = (await ana.waitForNote(b.id, (n) => n?.y === b.y + dy, 'B moved down'))!;
    const below = arrow.points[3]! + 100;
    await ana.waitForArrow(link.id, (a) => a.points[3]! > below, "the arrow's end moved down");
    arrow = (await ana.arrowOf(link.id))!;
    expect(arrow.stroke).toBe(LINK_COLOR);
    expect(arrow.points[3]).toBeGreaterThan(movedB.y);
    expect(arrow.points[3]).toBeLessThan(movedB.y + movedB.h);
    expect((await ana.board()).links).toEqual([link]);

    // A nudged with the keyboard: the arrow's start follows too.
    await ana.clickNote(a);
    await page.keyboard.press('Shift+ArrowDown');
    await ana.waitForNote(a.id, (n) => n?.y === a.y + 50, 'A nudged');
    const lower = arrow.points[1]! + 10;
    await ana.waitForArrow(link.id, (a) => a.points[1]! > lower, "the arrow's start moved down");

    // Dropping the handle on empty space, or back on the note itself, makes no link.
    const handle = await ana.linkHandleOf(await ana.note(a.id), await ana.view());
    await ana.drag(handle, await ana.toScreen(900, 300));
    await ana.drag(await ana.linkHandleOf(await ana.note(a.id), await ana.view()), await ana.centreOf(a));
    expect((await ana.board()).links).toEqual([link]);
  });

  it('labels a link by double-clicking it; Escape leaves the label as it was', async () => {
    const { page } = ana;
    const a = await ana.addNote(400, 500, 'Battery');
    const b = await ana.addNote(1200, 500, 'Radio');
    const link = await ana.linkNotes(a, b);
    const input = page.getByLabel('Link label');

    const middle = await arrowMiddle(ana, link);
    await page.mouse.dblclick(middle.x, middle.y);
    await input.waitFor();
    await input.pressSequentially('drives battery life');
    await input.press('Enter');
    await input.waitFor({ state: 'detached' });
    await ana.waitForBoard((s) => s.links[0]?.label === 'drives battery life', 'the label');
    // The label is drawn on the arrow.
    await page.waitForFunction(
      (id) =>
        (
          window.Konva!.stages[0]!.findOne(`#link-label-${id}`) as unknown as
            { getText(): { text(): string } } | undefined
        )
          ?.getText()
          .text() === 'drives battery life',
      link.id,
    );

    await page.mouse.dblclick(middle.x, middle.y);
    await input.waitFor();
    expect(await input.inputValue()).toBe('drives battery life');
    await input.press('Control+A');
    await input.pressSequentially('oops');
    await input.press('Escape');
    await input.waitFor({ state: 'detached' });
    expect((await ana.board()).links[0]!.label).toBe('drives battery life');
  });

  it('selects a link with a click and deletes it with Delete, leaving both notes', async () => {
    const { page } = ana;
    const a = await ana.addNote(400, 500, 'Battery');
    const b = await ana.addNote(1200, 500, 'Radio');
    const link = await ana.linkNotes(a, b);
    await page.keyboard.press('Escape');
    await ana.waitForArrow(link.id, (a) => a.stroke === LINK_COLOR, 'the link unselected');

    // A note is selected; clicking the link selects the link instead, so Delete takes only the link.
    await ana.clickNote(a);
    const middle = await arrowMiddle(ana, link);
    await page.mouse.click(middle.x, middle.y);
    expect((await ana.arrowOf(link.id))!.stroke).toBe(SELECTED_COLOR);
    await page.keyboard.press('Delete');
    const after = await ana.waitForBoard((s) => s.links.length === 0, 'the link deleted');
    expect(after.notes.map((n) => n.id).sort()).toEqual([a.id, b.id].sort());
    await page.waitForFunction((id) => !window.Konva!.stages[0]!.findOne(`#link-${id}`), link.id);
  });

  it('draws links that cross layers thicker and in magenta', async () => {
    const { page } = ana;
    // See the whole board, and put a note in the second layer (Embedded).
    await ana.showWholeCanvas();
    await ana.waitForView((v) => v.scale < 0.2, 'the whole board');
    const a = await ana.addNote(400, 500, 'Battery');
    const b = await ana.addNote(1400, 500, 'Radio');
    const c = await ana.addNote(960, 1900, 'Sleep modes');
    const same = await ana.linkNotes(a, b);
    const cross = await ana.linkNotes(a, c);
    await page.keyboard.press('Escape');
    await ana.waitForArrow(cross.id, (a) => a.stroke !== SELECTED_COLOR, 'the cross-layer link unselected');
    expect(await ana.arrowOf(same.id)).toMatchObject({ stroke: LINK_COLOR, strokeWidth: 3 });
    expect(await ana.arrowOf(cross.id)).toMatchObject({ stroke: CROSS_LAYER_COLOR, strokeWidth: 5 });

    // Moving C up into the first layer makes it an ordinary link.
    await ana.dragNote(c, 0, -1000);
    // (At this zoom a screen pixel is about nine board units.)
    await ana.waitForNote(c.id, (n) => !!n && Math.abs(n.y - (c.y - 1000)) < 20, 'C in the first layer');
    await ana.waitForArrow(cross.id, (a) => a.stroke === LINK_COLOR, 'an ordinary link');
  });

  it('deletes the links of a deleted note, and undo brings the note and its links back', async () => {
    const { page } = ana;
    const a = await ana.addNote(960, 350, 'Hub');
    const b = await ana.addNote(400, 750, 'Left');
    const c = await ana.addNote(1500, 750, 'Right');
    const ab = await ana.linkNotes(a, b);
    const ac = await ana.linkNotes(a, c);
    const bc = await ana.linkNotes(b, c);

    // A person's pause: changes less than 500 ms apart undo as one step, and the delete must be its own.
    await page.clock.fastForward(600);
    await page.keyboard.press('Escape');
    await ana.clickNote(a);
    await page.keyboard.press('Delete');
    const after = await ana.waitForBoard((s) => s.notes.length === 2, 'the hub deleted');
    expect(after.links).toEqual([bc]);
    await page.waitForFunction(
      (ids) => ids.every((id) => !window.Konva!.stages[0]!.findOne(`#link-${id}`)),
      [ab.id, ac.id],
    );

    await page.keyboard.press('Control+z');
    const back = await ana.waitForBoard((s) => s.notes.length === 3 && s.links.length === 3, 'all back');
    expect(back.links.map((l) => `${l.from}>${l.to}`).sort()).toEqual(
      [ab, ac, bc].map((l) => `${l.from}>${l.to}`).sort(),
    );
    expect(back.notes.find((n) => n.id === a.id)).toMatchObject({ text: 'Hub', x: a.x, y: a.y });
    await page.waitForFunction(
      (ids) => ids.every((id) => !!window.Konva!.stages[0]!.findOne(`#link-${id}`)),
      back.links.map((l) => l.id),
    );
  });
  it('draws arrows under the notes, and every label of the sample workshop off notes and titles, on the canvas and the projector', async () => {
    const { page } = ana;
    const workshop = sampleWorkshop();
    await page.evaluate((w) => window.__board!.loadWorkshop(w), workshop as unknown);
    const board = await ana.waitForBoard((b) => b.links.length === workshop.links.length, 'the workshop');
    const labelled = board.links.filter((l) => l.label).length;
    expect(labelled).toBe(10);
    const bands = titleBands(board.zones);
    const check = async (on: Page, where: string) => {
      await on.waitForFunction((n) => window.Konva!.stages[0]!.find('.link-label').length === n, labelled);
      const drawn = await drawnLinks(on);
      // Arrows under the notes; labels on the links' layer, with the arrows.
      expect(drawn.links, where).toBeLessThan(drawn.notes);
      expect(drawn.labelLayer, where).toBe(drawn.links);
      for (const label of drawn.labels) {
        for (const note of board.notes) {
          expect(intersects(label, note), `${where}: "${label.text}" on the note "${note.text}"`).toBe(false);
        }
        for (const band of bands)
          expect(intersects(label, band), `${where}: "${label.text}" on a title`).toBe(false);
        for (const other of drawn.labels) {
          if (other !== label) expect(intersects(label, other), `${where}: "${label.text}"`).toBe(false);
        }
      }
    };
    await check(page, 'board');

    const screen = await session.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const projector = await screen.newPage();
    const { id, viewToken, editToken } = session.board;
    await projector.goto(
      `${session.server.origin}/b/${id}/projector#view=${encodeURIComponent(viewToken)}&join=${encodeURIComponent(editToken)}`,
    );
    await projector.waitForFunction(
      (n) => (window.__board?.board().links.length ?? 0) === n,
      board.links.length,
    );
    // The room's screen draws the canvas when the facilitator looks closer than an area (further out it
    // shows the matrix, a layer or an area, without the canvas): a close look at Communications, where
    // most links are. The screen follows the facilitator's view.
    await takeFacilitatorRole(page);
    await ana.showLayer(2);
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect
      .poll(() => projector.locator('.projector-stage').getAttribute('data-scene'))
      .toMatch(/^canvas:/);
    await projector.waitForFunction(() => (window.Konva?.stages.length ?? 0) > 0);
    await check(projector, 'projector');
    await screen.close();
  });

  it('prints each label whole, off the notes and the titles, in the image of a layer', async () => {
    const { page } = ana;
    // A link whose arrow runs under a note in its middle, and one whose middle is on an area's title.
    const a = await ana.addNote(800, 370, 'Radio');
    const under = await ana.addNote(1150, 370, 'Gateway');
    const b = await ana.addNote(1500, 370, 'Battery');
    const d = await ana.addNote(250, 370, 'Sampling');
    const e = await ana.addNote(250, 890, 'Payload');
    const zones = (await ana.board()).zones;
    const exportLayer = async () => {
      if (!(await page.getByRole('dialog', { name: 'Export and import' }).isVisible()))
        await page.getByRole('button', { name: 'Export', exact: true }).click();
      await page.getByLabel('Image of').selectOption('0');
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /Image \(PNG/ }).click(),
      ]);
      return readFile(await file.path());
    };
    // The image covers the layer's frame and 40 units around it; only the labels are pure white in it.
    const frame = zones.find((z) => z.layer === 'devices' && z.area === null)!;
    const rect = { x: frame.x - 40, y: frame.y - 40, w: frame.w + 80, h: frame.h + 80 };
    const before = await exportLayer();
    const ratio = (before.readUInt32BE(16) as number) / rect.w;
    const bands = titleBands(zones.filter((z) => z.layer === 'devices')).map((r) => ({
      x: Math.round((r.x - rect.x) * ratio),
      y: Math.round((r.y - rect.y) * ratio),
      w: Math.round(r.w * ratio),
      h: Math.round(r.h * ratio),
    }));
    const blank = await whitePixels(page, before, bands);

    const long = 'radio airtime drives the battery choice';
    const short = 'sets rate';
    const under1 = await ana.linkNotes(a, b);
    const across = await ana.linkNotes(d, e);
    await page.keyboard.press('Escape');
    await page.evaluate(
      ([l1, t1, l2, t2]) =>
        window.__board!.forceChange((doc) => {
          const links = doc.getMap('links');
          (links.get(l1!) as { set(k: string, v: string): void }).set('label', t1!);
          (links.get(l2!) as { set(k: string, v: string): void }).set('label', t2!);
        }),
      [under1.id, long, across.id, short],
    );
    await page.waitForFunction(() => window.Konva!.stages[0]!.find('.link-label').length === 2);
    const beside = (await drawnLinks(page)).labels.find((l) => l.text === long)!;
    expect(intersects(beside, under)).toBe(false);
    // Off its arrow, the label still opens its editor on a double-click.
    const onLabel = await ana.toScreen(beside.x + beside.w / 2, beside.y + beside.h / 2);
    await page.mouse.dblclick(onLabel.x, onLabel.y);
    const input = page.getByLabel('Link label');
    await input.waitFor();
    expect(await input.inputValue()).toBe(long);
    await input.press('Escape');
    await input.waitFor({ state: 'detached' });
    const labelled = await exportLayer();
    const drawn = await whitePixels(page, labelled, bands);

    // Both labels are in the image, whole but for their text, and none adds white to a title band.
    const area = await page.evaluate(
      (texts) => {
        const Konva = window.Konva!;
        const label = Konva.stages[0]!.findOne('.link-label') as unknown as {
          getText(): { fontFamily(): string };
        };
        const font = label.getText().fontFamily();
        return texts.reduce((sum, text) => {
          const t = new Konva.Text({ text, fontSize: 14, fontFamily: font, padding: 4 });
          const size = t.width() * t.height();
          t.destroy();
          return sum + size;
        }, 0);
      },
      [long, short],
    );
    expect((drawn.all - blank.all) / (area * ratio * ratio)).toBeGreaterThan(0.6);
    expect(drawn.inside).toEqual(blank.inside);
  });
});
