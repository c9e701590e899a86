// A wrong password in a whole run with 4 workers: exactly one authn for that identity, ever — the other
// workers (and the workers Playwright restarts after each failure) get the remembered failure, not a new
// attempt that would count towards locking the account — while the other roles keep working.
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { count, runSuite, suiteEnv } from './suite-support.js';

let emulator: EmulatorHandle;
test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
test.afterAll(async () => {
  await emulator.close();
});

test('bad password: one authn in the whole run, every test of that role fails with the cause, the others pass', async () => {
  test.setTimeout(120_000);
  const env = await suiteEnv(emulator, {
    OKTA_ROLES: 'admin,user,bad',
    OKTA_BAD_USERNAME: 'unassigned@example.com',
    OKTA_BAD_PASSWORD: 'not-the-password',
  });
  const run = await runSuite({
    'roles.spec.ts': `
      import { test, expect } from 'FIXTURES';
      for (const role of ['admin', 'user', 'bad']) {
        test.describe(role, () => {
          test.use({ oktaRole: role });
          // More tests of the bad role than workers, so several workers (and their restarts) meet it.
          for (const n of role === 'bad' ? [1, 2, 3, 4, 5, 6] : [1, 2, 3]) {
            test(\`\${role} \${n}\`, async ({ oktaRequest, oktaTokens }) => {
              const response = await oktaRequest.get('v1/userinfo');
              expect((await response.json()).sub).toBe(oktaTokens.userId);
            });
          }
        });
      }
    `,
  }, { workers: 4, baseURL: `${emulator.issuer}/`, env });
  expect(run.stats).toEqual({ expected: 6, unexpected: 6, skipped: 0, flaky: 0 });
  expect(count(run.output, /✘ .*roles\.spec\.ts.* › bad › bad \d/)).toBe(6);
  expect(run.output).not.toMatch(/✘ .* › (admin|user) › /);
  // One real refusal; every other test of the role was answered from the failure marker.
  const attempts = emulator.audit().authn.filter((a) => a.login === 'unassigned@example.com');
  expect(attempts).toHaveLength(1);
  expect(run.output).toContain('Okta rejected the credentials of unassigned@example.com (401 E0000004 Authentication failed). Check OKTA_BAD_USERNAME and OKTA_BAD_PASSWORD');
  expect(count(run.output, /Remembered from a login at \S+; not retried for 10 minutes/)).toBeGreaterThanOrEqual(5);
  expect(run.output).not.toContain('not-the-password');
  expect(emulator.audit().authn.map((a) => a.login).sort()).toEqual(['alice@example.com', 'bob@example.com', 'unassigned@example.com']);
});
