import { isVoterKey } from '@shared';

const KEY = 'iot-board:voter-key';

/** Kept when localStorage refuses (a private window): ballots then last as long as the page. */
let fallback: string | null = null;

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/**
 * This device's voter key: a random secret (128 bits) made on first use and kept in localStorage. The
 * server binds a person's sealed ballot to it, not to their identity id, which everyone on the board can
 * read; it never leaves the device except in the ballot requests' header.
 */
export function voterKey(): string {
  try {
    const stored = localStorage.getItem(KEY);
    if (isVoterKey(stored)) return stored;
    const key = newKey();
    localStorage.setItem(KEY, key);
    return key;
  } catch {
    fallback ??= newKey();
    return fallback;
  }
}
