// Vite configuration of the console front-end. `tsf console` builds it (console/server/web-build.ts) with
// `vite build console/web --outDir <cache>`; the server injects the CSRF token into index.html when serving it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // Assets are linked relative to the page, so the console works under any path prefix of a reverse proxy.
  base: './',
  build: { sourcemap: true, chunkSizeWarningLimit: 1024 },
});
