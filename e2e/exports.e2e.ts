import { readFile, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  AREAS,
  cellPrompt,
  computeCoverage,
  departmentName,
  formatCoverage,
  getArea,
  getLayer,
  LAYERS,
  noteFill,
  parseBoardExport,
  type BoardExport,
  type BoardSnapshot,
  type VoteRound,
  type Workshop,
} from '@shared';
import type { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { injectAxe, sampleWorkshop } from './harness';
import { pdfText, squeezed } from './pdfText';
import { screenshotPath } from './workshopTools';

const TITLE = 'Vineyard exports';
const PRINT_WIDTH_PX = 3508;

interface Downloaded {
  name: string;
  body: Buffer;
}

/** Clicks what `click` clicks and reads the file the page downloads. */
async function download(page: Page, click: () => Promise<void>): Promise<Downloaded> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), body: await readFile(path) };
}

async function openExportMenu(page: Page): Promise<void> {
  if (await page.getByRole('dialog', { name: 'Export and import' }).isVisible()) return;
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('dialog', { name: 'Export and import' }).waitFor();
}

const EXPORT_BUTTONS = { json: 'Board as JSON', csv: 'Notes as CSV', md: 'Report (Markdown)' } as const;

/** Downloads the board from the export menu of `page`: each test makes the files it reads. */
async function downloadExport(page: Page, format: keyof typeof EXPORT_BUTTONS): Promise<Downloaded> {
  await openExportMenu(page);
  return download(page, () => page.getByRole('button', { name: EXPORT_BUTTONS[format] }).click());
}

