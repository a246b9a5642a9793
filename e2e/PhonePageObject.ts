import { devices, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { BoardSnapshot, CreatedBoard, NoteKind } from '@shared';
import type { Role } from './BoardPageObject';

/** Waits until a locator's text is exactly `text` (lists and counters follow the board a moment later). */
export async function waitForText(locator: Locator, text: string, timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await locator.textContent({ timeout });
    if (last === text) return;
    await locator.page().waitForTimeout(50);
  }
  throw new Error(`expected "${text}", the page says "${last}"`);
}

/** A phone as Playwright describes one (touch, mobile viewport, a phone's browser), at 390 x 844. */
export function phoneContextOptions(viewport = { width: 390, height: 844 }) {
  // defaultBrowserType is for Playwright's test runner, not a context option.
  const { defaultBrowserType: _runner, ...pixel } = devices['Pixel 7']!;
  return { ...pixel, viewport, screen: viewport, deviceScaleFactor: 2 };
}

/** A person on a phone: a fresh phone-like browser context that already knows who they are. */
export async function newPhonePerson(
  browser: Browser,
  name: string,
  department: string,
  /** One of the identity dialog's colours (hex); without one the department's colour is used. */
  color?: string,
): Promise<BrowserContext> {
  const context = await browser.newContext(phoneContextOptions());
  context.setDefaultTimeout(10_000);
  await context.addInitScript(
    ([n, d, c]) =>
      localStorage.setItem('iot-board:identity', JSON.stringify({ name: n, department: d, color: c })),
    [name, department, color] as const,
  );
  return context;
}

/** One person's board page on a phone, driven by taps as they would drive it. */
export class PhonePageObject {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, origin: string, board: CreatedBoard, role: Role = 'edit') {
    const page = await context.newPage();
    const token = role === 'edit' ? board.editToken : board.viewToken;
    await page.goto(`${origin}/b/${board.id}#${role}=${token}`);
    const phone = new PhonePageObject(page);
    await page.waitForFunction(() => window.__board?.state() === 'online', undefined, { timeout: 15_000 });
    await page.waitForFunction(() => (window.__board?.board().zones.length ?? 0) > 0);
    await page.locator('.phone-page').waitFor();
    return phone;
  }

  board(): Promise<BoardSnapshot> {
    return this.page.evaluate(() => window.__board!.board());
  }

  tab(name: 'Add' | 'Board' | 'Vote'): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  async showTab(name: 'Add' | 'Board' | 'Vote'): Promise<Locator> {
    await this.tab(name).tap();
    const panel = this.page.getByRole('tabpanel', { name: new RegExp(`^${name}`) });
    await panel.waitFor();
    return panel;
  }

  noteField(): Locator {
    return this.page.getByLabel('Your note');
  }

  /** What the Add tab last said (added where, or what went wrong). */
  message(): Locator {
    return this.page.locator('#phone-panel-add .phone-message');
  }

  /** Types a note, picks its kind and taps "Add note" (or presses Enter), as a person adding in a row. */
  async addNote(text: string, kind: NoteKind = 'idea', how: 'tap' | 'enter' = 'tap'): Promise<void> {
    await this.page.getByRole('radio', { name: kind }).check();
    const field = this.noteField();
    await field.fill(text);
    if (how === 'enter') await field.press('Enter');
    else await this.page.getByRole('button', { name: /^Add (private )?note$/ }).tap();
  }

  /** A card on the current tab, by its note's text. */
  card(text: string): Locator {
    return this.page.locator('.phone-panel:not([hidden]) .phone-card').filter({ hasText: text });
  }
}
