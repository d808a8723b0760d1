// The web app: built into web/dist, which the Guichet server serves at /.
// `npm run dev` runs Vite on :5173 with /api (and the live WebSocket) proxied to a Guichet
// server on :8080, for hot reload.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const api = process.env.GUICHET_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: api, ws: true, changeOrigin: false } },
  },
});
