/**
 * Makes the README's screenshot: the sample workshop board (shared/src/sampleWorkshop.json) in the real client,
 * served by the real server. Run with `npm run screenshot` after `npm run build`.
 */
import { fileURLToPath } from 'node:url';
import { BoardPageObject } from './BoardPageObject';
import { launchBrowser, newPerson, sampleWorkshop, ServerProcess } from './harness';

const fixture = sampleWorkshop();
const out = fileURLToPath(new URL('./screenshots/board.png', import.meta.url));

const server = new ServerProcess();
await server.start();
const browser = await launchBrowser();
try {
  const board = await server.createBoard(fixture.title);
  const context = await newPerson(browser, 'Priya', 'business', { width: 1600, height: 1000 });
  const page = await BoardPageObject.open(context, server.origin, board);
  await page.page.evaluate((workshop) => window.__board!.loadWorkshop(workshop), fixture as unknown);
  await page.waitForBoard((b) => b.notes.length > 30, 'the workshop notes');
  // Show the first two layers, as a facilitator would while moving from Devices to Embedded: fit the
  // Devices layer, and zoom out around the top of the canvas.
  await page.page.getByRole('button', { name: '1 Devices' }).click();
  await page.page.mouse.move(800, 110);
  await page.page.keyboard.down('Control');
  // Four wheel notches out (about 1.16x each).
  for (let i = 0; i < 4; i++) await page.page.mouse.wheel(0, 100);
  await page.page.keyboard.up('Control');
  await page.page.waitForTimeout(300);
  await page.page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.dispose();
}
