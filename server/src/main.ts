import { loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './startServer';

/** `tsx server/src/main.ts`: start the relay from the environment and stop it gracefully on a signal. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
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
