// The projects of measure 5 (per-run.ts): the same API tests (GET /api/me with a bearer token, the demo
// app verifies it with Okta's jwt-verifier) signed in the ways users pick, as files of a user's project.
//   plain         @playwright/test, the token handed in from the environment (the floor: no sign-in at all)
//   ours          playwright-okta as its Quick start says: global setup + teardown, `oktaRequest`
//   peer          @seontechnologies/playwright-utils auth-session, with an Okta provider written for it
//                 (authn → authorize with PKCE → token through Playwright's request, like ours, no browser)
//   setupProject  Playwright's docs/auth.md recipe: a setup project signs each role in through the IdP's
//                 page in Chromium and saves a storageState file; the tests read the token from it
//   uiPerWorker   docs/auth.md's "one account per parallel worker": a UI sign-in per worker and role
//   uiPerTest     a UI sign-in in every test
// Each role's user comes from OKTA_<ROLE>_USERNAME / _PASSWORD; the app's URL from APP_BASE_URL.
export const CONTENDERS = ['plain', 'ours', 'peer', 'setupProject', 'uiPerWorker', 'uiPerTest'] as const;
export type Contender = (typeof CONTENDERS)[number];
/** Contenders whose runs keep something on disk for the next run: they are measured cold and warm. */
export const CACHING: ReadonlySet<Contender> = new Set(['ours', 'peer']);

/** `tests` tests, test n running as role n modulo the roles; grouped by role (one `test.use` per group). */
function testsByRole(roles: string[], tests: number, body: (role: string) => string, groupUse = (_role: string) => ''): string {
  const groups = roles.map((role, r) => {
    const mine = Array.from({ length: tests }, (_, n) => n).filter((n) => n % roles.length === r);
    const cases = mine.map((n) => `  test('api ${String(n + 1).padStart(3, '0')}', async (${body(role)});`).join('\n');
    return `test.describe(${JSON.stringify(role)}, () => {\n${groupUse(role)}${cases}\n});`;
  });
  return groups.join('\n') + '\n';
}

const CALL = (header: string) => `) => {\n    expect((await request.get('/api/me', { headers: { Authorization: ${header} } })).status()).toBe(200);\n  }`;

function config(extra: string, projects: string): string {
  return `import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: '.',
  fullyParallel: true,
  retries: 0,
  ${extra}
  use: { baseURL: process.env.APP_BASE_URL, launchOptions: JSON.parse(process.env.BENCH_LAUNCH_OPTIONS ?? '{}') },
  projects: ${projects},
});
`;
}

const ONE_PROJECT = `[{ name: 'bench', testMatch: /.*\\.spec\\.ts/ }]`;

// The UI sign-in through the SPA (okta-auth-js keeps the tokens in localStorage), as docs/auth.md does it.
const UI_SIGN_IN = `import { expect, type Page } from '@playwright/test';

export async function signIn(page: Page, role: string): Promise<string> {
  const prefix = 'OKTA_' + role.toUpperCase();
  await page.goto('/spa');
  await page.getByTestId('spa-sign-in').click();
  await page.locator('#okta-signin-username').fill(process.env[prefix + '_USERNAME'] ?? '');
  await page.locator('#okta-signin-password').fill(process.env[prefix + '_PASSWORD'] ?? '');
  await page.locator('#okta-signin-submit').click();
  await expect(page.getByTestId('spa-user-name')).not.toBeEmpty();
  // waitForFunction, not evaluate: the SPA may still be leaving its callback URL.
  const token = await page.waitForFunction(() => JSON.parse(localStorage.getItem('okta-token-storage') ?? '{}').accessToken?.accessToken);
  return 'Bearer ' + (await token.jsonValue());
}
`;

