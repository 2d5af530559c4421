import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The web UI: built into dist/apps/web, which the dashboards service serves at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@pulse/charts': `${workspaceRoot}libs/charts/src/index.ts` },
  },
  build: {
    outDir: `${workspaceRoot}dist/apps/web`,
    emptyOutDir: true,
    // Hashed file names under assets/: the server caches them for a year, index.html never.
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    // `nx serve web` during development: the API calls go to a running `npm start` (reports first: more specific).
    proxy: {
      '/v1/reports': process.env['PULSE_REPORTING_URL'] ?? 'http://127.0.0.1:3004',
      '/v1': process.env['PULSE_DASHBOARDS_URL'] ?? 'http://127.0.0.1:3005',
    },
  },
});