/** RFC 4180 rows, quoted fields with commas, quotes and line breaks included. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** Width and height from a PNG's IHDR chunk, after checking its signature. */
function pngSize(body: Buffer): { width: number; height: number } {
  expect([...body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(body.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

/** The colour of the pixel at (x, y) of a PNG, decoded by the browser. */
async function pixelAt(page: Page, png: Buffer, x: number, y: number): Promise<string> {
  return page.evaluate(
    async ({ data, x, y }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = 1;
      canvas.height = 1;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, -x, -y);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return `#${[r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
    },
    { data: png.toString('base64'), x: Math.round(x), y: Math.round(y) },
  );
}

async function axeSeriousViolations(page: Page, include: string): Promise<string[]> {
  await injectAxe(page);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(c: unknown): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run({ include: [selector] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  }, include);
  return violations;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

describe('exports and import', () => {
  const session = useBoardSession(TITLE);
  const workshop: Workshop = sampleWorkshop();
  let ana: BoardPageObject;
  let board: BoardSnapshot;

  beforeAll(async () => {
    ana = await session.open('Ana', 'hardware');
    await ana.page.evaluate((w) => window.__board!.loadWorkshop(w), workshop as unknown);
    board = await ana.waitForBoard((b) => b.notes.length === workshop.notes.length, 'the workshop notes');
    expect(board.links.length).toBeGreaterThan(0);
  });

  it('downloads the board as JSON that imports back, with every note', async () => {
    const file = await downloadExport(ana.page, 'json');
    expect(file.name).toBe('Vineyard-exports.json');
    const parsed = parseBoardExport(JSON.parse(file.body.toString('utf8')));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(parsed.board.title).toBe(TITLE);
    expect(parsed.board.notes.map((n) => n.id).sort()).toEqual(board.notes.map((n) => n.id).sort());
    expect(parsed.board.links.map((l) => l.id).sort()).toEqual(board.links.map((l) => l.id).sort());
    for (const note of parsed.board.notes) {
      expect(note.text).toBe(board.notes.find((n) => n.id === note.id)!.text);
    }
  });

  it('downloads CSV with one row per note, in the right layer and area', async () => {
    const file = await downloadExport(ana.page, 'csv');
    expect(file.name).toBe('Vineyard-exports.csv');
    const [head, ...rows] = parseCsv(file.body.toString('utf8'));
    expect(head!.slice(0, 5)).toEqual(['id', 'layer', 'area', 'kind', 'text']);
    expect(rows).toHaveLength(board.notes.length);
    expect(rows.map((r) => r[0]).sort()).toEqual(board.notes.map((n) => n.id).sort());
    // Each note of the fixture lies in the cell the fixture put it in.
    for (const expected of workshop.notes) {
      const row = rows.find((r) => r[4] === expected.text);
      expect(row, expected.text).toBeDefined();
      expect(row!.slice(1, 4)).toEqual([expected.layer, expected.area, expected.kind]);
    }
  });

  it('downloads the Markdown report with the title and every decision', async () => {
    const file = await downloadExport(ana.page, 'md');
    expect(file.name).toBe('Vineyard-exports.md');
    const markdown = file.body.toString('utf8');
    expect(markdown.startsWith(`# ${TITLE}\n`)).toBe(true);
    const plain = unescapeMarkdown(markdown);
    const decisions = board.notes.filter((n) => n.kind === 'decision');
    expect(decisions.length).toBeGreaterThan(0);
    for (const note of decisions) expect(plain).toContain(`- ${note.text.replace(/\s+/g, ' ').trim()}`);
    for (const layer of LAYERS) expect(plain).toContain(`## ${layer.name}`);
  });

  it('serves the same exports over HTTP with the view token', async () => {
    // One after another: each download opens the same menu.
    const json = (await downloadExport(ana.page, 'json')).body.toString('utf8');
    const csv = (await downloadExport(ana.page, 'csv')).body.toString('utf8');
    const md = (await downloadExport(ana.page, 'md')).body.toString('utf8');
    const get = async (format: string) => {
      const url = `${session.server.origin}/api/boards/${session.board.id}/export.${format}?token=${encodeURIComponent(session.board.viewToken)}`;
      const response = await fetch(url);
      expect(response.status).toBe(200);
      return response.text();
    };
    const byId = (b: BoardExport) => [...b.notes].sort((x, y) => x.id.localeCompare(y.id));
    const served = JSON.parse(await get('json')) as BoardExport;
    const mine = JSON.parse(json) as BoardExport;
    expect(byId(served)).toEqual(byId(mine));
    expect(served.links.length).toBe(mine.links.length);
    const lines = (csv: string) => csv.split('\r\n').sort();
    expect(lines(await get('csv'))).toEqual(lines(csv));
    expect(await get('md')).toBe(md);
  });

  it('downloads a print-size PNG of the whole board, off-screen notes drawn', async () => {
    const { page } = ana;
    await openExportMenu(page);
    await page.getByLabel('Image of').selectOption('all');
    const file = await download(page, () => page.getByRole('button', { name: /Image \(PNG/ }).click());
    expect(file.name).toBe('Vineyard-exports.png');
    const size = pngSize(file.body);
    // Zones and notes, with a margin of 40 board units on each side.
    const rects = [...board.zones, ...board.notes];
    const minX = Math.min(...rects.map((r) => r.x)) - 40;
    const minY = Math.min(...rects.map((r) => r.y)) - 40;
    const w = Math.max(...rects.map((r) => r.x + r.w)) - minX + 40;
    const h = Math.max(...rects.map((r) => r.y + r.h)) - minY + 40;
    const ratio = Math.min(PRINT_WIDTH_PX / w, 16_000 / h);
    expect(Math.abs(size.width - w * ratio)).toBeLessThanOrEqual(2);
    expect(Math.abs(size.height - h * ratio)).toBeLessThanOrEqual(2);
    expect(size.width).toBeGreaterThan(3000);
    // A note of the last layer (far outside the first layer's view) is drawn with its fill.
    const last = board.notes.reduce((a, b) => (b.y > a.y ? b : a));
    const colour = await pixelAt(
      page,
      file.body,
      (last.x + 20 - minX) * ratio,
      (last.y + last.h - 8 - minY) * ratio,
    );
    expect(colour).toBe(noteFill(last.color).toLowerCase());
  });

  it('downloads a print-size PNG of one layer', async () => {
    const { page } = ana;
    await openExportMenu(page);
    await page.getByLabel('Image of').selectOption({ label: `3 ${LAYERS[2]!.name}` });
    const file = await download(page, () => page.getByRole('button', { name: /Image \(PNG/ }).click());
    expect(file.name).toBe('Vineyard-exports-communications.png');
    const size = pngSize(file.body);
    const frame = board.zones.find((z) => z.layer === LAYERS[2]!.id && z.area === null)!;
    expect(Math.abs(size.width - PRINT_WIDTH_PX)).toBeLessThanOrEqual(2);
    expect(Math.abs(size.height - ((frame.h + 80) * PRINT_WIDTH_PX) / (frame.w + 80))).toBeLessThanOrEqual(2);
  });

  it('has no serious accessibility violations with the export menu open; Escape closes it', async () => {
    const { page } = ana;
    await openExportMenu(page);
    expect(await axeSeriousViolations(page, '.topbar')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Export and import' }).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export');
    // Keyboard: Enter on the focused button opens it again, with focus inside.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Export and import' }).waitFor();
    expect(
      await page.evaluate(() => document.activeElement?.closest('[role=dialog]')?.getAttribute('aria-label')),
    ).toBe('Export and import');
  });

  it('opens a printable report page with the headings, free of serious accessibility violations', async () => {
    const { page } = ana;
    await openExportMenu(page);
    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Printable report' }).click(),
    ]);
    await report.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    for (const layer of LAYERS) {
      expect(await report.getByRole('heading', { level: 2, name: layer.name }).count()).toBe(1);
    }
    expect(await report.getByRole('heading', { level: 2, name: 'Dependencies' }).count()).toBe(1);
    expect(await report.getByRole('heading', { level: 2, name: 'Roadmap' }).count()).toBe(1);
    // The coverage table: one row per layer, a column per area.
    const coverage = report.locator('table').first();
    expect(await coverage.locator('tbody tr').count()).toBe(LAYERS.length);
    expect(await coverage.locator('thead th').count()).toBe(AREAS.length + 2);
    await report.emulateMedia({ media: 'print' });
    expect(await report.locator('.report-bar').isVisible()).toBe(false);
    await report.emulateMedia({ media: 'screen' });
    expect(await axeSeriousViolations(report, 'body')).toEqual([]);
    await report.close();
  });

  it('prints the whole report on A4 and on Letter, upright, over several numbered pages', async () => {
    // Two revealed rounds, as the server writes them at a reveal (voting.e2e.ts drives real votes).
    const note = (text: string) => board.notes.find((n) => n.text === text)!;
    const bom = note(workshop.notes.find((n) => n.id === 's01')!.text);
    const probe = note(workshop.notes.find((n) => n.id === 's02')!.text);
    const lastLayer = LAYERS.at(-1)!;
    const appNote = board.notes.find(
      (n) => workshop.notes.find((w) => w.text === n.text)?.layer === lastLayer.id,
    )!;
    const rounds: VoteRound[] = [
      {
        voteId: 'round-one',
        scope: 'board',
        dotsPerPerson: 3,
        startedAt: Date.UTC(2026, 2, 12, 9, 0),
        revealedAt: Date.UTC(2026, 2, 12, 9, 10),
        voters: 4,
        totals: { [bom.id]: { dots: 5, voters: 3 }, [probe.id]: { dots: 3, voters: 2 } },
      },
      {
        voteId: 'round-two',
        scope: lastLayer.id,
        dotsPerPerson: 2,
        startedAt: Date.UTC(2026, 2, 12, 11, 0),
        revealedAt: Date.UTC(2026, 2, 12, 11, 5),
        voters: 3,
        totals: { [appNote.id]: { dots: 4, voters: 3 } },
      },
    ];
    await ana.page.evaluate(
      (r) => window.__board!.forceChange((doc) => doc.getMap('session').set('voteRounds', r)),
      rounds,
    );
    const { origin } = session.server;
    const { id, viewToken } = session.board;
    await expect
      .poll(async () => (await fetch(`${origin}/api/boards/${id}/export.md?token=${viewToken}`)).text())
      .toContain('### Round 2');

    const report = await ana.page.context().newPage();
    await report.goto(`${origin}/b/${id}/report#view=${encodeURIComponent(viewToken)}`);
    await report.getByRole('heading', { level: 2, name: 'Roadmap' }).waitFor();
    const coverage = computeCoverage(board.notes, board.zones);
    const stateWord = (state: string) => (state === 'empty' ? 'gap' : state);

    for (const [format, width, height] of [
      ['A4', 595.92, 842.88],
      ['Letter', 612, 792],
    ] as const) {
      const file = await report.pdf({ format });
      const keep = screenshotPath(`report-${format}.pdf`);
      if (keep) await writeFile(keep, file);
      const { pages, sizes } = pdfText(file);
      expect(pages.length, format).toBeGreaterThan(1);
      for (const size of sizes) {
        expect(size.width).toBeCloseTo(width, 0);
        expect(size.height).toBeCloseTo(height, 0);
      }
      // Each page is numbered at its foot ("2 / 7"); the number is the first text of the page.
      const bodies = pages.map((page, i) => {
        expect(squeezed(page).startsWith(`${i + 1}/${pages.length}`), `${format} page ${i + 1}`).toBe(true);
        return squeezed(page).slice(`${i + 1}/${pages.length}`.length);
      });
      const text = bodies.join('');
      const has = (phrase: string) => expect(text, `${format}: ${phrase}`).toContain(squeezed(phrase));

      has(TITLE);
      // The coverage table's full width: every row ends with its Standards & Regulations cell.
      has(`layer score ${AREAS.map((a) => a.name).join(' ')}`);
      for (const layer of coverage.layers) {
        has(
          `${getLayer(layer.layer).name} ${formatCoverage(layer.score)} ${layer.cells.map((c) => stateWord(c.state)).join(' ')}`,
        );
      }
      // Every note, with who wrote it and their department's name (never its id).
      for (const n of board.notes) has(`${n.text} (${n.author}, ${departmentName(n.department)})`);
      expect(text).not.toContain(squeezed(', legal)'));
      // The last layer's notes are on a later page than the title.
      expect(bodies.slice(1).join('')).toContain(squeezed(appNote.text));
      // Each gap with the question the team must answer, in the summary and in its layer.
      for (const gap of coverage.gaps) {
        has(`${getLayer(gap.layer).name} / ${getArea(gap.area).name}: ${cellPrompt(gap.layer, gap.area)}`);
        has(`Gap: ${cellPrompt(gap.layer, gap.area)}`);
      }
      // Every dependency with its reason, and what the checks found.
      for (const link of board.links) has(link.label);
      has('Checks: no decision depends on an open question, and no dependency is circular.');
      // Every vote round, with its settings and its ranking.
      has('Round 1: the whole board');
      has('Revealed 2026-03-12 09:10 UTC; 3 dots per person; 4 people voted, 8 dots in all.');
      has(`1 ${bom.text} Devices / Hardware / Business 5 3`);
      has(`2 ${probe.text} Devices / Hardware / Technology 3 2`);
      has(`Round 2: ${lastLayer.name}`);
      has(`1 ${appNote.text}`);
      // The roadmap, and what it warns about.
      has('Roadmap layer now next later not planned');
      has('Planned too early');
    }
    await report.close();
  });

  it('renames the workshop from the top bar: Enter saves, Escape cancels, everyone and every download follow', async () => {
    const renamed = 'FieldPulse pilot: Bordeaux 2026';
    const { page } = ana;
    const ben = await session.open('Ben', 'cloud');
    const vera = await session.open('Vera', 'legal', 'view');
    const title = page.getByRole('heading', { level: 1 }).getByRole('button', { name: TITLE });
    const field = page.getByRole('textbox', { name: 'Workshop name' });

    // Escape puts the name back, and focus back on it.
    await title.click();
    expect(await field.inputValue()).toBe(TITLE);
    await field.fill('Scrap this');
    await field.press('Escape');
    await field.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(TITLE);
    expect((await ana.board()).meta.title).toBe(TITLE);

    // The keyboard: Enter on the name opens the field; an empty name is refused with a reason.
    await page.keyboard.press('Enter');
    await field.fill('   ');
    await field.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'The workshop needs a name.' }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await axeSeriousViolations(page, '.topbar')).toEqual([]);

    // A reload in the middle of an edit keeps the old name.
    await field.fill('Half-typed');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).getByRole('button', { name: TITLE }).waitFor();

    await title.click();
    await field.fill(`  ${renamed}  `);
    await field.press('Enter');
    await field.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1 }).getByRole('button', { name: renamed }).waitFor();
    expect((await ana.board()).meta.title).toBe(renamed);

    // Everyone sees it: another person's top bar and page title, and the view link, which cannot rename.
    for (const other of [ben, vera]) {
      await expect.poll(() => other.page.getByRole('heading', { level: 1 }).textContent()).toBe(renamed);
      await expect.poll(() => other.page.title()).toBe(`${renamed} · IoT Decision Board`);
    }
    expect(await vera.page.getByRole('heading', { level: 1 }).getByRole('button').count()).toBe(0);
    expect(await vera.page.getByRole('textbox', { name: 'Workshop name' }).count()).toBe(0);

    // Downloads are named after it, and the report carries it.
    await openExportMenu(page);
    const file = await download(page, () => page.getByRole('button', { name: 'Report (Markdown)' }).click());
    expect(file.name).toBe('FieldPulse-pilot-Bordeaux-2026.md');
    expect(file.body.toString('utf8').startsWith(`# ${renamed}\n`)).toBe(true);
    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Printable report' }).click(),
    ]);
    await report.getByRole('heading', { level: 1, name: renamed }).waitFor();
    expect(await report.title()).toBe(`${renamed} · Report`);
    await report.close();
    await page.keyboard.press('Escape');
    await ben.page.context().close();
    await vera.page.context().close();
  });

  it('opens the sample workshop from the import panel as a new board of its own', async () => {
    const cy = await session.open('Cy', 'cloud');
    const { page } = cy;
    await openExportMenu(page);
    const [sample] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Open the sample workshop' }).click(),
    ]);
    await sample.waitForURL((url) => url.pathname.startsWith('/b/') && url.hash.startsWith('#edit='), {
      timeout: 20_000,
    });
    expect(new URL(sample.url()).pathname).not.toContain(session.board.id);
    await sample.waitForFunction(
      (count) => window.__board?.state() === 'online' && window.__board.noteCount() === count,
      workshop.notes.length,
      { timeout: 20_000 },
    );
    const opened = await sample.evaluate(() => window.__board!.board());
    expect(opened.meta.title).toBe(workshop.title);
    expect(opened.links).toHaveLength(workshop.links.length);
    await expect.poll(() => sample.getByRole('heading', { level: 1 }).textContent()).toBe(workshop.title);
    await page.context().close();
  });

  it('imports a valid export as a new board holding the same notes', async () => {
    const exported = await downloadExport(ana.page, 'json');
    const { title } = (await ana.board()).meta;
    const bo = await session.open('Bo', 'software');
    const { page } = bo;
    await openExportMenu(page);
    await page.getByLabel('Import a board (JSON or CSV)').setInputFiles({
      name: 'board.json',
      mimeType: 'application/json',
      buffer: exported.body,
    });
    await page.waitForURL(
      (url) => url.pathname.startsWith('/b/') && !url.pathname.includes(session.board.id),
      {
        timeout: 20_000,
      },
    );
    await page.waitForFunction(
      (count) => window.__board?.state() === 'online' && window.__board.noteCount() === count,
      board.notes.length,
      { timeout: 20_000 },
    );
    const imported = await page.evaluate(() => window.__board!.board());
    expect(imported.meta.title).toBe(title);
    const brief = (b: BoardSnapshot) =>
      b.notes.map((n) => `${n.id}|${n.text}|${n.kind}|${n.x},${n.y}`).sort();
    expect(brief(imported)).toEqual(brief(board));
    expect(imported.links.map((l) => l.id).sort()).toEqual(board.links.map((l) => l.id).sort());
    await page.context().close();
  });

  it('refuses an invalid or odd file, lists its problems and creates no board', async () => {
    const bo = await session.open('Cleo', 'cloud');
    const { page } = bo;
    // Every POST and its answer: the server refuses the files, so none may answer 201.
    const creations: string[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST') creations.push(`${new URL(r.url()).pathname} ${r.status()}`);
    });
    await openExportMenu(page);
    const input = page.getByLabel('Import a board (JSON or CSV)');
    const bad = {
      format: 'iot-decision-board',
      version: 1,
      title: 'x',
      createdAt: 1,
      notes: [{ id: 7 }],
      links: 3,
    };
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const alert = page.locator('.import-problems');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Nothing was imported');
    // In plain words, naming the note: no field paths such as notes[0].x.
    expect(await alert.locator('li').allTextContents()).toEqual(
      expect.arrayContaining([
        'note 1: "id" must be text of 1 to 64 characters',
        '"links" must be a list of dependencies',
      ]),
    );

    await input.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello, world'),
    });
    await page.getByText('line 1 is not a header row', { exact: false }).waitFor();

    await input.setInputFiles({ name: 'empty.json', mimeType: 'application/json', buffer: Buffer.alloc(0) });
    await page.getByText('"empty.json" is empty').waitFor();

    await input.setInputFiles({
      name: 'list.json',
      mimeType: 'application/json',
      buffer: Buffer.from('[1,2]'),
    });
    await page
      .getByText('this JSON file is not a board saved by IoT Decision Board', { exact: false })
      .waitFor();

    expect(creations).toEqual(['/api/boards/import 400', '/api/boards/import 400', '/api/boards/import 400']);
    expect(new URL(page.url()).pathname).toBe(`/b/${session.board.id}`);
    await page.context().close();
  });
});
