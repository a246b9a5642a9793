import { describe, expect, it } from 'vitest';
import { issueToken, readToken, verifyToken } from './auth';

const secret = 'a-secret-of-at-least-sixteen-chars';
const board = '0123456789abcdef0123456789abcdef';
const other = 'fedcba9876543210fedcba9876543210';

describe('board tokens', () => {
  it('grant the role they were issued for', () => {
    expect(verifyToken(secret, board, issueToken(secret, board, 'edit'))).toBe('edit');
    expect(verifyToken(secret, board, issueToken(secret, board, 'view'))).toBe('view');
    expect(readToken(secret, issueToken(secret, board, 'view'))).toEqual({
      boardId: board,
      role: 'view',
      epoch: 0,
    });
  });

  it('grant nothing on another board', () => {
    expect(verifyToken(secret, other, issueToken(secret, board, 'edit'))).toBeNull();
  });

  it('grant nothing when signed by another secret', () => {
    expect(verifyToken(secret, board, issueToken('another-secret-sixteen+', board, 'edit'))).toBeNull();
  });

  it('cannot be promoted from view to edit', () => {
    const [id, , signature] = issueToken(secret, board, 'view').split('.');
    expect(verifyToken(secret, board, `${id}.edit.${signature}`)).toBeNull();
  });

  it('are valid only in the token generation they were issued in', () => {
    const second = issueToken(secret, board, 'edit', 2);
    expect(readToken(secret, second)).toEqual({ boardId: board, role: 'edit', epoch: 2 });
    expect(verifyToken(secret, board, second, 2)).toBe('edit');
    expect(verifyToken(secret, board, second, 3)).toBeNull();
    expect(verifyToken(secret, board, issueToken(secret, board, 'edit'), 2)).toBeNull();
    // The generation is signed: rewriting it invalidates the token.
    const [id, role, , signature] = second.split('.');
    for (const epoch of ['3', '02', '0', '-2', '2.0']) {
      expect(verifyToken(secret, board, `${id}.${role}.${epoch}.${signature}`, Number(epoch))).toBeNull();
    }
  });

  it('reject tampered, truncated, padded and empty tokens', () => {
    const token = issueToken(secret, board, 'edit');
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      flipped,
      token.slice(0, -2),
      `${token}A`,
      `${token}=`,
      `${token}.extra`,
      `${other}${token.slice(board.length)}`,
      'edit',
      '',
      '..',
    ]) {
      expect(verifyToken(secret, board, bad), bad).toBeNull();
    }
  });
});
