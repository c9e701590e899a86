// Okta's per-user rate limit, suite-level: 4 workers × 3 roles starting cold while every user's window is
// already spent (another job just logged them in). No test fails; each user's authn attempts stay at one
// per reset window (the engine waits for X-Rate-Limit-Reset instead of hammering); the output says what
// happened. A reset beyond the 30 s wait budget fails the tests of that role with ERR_RATE_LIMITED naming
// the reset time, at once.
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { count, PASSWORD, runSuite, suiteEnv } from './suite-support.js';

// The windows are spent in the child's global setup, the last thing before its workers start; they start
// within a few seconds even on a loaded machine, so the run meets every spent window however slowly the
// child itself started. 14 s: several times the workers' start-up, well inside the engine's 30 s wait budget.
const WINDOW_SECONDS = 14;
const USERS = ['alice@example.com', 'bob@example.com', 'mfa@example.com'];

let emulator: EmulatorHandle;
test.beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
});
test.afterEach(async () => {
  await emulator.close();
});

async function spendWindow(username: string): Promise<void> {
  const response = await fetch(`${emulator.orgUrl}/api/v1/authn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  await response.body?.cancel();
}

/** The same, from the child run's global setup: the windows are spent just before its workers start. */
function spendWindowsInGlobalSetup(usernames: string[]): string {
  return `export default async function spend() {
    for (const username of ${JSON.stringify(usernames)}) {
      const response = await fetch(${JSON.stringify(`${emulator.orgUrl}/api/v1/authn`)}, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username, password: ${JSON.stringify(PASSWORD)} }),
      });
      await response.body?.cancel();
    }
  }\n`;
}

const EVERY_ROLE_SPEC = `
  import { test, expect } from 'FIXTURES';
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
    test(\`test \${n} uses all three roles\`, async ({ oktaAs }) => {
      // Each test starts with another role, so the four workers ask for all three at once.
      const roles = ['admin', 'user', 'ops'];
      for (const role of [...roles.slice(n % 3), ...roles.slice(0, n % 3)]) {
        const { request, tokens } = await oktaAs(role);
        const response = await request.get('v1/userinfo');
        expect(response.status()).toBe(200);
        expect((await response.json()).sub).toBe(tokens.userId);
      }
    });
  }
`;

test('4 workers × 3 roles, cold, every window spent: no test fails, one authn per user per reset window', async () => {
  test.setTimeout(120_000);
  emulator.setScenario({ rateLimit: { limit: 1, windowSeconds: WINDOW_SECONDS } });
  const started = Date.now();
  const run = await runSuite({ 'roles.spec.ts': EVERY_ROLE_SPEC }, {
    workers: 4,
    baseURL: `${emulator.issuer}/`,
    env: await suiteEnv(emulator),
    globalSetup: spendWindowsInGlobalSetup(USERS),
  });
  const seconds = (Date.now() - started) / 1000;
  expect(run.stats).toEqual({ expected: 8, unexpected: 0, skipped: 0, flaky: 0 });
  expect(run.code).toBe(0);

  const attempts = emulator.audit().authn;
  for (const user of USERS) {
    const mine = attempts.filter((a) => a.login === user);
    // The spent window, then at most one 429 (the run's first try cannot know about the other job) and one
    // success after the reset.
    expect(mine.length, user).toBeLessThanOrEqual(3);
    expect(mine.filter((a) => a.rateLimited).length, user).toBeLessThanOrEqual(1);
    expect(mine.at(-1)!.rateLimited, user).toBe(false);
    // The attempts Okta counted (not 429'd) are a window apart: the retry waited for the reset.
    const counted = mine.filter((a) => !a.rateLimited);
    for (let i = 1; i < counted.length; i++) {
      const gap = counted[i]!.at - counted[i - 1]!.at;
      expect(gap, `${user}: counted attempt ${i} came ${gap} ms after the previous one`).toBeGreaterThanOrEqual(WINDOW_SECONDS * 1000 - 1_000);
    }
  }
  // The run did meet every spent window, and said so plainly, once per identity that had to wait.
  const limited = attempts.filter((a) => a.rateLimited).length;
  expect(limited).toBe(USERS.length);
  expect(count(run.output, /okta: rate-limited by Okta; waiting \d+ s for the window to reset\./)).toBe(limited);
  console.log(`rate limit: 24 role uses in ${seconds.toFixed(1)} s, authn attempts ${attempts.length} (3 spent beforehand), 429s ${attempts.filter((a) => a.rateLimited).length}`);
});

test('a reset beyond the 30 s wait budget: ERR_RATE_LIMITED naming the reset time, at once; other roles unaffected', async () => {
  test.setTimeout(100_000);
  emulator.setScenario({ rateLimit: { limit: 1, windowSeconds: 120 } });
  await spendWindow('bob@example.com');
  const started = Date.now();
  const run = await runSuite({
    'budget.spec.ts': `
      import { test, expect } from 'FIXTURES';
      for (const role of ['admin', 'user']) {
        test(\`\${role} calls userinfo\`, async ({ oktaAs }) => {
          const { request } = await oktaAs(role);
          expect((await request.get('v1/userinfo')).status()).toBe(200);
        });
      }
    `,
  }, { workers: 2, baseURL: `${emulator.issuer}/`, env: await suiteEnv(emulator) });
  // At once: the reset is 120 s away and nothing waited for it (a wait would take past the 30 s budget).
  expect(Date.now() - started).toBeLessThan(90_000);
  expect(run.stats).toEqual({ expected: 1, unexpected: 1, skipped: 0, flaky: 0 });
  expect(run.output).toMatch(/Okta rate-limited the authn request until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\..*Gave up: waiting would exceed the 30 s budget\./s);
  expect(run.output).toMatch(/✘ .*user calls userinfo/);
  expect(emulator.audit().authn.filter((a) => a.login === 'bob@example.com')).toHaveLength(2);
});
