import pino from 'pino';

/**
 * Structured logs through pino: one JSON object per line on stderr, with levels. Call sites pass the
 * fields first and the message second (`log.warn({ board, err }, 'storage write failed')`); an `err`
 * field is serialised with its stack.
 *
 * No line ever carries a board token, at any level: every string that reaches a line (message, field,
 * error message, stack, cause) has tokens, `token=` query values and Authorization or
 * Sec-WebSocket-Protocol header values blanked, and raw bytes (an HTTP parser error's `rawPacket`) are
 * replaced by their length.
 */

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Logger = pino.Logger;

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

const REDACTED = '[redacted]';
const SECRETS: readonly [RegExp, string][] = [
  // A board token anywhere (a URL, a subprotocol `token.<token>`): <board>.<role>[.<generation>].<signature>
  [/[0-9a-f]{32}\.(?:edit|view)(?:\.\d+)?\.[A-Za-z0-9_-]+/g, REDACTED],
  // A token query parameter, whatever it holds.
  [/([?&;]token=)[^&#\s"'\\]*/gi, `$1${REDACTED}`],
  // Header values that carry credentials, as raw HTTP (`Name: value`) or as a JSON field (`"name":"value"`).
  [/((?:authorization|sec-websocket-protocol)\s*:\s*)[^\r\n"\\]*/gi, `$1${REDACTED}`],
  [/("(?:authorization|sec-websocket-protocol)"\s*:\s*")[^"]*/gi, `$1${REDACTED}`],
];

/** `text` with every token and credential-bearing header value blanked. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRETS) result = result.replace(pattern, replacement);
  return result;
}

const CREDENTIAL_FIELDS = new Set(['authorization', 'sec-websocket-protocol', 'token']);
const MAX_DEPTH = 8;

/** A copy of a logged value that is safe to write: see the module comment. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (value instanceof Error) return scrub(pino.stdSerializers.err(value), depth);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = CREDENTIAL_FIELDS.has(key.toLowerCase()) ? REDACTED : scrub(field, depth + 1);
  }
  return copy;
}

const redactingOptions: pino.LoggerOptions = {
  // formatters.log has already made errors plain (and safe); pino's own err serializer would re-type them.
  serializers: { err: (value: unknown) => scrub(value) },
  formatters: {
    log: (object) => scrub(object) as Record<string, unknown>,
    bindings: (bindings) => scrub(bindings) as pino.Bindings,
  },
  hooks: {
    logMethod(args, method) {
      // The message and its printf-style arguments; the merging object goes through formatters.log.
      const safe = args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg));
      method.apply(this, safe as Parameters<typeof method>);
    },
  },
};

/**
 * A logger at `level`, writing to stderr (or `destination`, for tests). Writes are synchronous so that
 * the last lines before an exit (a failed start, a shutdown) are never lost.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, timestamp: pino.stdTimeFunctions.isoTime, ...redactingOptions },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** For tests and tools: discards everything without formatting it. */
export const silentLogger: Logger = pino({ level: 'silent' });
