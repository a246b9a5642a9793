import { describe, expect, it } from 'vitest';
import { joinUrl, parseProjectorFragment, projectorBoardId, projectorHref } from './projectorLink';

const id = '0123456789abcdef0123456789abcdef';

describe('projector link', () => {
  it('puts the view token and the join token in the fragment, never in the path', () => {
    const href = projectorHref(id, { viewToken: 'v.1+/=', joinToken: 'e.2' });
    expect(href).toBe(`/b/${id}/projector#view=v.1%2B%2F%3D&join=e.2`);
    expect(projectorBoardId(href.split('#')[0]!)).toBe(id);
    expect(parseProjectorFragment(href.slice(href.indexOf('#')))).toEqual({
      viewToken: 'v.1+/=',
      joinToken: 'e.2',
    });
  });

  it('works without a join token (no QR code then)', () => {
    const href = projectorHref(id, { viewToken: 'v', joinToken: null });
    expect(href).toBe(`/b/${id}/projector#view=v`);
    expect(parseProjectorFragment('#view=v')).toEqual({ viewToken: 'v', joinToken: null });
  });

  it('refuses a fragment without a view token, even with an edit token', () => {
    expect(parseProjectorFragment('#edit=e')).toBeNull();
    expect(parseProjectorFragment('#join=e')).toBeNull();
    expect(parseProjectorFragment('')).toBeNull();
  });

  it('tells projector paths from other board paths', () => {
    expect(projectorBoardId(`/b/${id}`)).toBeNull();
    expect(projectorBoardId(`/b/${id}/report`)).toBeNull();
    expect(projectorBoardId('/projector')).toBeNull();
  });

  it('makes the join link the board page with the edit token', () => {
    expect(joinUrl('https://board.example', id, 'e/1')).toBe(`https://board.example/b/${id}#edit=e%2F1`);
  });
});
