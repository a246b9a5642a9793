import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { BoardPageObject } from './BoardPageObject';
import { injectAxe } from './harness';

/**
 * Helpers of the browser tests of the workshop tools (dot voting, private notes, iterations): the
 * facilitator role, the tools' panels, what the canvas draws on a note, and an axe audit of one panel.
 */

/** Set WORKSHOP_SCREENSHOTS to a folder to keep screenshots of the vote and the comparison there. */
export function screenshotPath(name: string): string | null {
  const folder = process.env.WORKSHOP_SCREENSHOTS;
  if (!folder) return null;
  mkdirSync(folder, { recursive: true });
  return join(folder, name);
}

/** Takes the facilitator role through the top bar's Facilitate panel. */
export async function takeFacilitatorRole(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Facilitate' }).click();
  const panel = page.getByRole('dialog', { name: 'Facilitation' });
  await panel.getByRole('button', { name: 'Take the facilitator role' }).click();
  await page.locator('.facilitator-badge').filter({ hasText: 'You facilitate' }).waitFor();
  await panel.getByRole('button', { name: 'Close' }).click();
  await panel.waitFor({ state: 'detached' });
}

/** Opens one of the workshop panels (Vote, Private notes, Iterations) if it is not open, and returns it. */
export async function openPanel(page: Page, name: 'Vote' | 'Private notes' | 'Iterations'): Promise<Locator> {
  const heading = { Vote: 'Dot vote', 'Private notes': 'Private notes', Iterations: 'Iterations' }[name];
  const panel = page.getByRole('region', { name: heading, exact: true });
  if (!(await panel.isVisible())) {
    await page
      .getByRole('toolbar', { name: 'Vote, private notes and iterations' })
      .getByRole('button', { name, exact: true })
      .click();
  }
  await panel.waitFor();
  return panel;
}

/** Names of the Konva nodes drawn inside a note's node (its decorations among them). */
export function drawnOnNote(page: BoardPageObject, noteId: string, name: string): Promise<number> {
  return page.page.evaluate(
    ([id, n]) => {
      const node = window.Konva!.stages[0]!.findOne(`#${id}`) as unknown as
        { find(selector: string): unknown[] } | undefined;
      return node ? node.find(`.${n}`).length : -1;
    },
    [noteId, name] as const,
  );
}

/** The texts drawn inside a note's node under a named group (e.g. the total of a revealed vote). */
export function textsOnNote(page: BoardPageObject, noteId: string, group: string): Promise<string[]> {
  return page.page.evaluate(
    ([id, g]) => {
      const node = window.Konva!.stages[0]!.findOne(`#${id}`) as unknown as
        { find(selector: string): { find(selector: string): { text(): string }[] }[] } | undefined;
      return (node?.find(`.${g}`) ?? []).flatMap((group) => group.find('Text').map((t) => t.text()));
    },
    [noteId, group] as const,
  );
}

/** The serious and critical axe violations inside one element of the page. */
export async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async (include) => {
    interface AxeViolation {
      id: string;
      impact: string | null;
      nodes: { target: string[] }[];
    }
    const axe = (
      window as unknown as { axe: { run(context: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run({ include: [include] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}