// An auth-session provider for Okta, written the way the peer's docs show (a token file per environment
// and user, checked before a new sign-in), signing in with Okta's browserless flow.
const PEER_PROVIDER = `import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { getTokenFilePath, saveStorageState, type AuthProvider } from '@seontechnologies/playwright-utils/auth-session';

const b64 = (bytes: Buffer) => bytes.toString('base64url');
const env = (name: string) => process.env[name] ?? '';

async function signIn(request: APIRequestContext, role: string) {
  const issuer = env('OKTA_ISSUER');
  const authn = await request.post(new URL(issuer).origin + '/api/v1/authn', {
    data: { username: env('OKTA_' + role.toUpperCase() + '_USERNAME'), password: env('OKTA_' + role.toUpperCase() + '_PASSWORD') },
  });
  const { sessionToken } = await authn.json();
  if (!sessionToken) throw new Error('authn failed for ' + role + ': HTTP ' + authn.status());
  const verifier = b64(randomBytes(32));
  const state = b64(randomBytes(16));
  const authorize = await request.get(issuer + '/v1/authorize', {
    maxRedirects: 0,
    params: {
      client_id: env('OKTA_CLIENT_ID'), redirect_uri: env('OKTA_REDIRECT_URI'), response_type: 'code', scope: 'openid profile email',
      state, nonce: b64(randomBytes(16)), code_challenge: b64(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256', sessionToken,
    },
  });
  const back = new URL(authorize.headers()['location'] ?? '', issuer);
  const code = back.searchParams.get('code');
  if (!code || back.searchParams.get('state') !== state) throw new Error('authorize gave no code for ' + role);
  const token = await request.post(issuer + '/v1/token', {
    form: { grant_type: 'authorization_code', client_id: env('OKTA_CLIENT_ID'), redirect_uri: env('OKTA_REDIRECT_URI'), code, code_verifier: verifier },
  });
  const body = await token.json();
  if (!body.access_token) throw new Error('token: HTTP ' + token.status());
  return { accessToken: body.access_token as string, expiresAt: Date.now() + body.expires_in * 1000 };
}

const provider: AuthProvider = {
  getEnvironment: (options = {}) => options.environment ?? 'local',
  getUserIdentifier: (options = {}) => options.userIdentifier ?? 'default',
  extractToken: (data) => (typeof data.accessToken === 'string' ? data.accessToken : null),
  extractCookies: () => [],
  async manageAuthToken(request, options = {}) {
    const environment = this.getEnvironment(options);
    const userIdentifier = this.getUserIdentifier(options);
    const file = getTokenFilePath({ environment, userIdentifier, tokenFileName: 'storage-state.json' });
    if (existsSync(file)) {
      // The peer writes this file in place, not atomically: a worker may read it half written.
      const saved = (() => { try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return undefined; } })();
      if (saved && saved.expiresAt - Date.now() > 60_000) return saved;
    }
    const tokens = await signIn(request, userIdentifier);
    saveStorageState(file, tokens);
    return tokens;
  },
  clearToken() {},
};
export default provider;
`;

