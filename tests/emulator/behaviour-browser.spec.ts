// The hosted sign-in page driven by a real Chromium: authorize → /login/login.htm → form → back to the
// pending authorize → the app's callback with a code. No app is needed: the callback request is captured as
// it leaves the browser. (page.route cannot answer it: Playwright routes only the first request of a
// navigation, never the target of a 302; it does answer form_post's POST, which is a new navigation.)
import { test, expect, type Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { emulatorPerFile } from './emulator-bed.js';
import { authorizeUrl, get, pkce, postForm, PASSWORD, SPA, totpNow } from './behaviour.helpers.js';

let emu: EmulatorHandle;
emulatorPerFile((started) => (emu = started));

interface Callback {
  url: string;
  method: string;
  postData: string | null;
}

/** The next request the browser sends to the redirect URI (whether or not an app answers it). */
function nextCallback(page: Page): Promise<URL> {
  return page.waitForRequest((request) => request.url().startsWith(SPA.redirectUri)).then((request) => new URL(request.url()));
}

/** Answers the requests to localhost:3000 that Playwright can route (new navigations) and records them. */
async function fakeApp(page: Page): Promise<Callback[]> {
  const calls: Callback[] = [];
  await page.route('http://localhost:3000/**', async (route) => {
    const request = route.request();
    calls.push({ url: request.url(), method: request.method(), postData: request.postData() });
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>app callback</h1>' });
  });
  return calls;
}

function spaAuthorize(challenge: string, extra: Record<string, string> = {}): string {
  return authorizeUrl(emu.issuer, {
    client_id: SPA.clientId,
    redirect_uri: SPA.redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state: 'browser-state',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
}

async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.locator('#okta-signin-username').fill(username);
  await page.locator('#okta-signin-password').fill(password);
  await page.locator('#okta-signin-submit').click();
}

test('PKCE code flow through the hosted sign-in page ends at the callback with a code that exchanges', async ({ page }) => {
  const calls = await fakeApp(page);
  const { verifier, challenge } = pkce();
  await page.goto(spaAuthorize(challenge));
  await expect(page).toHaveURL(new RegExp(`^${emu.orgUrl}/login/login\\.htm\\?fromURI=`));
  await expect(page.locator('#okta-signin-username')).toBeVisible();
  const arrived = nextCallback(page);
  await signIn(page, 'alice@example.com');
  const callback = await arrived;
  expect(`${callback.origin}${callback.pathname}`).toBe(SPA.redirectUri);
  expect(callback.searchParams.get('state')).toBe('browser-state');
  const code = callback.searchParams.get('code')!;
  expect(code).toMatch(/^[\w-]{20,}$/);
  expect(calls.filter((call) => call.method === 'POST')).toEqual([]);

  const res = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'authorization_code', code, redirect_uri: SPA.redirectUri, code_verifier: verifier, client_id: SPA.clientId });
  expect(res.status).toBe(200);
  const tokens = await res.json();
  const payload = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url').toString());
  expect(payload.sub).toBe('alice@example.com');

  // The sid cookie the page set is a session: a silent authorize now answers with a code at once.
  const sid = (await page.context().cookies(emu.orgUrl)).find((cookie) => cookie.name === 'sid');
  expect(sid?.httpOnly).toBe(true);
  const silent = nextCallback(page);
  await page.goto(spaAuthorize(pkce().challenge, { prompt: 'none', state: 'silent' })).catch(() => undefined);
  const silentCallback = await silent;
  expect(silentCallback.searchParams.get('state')).toBe('silent');
  expect(silentCallback.searchParams.get('code')).toBeTruthy();
});

