import type { BrowserContext, Locator, Page } from 'playwright-core';
import { injectAxe } from './harness';

/** A file as a person picks it for import. */
export interface PickedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The start page at `/`, driven as a person would: the name field, the file picker, the list's links. */
export class StartPageObject {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, origin: string): Promise<StartPageObject> {
    const page = await context.newPage();
    const object = new StartPageObject(page);
    await object.goto(origin);
    return object;
  }

  async goto(origin: string): Promise<void> {
    await this.page.goto(`${origin}/`);
    await this.page.getByRole('heading', { level: 1, name: 'IoT Decision Board' }).waitFor();
  }

  /** Types a name, creates the workshop and waits for its board page. */
  async createWorkshop(name: string, options: { doubleClick?: boolean } = {}): Promise<void> {
    await this.page.getByLabel('Workshop name').fill(name);
    const create = this.page.getByRole('button', { name: 'Create workshop' });
    await (options.doubleClick ? create.dblclick() : create.click());
    await this.waitForBoardPage();
  }

  async pick(file: PickedFile): Promise<void> {
    await this.page.getByLabel('Choose a file (JSON or CSV)').setInputFiles(file);
  }

  /** Waits until the page has moved on to a board, opened with its edit link, and has its notes. */
  async waitForBoardPage(): Promise<void> {
    await this.page.waitForURL((url) => url.pathname.startsWith('/b/') && url.hash.startsWith('#edit='), {
      timeout: 20_000,
    });
    await this.page.waitForFunction(() => window.__board?.state() === 'online', undefined, {
      timeout: 20_000,
    });
  }

  /** The problems listed after a refused import. */
  async problems(): Promise<string[]> {
    const list = this.page.locator('.import-problems');
    await list.waitFor();
    return list.locator('li').allTextContents();
  }

  /** The section listing the boards opened on this device. */
  recentSection(): Locator {
    return this.page.getByRole('region', { name: 'Boards on this device' });
  }

  /** The titles in "Boards on this device", top to bottom. */
  recentTitles(): Promise<string[]> {
    return this.recentSection().getByRole('listitem').getByRole('link').allTextContents();
  }

  /** axe-core's violations on the page as it is, one line each. */
  async axeViolations(): Promise<string[]> {
    await injectAxe(this.page);
    return this.page.evaluate(async () => {
      interface AxeViolation {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run();
      return result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
  }

  /** Everything that sticks out past the right edge of the screen. */
  overflowing(): Promise<string[]> {
    return this.page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    });
  }
}
