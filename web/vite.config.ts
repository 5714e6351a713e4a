/// <reference types="vitest/config" />
// Vite builds the app into dist/, which `dadly serve` serves at `/` (DADLY_WEB_DIR in
// development, embedded in the binary in release). In `npm run dev` and `vite preview`, API
// calls are proxied to a `dadly serve` started separately (DADLY_API, default port 18090).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.DADLY_API ?? 'http://127.0.0.1:18090';
const proxy = {
  '/api': { target: api, changeOrigin: false },
  '/healthz': { target: api, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', proxy },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, assetsInlineLimit: 0 },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
