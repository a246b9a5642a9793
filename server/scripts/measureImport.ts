/**
 * What importing a large board costs the relay: the time `POST /api/boards/import` takes for 10,000
 * notes as JSON and as CSV, and the slowest `GET /healthz` answered meanwhile (how long the import
 * held up everything else). The relay runs in its own process.
 *
 *   npx tsx server/scripts/measureImport.ts [notes]
 */
import { addSampleNotes, API_BOARDS_IMPORT_PATH, boardCsv, boardJson, createBoard, readBoard } from '@shared';
import * as Y from 'yjs';
import { ServerProcess } from '../src/processTesting';

const NOTES = Number(process.argv[2] ?? 10_000);

async function measure(
  url: string,
  body: string,
  type: string,
): Promise<{ ms: number; slowestHealth: number }> {
  let slowestHealth = 0;
  let done = false;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${url}/healthz`);
      slowestHealth = Math.max(slowestHealth, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const started = performance.now();
  const res = await fetch(`${url}${API_BOARDS_IMPORT_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': type },
    body,
  });
  const ms = performance.now() - started;
  done = true;
  await probe;
  if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  return { ms, slowestHealth };
}

const doc = new Y.Doc();
createBoard(doc, { title: 'Large' }, 'script');
addSampleNotes(doc, NOTES, 'script');
const board = readBoard(doc);
const files = [
  ['JSON', boardJson(board), 'application/json'],
  ['CSV', boardCsv(board), 'text/csv'],
] as const;

const server = new ServerProcess({ env: { MAX_BOARDS_PER_MINUTE: '1000' } });
await server.start();
try {
  for (const [name, body, type] of files) {
    for (let run = 0; run < 3; run++) {
      const { ms, slowestHealth } = await measure(server.origin, body, type);
      console.log(
        `${name} (${(body.length / 1024 / 1024).toFixed(1)} MiB, ${NOTES} notes): import ${ms.toFixed(0)} ms, ` +
          `slowest /healthz meanwhile ${slowestHealth.toFixed(0)} ms`,
      );
    }
  }
} finally {
  await server.dispose();
}
