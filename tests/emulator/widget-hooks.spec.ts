// The hosted sign-in page carries the Sign-In Widget's test hooks, so a UI sign-in test written against a
// real org (Okta's sample test kits: wait for `[data-se="o-form-input-username"] input`, fill it and the
// password, press the submit button) runs against the emulator unchanged. Real Chromium; the callback is
// captured as it leaves the browser (no app is needed).
import { test, expect, type Page } from '@playwright/test';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { emulatorPerFile } from './emulator-bed.js';
import { authorizeUrl, PASSWORD, pkce, SPA, totpNow } from './behaviour.helpers.js';

let emu: EmulatorHandle;
emulatorPerFile((started) => (emu = started));

// The widget's hooks, as the test kits spell them.
const USERNAME = '[data-se="o-form-input-username"] input';
const PASSWORD_INPUT = '[data-se="o-form-input-password"] input';
const SUBMIT = '#okta-signin-submit';
const ERROR_CONTAINER = '[data-se="o-form-error-container"]';

function nextCallback(page: Page): Promise<URL> {
  return page.waitForRequest((request) => request.url().startsWith(SPA.redirectUri)).then((request) => new URL(request.url()));
}

async function openSignIn(page: Page): Promise<void> {
  // The app's callback (localhost:3000) is not running: answer it in the browser.
  await page.route('http://localhost:3000/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>app</h1>' }));
  await page.goto(
    authorizeUrl(emu.issuer, {
      client_id: SPA.clientId,
      redirect_uri: SPA.redirectUri,
      response_type: 'code',
      scope: 'openid profile email',
      state: 'widget-state',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    }),
  );
}

test('the sample test kit signs in: data-se username and password wrappers, then the submit button', async ({ page }) => {
  await openSignIn(page);
  // What the kits wait for first.
  await page.locator(USERNAME).waitFor({ state: 'visible' });
  await expect(page.locator('form[data-se="o-form"]')).toBeVisible();
  await expect(page.locator(`${SUBMIT}[data-type="save"]`)).toBeVisible();
  // The wrappers hold the inputs the widget's ids and names name.
  await expect(page.locator(USERNAME)).toHaveAttribute('id', 'okta-signin-username');
  await expect(page.locator(USERNAME)).toHaveAttribute('name', 'username');
  await expect(page.locator(PASSWORD_INPUT)).toHaveAttribute('id', 'okta-signin-password');
  await expect(page.locator(PASSWORD_INPUT)).toHaveAttribute('type', 'password');
  // The widget always renders the (empty) error container.
  await expect(page.locator(ERROR_CONTAINER)).toBeEmpty();

  await page.locator(USERNAME).fill('bob@example.com');
  await page.locator(PASSWORD_INPUT).fill(PASSWORD);
  const arrived = nextCallback(page);
  await page.locator(SUBMIT).click();
  const callback = await arrived;
  expect(callback.searchParams.get('state')).toBe('widget-state');
  expect(callback.searchParams.get('code')).toBeTruthy();
});

test('a wrong password shows the widget error container with the alert, on the same form', async ({ page }) => {
  await openSignIn(page);
  await page.locator(USERNAME).fill('alice@example.com');
  await page.locator(PASSWORD_INPUT).fill('not-the-password');
  await page.locator('[data-type="save"]').click();
  const container = page.locator(`${ERROR_CONTAINER}.o-form-error-container.o-form-has-errors`);
  await expect(container).toBeVisible();
  await expect(container.locator('.okta-form-infobox-error[role="alert"]')).toHaveText('Unable to sign in');
  await expect(page.locator(USERNAME)).toHaveValue('alice@example.com');
  await expect(page.locator(PASSWORD_INPUT)).toHaveValue('');
  // The kit's next attempt on the same page works.
  await page.locator(PASSWORD_INPUT).fill(PASSWORD);
  const arrived = nextCallback(page);
  await page.locator(SUBMIT).click();
  expect((await arrived).searchParams.get('code')).toBeTruthy();
});

test('the TOTP step has the widget answer hook; a wrong code shows the error container', async ({ page }) => {
  await openSignIn(page);
  await page.locator(USERNAME).fill('mfa@example.com');
  await page.locator(PASSWORD_INPUT).fill(PASSWORD);
  await page.locator(SUBMIT).click();
  const answer = page.locator('[data-se="o-form-input-answer"] input');
  await expect(answer).toBeVisible();
  const wrong = totpNow() === '000000' ? '111111' : '000000';
  await answer.fill(wrong);
  await page.locator('form[data-se="o-form"] [data-type="save"]').click();
  await expect(page.locator(`${ERROR_CONTAINER} [role="alert"]`)).toContainText("doesn't match");
  await answer.fill(totpNow());
  const arrived = nextCallback(page);
  await page.locator('#okta-verify-submit').click();
  expect((await arrived).searchParams.get('code')).toBeTruthy();
});
