import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { createProjector, type BoardSnapshot, type CreatedBoard } from '@shared';
import { launchBrowser, newPerson, sampleWorkshop, ServerProcess } from './harness';
import { newPhonePerson } from './PhonePageObject';
import { StartPageObject } from './StartPageObject';

/** Set to a folder to keep screenshots of the start page and the lost-link page (for a person to look at). */
const SHOTS = process.env.START_SHOTS;

let server: ServerProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = new ServerProcess();
  await server.start();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.dispose();
});

async function person(name: string): Promise<BrowserContext> {
  const context = await newPerson(browser, name, 'hardware');
  contexts.push(context);
  return context;
}

/** The POST requests a context makes, as `path status`, to see what was created. */
function watchPosts(context: BrowserContext): string[] {
  const posts: string[] = [];
  context.on('response', (response) => {
    if (response.request().method() === 'POST') {
      posts.push(`${new URL(response.url()).pathname} ${response.status()}`);
    }
  });
  return posts;
}

const href = (board: CreatedBoard, role: 'edit' | 'view') =>
  `${server.origin}/b/${board.id}#${role}=${encodeURIComponent(role === 'edit' ? board.editToken : board.viewToken)}`;

/** The cell each note lies in, with its text. */
function cells(board: BoardSnapshot): string[] {
  const projector = createProjector(board.zones);
  return board.notes
    .map((note) => {
      const cell = projector.placeNote(note);
      return `${cell?.layer}/${cell?.area} ${note.kind}: ${note.text}`;
    })
    .sort();
}

