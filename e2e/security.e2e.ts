import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SYNC_PATH } from '@shared';
import { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { newPerson, sampleWorkshop } from './harness';
import { newPhonePerson, PhonePageObject } from './PhonePageObject';

declare global {
  interface Window {
    /** Every Content-Security-Policy violation the page reported, as `directive: blocked URI`. */
    __cspViolations?: string[];
  }
}

/**
 * Watches a browser context for what the Content-Security-Policy would break: the violations each page
 * reports (its `securitypolicyviolation` events and console lines), and the sockets it opens.
 */
async function watch(context: BrowserContext) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations!.push(`${event.effectiveDirective}: ${event.blockedURI}`),
    );
  });
  const consoleLines: string[] = [];
  const sockets: string[] = [];
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (/content security policy|refused to/i.test(message.text())) consoleLines.push(message.text());
    });
    page.on('websocket', (socket) => sockets.push(socket.url()));
  });
  return {
    sockets,
    async violations(page: Page): Promise<string[]> {
      const reported = await page.evaluate(() => window.__cspViolations ?? []);
      return [...reported, ...consoleLines];
    },
  };
}

describe('the Content-Security-Policy breaks nothing, and no token travels in a URL', () => {
  const session = useBoardSession('CSP check');
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  beforeAll(async () => {
    // A full board, so that every kind of thing the canvas draws is drawn.
    const context = await newPerson(session.browser, 'Setup', 'hardware');
    const setup = await BoardPageObject.open(context, session.server.origin, session.board);
    const workshop = sampleWorkshop();
    await setup.page.evaluate((w) => window.__board!.loadWorkshop(w), workshop as unknown);
    await setup.waitForBoard((b) => b.notes.length === workshop.notes.length, 'the workshop notes');
    await context.close();
  });

  it('reports no violation on the board page, through editing, sharing and a PNG export', async () => {
    const context = await newPerson(session.browser, 'Ana', 'hardware');
    contexts.push(context);
    const watched = await watch(context);
    const ana = await BoardPageObject.open(context, session.server.origin, session.board);
    const response = await ana.page.reload();
    await ana.page.waitForFunction(() => window.__board?.state() === 'online');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    // Empty space in the first layer, which the page shows first.
    const { zones, notes } = await ana.board();
    const free = zones
      .filter((z) => z.layer === 'devices' && z.area !== null)
      .flatMap((z) => [0.25, 0.5, 0.75].map((f) => ({ x: z.x + z.w * f, y: z.y + z.h * 0.8 })))
      .find(
        (p) =>
          !notes.some(
            (n) => p.x > n.x - 30 && p.x < n.x + n.w + 30 && p.y > n.y - 30 && p.y < n.y + n.h + 30,
          ),
      )!;
    await ana.addNoteByDoubleClick(free.x, free.y, 'Retention: 90 days');
    await ana.waitForBoard((b) => b.notes.some((n) => n.text === 'Retention: 90 days'), 'the new note');
    await ana.page.getByRole('button', { name: 'Share' }).click();
    await ana.page.getByRole('dialog', { name: 'Share this board' }).waitFor();
    await ana.page.getByRole('button', { name: 'Close' }).click();
    await ana.page.getByRole('dialog', { name: 'Share this board' }).waitFor({ state: 'detached' });
    await ana.page.getByRole('button', { name: 'Export', exact: true }).click();
    await ana.page.getByRole('dialog', { name: 'Export and import' }).waitFor();
    const [png] = await Promise.all([
      ana.page.waitForEvent('download'),
      ana.page.getByRole('button', { name: /Image \(PNG/ }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);

    expect(await watched.violations(ana.page)).toEqual([]);
    // The watch sees a violation when there is one: an image from another origin is refused.
    await ana.page.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'https://elsewhere.invalid/pixel.png';
      document.body.append(image);
    });
    await expect
      .poll(() => watched.violations(ana.page))
      .toContainEqual('img-src: https://elsewhere.invalid/pixel.png');
    // The client connected with its token in the Sec-WebSocket-Protocol header, never in the URL.
    expect(watched.sockets.length).toBeGreaterThan(0);
    for (const url of watched.sockets) {
      expect(url).toContain(`${SYNC_PATH}/${session.board.id}`);
      expect(url).not.toContain(session.board.editToken);
      expect(url).not.toContain('token=');
    }
  });

  it('reports no violation on the projector page, with its join QR code', async () => {
    const context = await newPerson(session.browser, 'Screen', 'hardware', { width: 1920, height: 1080 });
    contexts.push(context);
    const watched = await watch(context);
    const page = await context.newPage();
    const { id, viewToken, editToken } = session.board;
    const response = await page.goto(
      `${session.server.origin}/b/${id}/projector#view=${encodeURIComponent(viewToken)}&join=${encodeURIComponent(editToken)}`,
    );
    await page.waitForFunction(() => window.__board?.state() === 'online');
    await page.waitForFunction(() => (window.__board?.board().notes.length ?? 0) > 30);
    await page.locator('.join-qr').first().waitFor();
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await watched.violations(page)).toEqual([]);
    for (const url of watched.sockets) expect(url).not.toContain(viewToken);
  });

  it('reports no violation on the printable report page', async () => {
    const context = await newPerson(session.browser, 'Reader', 'legal');
    contexts.push(context);
    const watched = await watch(context);
    const page = await context.newPage();
    const { id, viewToken } = session.board;
    const response = await page.goto(
      `${session.server.origin}/b/${id}/report#view=${encodeURIComponent(viewToken)}`,
    );
    await page.locator('.report h1').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('li, tr').length > 10);
    expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
    expect(await watched.violations(page)).toEqual([]);
  });

  it('reports no violation on the phone page', async () => {
    const context = await newPhonePerson(session.browser, 'Pia', 'apps');
    contexts.push(context);
    const watched = await watch(context);
    const phone = await PhonePageObject.open(context, session.server.origin, session.board);
    await phone.page.locator('.phone-page').waitFor();
    expect(await watched.violations(phone.page)).toEqual([]);
    for (const url of watched.sockets) expect(url).not.toContain(session.board.editToken);
  });
});
