// The UI login, Playwright's documented recipe (docs/auth.md), in a Chromium that is already running: a
// new context, the app, the IdP's sign-in page, fill, submit, land signed in, save the storageState.
import { performance } from 'node:perf_hooks';
import { expect, type Browser } from '@playwright/test';
import type { StorageState } from '../src/playwright/index.js';

export type UiKind = 'spa' | 'server-session';

export interface UiTarget {
  appUrl: string;
  orgUrl: string;
  username: string;
  password: string;
  /** The name the app shows once signed in. */
  name: string;
}

/** Timed from the new context to the saved state; closing the context afterwards is not counted. */
export async function uiLogin(browser: Browser, target: UiTarget, kind: UiKind): Promise<{ state: StorageState; ms: number }> {
  const started = performance.now();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (kind === 'spa') {
      await page.goto(`${target.appUrl}/spa`);
      await page.getByTestId('spa-sign-in').click();
    } else {
      await page.goto(`${target.appUrl}/profile`);
    }
    await page.waitForURL((url) => url.origin === target.orgUrl && url.pathname === '/login/login.htm');
    await page.locator('#okta-signin-username').fill(target.username);
    await page.locator('#okta-signin-password').fill(target.password);
    await page.locator('#okta-signin-submit').click();
    const landed = kind === 'spa' ? page.getByTestId('spa-user-name') : page.getByTestId('profile-name');
    await expect(landed).toHaveText(target.name);
    const state = (await context.storageState()) as StorageState;
    return { state, ms: performance.now() - started };
  } finally {
    await context.close();
  }
}
