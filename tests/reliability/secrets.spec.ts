// What a run leaves behind. A full child run with our global setup and teardown, the HTML report and
// `trace: 'on'`, passing and failing tests of every kind (API, SPA in Chromium, MFA, a service identity, a
// wrong password, a failed request whose call log quotes the Authorization header): then every byte of
// stdout, stderr, test-results/ and playwright-report/ — inside trace archives too — is searched for the
// seeded secrets and for every sessionToken, code, verifier and token the emulator issued during the run.
// Zero secrets allowed; zero bearer tokens with our fixtures' redaction (the count is reported either way).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startDemoStack, type DemoStack } from '../demo-app/stack.js';
import { repoRoot, runPlaywright, writeProject } from '../support/child-run.js';
import { findChromium } from '../../fixtures/find-browser.js';
import { filesUnder, modeOf, PASSWORD, SERVICE_SECRET, scannableText, TOTP_SECRET, WEB_SECRET } from './support.js';
import { scratchDir } from '../support/scratch.js';

const BAD_PASSWORD = 'Wr0ng-but-secret!';

let stack: DemoStack;
test.beforeAll(async () => {
  stack = await startDemoStack();
});
test.afterAll(async () => {
  await stack?.close();
});

function childConfig(appUrl: string): string {
  const browser = findChromium();
  const launchOptions = browser.executablePath ? { executablePath: browser.executablePath } : {};
  return `export default {
    testDir: '.',
    workers: 2,
    reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
    outputDir: 'test-results',
    globalSetup: ${JSON.stringify(path.join(repoRoot, 'global-setup.ts'))},
    globalTeardown: ${JSON.stringify(path.join(repoRoot, 'global-teardown.ts'))},
    use: { baseURL: ${JSON.stringify(appUrl)}, trace: 'on', launchOptions: ${JSON.stringify(launchOptions)} },
    projects: [
      { name: 'api', testMatch: /api\\.spec\\.ts/, use: { oktaRole: 'user' } },
      { name: 'spa', testMatch: /spa\\.spec\\.ts/, use: { oktaRole: 'admin', oktaStorage: 'spa', baseURL: ${JSON.stringify(appUrl)} } },
      { name: 'mfa', testMatch: /mfa\\.spec\\.ts/, use: { oktaRole: 'ops' } },
      { name: 'svc', testMatch: /svc\\.spec\\.ts/, use: { oktaRole: 'svc' } },
      { name: 'bad', testMatch: /bad\\.spec\\.ts/, use: { oktaRole: 'bad' } },
    ],
  };\n`;
}

const SPECS: Record<string, string> = {
  'api.spec.ts': `
    import { test, expect } from 'FIXTURES';
    test('user reads /api/me', async ({ oktaRequest }) => {
      expect((await oktaRequest.get('/api/me')).status()).toBe(200);
    });
    test('FAILS: user asks for the admin report', async ({ oktaRequest }) => {
      const response = await oktaRequest.get('/api/admin/report');
      expect(response.status()).toBe(200);
    });
    test('FAILS: a request to a closed port (the call log quotes the headers)', async ({ oktaRequest }) => {
      await oktaRequest.get('http://127.0.0.1:9/api/me', { timeout: 2000 });
    });
    test('FAILS: toBeOK on a refused admin call', async ({ oktaAs }) => {
      const user = await oktaAs('user');
      await expect(await user.request.get('/api/admin/report')).toBeOK();
    });
    test('admin reads the report through oktaAs', async ({ oktaAs }) => {
      const admin = await oktaAs('admin');
      expect((await admin.request.get('/api/admin/report')).status()).toBe(200);
    });
  `,
  'spa.spec.ts': `
    import { test, expect } from 'FIXTURES';
    test('the SPA opens signed in and calls the API', async ({ page }) => {
      await page.goto('/spa');
      await expect(page.getByTestId('spa-user-name')).toHaveText('Alice Admin');
      await expect(page.getByTestId('spa-api-me')).toContainText('alice@example.com');
    });
    test('FAILS: the SPA shows someone else', async ({ page }) => {
      await page.goto('/spa');
      await expect(page.getByTestId('spa-user-name')).toHaveText('Somebody Else', { timeout: 1500 });
    });
  `,
  'mfa.spec.ts': `
    import { test, expect } from 'FIXTURES';
    test('an MFA user reads /api/me', async ({ oktaRequest }) => {
      expect((await oktaRequest.get('/api/me')).status()).toBe(200);
    });
  `,
  'svc.spec.ts': `
    import { test, expect } from 'FIXTURES';
    test('a service token has its scopes', async ({ oktaTokens }) => {
      expect(oktaTokens.scopes).toContain('demo.read');
    });
  `,
  'bad.spec.ts': `
    import { test } from 'FIXTURES';
    test('FAILS: a wrong password', async ({ oktaRequest }) => {
      await oktaRequest.get('/api/me');
    });
  `,
};

