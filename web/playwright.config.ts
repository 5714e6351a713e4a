// End-to-end tests: Debian's Chromium against a real `dadly serve` on a fresh data dir,
// serving the built app from dist/ (DADLY_WEB_DIR). The binary is DADLY_BIN or
// ../build/dadly. With E2E_VITE=1 the app is served by `vite preview` instead, proxying the
// API to the same `dadly serve` (for a binary without DADLY_WEB_DIR support).
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Worker processes load this file again; the environment carries the first choices to them.
process.env.DADLY_E2E_PORT ??= String(await freePort());
process.env.DADLY_E2E_PREVIEW_PORT ??= String(await freePort());
process.env.DADLY_E2E_DATA ??= mkdtempSync(path.join(os.tmpdir(), 'dadly-e2e-'));

const apiPort = Number(process.env.DADLY_E2E_PORT);
const previewPort = Number(process.env.DADLY_E2E_PREVIEW_PORT);
const dataDir = process.env.DADLY_E2E_DATA;
const bin = path.resolve(here, process.env.DADLY_BIN ?? '../build/dadly');
const dist = path.join(here, 'dist');
const viaVite = process.env.E2E_VITE === '1';
const apiUrl = `http://127.0.0.1:${apiPort}`;

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...chromium,
    baseURL: viaVite ? `http://127.0.0.1:${previewPort}` : apiUrl,
    locale: 'ko-KR',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 860 } } },
    {
      name: 'mobile',
      use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
  ],
  webServer: [
    {
      command: `"${bin}" serve --data-dir "${dataDir}" --port ${apiPort} --host 127.0.0.1`,
      url: `${apiUrl}/healthz`,
      env: { DADLY_WEB_DIR: dist, DADLY_SQLITE_SYNC: 'normal' },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...(viaVite
      ? [
          {
            command: `npx vite preview --port ${previewPort} --strictPort`,
            url: `http://127.0.0.1:${previewPort}/`,
            env: { DADLY_API: apiUrl },
            reuseExistingServer: false,
            timeout: 30_000,
          },
        ]
      : []),
  ],
});
