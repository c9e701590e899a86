// The engine's expiresAt is never later than the access token's `exp`, on every grant: Okta's iat and exp
// are whole seconds and @okta/jwt-verifier allows no clock tolerance, so a token taken for longer than it
// lives is a 401 in its last moments (seen: 4 s tokens, "Jwt is expired"). The emulator shares this
// machine's clock, so `exp` is the truth here.
import { test, expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { acquireTokens, loadConfig, type TokenRecord } from '../../src/engine/index.js';
import { identityEngine } from './idx-support.js';
import { engineEnv, useEngineBed } from './support.js';

const LIFETIME_S = 4;
const bed = useEngineBed({ emulator: { scenario: { lifetimes: { accessTokenSeconds: LIFETIME_S } } } });

/** Logins of one kind, back to back, so that the issue times fall on many fractions of a second. */
const LOGINS = 5;

/** Within exp, and no shorter than the lifetime less the rounding second, counted from before the call began. */
function expectWithinExp(tokens: TokenRecord, calledAt: number, label: string): void {
  const exp = decodeJwt(tokens.accessToken).exp!;
  expect(tokens.expiresAt, `${label}: expiresAt beyond exp ${exp}`).toBeLessThanOrEqual(exp * 1000);
  expect(tokens.expiresAt, `${label}: expiresAt cut short`).toBeGreaterThanOrEqual(calledAt + (LIFETIME_S - 1) * 1000);
}

async function logins(env: NodeJS.ProcessEnv, role: string, label: string): Promise<TokenRecord[]> {
  const config = loadConfig(env);
  const all: TokenRecord[] = [];
  for (let n = 0; n < LOGINS; n++) {
    const calledAt = Date.now();
    const { tokens, source } = await acquireTokens(config, role, { fresh: true });
    expect(source).toBe('login');
    expectWithinExp(tokens, calledAt, `${label} ${n + 1}`);
    all.push(tokens);
  }
  return all;
}

test('authn + authorization code, and refresh: expiresAt is within the access token\'s exp', async () => {
  const env = engineEnv(bed.emulator, bed.dir, { OKTA_SCOPES: 'openid profile email offline_access' });
  await logins(env, 'default', 'authn login');
  const config = loadConfig(env);
  for (let n = 0; n < LOGINS; n++) {
    // Asking for more life than a 4 s token has: each call refreshes.
    const calledAt = Date.now();
    const { tokens, source } = await acquireTokens(config, 'default', { minTtlSeconds: 60 });
    expect(source).toBe('refresh');
    expectWithinExp(tokens, calledAt, `refresh ${n + 1}`);
  }
});

test('client credentials: expiresAt is within the access token\'s exp', async () => {
  await logins(engineEnv(bed.emulator, bed.dir, {
    OKTA_ROLES: 'svc',
    OKTA_SVC_GRANT: 'client_credentials',
    OKTA_SVC_CLIENT_ID: 'demo-service',
    OKTA_SVC_CLIENT_SECRET: 'demo-service-secret',
    OKTA_SVC_SCOPES: 'demo.read',
  }), 'svc', 'client credentials');
});

test('IDX (interaction_code) and Direct Authentication (password grant): expiresAt is within the access token\'s exp', async () => {
  identityEngine(bed.emulator, 'password');
  await logins(engineEnv(bed.emulator, bed.dir, { OKTA_LOGIN_FLOW: 'idx' }), 'default', 'idx login');
  identityEngine(bed.emulator, 'password', 'demo-direct');
  await logins(engineEnv(bed.emulator, bed.dir, { OKTA_LOGIN_FLOW: 'direct', OKTA_CLIENT_ID: 'demo-direct' }), 'default', 'direct login');
});
