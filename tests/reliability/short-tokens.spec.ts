// Access tokens that live 4 seconds and a suite of API calls against the demo app (Okta's jwt-verifier)
// running three times as long in 4 workers: no 401, one login per identity, the rest refreshes.
import { test, expect } from '@playwright/test';
import { startDemoStack, type DemoStack } from '../demo-app/stack.js';
import { count, runSuite, suiteEnv } from './suite-support.js';

let stack: DemoStack;
test.beforeAll(async () => {
  stack = await startDemoStack({ lifetimes: { accessTokenSeconds: 4 } });
});
test.afterAll(async () => {
  await stack?.close();
});

test('4-second tokens, 4 workers, a suite of API calls three times as long: no 401 from the app', async () => {
  test.setTimeout(120_000);
  const env = await suiteEnv(stack.emulator, {
    OKTA_ROLES: 'admin,user',
    OKTA_REDIRECT_URI: stack.spaRedirectUri,
    OKTA_SCOPES: 'openid profile email offline_access',
  });
  const started = Date.now();
  const run = await runSuite({
    'api.spec.ts': `
      import { test, expect } from 'FIXTURES';
      for (const role of ['admin', 'user']) {
        test.describe(role, () => {
          test.use({ oktaRole: role });
          for (let n = 1; n <= 16; n++) {
            test(\`\${role} call series \${n}\`, async ({ oktaRequest }) => {
              for (let call = 0; call < 4; call++) {
                const response = await oktaRequest.get(role === 'admin' ? '/api/admin/report' : '/api/me');
                expect(response.status(), await response.text()).toBe(200);
                if (call < 3) await new Promise((resolve) => setTimeout(resolve, 150));
              }
              // The rest of the test's 1.6 s needs no token. A test may start with a token that has only
              // half its 4 s left (one another worker just refreshed), so its calls are kept within the
              // first 0.5 s: on a loaded machine 4 calls can take a second, and that must fit in the 2 s.
              await new Promise((resolve) => setTimeout(resolve, 1150));
            });
          }
        });
      }
    `,
  }, { workers: 4, baseURL: stack.appUrl, env });
  const seconds = (Date.now() - started) / 1000;
  // The child's own report, when a test of it failed (it prints the app's answer, never a token).
  expect(run.stats, run.output).toEqual({ expected: 32, unexpected: 0, skipped: 0, flaky: 0 });
  expect(run.code).toBe(0);
  expect(count(run.output, /\b401\b/)).toBe(0);
  // By construction: 8 tests of at least 1.6 s (3 × 150 ms + 1150 ms) per worker, three times the tokens' lifetime and more.
  expect(seconds).toBeGreaterThan(12);
  const stats = stack.emulator.stats();
  expect(stats['POST /api/v1/authn']).toBe(2);
  const refreshes = stats['POST /oauth2/default/v1/token']! - 2;
  expect(refreshes).toBeGreaterThanOrEqual(Math.floor(12 / 4));
  console.log(`short tokens: 32 tests × 4 calls in ${seconds.toFixed(1)} s with 4 s tokens: 2 logins, ${refreshes} refreshes, 0 401s`);
});
