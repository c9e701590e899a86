// The server-session site (@okta/oidc-middleware, client demo-web) with real HTTP and a real Chromium that
// signs in on the emulator's hosted sign-in page.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_SESSION_COOKIE } from '../../demo-app/server.js';
import { DEMO_PASSWORD } from './get-token.js';
import { startDemoStack, WEB_CLIENT_ID, type DemoStack } from './stack.js';

let stack: DemoStack;

test.beforeAll(async () => {
  stack = await startDemoStack();
});
test.afterAll(async () => {
  await stack?.close();
});

function onHostedSignInPage(url: string): boolean {
  const parsed = new URL(url);
  return parsed.origin === stack.emulator.orgUrl && parsed.pathname === '/login/login.htm';
}

async function signInOnHostedPage(page: Page, username: string): Promise<void> {
  await page.waitForURL((url) => onHostedSignInPage(url.href));
  await page.locator('#okta-signin-username').fill(username);
  await page.locator('#okta-signin-password').fill(DEMO_PASSWORD);
  await page.locator('#okta-signin-submit').click();
}

test('signed out, /profile redirects to /login and on to the emulator, as demo-web', async ({ request }) => {
  const profile = await request.get(`${stack.appUrl}/profile`, { headers: { Accept: 'text/html' }, maxRedirects: 0 });
  expect(profile.status()).toBe(302);
  expect(profile.headers().location).toBe(`${stack.appUrl}/login`);

  const login = await request.get(`${stack.appUrl}/login`, { maxRedirects: 0 });
  expect(login.status()).toBe(302);
  const authorize = new URL(login.headers().location ?? '');
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${stack.emulator.issuer}/v1/authorize`);
  expect(authorize.searchParams.get('client_id')).toBe(WEB_CLIENT_ID);
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${stack.appUrl}/authorization-code/callback`);
  expect(authorize.searchParams.get('response_type')).toBe('code');
  expect(authorize.searchParams.get('scope')).toBe('openid profile email');
  expect(authorize.searchParams.get('state')).toBeTruthy();
});

test('signed out, a client that wants JSON gets 401 from /profile instead of a redirect', async ({ request }) => {
  const response = await request.get(`${stack.appUrl}/profile`, { headers: { Accept: 'application/json' }, maxRedirects: 0 });
  expect(response.status()).toBe(401);
});

test('a browser signs in on the hosted page and lands on /profile showing the name', async ({ page, context }) => {
  await page.goto(`${stack.appUrl}/profile`);
  await signInOnHostedPage(page, 'alice@example.com');

  await expect(page).toHaveURL(`${stack.appUrl}/profile`);
  await expect(page.getByTestId('profile-name')).toHaveText('Alice Admin');
  await expect(page.getByTestId('profile-email')).toHaveText('alice@example.com');

  const cookies = await context.cookies(stack.appUrl);
  const session = cookies.find((cookie) => cookie.name === DEMO_SESSION_COOKIE);
  expect(session, `the app's session cookie is ${DEMO_SESSION_COOKIE}`).toBeDefined();
  expect(session).toMatchObject({ domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' });
});

test('signing out ends the app session (and the Okta session): the old cookie no longer opens /profile', async ({ page, context, playwright }) => {
  await page.goto(`${stack.appUrl}/profile`);
  await signInOnHostedPage(page, 'bob@example.com');
  await expect(page).toHaveURL(`${stack.appUrl}/profile`);
  await expect(page.getByTestId('profile-email')).toHaveText('bob@example.com');
  const oldCookie = (await context.cookies(stack.appUrl)).find((cookie) => cookie.name === DEMO_SESSION_COOKIE);
  expect(oldCookie).toBeDefined();
  const revokesBefore = stack.emulator.stats()['POST /oauth2/default/v1/revoke'] ?? 0;

  await page.getByTestId('sign-out').click();
  // oidc-middleware revokes, then sends the browser through Okta's logout back to the app's home page.
  await expect(page).toHaveURL(`${stack.appUrl}/`);
  await expect(page.getByTestId('home-status')).toHaveText('Not signed in');
  expect(stack.emulator.stats()['GET /oauth2/default/v1/logout']).toBeGreaterThanOrEqual(1);
  expect(stack.emulator.stats()['POST /oauth2/default/v1/revoke'] ?? 0).toBeGreaterThan(revokesBefore);

  // Replaying the old session cookie from outside the browser: the server forgot that session.
  const replay = await playwright.request.newContext({ extraHTTPHeaders: { Cookie: `${DEMO_SESSION_COOKIE}=${oldCookie!.value}` } });
  try {
    const profile = await replay.get(`${stack.appUrl}/profile`, { headers: { Accept: 'text/html' }, maxRedirects: 0 });
    expect(profile.status()).toBe(302);
    expect(profile.headers().location).toBe(`${stack.appUrl}/login`);
  } finally {
    await replay.dispose();
  }

  // In the browser, /profile now asks for a password again: no app session, no Okta session.
  await page.goto(`${stack.appUrl}/profile`);
  await page.waitForURL((url) => onHostedSignInPage(url.href));
});

test('GET /logout does not sign out; it shows the form that posts', async ({ request }) => {
  const response = await request.get(`${stack.appUrl}/logout`, { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('<form method="post" action="/logout">');
});
