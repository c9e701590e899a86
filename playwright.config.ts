import 'dotenv/config';
import { defineConfig } from '@playwright/test';
import { findChromium } from './fixtures/find-browser.js';

const browser = findChromium();
const launchOptions = browser.executablePath ? { executablePath: browser.executablePath } : {};

export default defineConfig({
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: { launchOptions },
  projects: [
    // The emulator's fidelity: Okta's recordings and Okta's own SDKs against it.
    { name: 'emulator', testDir: 'tests/emulator' },
    // The token engine and the okta-token CLI, over HTTP against emulators the tests start.
    { name: 'engine', testDir: 'tests/engine' },
    // The demo app (Okta's SDKs protecting it) against emulators the tests start.
    { name: 'demo-app', testDir: 'tests/demo-app' },
  ],
});
