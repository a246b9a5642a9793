import pino from 'pino';

/**
 * Structured logs through pino: one JSON object per line on stderr, with levels. Call sites pass the
 * fields first and the message second (`log.warn({ board, err }, 'storage write failed')`); an `err`
 * field is serialised with its stack.
 */

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Logger = pino.Logger;

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * A logger at `level`, writing to stderr (or `destination`, for tests). Writes are synchronous so that
 * the last lines before an exit (a failed start, a shutdown) are never lost.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, timestamp: pino.stdTimeFunctions.isoTime },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** For tests and tools: discards everything without formatting it. */
export const silentLogger: Logger = pino({ level: 'silent' });
