import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const sharedEntry = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));
const relay = process.env.RELAY_URL ?? `http://localhost:${process.env.PORT ?? 1234}`;

export default defineConfig({
  root: 'client',
  plugins: [react()],
  resolve: { alias: { '@shared': sharedEntry } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
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
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