export function contenderFiles(contender: Contender, roles: string[], tests: number): Record<string, string> {
  switch (contender) {
    case 'plain':
      return {
        'playwright.config.ts': config('', ONE_PROJECT),
        'api.spec.ts': `import { test, expect } from '@playwright/test';\n\n` +
          testsByRole(roles, tests, (role) => `{ request }${CALL(`process.env.BENCH_${role.toUpperCase()}_AUTHORIZATION`)}`),
      };
    case 'ours':
      return {
        'playwright.config.ts': config(`globalSetup: './global-setup.ts',\n  globalTeardown: './global-teardown.ts',`, ONE_PROJECT),
        'global-setup.ts': `export { default } from 'playwright-okta/global-setup';\n`,
        'global-teardown.ts': `export { default } from 'playwright-okta/global-teardown';\n`,
        'api.spec.ts': `import { test, expect } from 'playwright-okta';\n\n` +
          testsByRole(roles, tests, () => `{ oktaRequest }) => {\n    expect((await oktaRequest.get('/api/me')).status()).toBe(200);\n  }`,
            (role) => `  test.use({ oktaRole: ${JSON.stringify(role)} });\n`),
      };
    case 'peer':
      return {
        'playwright.config.ts': config(`globalSetup: './global-setup.ts',`, ONE_PROJECT),
        'okta-provider.ts': PEER_PROVIDER,
        // The peer's README: storage init, the provider, then authGlobalInit to fetch every user's token once.
        'global-setup.ts': `import { authGlobalInit, authStorageInit, configureAuthSession, setAuthProvider } from '@seontechnologies/playwright-utils/auth-session';
import provider from './okta-provider.js';

export default async function globalSetup() {
  authStorageInit();
  configureAuthSession({ debug: false });
  setAuthProvider(provider);
  await authGlobalInit({ userIdentifiers: ${JSON.stringify(roles)} });
}
`,
        'auth-fixture.ts': `import { test as base } from '@playwright/test';
import { createAuthFixtures, setAuthProvider, type AuthFixtures } from '@seontechnologies/playwright-utils/auth-session';
import provider from './okta-provider.js';

setAuthProvider(provider);
export const test = base.extend<AuthFixtures>(createAuthFixtures() as never);
export { expect } from '@playwright/test';
`,
        'api.spec.ts': `import { test, expect } from './auth-fixture.js';\n\n` +
          testsByRole(roles, tests, () => `{ request, authToken }${CALL('`Bearer ${authToken}`')}`,
            (role) => `  test.use({ authOptions: { environment: 'local', userIdentifier: ${JSON.stringify(role)} } });\n`),
      };
    case 'setupProject':
      return {
        'playwright.config.ts': config('', `[
    { name: 'setup', testMatch: /.*\\.setup\\.ts/ },
    { name: 'bench', testMatch: /.*\\.spec\\.ts/, dependencies: ['setup'] },
  ]`),
        'sign-in.ts': UI_SIGN_IN,
        // docs/auth.md, "Multiple signed in roles": one setup test per role saves its storageState file.
        'auth.setup.ts': `import { test as setup } from '@playwright/test';
import { signIn } from './sign-in.js';

for (const role of ${JSON.stringify(roles)}) {
  setup('authenticate as ' + role, async ({ page }) => {
    await signIn(page, role);
    await page.context().storageState({ path: 'playwright/.auth/' + role + '.json' });
  });
}
`,
        'api.spec.ts': `import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';

// The API needs the bearer token, which the saved state holds in the SPA origin's localStorage.
function bearer(role: string): string {
  const state = JSON.parse(readFileSync('playwright/.auth/' + role + '.json', 'utf8'));
  const item = state.origins.flatMap((origin: { localStorage: Array<{ name: string; value: string }> }) => origin.localStorage)
    .find((entry: { name: string }) => entry.name === 'okta-token-storage');
  return 'Bearer ' + JSON.parse(item.value).accessToken.accessToken;
}

` + testsByRole(roles, tests, (role) => `{ request }${CALL(`bearer(${JSON.stringify(role)})`)}`),
      };
    case 'uiPerWorker':
      return {
        'playwright.config.ts': config('', ONE_PROJECT),
        'sign-in.ts': UI_SIGN_IN,
        'api.spec.ts': `import { test as base, expect } from '@playwright/test';
import { signIn } from './sign-in.js';

// docs/auth.md, "one account per parallel worker": each worker signs each role in once, in its own page.
const test = base.extend<{}, { bearerOf: (role: string) => Promise<string> }>({
  bearerOf: [async ({ browser }, use) => {
    const held = new Map<string, Promise<string>>();
    await use((role) => {
      if (!held.has(role)) {
        held.set(role, (async () => {
          const page = await browser.newPage({ baseURL: process.env.APP_BASE_URL });
          try { return await signIn(page, role); } finally { await page.close(); }
        })());
      }
      return held.get(role)!;
    });
  }, { scope: 'worker' }],
});

` + testsByRole(roles, tests, (role) => `{ request, bearerOf }${CALL(`await bearerOf(${JSON.stringify(role)})`)}`),
      };
    case 'uiPerTest':
      return {
        'playwright.config.ts': config('', ONE_PROJECT),
        'sign-in.ts': UI_SIGN_IN,
        'api.spec.ts': `import { test, expect } from '@playwright/test';
import { signIn } from './sign-in.js';

` + testsByRole(roles, tests, (role) => `{ request, page }${CALL(`await signIn(page, ${JSON.stringify(role)})`)}`),
      };
  }
}
