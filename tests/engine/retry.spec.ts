// The retry policy against injected faults: 429 waited out within the budget (else ERR_RATE_LIMITED
// naming the reset), 5xx / dropped connection / timeout restarting the whole flow a bounded number of
// times (else ERR_IDP_UNREACHABLE naming the step).
import v8 from 'node:v8';
import vm from 'node:vm';
import { test, expect } from '@playwright/test';
import { acquireTokens, isOktaError, loadConfig, type OktaError } from '../../src/engine/index.js';
import { closedPort } from '../support/free-port.js';
import { delta, engineEnv, errorText, removeDir, secretsIn, tempDir, useEngineBed } from './support.js';

const TOKEN = 'POST /oauth2/default/v1/token';
const DISCOVERY = 'GET /oauth2/default/.well-known/openid-configuration';
const AUTHN = 'POST /api/v1/authn';
const AUTHORIZE = 'GET /oauth2/default/v1/authorize';

const bed = useEngineBed();
test.beforeEach(async () => {
  // Discovery and JWKS on disk first, so the counts below are the login's own.
  await acquireTokens(loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_USERNAME: 'bob@example.com' })), 'default');
});

async function failure(env: NodeJS.ProcessEnv): Promise<OktaError> {
  const error = await acquireTokens(loadConfig(env), 'default', { warn: () => {} }).catch((e: unknown) => e);
  expect(isOktaError(error), errorText(error)).toBe(true);
  expect(secretsIn(errorText(error))).toEqual([]);
  return error as OktaError;
}

test('a 429 whose window resets in a few seconds is waited out', async () => {
  bed.emulator.setScenario({ rateLimit: { limit: 1, windowSeconds: 3 } });
  const config = loadConfig(engineEnv(bed.emulator, bed.dir));
  await acquireTokens(config, 'default', { fresh: true });
  const warnings: string[] = [];
  const second = await acquireTokens(config, 'default', { fresh: true, warn: (m) => warnings.push(m) });
  expect(second.source).toBe('login');
  expect(warnings.join('\n')).toMatch(/rate-limited/);
  // One 429, then one attempt after the window (3 s from the first, announced in whole seconds by
  // X-Rate-Limit-Reset) reset: waited out, not hammered.
  const user = config.identities.default!.accounts[0]!.username;
  const attempts = bed.emulator.audit().authn.filter((attempt) => attempt.login === user);
  expect(attempts.map((a) => a.rateLimited)).toEqual([false, true, false]);
  expect(attempts[2]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(2000);
});

test('a 429 whose reset is past the budget is ERR_RATE_LIMITED naming the reset time, at once', async () => {
  bed.emulator.addFault({ route: AUTHN, status: 429 });
  const before = bed.emulator.stats();
  const started = Date.now();
  const error = await failure(engineEnv(bed.emulator, bed.dir));
  expect(error.code).toBe('ERR_RATE_LIMITED');
  expect(error.status).toBe(429);
  expect(error.message).toMatch(/until \d{4}-\d\d-\d\dT/);
  // At once: well inside the 30 s it would have waited.
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(delta(bed.emulator.stats(), before)).toEqual({ [AUTHN]: 1 });
});

test('a 5xx from /token restarts the whole flow (codes are single-use) and succeeds', async () => {
  bed.emulator.addFault({ route: TOKEN, status: 503 });
  const before = bed.emulator.stats();
  const { source } = await acquireTokens(loadConfig(engineEnv(bed.emulator, bed.dir)), 'default');
  expect(source).toBe('login');
  expect(delta(bed.emulator.stats(), before)).toEqual({ [AUTHN]: 2, [AUTHORIZE]: 2, [TOKEN]: 2 });
});

test('a dropped connection at /authorize restarts the flow and succeeds', async () => {
  bed.emulator.addFault({ route: AUTHORIZE, drop: true });
  const before = bed.emulator.stats();
  expect((await acquireTokens(loadConfig(engineEnv(bed.emulator, bed.dir)), 'default')).source).toBe('login');
  expect(delta(bed.emulator.stats(), before)[AUTHN]).toBe(2);
});

test('a persistent 5xx is ERR_IDP_UNREACHABLE naming the step, after a bounded number of attempts', async () => {
  bed.emulator.addFault({ route: AUTHN, status: 503, times: 10 });
  const before = bed.emulator.stats();
  const error = await failure(engineEnv(bed.emulator, bed.dir));
  expect(error.code).toBe('ERR_IDP_UNREACHABLE');
  expect(error.message).toMatch(/authn request .* HTTP 503/);
  expect(error.message).toMatch(/after 3 attempts/);
  expect(delta(bed.emulator.stats(), before)).toEqual({ [AUTHN]: 3 });
});

test('a request that outlives OKTA_HTTP_TIMEOUT_MS times out and counts as unreachable', async () => {
  // The timeout must leave the healthy requests before the token step ample time on a loaded machine (300 ms
  // once timed out a healthy authn there); the delayed answers never come in time.
  bed.emulator.addFault({ route: TOKEN, delayMs: 5_000, times: 3 });
  const error = await failure(engineEnv(bed.emulator, bed.dir, { OKTA_HTTP_TIMEOUT_MS: '2000' }));
  expect(error.code).toBe('ERR_IDP_UNREACHABLE');
  expect(error.message).toMatch(/token request .* no answer within 2000 ms/);
});

test('OKTA_HTTP_TIMEOUT_MS holds while the garbage collector runs (a timeout signal must not be collected before it fires)', async () => {
  // Node collects an AbortSignal.timeout() that only AbortSignal.any() refers to, and then it never fires: a
  // discovery request (openid-client gives it a 30 s signal of its own) then waits as long as Okta holds the
  // answer. Collect garbage all through the wait; a cache directory without discovery on disk. A collection
  // every 50 ms slows the whole login (14 s on a quiet machine): the limit allows for a loaded one.
  test.setTimeout(60_000);
  v8.setFlagsFromString('--expose-gc');
  const collect = vm.runInNewContext('gc') as () => void;
  const dir = await tempDir();
  bed.emulator.addFault({ route: DISCOVERY, delayMs: 10_000, times: 1 });
  const before = bed.emulator.stats();
  const collecting = setInterval(collect, 50);
  try {
    const config = loadConfig(engineEnv(bed.emulator, dir, { OKTA_HTTP_TIMEOUT_MS: '3000' }));
    const { source } = await acquireTokens(config, 'default', { warn: () => {} });
    expect(source).toBe('login');
  } finally {
    clearInterval(collecting);
    await removeDir(dir);
  }
  // The held answer was given up on and the login restarted: two discovery requests, not one that waited 10 s.
  expect(delta(bed.emulator.stats(), before)[DISCOVERY]).toBe(2);
});

test('nothing listening is ERR_IDP_UNREACHABLE naming the first step', async () => {
  const port = await closedPort();
  const error = await failure(engineEnv({ issuer: `http://127.0.0.1:${port}/oauth2/default` }, bed.dir));
  expect(error.code).toBe('ERR_IDP_UNREACHABLE');
  expect(error.message).toMatch(/discovery request to http:\/\/127\.0\.0\.1:\d+\/oauth2\/default\/\.well-known\/openid-configuration failed: connection failed \(ECONNREFUSED\)/);
});
