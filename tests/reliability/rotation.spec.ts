// Refresh-token rotation across processes: eight CLI processes that all need a refresh at the same moment
// make one refresh request between them — the first refreshes under the lock and saves the rotated refresh
// token; the others take the tokens it just obtained — and none of them meets invalid_grant.
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { acquireTokens, loadConfig } from '../../src/engine/index.js';
import { delta, engineEnv, removeDir, ROUTES, runCli, tempDir } from './support.js';

let emulator: EmulatorHandle;
let dir: string;

test.beforeAll(async () => {
  // 30-second access tokens: every CLI call (which wants 60 s of life) needs a refresh.
  emulator = await startEmulator({ port: 0, scenario: { lifetimes: { accessTokenSeconds: 30 }, refreshTokenRotation: true } });
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(async () => {
  dir = await tempDir('okta-rotation-');
});
test.afterEach(async () => {
  await removeDir(dir);
});

test('eight processes needing a refresh at once: one refresh request, no invalid_grant, one new token for all', async () => {
  test.setTimeout(90_000);
  const env = engineEnv(emulator, dir, { OKTA_SCOPES: 'openid profile email offline_access' });
  const first = await acquireTokens(loadConfig(env), 'default');
  expect(first.tokens.refreshToken).toBeTruthy();
  const before = emulator.stats();
  const issuedBefore = emulator.audit().issued.refreshTokens.length;

  // The refresh takes 4 s (a slow IdP), so the eight are most likely waiting on the lock together while the
  // first one refreshes. Tokens from now on live an hour: a process that starts late (a loaded machine
  // starts eight node processes slowly) finds the refreshed tokens in the cache instead of needing a
  // refresh of its own, so one refresh serves all eight whatever their pace.
  emulator.setScenario({ lifetimes: { accessTokenSeconds: 3600 } });
  emulator.addFault({ route: ROUTES.token, delayMs: 4_000 });
  const runs = await Promise.all(Array.from({ length: 8 }, () => runCli([], env, dir)));
  for (const run of runs) {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/invalid_grant|refused|logging in again/);
  }
  const tokens = new Set(runs.map((run) => run.stdout.trim()));
  expect(tokens.size).toBe(1);
  expect([...tokens][0]).not.toBe(first.tokens.accessToken);
  // One refresh request, no login; one rotated refresh token issued. A process that takes the refreshed
  // tokens from the cache checks once that their key is still published (at most one JWKS request each).
  const { [ROUTES.keys]: keyRequests = 0, ...asked } = delta(emulator.stats(), before);
  expect(asked).toEqual({ [ROUTES.token]: 1 });
  expect(keyRequests).toBeLessThanOrEqual(8);
  expect(emulator.audit().issued.refreshTokens.length - issuedBefore).toBe(1);
});
