import { describe, expect, it } from 'vitest';
import { createProjector, type Zone } from '@shared';
import { useBoardSession } from './fixtures';

function centreOf(zones: readonly Zone[], id: string) {
  const zone = zones.find((z) => z.id === id);
  if (!zone) throw new Error(`no zone ${id}`);
  return { x: zone.x + zone.w / 2, y: zone.y + zone.h / 2 };
}

describe('two people on one board, through the real server and the built client', () => {
  const session = useBoardSession('Vineyard sensors');

  it('carries a note added, typed and moved in one browser to the other, and keeps it across a restart', async () => {
    const ana = await session.open('Ana', 'hardware');
    const ben = await session.open('Ben', 'cloud');
    const { zones } = await ana.board();
    expect(zones).toHaveLength(35);

    // Ana adds a note in Devices x Business by double-clicking and typing.
    const target = centreOf(zones, 'devices:business');
    await ana.addNoteByDoubleClick(target.x, target.y, 'Sensor node under $38');
    const seen = await ben.waitForBoard(
      (b) => b.notes.some((n) => n.text === 'Sensor node under $38'),
      "Ana's note at Ben's",
    );
    const note = seen.notes.find((n) => n.text === 'Sensor node under $38')!;
    expect(note.author).toBe('Ana');
    expect(note.department).toBe('hardware');
    expect(createProjector(zones).placeNote(note)).toEqual({ layer: 'devices', area: 'business' });

    // Ana drags it into Devices x Technology; Ben sees it land there.
    const technology = centreOf(zones, 'devices:technology');
    await ana.dragNote(note, technology.x - target.x, technology.y - target.y);
    // The drag writes at most once per frame; its last write is Ana's final position.
    const dropped = (await ana.board()).notes.find((n) => n.id === note.id)!;
    expect(createProjector(zones).placeNote(dropped)?.area).toBe('technology');
    const moved = await ben.waitForBoard((b) => {
      const n = b.notes.find((m) => m.id === note.id);
      return n?.x === dropped.x && n.y === dropped.y;
    }, 'the note in Devices x Technology at Ben');
    const movedNote = moved.notes.find((n) => n.id === note.id)!;

    // Ben types into the same note; Ana sees the text merge.
    await ben.typeIntoNote(movedNote, ' at 10k units');
    await ana.waitForBoard(
      (b) => b.notes.some((n) => n.id === note.id && n.text === 'Sensor node under $38 at 10k units'),
      "Ben's typing at Ana's",
    );

    // Stop and start the server; a third person, with no local copy, sees everything.
    await ana.page.context().close();
    await ben.page.context().close();
    await session.server.stop();
    await session.server.start();
    const cleo = await session.open('Cleo', 'apps');
    const after = await cleo.waitForBoard((b) => b.notes.length === 1, 'the note after a restart');
    expect(after.notes[0]).toMatchObject({
      id: note.id,
      text: 'Sensor node under $38 at 10k units',
      x: movedNote.x,
      y: movedNote.y,
      author: 'Ana',
    });
    expect(createProjector(zones).placeNote(after.notes[0]!)).toEqual({
      layer: 'devices',
      area: 'technology',
    });
    await cleo.page.context().close();
  });

  it('lets a view link watch but not change the board', async () => {
    const editor = await session.open('Dana', 'security');
    const viewer = await session.open('Eli', 'legal', 'view');
    await viewer.page.getByText('View only', { exact: true }).waitFor();
    expect(await viewer.page.getByRole('button', { name: '+ Note' }).count()).toBe(0);
    const before = await viewer.board();

    // A double-click on empty space adds nothing for a viewer.
    const { zones } = before;
    const spot = centreOf(zones, 'devices:data');
    const p = await viewer.toScreen(spot.x, spot.y);
    await viewer.page.mouse.dblclick(p.x, p.y);
    expect(await viewer.page.getByLabel('Note text').count()).toBe(0);

    // Even a change forced into the viewer's document never reaches the server or other people.
    await viewer.page.evaluate(() =>
      window.__board!.forceChange((doc) => {
        doc.getMap('meta').set('title', 'Changed by a viewer');
      }),
    );
    // Dana's later change reaches the viewer, so the server has handled the viewer's change by then.
    await editor.addNoteByDoubleClick(spot.x, spot.y, 'Data stays in the EU');
    await viewer.waitForBoard((b) => b.notes.some((n) => n.text === 'Data stays in the EU'), "Dana's note");
    expect((await editor.board()).meta.title).toBe('Vineyard sensors');

    const fresh = await session.open('Fay', 'business');
    expect((await fresh.board()).meta.title).toBe('Vineyard sensors');
    expect((await fresh.board()).notes.map((n) => n.text)).toContain('Data stays in the EU');
  });
});