test('a full run with the HTML report and traces on leaves no secret and no bearer token behind', async () => {
  test.setTimeout(180_000);
  const cacheDir = await scratchDir('okta-secrets-cache-');
  const dir = await writeProject({ 'playwright.config.ts': childConfig(stack.appUrl), ...SPECS });
  const env = {
    OKTA_ISSUER: stack.emulator.issuer,
    OKTA_CLIENT_ID: 'demo-spa',
    OKTA_REDIRECT_URI: stack.spaRedirectUri,
    OKTA_SCOPES: 'openid profile email offline_access',
    OKTA_ROLES: 'admin,user,ops,svc,bad',
    OKTA_ADMIN_USERNAME: 'alice@example.com',
    OKTA_ADMIN_PASSWORD: PASSWORD,
    OKTA_USER_USERNAME: 'bob@example.com',
    OKTA_USER_PASSWORD: PASSWORD,
    OKTA_OPS_USERNAME: 'mfa@example.com',
    OKTA_OPS_PASSWORD: PASSWORD,
    OKTA_OPS_TOTP_SECRET: TOTP_SECRET,
    OKTA_SVC_GRANT: 'client_credentials',
    OKTA_SVC_CLIENT_ID: 'demo-service',
    OKTA_SVC_CLIENT_SECRET: SERVICE_SECRET,
    OKTA_SVC_SCOPES: 'demo.read',
    OKTA_BAD_USERNAME: 'unassigned@example.com',
    OKTA_BAD_PASSWORD: BAD_PASSWORD,
    OKTA_CACHE_DIR: cacheDir,
    APP_BASE_URL: stack.appUrl,
  };
  // The reporters named here, not the JSON reporter alone (which would replace the config's HTML report).
  const run = await runPlaywright(['--reporter=list,json,html'], { cwd: dir, env: { ...env, PLAYWRIGHT_HTML_OPEN: 'never' }, json: true });
  // The run did what it should: passes and the expected failures, with their real causes.
  expect(run.stats).toEqual({ expected: 5, unexpected: 5, skipped: 0, flaky: 0 });
  expect(run.output).toContain('Okta rejected the credentials of unassigned@example.com');
  expect(run.output).toMatch(/ECONNREFUSED|connect/);

  const audit = stack.emulator.audit();
  const secrets: Record<string, string[]> = {
    password: [PASSWORD, BAD_PASSWORD],
    'TOTP secret': [TOTP_SECRET],
    'client secret': [WEB_SECRET, SERVICE_SECRET],
    sessionToken: audit.issued.sessionTokens,
    stateToken: audit.issued.stateTokens,
    code: audit.issued.codes,
    verifier: audit.issued.codeVerifiers,
  };
  const tokens: Record<string, string[]> = {
    'access token': audit.issued.accessTokens,
    'ID token': audit.issued.idTokens,
    'refresh token': audit.issued.refreshTokens,
  };
  // The scan would find them: the run did issue each kind.
  for (const kind of ['sessionToken', 'code', 'verifier']) expect(secrets[kind]!.length, kind).toBeGreaterThanOrEqual(3);
  for (const kind of Object.keys(tokens)) expect(tokens[kind]!.length, kind).toBeGreaterThanOrEqual(3);

  const places: Array<{ where: string; text: string }> = [{ where: 'stdout+stderr', text: run.output }];
  const artifacts = [...(await filesUnder(path.join(dir, 'test-results'))), ...(await filesUnder(path.join(dir, 'playwright-report')))];
  const traces = artifacts.filter((f) => f.endsWith('.zip'));
  expect(traces.length, 'trace archives to scan').toBeGreaterThanOrEqual(10);
  expect(artifacts.some((f) => f.includes('playwright-report') && f.endsWith('.zip'))).toBe(true);
  for (const file of artifacts) places.push(...(await scannableText(file)));

  const found = (catalogue: Record<string, string[]>) => {
    const hits: string[] = [];
    for (const { where, text } of places) {
      for (const [kind, values] of Object.entries(catalogue)) {
        for (const value of values) {
          const at = value ? text.indexOf(value) : -1;
          // Where it was and what surrounded it (the value itself masked), so a failure says what leaked.
          if (at >= 0) hits.push(`${kind} in ${where.startsWith(dir) ? path.relative(dir, where) : where}: …${text.slice(Math.max(0, at - 80), at + value.length + 40).replace(value, '<VALUE>')}…`);
        }
      }
    }
    return hits;
  };
  const secretHits = found(secrets);
  const tokenHits = found(tokens);
  console.log(`secrets scan: ${places.length} texts (${traces.length} trace archives, ${artifacts.length} files) — ${secretHits.length} secrets, ${tokenHits.length} bearer/ID/refresh tokens`);
  expect(secretHits).toEqual([]);
  expect(tokenHits).toEqual([]);
  // The redaction is visible where the tokens would have been.
  expect(places.some(({ text }) => text.includes('Bearer [redacted]'))).toBe(true);

  // The cache directory: private, and where the tokens are.
  expect(await modeOf(cacheDir)).toBe('0700');
  const { readdir } = await import('node:fs/promises');
  for (const name of (await readdir(cacheDir)).filter((n) => n.endsWith('.json'))) {
    expect(await modeOf(path.join(cacheDir, name)), name).toBe('0600');
  }
});

