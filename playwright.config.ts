// This repository's config, written as a user of the package writes theirs, plus the project's own tests.
import path from 'node:path';
import dotenv from 'dotenv';
import { defineConfig } from '@playwright/test';
import type { OktaOptions } from 'playwright-okta';
import { useOktaEmulator } from 'playwright-okta/emulator';
import { findChromium } from './fixtures/find-browser.js';

// Playwright sets FORCE_COLOR for its workers and web servers; a caller's NO_COLOR beside it makes every
// Node child print "The 'NO_COLOR' env is ignored" on stderr, which tests of quiet output would catch. The
// wish for no colour is kept as FORCE_COLOR=0 instead.
if (process.env.NO_COLOR !== undefined) {
  delete process.env.NO_COLOR;
  process.env.FORCE_COLOR = '0';
}

const here = import.meta.dirname;
dotenv.config({ path: path.join(here, '.env'), quiet: true });

const browser = findChromium();
const launchOptions = browser.executablePath ? { executablePath: browser.executablePath } : {};

// With OKTA_ISSUER set (environment or .env) the tests talk to that Okta; without it we choose the local
// emulator on purpose. It keeps its keys and sessions beside the token cache, so tokens cached by an
// earlier run stay valid, as they would with a real org; clearing the cache directory clears both.
const cacheDir = path.resolve(here, process.env.OKTA_CACHE_DIR || 'playwright/.auth');
const emulator = process.env.OKTA_ISSUER ? undefined : useOktaEmulator({ stateFile: path.join(cacheDir, 'emulator-state.json') });
// With no APP_BASE_URL the demo app stands in for the app under test.
const appPort = Number(process.env.APP_PORT || 3000);
const appBaseUrl = process.env.APP_BASE_URL || `http://localhost:${appPort}`;

export default defineConfig<OktaOptions>({
  forbidOnly: !!process.env.CI,
  // Four workers even on a 2-core machine (Playwright's default would be one): much of this suite waits on
  // child processes, servers, lock timeouts and TOTP steps rather than on the CPU (measured on 2 cores, one
  // run after another: 291 s with 3 workers, 265 s with 4, 291 s with 6). Every test starts its own
  // emulator and apps on ports it chooses.
  workers: 4,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  use: { baseURL: appBaseUrl, launchOptions },
  webServer: [
    ...(emulator ? [emulator.webServer] : []),
    ...(process.env.APP_BASE_URL
      ? []
      : [{
          command: 'npm run --silent demo-app',
          url: `${appBaseUrl}/spa`,
          reuseExistingServer: !process.env.CI,
          env: { APP_PORT: String(appPort) },
          name: 'demo app',
          gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5000 },
        }]),
  ],
  projects: [
    // What users copy: API tests and Chromium tests, each project choosing its role and storageState kind.
    { name: 'examples-api', testDir: 'tests/examples', testMatch: /.*\.api\.spec\.ts/, use: { oktaRole: 'user' } },
    {
      name: 'examples-spa',
      testDir: 'tests/examples',
      testMatch: /.*\.spa\.spec\.ts/,
      use: { oktaRole: 'admin', oktaStorage: 'spa' },
    },
    {
      name: 'examples-session',
      testDir: 'tests/examples',
      testMatch: /.*\.session\.spec\.ts/,
      use: { oktaRole: 'admin', oktaStorage: 'server-session' },
    },
    // The project's own tests; each starts the emulators and apps it needs on ports it chooses. Playwright
    // hands out files in this order, so the projects whose files are long chains or wait on the clock (TOTP
    // windows, timeouts) come first and the many short tests fill the end (a simulation from a run's JSON
    // report: 245 s against 261 s for the earlier order, on 4 workers).
    // Test users on demand: created through the emulator's Management API, logged in, removed.
    { name: 'provision', testDir: 'tests/provision' },
    // The package as `npm pack` makes it, installed in throwaway ESM and CommonJS projects.
    { name: 'package', testDir: 'tests/package' },
    // Faults survived, secrets kept, tampering refused.
    { name: 'reliability', testDir: 'tests/reliability' },
    { name: 'engine', testDir: 'tests/engine' },
    // Each test here is a child `playwright test` run (runner, workers, global setup), which a loaded machine
    // slows more than anything else: quiet runs take up to 16 s, loaded ones twice that.
    { name: 'fixtures', testDir: 'tests/fixtures', timeout: 60_000 },
    { name: 'emulator', testDir: 'tests/emulator' },
    { name: 'demo-app', testDir: 'tests/demo-app' },
  ],
});
