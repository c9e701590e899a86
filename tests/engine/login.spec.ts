// The happy paths against a real emulator over HTTP: a user login and what it caches, the response
// modes, MFA with TOTP, a service identity, account pools, and what a cold login costs Okta.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { acquireTokens, isOktaError, loadConfig, type TokenRecord } from '../../src/engine/index.js';
import { delta, engineEnv, runCli, secretsIn, TOTP_SECRET, useEngineBed } from './support.js';

const bed = useEngineBed({ resetEach: false });

test('a user login: validated tokens, the Okta session, a private cache file; then the cache', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir));
  const before = bed.emulator.stats();
  const first = await acquireTokens(config, 'default');
  expect(first.source).toBe('login');
  const t: TokenRecord = first.tokens;
  expect(t).toMatchObject({
    version: 1,
    issuer: bed.emulator.issuer,
    clientId: 'demo-spa',
    role: 'default',
    username: 'alice@example.com',
    tokenType: 'Bearer',
    scopes: ['openid', 'profile', 'email'],
    authorizeUrl: `${bed.emulator.issuer}/v1/authorize`,
    userinfoUrl: `${bed.emulator.issuer}/v1/userinfo`,
  });
  expect(t.userId).toMatch(/^00u/);
  expect(t.subject).toBe(t.userId);
  expect(t.idTokenClaims).toMatchObject({ sub: t.userId, aud: 'demo-spa', iss: bed.emulator.issuer });
  expect(t.accessTokenClaims).toMatchObject({ sub: 'alice@example.com', uid: t.userId, cid: 'demo-spa', aud: 'api://default' });
  expect(decodeJwt(t.accessToken).sub).toBe('alice@example.com');
  expect(t.expiresAt - t.obtainedAt).toBeGreaterThan(3500_000);
  expect(t.refreshToken).toBeUndefined();
  const sid = t.oktaSession?.cookies.find((c) => c.name === 'sid');
  expect(t.oktaSession?.orgUrl).toBe(bed.emulator.orgUrl);
  expect(sid).toMatchObject({ domain: '127.0.0.1', path: '/', httpOnly: true });
  expect(['Lax', 'None', 'Strict']).toContain(sid!.sameSite);

  // One authn, one authorize, one token; discovery and keys once (then on disk).
  const cost = delta(bed.emulator.stats(), before);
  expect(cost['POST /api/v1/authn']).toBe(1);
  expect(cost['GET /oauth2/default/v1/authorize']).toBe(1);
  expect(cost['POST /oauth2/default/v1/token']).toBe(1);

  // The cache: 0600 file in a 0700 directory, keyed (not named after a secret), no password inside.
  const tokenFile = (await readdir(bed.dir)).find((f) => f.startsWith('okta-default-user-') && f.endsWith('.json'));
  expect(tokenFile).toBeTruthy();
  expect((await stat(path.join(bed.dir, tokenFile!))).mode & 0o777).toBe(0o600);
  expect((await stat(bed.dir)).mode & 0o777).toBe(0o700);
  const text = await readFile(path.join(bed.dir, tokenFile!), 'utf8');
  expect(secretsIn(text)).toEqual([]);

  const warm = bed.emulator.stats();
  const second = await acquireTokens(config, 'default');
  expect(second.source).toBe('cache');
  expect(second.tokens.accessToken).toBe(t.accessToken);
  expect(delta(bed.emulator.stats(), warm)).toEqual({});
});

test('a cold login in a new process costs Okta exactly authn + authorize + token once discovery and JWKS are on disk', async () => {
  const env = engineEnv(bed.emulator, bed.dir);
  await acquireTokens(loadConfig(env), 'default');
  const before = bed.emulator.stats();
  const run = await runCli(['--fresh'], env, bed.dir);
  expect(run.code, run.stderr).toBe(0);
  expect(delta(bed.emulator.stats(), before)).toEqual({
    'POST /api/v1/authn': 1,
    'GET /oauth2/default/v1/authorize': 1,
    'POST /oauth2/default/v1/token': 1,
  });
});

for (const mode of ['form_post', 'fragment'] as const) {
  test(`response_mode ${mode} yields the code too`, async () => {
    const config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_RESPONSE_MODE: mode }));
    const { tokens, source } = await acquireTokens(config, 'default');
    expect(source).toBe('login');
    expect(tokens.accessTokenClaims.sub).toBe('alice@example.com');
  });
}

test('MFA: the TOTP factor is chosen by type and answered from the secret', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_USERNAME: 'mfa@example.com', OKTA_TOTP_SECRET: TOTP_SECRET }));
  const before = bed.emulator.stats();
  const { tokens } = await acquireTokens(config, 'default');
  expect(tokens.accessTokenClaims.sub).toBe('mfa@example.com');
  const cost = delta(bed.emulator.stats(), before);
  const verify = Object.entries(cost).filter(([route]) => /^POST \/api\/v1\/authn\/factors\/.+\/verify$/.test(route));
  expect(verify.map(([, n]) => n)).toEqual([1]);
  expect(cost['POST /api/v1/authn']).toBe(1);
});

test('a service identity uses client credentials', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir, {
    OKTA_ROLES: 'svc',
    OKTA_SVC_GRANT: 'client_credentials',
    OKTA_SVC_CLIENT_ID: 'demo-service',
    OKTA_SVC_CLIENT_SECRET: 'demo-service-secret',
    OKTA_SVC_SCOPES: 'demo.read demo.write',
  }));
  const { tokens, source } = await acquireTokens(config, 'svc');
  expect(source).toBe('login');
  expect(tokens).toMatchObject({ role: 'svc', username: '', clientId: 'demo-service', subject: 'demo-service' });
  expect(tokens.idToken).toBeUndefined();
  expect(tokens.oktaSession).toBeUndefined();
  expect(tokens.scopes.sort()).toEqual(['demo.read', 'demo.write']);
  expect(tokens.accessTokenClaims).toMatchObject({ sub: 'demo-service', cid: 'demo-service' });
  expect((await acquireTokens(config, 'svc')).source).toBe('cache');
});

test('an account pool: the index picks the account, modulo the pool size, each cached apart', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_USERNAME: 'alice@example.com, bob@example.com' }));
  const a = await acquireTokens(config, 'default', { account: 0 });
  const b = await acquireTokens(config, 'default', { account: 1 });
  const b2 = await acquireTokens(config, 'default', { account: 3 });
  expect(a.tokens.username).toBe('alice@example.com');
  expect(b.tokens.username).toBe('bob@example.com');
  expect(b2.source).toBe('cache');
  expect(b2.tokens.accessToken).toBe(b.tokens.accessToken);
});

test('OKTA_AUDIENCE is checked on the access token when set', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_AUDIENCE: 'api://default' }));
  expect((await acquireTokens(config, 'default')).tokens.accessTokenClaims.aud).toBe('api://default');
  const other = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_AUDIENCE: 'api://other' }));
  const refused = await acquireTokens(other, 'default', { fresh: true }).catch((error: unknown) => error);
  expect(isOktaError(refused) && refused.code).toBe('ERR_TOKEN_INVALID');
  expect((refused as Error).message).toMatch(/"aud" claim.*OKTA_AUDIENCE/);
});

test('minTtlSeconds above the remaining life forces a new token; fresh ignores the cache', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir));
  const first = await acquireTokens(config, 'default');
  const again = await acquireTokens(config, 'default', { minTtlSeconds: 7200 });
  expect(again.source).toBe('login');
  expect(again.tokens.accessToken).not.toBe(first.tokens.accessToken);
  expect((await acquireTokens(config, 'default', { fresh: true })).source).toBe('login');
});