test('a wrong password shows "Unable to sign in" on the same form', async ({ page }) => {
  const calls = await fakeApp(page);
  await page.goto(spaAuthorize(pkce().challenge));
  await signIn(page, 'alice@example.com', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Unable to sign in');
  await expect(page.locator('#okta-signin-password')).toBeVisible();
  await expect(page.locator('#okta-signin-username')).toHaveValue('alice@example.com');
  expect(calls.filter((call) => call.url.startsWith(SPA.redirectUri))).toEqual([]);
  // Locked users see the same message.
  await signIn(page, 'locked@example.com');
  await expect(page.getByRole('alert')).toHaveText('Unable to sign in');
  // ...and a right password still works from there.
  const arrived = nextCallback(page);
  await signIn(page, 'bob@example.com');
  expect((await arrived).searchParams.get('code')).toBeTruthy();
});

test('an MFA user gets a TOTP step; a wrong code is shown, a right one signs in', async ({ page }) => {
  await fakeApp(page);
  await page.goto(spaAuthorize(pkce().challenge));
  await signIn(page, 'mfa@example.com');
  await expect(page.locator('#okta-totp-code')).toBeVisible();
  const wrong = totpNow() === '000000' ? '111111' : '000000';
  await page.locator('#okta-totp-code').fill(wrong);
  await page.locator('#okta-verify-submit').click();
  await expect(page.getByRole('alert')).toContainText("doesn't match");
  await page.locator('#okta-totp-code').fill(totpNow());
  const arrived = nextCallback(page);
  await page.locator('#okta-verify-submit').click();
  expect((await arrived).searchParams.get('code')).toBeTruthy();
});

test('form_post: the browser posts code and state to the redirect URI', async ({ page }) => {
  const calls = await fakeApp(page);
  await page.goto(spaAuthorize(pkce().challenge, { response_mode: 'form_post' }));
  await signIn(page, 'bob@example.com');
  const posts = () => calls.filter((call) => call.method === 'POST');
  await expect.poll(() => posts().length).toBe(1);
  expect(posts()[0]!.url).toBe(SPA.redirectUri);
  const posted = new URLSearchParams(posts()[0]!.postData ?? '');
  expect(posted.get('state')).toBe('browser-state');
  expect(posted.get('code')).toMatch(/^[\w-]{20,}$/);
});

test('Identity Engine renders the sign-in page in place and it works the same', async ({ page }) => {
  emu.setScenario({ engine: 'identity-engine' });
  await fakeApp(page);
  const url = spaAuthorize(pkce().challenge);
  await page.goto(url);
  expect(page.url()).toBe(url);
  const arrived = nextCallback(page);
  await signIn(page, 'alice@example.com');
  expect((await arrived).searchParams.get('code')).toBeTruthy();
});

test('fromURI never leaves the org: an outside URL signs in without redirecting', async () => {
  for (const fromURI of ['http://evil.example/steal', '//evil.example/steal', '/\\evil.example']) {
    const form = await postForm(`${emu.orgUrl}/login/login.htm`, { username: 'bob@example.com', password: PASSWORD, fromURI });
    expect(form.status, fromURI).toBe(200);
    expect(form.headers.get('location')).toBeNull();
    expect(await form.text()).toContain('signed in as Bob User');
  }
  const page = await get(`${emu.orgUrl}/login/login.htm?fromURI=${encodeURIComponent('https://evil.example/')}`);
  expect(await page.text()).not.toContain('evil.example');
  const same = await postForm(`${emu.orgUrl}/login/login.htm`, { username: 'bob@example.com', password: PASSWORD, fromURI: '/oauth2/default/v1/authorize?client_id=demo-spa' });
  expect(same.status).toBe(302);
  expect(same.headers.get('location')).toBe(`${emu.orgUrl}/oauth2/default/v1/authorize?client_id=demo-spa`);
});

test('okta_post_message: the authorize page in an iframe posts its answer to the app window', async ({ page }) => {
  // The app page must come from a real local server: Chromium's local-network checks block a fulfilled
  // (routed) page from framing 127.0.0.1. So this test seeds a client whose redirect URI is that server.
  const app = createServer((req, res) => {
    const frame = new URL(req.url ?? '/', 'http://x').searchParams.get('frame') ?? '';
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!DOCTYPE html><body><script>
      window.addEventListener('message', (event) => { window.answer = { origin: event.origin, data: event.data }; });
      const frame = document.createElement('iframe');
      frame.src = ${JSON.stringify(frame)};
      document.body.appendChild(frame);
    </script></body>`);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  const iframeEmu = await startEmulator({ port: 0, seed: { clients: [{ clientId: 'iframe-spa', redirectUris: [`${appOrigin}/cb`] }] } });
  try {
    const silent = authorizeUrl(iframeEmu.issuer, {
      client_id: 'iframe-spa',
      redirect_uri: `${appOrigin}/cb`,
      response_type: 'code',
      scope: 'openid',
      state: 'iframe-state',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
      prompt: 'none',
      response_mode: 'okta_post_message',
    });
    await page.goto(`${appOrigin}/silent?frame=${encodeURIComponent(silent)}`);
    await expect.poll(() => page.evaluate(() => (window as unknown as { answer?: unknown }).answer)).toEqual({
      origin: iframeEmu.orgUrl,
      data: { error: 'login_required', error_description: 'The client specified not to prompt, but the user is not logged in.', state: 'iframe-state' },
    });
  } finally {
    await iframeEmu.close();
    app.closeAllConnections();
    await new Promise((resolve) => app.close(resolve));
  }
});
