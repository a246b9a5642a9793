import { createHmac, timingSafeEqual } from 'node:crypto';
import { isBoardId, ROLES, type Role } from '@shared';

/**
 * Board tokens are `<boardId>.<role>.<signature>`, signature = base64url(HMAC-SHA256(secret, "<boardId>.<role>")).
 * They need no database lookup, and the board id inside lets the server tell "wrong board" from "forged".
 */

export interface TokenClaim {
  boardId: string;
  role: Role;
}

function sign(secret: string, boardId: string, role: Role): Buffer {
  return createHmac('sha256', secret).update(`${boardId}.${role}`).digest();
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function issueToken(secret: string, boardId: string, role: Role): string {
  return `${boardId}.${role}.${sign(secret, boardId, role).toString('base64url')}`;
}

/** The board and role a token was signed for, or null when it is not a token this secret signed. */
export function readToken(secret: string, token: string): TokenClaim | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [boardId, role, signature] = parts as [string, string, string];
  if (!isBoardId(boardId) || !isRole(role)) return null;
  const expected = sign(secret, boardId, role);
  const given = Buffer.from(signature, 'base64url');
  // timingSafeEqual throws on different lengths; the length of an HMAC is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // Buffer.from(..., 'base64url') ignores stray characters, so only the canonical spelling is accepted.
  if (given.toString('base64url') !== signature) return null;
  return { boardId, role };
}

/** The role a token grants on `boardId`, or null when it is invalid or signed for another board. */
export function verifyToken(secret: string, boardId: string, token: string): Role | null {
  const claim = readToken(secret, token);
  return claim !== null && claim.boardId === boardId ? claim.role : null;
}
