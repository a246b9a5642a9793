import { describe, expect, it } from 'vitest';
import { useBoardSession } from './fixtures';
import { newPerson } from './harness';

describe('replacing the share links', () => {
  const session = useBoardSession('Revocation');

  it('gives the facilitator new links and locks out the old ones, even a page already open', async () => {
    const facilitator = await session.open('Fatima', 'business');
    const guest = await session.open('Gus', 'apps');
    facilitator.page.once('dialog', (dialog) => void dialog.accept());
    await facilitator.page.getByRole('button', { name: 'Share' }).click();
    await facilitator.page.getByRole('button', { name: 'Replace links' }).click();

    // The facilitator lands on the new edit link and is online again.
    await facilitator.page.waitForURL((url) => !url.hash.includes(session.board.editToken));
    await facilitator.waitForState('online');

    // The guest's open page is refused, says so, and can no longer edit.
    await guest.waitForState('refused');
    await guest.page.getByRole('alert').waitFor();
    expect(await guest.page.getByRole('button', { name: '+ Note' }).count()).toBe(0);

    // The old link is refused on a fresh device too; the new one works.
    const late = await (await newPerson(session.browser, 'Lia', 'legal')).newPage();
    await late.goto(`${session.server.origin}/b/${session.board.id}#edit=${session.board.editToken}`);
    await late.waitForFunction(() => window.__board?.state() === 'refused');
    const fresh = await newPerson(session.browser, 'Nia', 'cloud');
    const page = await fresh.newPage();
    await page.goto(facilitator.page.url());
    await page.waitForFunction(() => window.__board?.state() === 'online');
  });
});
