import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { clientSourceHash, SOURCE_STAMP } from './scripts/clientSources.ts';

const sharedEntry = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));
const relay = process.env.RELAY_URL ?? `http://localhost:${process.env.PORT ?? 1234}`;

/**
 * Writes the hash of the sources a build was made from into the build, for `npm start`'s staleness check
 * (scripts/ensureClientBuild.ts). Taken when the build starts, so an edit made during the build is seen as
 * a change next time rather than stamped as built.
 */
function sourceStamp(): Plugin {
  let hash = '';
  let outDir = '';
  return {
    name: 'source-stamp',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    buildStart() {
      hash = clientSourceHash(fileURLToPath(new URL('.', import.meta.url)));
    },
    closeBundle() {
      fs.writeFileSync(path.join(outDir, SOURCE_STAMP), `${hash}\n`);
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [react(), sourceStamp()],
  resolve: { alias: { '@shared': sharedEntry } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // Which source went into which chunk: the service worker caches every chunk from it (the ones loaded on
    // demand too, for offline use), and the browser tests check that the board's entry stays lean.
    manifest: 'build-manifest.json',
  },
  server: {
    // `npm run dev`: the Vite dev server in front, the relay behind it.
    proxy: {
      '/api': relay,
      '/healthz': relay,
      '/sync': { target: relay.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    root: '.',
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'client/**/*.test.{ts,tsx}',
      'e2e/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
  },
});
