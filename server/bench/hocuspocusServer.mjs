// Hocuspocus 4 as it ships, in memory (no extensions, no persistence), as the second reference of
// `npm run bench`: plain JavaScript run by plain `node`, like the first reference, so that the pid
// measured is the server's alone. PORT and HOST come from the environment, as for the other servers.
import process from 'node:process';
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
});
await server.listen();
// Stop on the orchestrator's SIGTERM like the other servers.
process.once('SIGTERM', () => {
  void server.destroy().finally(() => process.exit(0));
});
