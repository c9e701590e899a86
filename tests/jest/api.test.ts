// Jest API tests against the demo app's bearer API, with headers per role from the token cache that
// globalSetup warmed; then the run's cost (the logins happened in globalSetup only), and a login inside a
// test, which playwright-okta/jest hands to `okta-token warm` in a child process (Jest, CommonJS here,
// cannot load the engine's ESM-only dependencies). playwright-okta/jest is imported by name, as a user would.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { bearerFor, isOktaError, tokensFor } from 'playwright-okta/jest';

const app = (path: string): string => new URL(path, process.env.APP_BASE_URL).href;

/** The JWT's payload, unverified (the app verifies it). */
const claimsOf = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

async function emulatorStats(): Promise<Record<string, number>> {
  const response = await fetch(new URL('/__emulator/stats', process.env.OKTA_ISSUER));
  return ((await response.json()) as { requests: Record<string, number> }).requests;
}

describe('the bearer API', () => {
  test('knows who each role is', async () => {
    const asUser = await fetch(app('/api/me'), { headers: await bearerFor('user') });
    expect(asUser.status).toBe(200);
    expect(await asUser.json()).toMatchObject({ subject: 'bob@example.com', clientId: 'demo-spa' });

    const asAdmin = await fetch(app('/api/me'), { headers: await bearerFor('admin') });
    expect(asAdmin.status).toBe(200);
    expect(await asAdmin.json()).toMatchObject({ subject: 'alice@example.com', groups: expect.arrayContaining(['Admins']) });
  });

  test('the admin report: 200 for an admin, 403 for a user', async () => {
    expect((await fetch(app('/api/admin/report'), { headers: await bearerFor('admin') })).status).toBe(200);
    const denied = await fetch(app('/api/admin/report'), { headers: await bearerFor('user') });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: 'forbidden' });
  });

  test('no token, or a tampered one, is 401', async () => {
    expect((await fetch(app('/api/me'))).status).toBe(401);
    const { accessToken } = await tokensFor('user');
    const [header, payload] = accessToken.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    expect((await fetch(app('/api/me'), { headers: { Authorization: `Bearer ${forged}` } })).status).toBe(401);
  });

  test('bearerFor defaults to the first configured role and returns the cached token', async () => {
    const first = await bearerFor();
    expect(first.Authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(claimsOf(first.Authorization.slice('Bearer '.length)).sub).toBe('alice@example.com');
    expect(await bearerFor('admin')).toEqual(first);
  });
});

test('the run cost Okta one login per identity, all in globalSetup', async () => {
  const stats = await emulatorStats();
  expect(stats['POST /api/v1/authn']).toBe(2);
  expect(stats['POST /oauth2/default/v1/token']).toBe(2);
});

test('a cold cache logs in from inside a test, through okta-token in a child process', async () => {
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'okta-jest-cold-'));
  try {
    const before = (await emulatorStats())['POST /api/v1/authn'];
    const env = { ...process.env, OKTA_CACHE_DIR: cacheDir };
    const tokens = await tokensFor('user', { env });
    expect((await emulatorStats())['POST /api/v1/authn']).toBe(before + 1);
    expect(Date.now() - tokens.obtainedAt).toBeLessThan(10_000);
    expect(tokens.idTokenClaims).toMatchObject({ preferred_username: 'bob@example.com' });
    const me = await fetch(app('/api/me'), { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status).toBe(200);
    // Now cached: the same tokens, no second login.
    expect((await tokensFor('user', { env })).accessToken).toBe(tokens.accessToken);
    expect((await emulatorStats())['POST /api/v1/authn']).toBe(before + 1);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
});

test('a refused login is a coded OktaError', async () => {
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'okta-jest-refused-'));
  try {
    const error = await tokensFor('user', { env: { ...process.env, OKTA_CACHE_DIR: cacheDir, OKTA_USER_PASSWORD: 'not-the-password' } }).catch((e: unknown) => e);
    expect(isOktaError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ERR_AUTHN_FAILED' });
    expect(String((error as Error).message)).not.toContain('not-the-password');
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
});
