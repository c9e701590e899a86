// The SPA (@okta/okta-auth-js's own bundle, client demo-spa) in a real Chromium: signed out, the redirect
// flow through the emulator, and a page whose `okta-token-storage` was filled before it loaded, which is
// what the fixtures' SPA storageState does.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, jwtPayload, type TokenResult } from './get-token.js';
import { SPA_CLIENT_ID, spaTokens, startDemoStack, type DemoStack } from './stack.js';

const STORAGE_KEY = 'okta-token-storage';

let stack: DemoStack;

test.beforeAll(async () => {
  stack = await startDemoStack();
});
test.afterAll(async () => {
  await stack?.close();
});

/**
 * `okta-token-storage` exactly as okta-auth-js 8 writes it after a code exchange (handleOAuthResponse):
 * `expiresAt` is the client's clock at the token response plus the lifetime, `scopes` the granted scope,
 * the URLs derived from the issuer, the ID token's claims its decoded (unverified) payload. Since 8.0 the
 * access token carries no `claims` unless the app sets `decodeAccessTokens: true`. okta-auth-js reads
 * entries by shape, not by key, but writes them under these keys; `isAuthenticated()` needs both tokens.
 */
function buildOktaTokenStorage(
  tokens: TokenResult,
  issuer: string,
  clientId: string,
  { decodeAccessTokens = false } = {},
): Record<string, unknown> {
  const idClaims = jwtPayload(tokens.idToken);
  const storage: Record<string, unknown> = {
    idToken: {
      idToken: tokens.idToken,
      claims: idClaims,
      expiresAt: Number(idClaims.exp) - Number(idClaims.iat) + tokens.obtainedAt,
      scopes: tokens.scopes,
      authorizeUrl: `${issuer}/v1/authorize`,
      issuer,
      clientId,
    },
    accessToken: {
      accessToken: tokens.accessToken,
      expiresAt: tokens.obtainedAt + tokens.expiresIn,
      tokenType: tokens.tokenType,
      scopes: tokens.scopes,
      authorizeUrl: `${issuer}/v1/authorize`,
      userinfoUrl: `${issuer}/v1/userinfo`,
      ...(decodeAccessTokens ? { claims: jwtPayload(tokens.accessToken) } : {}),
    },
  };
  if (tokens.refreshToken) {
    storage.refreshToken = {
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.obtainedAt + tokens.expiresIn,
      scopes: tokens.scopes,
      tokenUrl: `${issuer}/v1/token`,
      authorizeUrl: `${issuer}/v1/authorize`,
      issuer,
    };
  }
  return storage;
}

/** Puts the storage into localStorage of the app's origin before any of the page's scripts run. */
async function prefill(context: BrowserContext, origin: string, storage: Record<string, unknown>): Promise<void> {
  await context.addInitScript(
    ({ origin, key, value }) => {
      if (window.location.origin === origin) window.localStorage.setItem(key, value);
    },
    { origin, key: STORAGE_KEY, value: JSON.stringify(storage) },
  );
}

/** Every request the page makes to the emulator, navigations included. */
function recordIdpRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(stack.emulator.orgUrl)) seen.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return seen;
}

/** The SPA's own sign-in: its button, the emulator's hosted page, the callback, back on /spa. */
async function signInThroughRedirect(page: Page, username: string): Promise<void> {
  await page.goto(`${stack.appUrl}/spa`);
  await page.getByTestId('spa-sign-in').click();
  await page.waitForURL((url) => url.origin === stack.emulator.orgUrl && url.pathname === '/login/login.htm');
  await page.locator('#okta-signin-username').fill(username);
  await page.locator('#okta-signin-password').fill(DEMO_PASSWORD);
  await page.locator('#okta-signin-submit').click();
  await expect(page).toHaveURL(`${stack.appUrl}/spa`);
  await expect(page.getByTestId('spa-status')).toHaveText('Signed in');
}

test('signed out, the SPA shows the sign-in button and calls nobody', async ({ page }) => {
  const idp = recordIdpRequests(page);
  await page.goto(`${stack.appUrl}/spa`);
  await expect(page.getByTestId('spa-sign-in')).toBeVisible();
  await expect(page.getByTestId('spa-status')).toHaveText('Not signed in');
  await expect(page.getByTestId('spa-user-name')).toBeHidden();
  expect(idp).toEqual([]);
});

