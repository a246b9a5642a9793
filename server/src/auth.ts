import { createHmac, timingSafeEqual } from 'node:crypto';
import { isBoardId, ROLES, type Role } from '@shared';

/**
 * Board tokens are `<boardId>.<role>.<signature>` in a board's first token generation and
 * `<boardId>.<role>.<epoch>.<signature>` after `epoch` revocations, signature =
 * base64url(HMAC-SHA256(secret, the dotted fields before it)). They need no database lookup to check the
 * signature, the board id inside lets the server tell "wrong board" from "forged", and the generation
 * lets one stored number per board revoke every older token. Generation 0 keeps the original format,
 * so links made before revocation existed keep working until a board's first revocation.
 */

export interface TokenClaim {
  boardId: string;
  role: Role;
  /** The board's token generation the token was issued in. */
  epoch: number;
}

function signed(boardId: string, role: Role, epoch: number): string {
  return epoch === 0 ? `${boardId}.${role}` : `${boardId}.${role}.${epoch}`;
}

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A token granting `role` on `boardId`, valid while the board's token generation is `epoch`. */
export function issueToken(secret: string, boardId: string, role: Role, epoch = 0): string {
  const payload = signed(boardId, role, epoch);
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** The claim a token makes, or null when it is not a token this secret signed. Constant-time compare. */
export function readToken(secret: string, token: string): TokenClaim | null {
  const parts = token.split('.');
  if (parts.length !== 3 && parts.length !== 4) return null;
  const [boardId, role] = parts as [string, string];
  const signature = parts[parts.length - 1]!;
  if (!isBoardId(boardId) || !isRole(role)) return null;
  let epoch = 0;
  if (parts.length === 4) {
    // Canonical decimal only, so that one generation has exactly one spelling.
    if (!/^[1-9]\d{0,14}$/.test(parts[2]!)) return null;
    epoch = Number(parts[2]);
  }
  const expected = sign(secret, signed(boardId, role, epoch));
  const given = Buffer.from(signature, 'base64url');
  // timingSafeEqual throws on different lengths; the length of an HMAC is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // Buffer.from(..., 'base64url') ignores stray characters, so only the canonical spelling is accepted.
  if (given.toString('base64url') !== signature) return null;
  return { boardId, role, epoch };
}

/**
 * The role a token grants on `boardId` in token generation `epoch`, or null when it is invalid, signed
 * for another board, or revoked.
 */
export function verifyToken(secret: string, boardId: string, token: string, epoch = 0): Role | null {
  const claim = readToken(secret, token);
  return claim !== null && claim.boardId === boardId && claim.epoch === epoch ? claim.role : null;
}

/** Compares two secrets in constant time (for their common length; lengths are not secret). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