describe('the start page', () => {
  it('creates nothing when visited; a new workshop with a name opens as that board, and the logo leads back', async () => {
    const context = await person('Ana');
    const posts = watchPosts(context);
    const start = await StartPageObject.open(context, server.origin);
    await start.page.reload();
    await start.page.getByRole('heading', { name: 'New workshop' }).waitFor();
    expect(posts).toEqual([]);

    // A careless double-click creates one workshop.
    await start.createWorkshop('Soil-moisture sensor, pilot 2', { doubleClick: true });
    expect(posts).toEqual(['/api/boards 201']);
    const { page } = start;
    await page.waitForFunction(() => window.__board?.board().meta.title === 'Soil-moisture sensor, pilot 2');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Soil-moisture sensor, pilot 2');

    await page.getByRole('link', { name: 'IoT Decision Board' }).click();
    await page.getByRole('heading', { name: 'Boards on this device' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await start.recentTitles()).toEqual(['Soil-moisture sensor, pilot 2']);
    expect(posts).toEqual(['/api/boards 201']);
  });

  it('lists the boards opened before, the last opened first, each with its link, and removes one by keyboard', async () => {
    const [a, b, c] = [
      await server.createBoard('Fleet tracker'),
      await server.createBoard('Cold-chain logger'),
      await server.createBoard('Smart meter'),
    ];
    const context = await person('Ben');
    const page = await context.newPage();
    for (const [board, role, title] of [
      [a, 'edit', 'Fleet tracker'],
      [b, 'view', 'Cold-chain logger'],
      [c, 'edit', 'Smart meter'],
      [a, 'edit', 'Fleet tracker'],
    ] as const) {
      await page.goto(href(board, role));
      // The page lists itself once the board's title has arrived, as the tab's title does.
      await page.waitForFunction((t) => document.title.startsWith(t), title);
    }
    const start = await StartPageObject.open(context, server.origin);
    await expect
      .poll(() => start.recentTitles())
      .toEqual(['Fleet tracker', 'Smart meter', 'Cold-chain logger']);
    const list = start.recentSection();
    await expect
      .poll(() => list.getByRole('listitem').nth(2).textContent())
      .toMatch(/Cold-chain logger.*View only · opened just now/);
    expect(await list.getByRole('link', { name: 'Cold-chain logger' }).getAttribute('href')).toBe(
      new URL(href(b, 'view')).pathname + new URL(href(b, 'view')).hash,
    );

    await list.getByRole('button', { name: 'Remove “Smart meter” from this list' }).focus();
    await start.page.keyboard.press('Enter');
    await expect.poll(() => start.recentTitles()).toEqual(['Fleet tracker', 'Cold-chain logger']);
    // Focus moves on to the next entry's button, not to the top of the page.
    await expect
      .poll(() => start.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Remove “Cold-chain logger” from this list');
    await start.page.reload();
    await expect.poll(() => start.recentTitles()).toEqual(['Fleet tracker', 'Cold-chain logger']);

    await list.getByRole('link', { name: 'Cold-chain logger' }).click();
    await start.page.waitForFunction(() => window.__board?.state() === 'online');
    expect(new URL(start.page.url()).hash).toBe(`#view=${encodeURIComponent(b.viewToken)}`);
  });

  it('imports a CSV list into the cells it names, and a JSON export as it was', async () => {
    const context = await person('Cy');
    const posts = watchPosts(context);
    const start = await StartPageObject.open(context, server.origin);
    await start.pick({
      name: 'Pilot notes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFFLayer,Area,Kind,Text,Department,Author\r\n' +
          'Communications,Technology,question,"LoRaWAN, NB-IoT or LTE-M?",connectivity,Ana\r\n' +
          'cloud,data,decision,"Keep raw readings\r\nfor 13 months",cloud,Ben\r\n' +
          'Devices / Hardware,Standards & Regulations,risk,CE radio test,legal,Cy\r\n',
      ),
    });
    await start.waitForBoardPage();
    await start.page.waitForFunction(() => window.__board?.noteCount() === 3);
    const csvBoard = await start.page.evaluate(() => window.__board!.board());
    expect(csvBoard.meta.title).toBe('Pilot notes');
    expect(cells(csvBoard)).toEqual([
      'cloud/data decision: Keep raw readings\r\nfor 13 months',
      'communications/technology question: LoRaWAN, NB-IoT or LTE-M?',
      'devices/standards risk: CE radio test',
    ]);

    const sample = (await (
      await fetch(`${server.origin}/api/boards`, { method: 'POST', body: '{"sample": true}' })
    ).json()) as CreatedBoard;
    const json = await (
      await fetch(`${server.origin}/api/boards/${sample.id}/export.json?token=${sample.viewToken}`)
    ).text();
    await start.goto(server.origin);
    await start.pick({ name: 'soil.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await start.waitForBoardPage();
    const count = sampleWorkshop().notes.length;
    await start.page.waitForFunction((n) => window.__board?.noteCount() === n, count);
    const jsonBoard = await start.page.evaluate(() => window.__board!.board());
    expect(jsonBoard.meta.title).toBe(sampleWorkshop().title);
    expect(jsonBoard.links).toHaveLength(sampleWorkshop().links.length);
    expect(posts).toEqual(['/api/boards/import 201', '/api/boards/import 201']);
  });

  it("lists the server's problems with a refused file, in plain words, and creates nothing", async () => {
    const context = await person('Dee');
    const posts = watchPosts(context);
    const start = await StartPageObject.open(context, server.origin);
    await start.pick({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'layer,area,kind,text\ncloud,data,idea,fine\ncloud,data,opinion,x\nfog,data,idea,y\n',
      ),
    });
    expect(await start.problems()).toEqual([
      'line 3, column kind: "opinion" is not a kind; use idea, question, decision or risk',
      'line 4, column layer: "fog" is not a layer; use devices, embedded, communications, cloud or applications, or a layer\'s name such as "Cloud platform"',
    ]);
    await start.page.getByText('Nothing was imported: "bad.csv" has these problems.').waitFor();

    await start.pick({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, world') });
    await expect
      .poll(() => start.problems())
      .toEqual([expect.stringMatching(/^line 1 is not a header row: the first line must name the columns/)]);
    await start.pick({ name: 'list.json', mimeType: 'application/json', buffer: Buffer.from('[1,2]') });
    await expect
      .poll(() => start.problems())
      .toEqual([expect.stringMatching(/^this JSON file is not a board saved by IoT Decision Board/)]);
    await start.pick({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect.poll(() => start.problems()).toEqual(['"empty.csv" is empty.']);

    expect(posts).toEqual(['/api/boards/import 400', '/api/boards/import 400', '/api/boards/import 400']);
    expect(new URL(start.page.url()).pathname).toBe('/');
    expect(await start.recentTitles()).toEqual([]);
  });

  it('answers a bogus board address with what went wrong and the way home', async () => {
    const board = await server.createBoard('Known board');
    const context = await person('Eli');
    const page = await context.newPage();
    await page.goto(`${server.origin}/b/nonsense`);
    await page.getByRole('heading', { level: 1, name: 'This is not a board address' }).waitFor();
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await page.getByRole('heading', { name: 'New workshop' }).waitFor();

    // A board id without its key: and once this device has opened the board, the link it used.
    await page.goto(`${server.origin}/b/${board.id}`);
    await page.getByRole('heading', { level: 1, name: 'This link has no access key' }).waitFor();
    expect(await page.getByRole('link', { name: /open “Known board”/ }).count()).toBe(0);
    await page.goto(href(board, 'edit'));
    await page.waitForFunction(() => document.title.startsWith('Known board'));
    await page.goto(`${server.origin}/b/${board.id}`);
    await page.reload();
    await page.getByRole('link', { name: 'open “Known board”' }).click();
    await page.waitForFunction(() => window.__board?.state() === 'online');
    expect(new URL(page.url()).hash).toBe(`#edit=${encodeURIComponent(board.editToken)}`);
  });

  it('passes an axe audit and fits the screen, on a laptop and on a phone', async () => {
    const board = await server.createBoard('Greenhouse climate control, second pilot with the grower co-op');
    for (const [device, context] of [
      ['laptop', await person('Fay')],
      ['phone', await newPhonePerson(browser, 'Gus', 'apps')],
    ] as const) {
      contexts.push(context);
      // The strict Content-Security-Policy refuses inline styles and scripts: none may be tried.
      const refused: string[] = [];
      context.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      const page = await context.newPage();
      await page.goto(href(board, 'view'));
      await page.waitForFunction(() => document.title.startsWith('Greenhouse'));
      const start = await StartPageObject.open(context, server.origin);
      await start.pick({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('layer,area,kind,text\nx,y,z,w\n'),
      });
      await start.problems();
      expect(await start.axeViolations(), device).toEqual([]);
      expect(await start.overflowing(), device).toEqual([]);
      if (SHOTS) await start.page.screenshot({ path: join(SHOTS, `start-${device}.png`) });
      await start.page.goto(`${server.origin}/b/nonsense`);
      await start.page.getByRole('heading', { level: 1 }).waitFor();
      expect(await start.axeViolations(), `${device}, lost link`).toEqual([]);
      if (SHOTS) await start.page.screenshot({ path: join(SHOTS, `lost-link-${device}.png`) });
      expect(refused, device).toEqual([]);
    }
  });
});