test('.env and the cache directory are git-ignored (git check-ignore)', async () => {
  // check-ignore exits 0 for an ignored path, 1 for one that is not, 128 on an error (which fails here too).
  const ignored = (p: string): boolean => {
    const { status } = spawnSync('git', ['check-ignore', '--no-index', '-q', p], { cwd: repoRoot, stdio: 'ignore' });
    if (status !== 0 && status !== 1) throw new Error(`git check-ignore ${p} exited ${status}`);
    return status === 0;
  };
  for (const p of ['.env', 'playwright/.auth/', 'playwright/.auth/okta-admin-user-0123456789abcdef01234567.json', 'playwright/.auth/emulator-state.json', 'test-results/', 'playwright-report/']) {
    expect(ignored(p), p).toBe(true);
  }
  expect(ignored('.env.example')).toBe(false);
  expect(ignored('src/engine/index.ts')).toBe(false);
});

test('the redaction takes Bearer values and JWTs out of a call log and keeps the rest', async () => {
  const { redactTokens } = await import('../../src/playwright/redact.js');
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSJ9.c2lnbmF0dXJl';
  const text = `Call log:\n  - → GET http://x/api\n    - authorization: Bearer ${jwt}\n    - cookie: a=1\nid_token ${jwt.replace('c2ln', 'c2lo')}`;
  const redacted = redactTokens(text);
  expect(redacted).toBe('Call log:\n  - → GET http://x/api\n    - authorization: Bearer [redacted]\n    - cookie: a=1\nid_token [redacted JWT]');
});
