// The retry policy against injected faults: 429 waited out within the budget (else ERR_RATE_LIMITED
// naming the reset), 5xx / dropped connection / timeout restarting the whole flow a bounded number of
// times (else ERR_IDP_UNREACHABLE naming the step).
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../emulator/index.js';
import { acquireTokens, isOktaError, loadConfig, type OktaError } from '../../fixtures/engine/index.js';
import { freePort } from '../support/free-port.js';
import { delta, engineEnv, errorText, removeDir, secretsIn, tempDir } from './support.js';

let emulator: EmulatorHandle;
let dir: string;
const TOKEN = 'POST /oauth2/default/v1/token';
const AUTHN = 'POST /api/v1/authn';
const AUTHORIZE = 'GET /oauth2/default/v1/authorize';

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(async () => {
  emulator.reset();
  dir = await tempDir();
  // Discovery and JWKS on disk first, so the counts below are the login's own.
  await acquireTokens(loadConfig(engineEnv(emulator, dir, { OKTA_USERNAME: 'bob@example.com' })), 'default');
});
test.afterEach(async () => {
  await removeDir(dir);
});

async function failure(env: NodeJS.ProcessEnv): Promise<OktaError> {
  const error = await acquireTokens(loadConfig(env), 'default', { warn: () => {} }).catch((e: unknown) => e);
  expect(isOktaError(error), errorText(error)).toBe(true);
  expect(secretsIn(errorText(error))).toEqual([]);
  return error as OktaError;
}

test('a 429 whose window resets in a few seconds is waited out', async () => {
  emulator.setScenario({ rateLimit: { limit: 1, windowSeconds: 3 } });
  const config = loadConfig(engineEnv(emulator, dir));
  await acquireTokens(config, 'default', { fresh: true });
  const warnings: string[] = [];
  const started = Date.now();
  const second = await acquireTokens(config, 'default', { fresh: true, warn: (m) => warnings.push(m) });
  expect(second.source).toBe('login');
  expect(Date.now() - started).toBeGreaterThan(500);
  expect(warnings.join('\n')).toMatch(/rate-limited/);
});

test('a 429 whose reset is past the budget is ERR_RATE_LIMITED naming the reset time, at once', async () => {
  emulator.addFault({ route: AUTHN, status: 429 });
  const before = emulator.stats();
  const started = Date.now();
  const error = await failure(engineEnv(emulator, dir));
  expect(error.code).toBe('ERR_RATE_LIMITED');
  expect(error.status).toBe(429);
  expect(error.message).toMatch(/until \d{4}-\d\d-\d\dT/);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(delta(emulator.stats(), before)).toEqual({ [AUTHN]: 1 });
});

test('a 5xx from /token restarts the whole flow (codes are single-use) and succeeds', async () => {
  emulator.addFault({ route: TOKEN, status: 503 });
  const before = emulator.stats();
  const { source } = await acquireTokens(loadConfig(engineEnv(emulator, dir)), 'default');
  expect(source).toBe('login');
  expect(delta(emulator.stats(), before)).toEqual({ [AUTHN]: 2, [AUTHORIZE]: 2, [TOKEN]: 2 });
});

test('a dropped connection at /authorize restarts the flow and succeeds', async () => {
  emulator.addFault({ route: AUTHORIZE, drop: true });
  const before = emulator.stats();
  expect((await acquireTokens(loadConfig(engineEnv(emulator, dir)), 'default')).source).toBe('login');
  expect(delta(emulator.stats(), before)[AUTHN]).toBe(2);
});

test('a persistent 5xx is ERR_IDP_UNREACHABLE naming the step, after a bounded number of attempts', async () => {
  emulator.addFault({ route: AUTHN, status: 503, times: 10 });
  const before = emulator.stats();
  const error = await failure(engineEnv(emulator, dir));
  expect(error.code).toBe('ERR_IDP_UNREACHABLE');
  expect(error.message).toMatch(/authn request .* HTTP 503/);
  expect(error.message).toMatch(/after 3 attempts/);
  expect(delta(emulator.stats(), before)).toEqual({ [AUTHN]: 3 });
});

test('a request that outlives OKTA_HTTP_TIMEOUT_MS times out and counts as unreachable', async () => {
  emulator.addFault({ route: TOKEN, delayMs: 1_000, times: 3 });
  const error = await failure(engineEnv(emulator, dir, { OKTA_HTTP_TIMEOUT_MS: '300' }));
  expect(error.code).toBe('ERR_IDP_UNREACHABLE');
  expect(error.message).toMatch(/token request .* no answer within 300 ms/);
});

test('nothing listening is ERR_IDP_UNREACHABLE naming the first step', async () => {
  const port = await freePort();
  const error = await failure(engineEnv({ issuer: `http://127.0.0.1:${port}/oauth2/default` }, dir));
  expect(error.code).toBe('ERR_IDP_UNREACHABLE');
  expect(error.message).toMatch(/discovery request to http:\/\/127\.0\.0\.1:\d+\/oauth2\/default\/\.well-known\/openid-configuration failed: connection failed \(ECONNREFUSED\)/);
});