test('the sign-in redirect flow ends on the SPA with the name, /api/me, and tokens where okta-auth-js keeps them', async ({ page }) => {
  await signInThroughRedirect(page, 'alice@example.com');
  await expect(page.getByTestId('spa-user-name')).toHaveText('Alice Admin');
  await expect(page.getByTestId('spa-api-me')).toHaveAttribute('data-status', '200');
  const me = JSON.parse((await page.getByTestId('spa-api-me').textContent()) ?? '{}') as Record<string, unknown>;
  expect(me).toMatchObject({ subject: 'alice@example.com', clientId: SPA_CLIENT_ID });
  expect(me.groups).toContain('Admins');

  // What okta-auth-js itself wrote must have the shape buildOktaTokenStorage produces: same entries,
  // same fields, same values (all but the clock-derived expiresAt, which must agree within seconds).
  const written = JSON.parse((await page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEY)) ?? '{}') as Record<
    string,
    Record<string, unknown>
  >;
  const accessToken = String(written.accessToken?.accessToken);
  const idToken = String(written.idToken?.idToken);
  const accessClaims = jwtPayload(accessToken);
  const built = buildOktaTokenStorage(
    {
      accessToken,
      idToken,
      tokenType: 'Bearer',
      expiresIn: Number(accessClaims.exp) - Number(accessClaims.iat),
      scopes: written.accessToken?.scopes as string[],
      userId: String(accessClaims.uid),
      obtainedAt: Number(accessClaims.iat),
    },
    stack.emulator.issuer,
    SPA_CLIENT_ID,
  ) as Record<string, Record<string, unknown>>;
  expect(Object.keys(written).sort()).toEqual(Object.keys(built).sort());
  for (const kind of Object.keys(built)) {
    const { expiresAt: writtenExpiry, ...writtenRest } = written[kind]!;
    const { expiresAt: builtExpiry, ...builtRest } = built[kind]!;
    expect(writtenRest, kind).toEqual(builtRest);
    expect(Math.abs(Number(writtenExpiry) - Number(builtExpiry)), `${kind}.expiresAt`).toBeLessThanOrEqual(5);
  }
  expect(written.accessToken?.scopes).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
});

test('the SPA signs out: okta-auth-js revokes, forgets its tokens and ends the Okta session', async ({ page }) => {
  // okta-auth-js revokes as a public client with `Authorization: Basic base64(clientId)` (no colon).
  const revokesBefore = stack.emulator.stats()['POST /oauth2/default/v1/revoke'] ?? 0;
  await signInThroughRedirect(page, 'bob@example.com');
  const stored = await page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEY);
  expect(stored).toContain('accessToken');

  await page.getByTestId('spa-sign-out').click();
  await expect(page).toHaveURL(`${stack.appUrl}/`);
  expect(stack.emulator.stats()['POST /oauth2/default/v1/revoke'] ?? 0).toBeGreaterThan(revokesBefore);
  expect((await page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEY)) ?? '').not.toContain('accessToken');
  await page.goto(`${stack.appUrl}/spa`);
  await page.getByTestId('spa-sign-in').click();
  // No Okta session any more: the hosted page asks for the password again.
  await page.waitForURL((url) => url.origin === stack.emulator.orgUrl && url.pathname === '/login/login.htm');
});

for (const decodeAccessTokens of [false, true]) {
  // `true` is okta-auth-js's pre-8 shape (access token with `claims`): an extra field 8.x reads past.
  const shape = decodeAccessTokens ? 'with access token claims' : 'exactly as okta-auth-js 8 writes it';
  test(`a pre-filled okta-token-storage (${shape}) signs the SPA in without going near the emulator`, async ({ page, context }) => {
    const tokens = await spaTokens(stack, 'bob@example.com');
    await prefill(context, stack.appUrl, buildOktaTokenStorage(tokens, stack.emulator.issuer, SPA_CLIENT_ID, { decodeAccessTokens }));
    const idp = recordIdpRequests(page);

    await page.goto(`${stack.appUrl}/spa`);
    await expect(page.getByTestId('spa-api-me')).toHaveAttribute('data-status', '200');
    const bobName = String(jwtPayload(tokens.idToken).name);
    expect(bobName).toMatch(/^Bob\b/);
    await expect(page.getByTestId('spa-user-name')).toHaveText(bobName);
    await expect(page.getByTestId('spa-user-email')).toHaveText('bob@example.com');
    const me = JSON.parse((await page.getByTestId('spa-api-me').textContent()) ?? '{}') as Record<string, unknown>;
    expect(me).toMatchObject({ subject: 'bob@example.com', userId: tokens.userId, clientId: SPA_CLIENT_ID });
    await expect(page.getByTestId('spa-sign-in')).toBeHidden();
    expect(page.url()).toBe(`${stack.appUrl}/spa`);
    expect(idp).toEqual([]);
  });
}

test('a pre-filled storage okta-auth-js does not accept (expired, or no ID token) shows the sign-in button', async ({ browser }) => {
  const tokens = await spaTokens(stack, 'bob@example.com');
  const good = buildOktaTokenStorage(tokens, stack.emulator.issuer, SPA_CLIENT_ID) as Record<string, Record<string, unknown>>;
  const variants: Record<string, Record<string, unknown>> = {
    'access token expired': { ...good, accessToken: { ...good.accessToken, expiresAt: Math.floor(Date.now() / 1000) - 60 } },
    'no ID token': { accessToken: good.accessToken },
  };
  for (const [name, storage] of Object.entries(variants)) {
    const context = await browser.newContext();
    try {
      await prefill(context, stack.appUrl, storage);
      const page = await context.newPage();
      const idp = recordIdpRequests(page);
      await page.goto(`${stack.appUrl}/spa`);
      await expect(page.getByTestId('spa-sign-in'), name).toBeVisible();
      await expect(page.getByTestId('spa-user-name'), name).toBeHidden();
      expect(idp, name).toEqual([]);
    } finally {
      await context.close();
    }
  }
});
