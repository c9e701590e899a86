import 'dotenv/config';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import type { OktaOptions } from './fixtures/index.js';
import { findChromium } from './fixtures/find-browser.js';
import { EMBEDDED_DEFAULTS } from './fixtures/engine/embedded-defaults.js';

const browser = findChromium();
const launchOptions = browser.executablePath ? { executablePath: browser.executablePath } : {};

// With no OKTA_ISSUER the embedded emulator stands in for Okta; with no APP_BASE_URL the demo app stands
// in for the app under test. Either one given means a real one is already running elsewhere.
const embeddedIssuer = new URL(EMBEDDED_DEFAULTS.issuer);
// The embedded emulator keeps its keys and sessions beside the token cache, so that tokens cached by an
// earlier run stay valid, as they would with a real org; clearing the cache directory clears both.
const emulatorStateFile = path.join(process.env.OKTA_CACHE_DIR || 'playwright/.auth', 'emulator-state.json');
const appPort = Number(process.env.APP_PORT || 3000);
const appBaseUrl = process.env.APP_BASE_URL || `http://localhost:${appPort}`;

export default defineConfig<OktaOptions>({
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  use: { baseURL: appBaseUrl, launchOptions },
  webServer: [
    ...(process.env.OKTA_ISSUER
      ? []
      : [{
          command: `npm run --silent emulator -- --port ${embeddedIssuer.port} --state ${JSON.stringify(emulatorStateFile)}`,
          url: `${EMBEDDED_DEFAULTS.issuer}/.well-known/openid-configuration`,
          reuseExistingServer: !process.env.CI,
          name: 'okta emulator',
          gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5000 },
        }]),
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
    // The project's own tests; each starts the emulators and apps it needs on ports it chooses.
    { name: 'emulator', testDir: 'tests/emulator' },
    { name: 'engine', testDir: 'tests/engine' },
    { name: 'demo-app', testDir: 'tests/demo-app' },
    { name: 'fixtures', testDir: 'tests/fixtures' },
    // Faults survived, secrets kept, tampering refused (issue 5).
    { name: 'reliability', testDir: 'tests/reliability' },
  ],
});
