import { describe, expect, it } from 'vitest';
import { connectionBadge } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { newPerson } from './harness';

describe('a board at its connection limit', () => {
  const session = useBoardSession('Full room', { MAX_CONNECTIONS_PER_ROOM: '1' });

  it('tells a late joiner the board is full, keeps their changes, and lets them in when a seat frees', async () => {
    const first = await session.open('Fatima', 'business');
    const late = await (await newPerson(session.browser, 'Lou', 'apps')).newPage();
    await late.goto(`${session.server.origin}/b/${session.board.id}#edit=${session.board.editToken}`);

    // Refused with 4529: not locked out, but told why, and retrying by itself.
    const badge = connectionBadge(late);
    await badge.filter({ hasText: 'the board is full' }).waitFor({ timeout: 15_000 });
    expect(await late.evaluate(() => window.__board!.state())).toBe('offline');
    expect(await late.getByRole('button', { name: '+ Note' }).count()).toBe(1);

    // The seat frees: the late joiner gets in without reloading.
    await first.page.context().close();
    await late.waitForFunction(() => window.__board?.state() === 'online', undefined, { timeout: 20_000 });
    expect(await badge.textContent()).toContain('Online');
  });
});
