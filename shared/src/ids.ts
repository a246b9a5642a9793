const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A random id for a note or link, made on the client. Uses Web Crypto, which both browsers and Node
 * provide as a global, so shared/ stays free of platform imports.
 */
export function randomId(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
