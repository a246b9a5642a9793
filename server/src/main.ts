import { loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './startServer';

/** `tsx server/src/main.ts`: start the relay from the environment and stop it gracefully on a signal. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  // The last resort, never the fix: every message is checked where it arrives and handled inside the
  // connection that sent it, so an exception that gets this far is a bug. Log it and keep serving every
  // other board, rather than drop them all.
  process.on('uncaughtException', (err) => log.fatal({ err }, 'uncaught exception; still serving'));
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection; still serving'));
  const running = await startServer(config, { logger: log, processMetrics: true });
  log.info({ url: running.url, dataDir: config.dataDir, staticDir: config.staticDir }, 'server listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
