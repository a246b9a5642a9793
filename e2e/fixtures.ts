import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CreatedBoard } from '@shared';
import { BoardPageObject, type Role } from './BoardPageObject';
import { launchBrowser, newPerson, ServerProcess } from './harness';

/** What the tests of one describe block share: the server, one browser, and a board on that server. */
export interface BoardSession {
  readonly server: ServerProcess;
  readonly browser: Browser;
  readonly board: CreatedBoard;
  /**
   * Opens the board as a new person on a desktop (a fresh browser context), with edit or view rights;
   * `clock` installs Playwright's clock in it (see newPerson).
   */
  open(
    name: string,
    department: string,
    role?: Role,
    options?: { clock?: boolean },
  ): Promise<BoardPageObject>;
}

/**
 * Starts a server, launches a browser and creates a board titled `title` before the tests of the
 * enclosing describe block, and stops them after. Call it inside `describe`; read the session's fields
 * in hooks and tests only, once they have been set.
 */
export function useBoardSession(title: string, serverEnv: Record<string, string> = {}): BoardSession {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let board: CreatedBoard | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not started yet: use it in a hook or a test`);
    return value;
  };

  beforeAll(async () => {
    server = new ServerProcess(serverEnv);
    await server.start();
    browser = await launchBrowser();
    board = await server.createBoard(title);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    get board() {
      return started(board, 'board');
    },
    async open(name, department, role = 'edit', options = {}) {
      const context = await newPerson(this.browser, name, department, undefined, options);
      return BoardPageObject.open(context, this.server.origin, this.board, role);
    },
  };
}
