// Refresh with short-lived access tokens: the refresh token is used instead of a login, a rotated refresh
// token is persisted (the old one is dead at Okta), and a refused refresh token falls back to a login.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { acquireTokens, loadConfig, type OktaConfig } from '../../src/engine/index.js';
import { delta, engineEnv, useEngineBed } from './support.js';

let config: OktaConfig;

const bed = useEngineBed({ emulator: { scenario: { lifetimes: { accessTokenSeconds: 30 } } } });
test.beforeEach(async () => {
  config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_SCOPES: 'openid profile email offline_access' }));
});

async function cachedRefreshToken(): Promise<string | undefined> {
  const file = (await readdir(bed.dir)).find((f) => /^okta-default-user-[0-9a-f]+\.json$/.test(f))!;
  return (JSON.parse(await readFile(path.join(bed.dir, file), 'utf8')) as { refreshToken?: string }).refreshToken;
}

/** What Okta says to a refresh token now: 200 or 400 invalid_grant. */
async function refreshStatus(refreshToken: string): Promise<number> {
  const response = await fetch(`${bed.emulator.issuer}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'demo-spa', scope: 'openid offline_access' }),
  });
  await response.body?.cancel();
  return response.status;
}

test('a token short of minTtlSeconds is refreshed, the rotated refresh token persisted before use', async () => {
  const first = await acquireTokens(config, 'default');
  expect(first.source).toBe('login');
  expect(first.tokens.refreshToken).toBeTruthy();
  expect(first.tokens.expiresAt - first.tokens.obtainedAt).toBeLessThanOrEqual(30_000);
  expect((await acquireTokens(config, 'default', { minTtlSeconds: 5 })).source).toBe('cache');

  const before = bed.emulator.stats();
  const second = await acquireTokens(config, 'default', { minTtlSeconds: 60 });
  expect(second.source).toBe('refresh');
  expect(delta(bed.emulator.stats(), before)).toEqual({ 'POST /oauth2/default/v1/token': 1 });
  expect(second.tokens.accessToken).not.toBe(first.tokens.accessToken);
  expect(second.tokens.refreshToken).not.toBe(first.tokens.refreshToken);
  expect(second.tokens).toMatchObject({ username: 'alice@example.com', userId: first.tokens.userId, subject: first.tokens.subject });
  expect(second.tokens.oktaSession).toEqual(first.tokens.oktaSession);
  expect(await cachedRefreshToken()).toBe(second.tokens.refreshToken);
  // Rotation: the first refresh token is spent at Okta.
  expect(await refreshStatus(first.tokens.refreshToken!)).toBe(400);
});

test('without rotation the refresh token stays the same', async () => {
  bed.emulator.setScenario({ refreshTokenRotation: false });
  const first = await acquireTokens(config, 'default');
  const second = await acquireTokens(config, 'default', { minTtlSeconds: 60 });
  expect(second.source).toBe('refresh');
  expect(second.tokens.refreshToken).toBe(first.tokens.refreshToken);
});

test('an expired access token is refreshed after it expires', async () => {
  bed.emulator.setScenario({ lifetimes: { accessTokenSeconds: 1 } });
  const first = await acquireTokens(config, 'default', { minTtlSeconds: 0 });
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const second = await acquireTokens(config, 'default', { minTtlSeconds: 0 });
  expect(second.source).toBe('refresh');
  expect(second.tokens.expiresAt).toBeGreaterThan(first.tokens.expiresAt);
});

test('a refused refresh token falls back to a login, with a warning', async () => {
  await acquireTokens(config, 'default');
  bed.emulator.reset(); // Okta forgets the refresh token (revoked, expired, or the user's sessions cleared).
  const warnings: string[] = [];
  const again = await acquireTokens(config, 'default', { minTtlSeconds: 60, warn: (m) => warnings.push(m) });
  expect(again.source).toBe('login');
  expect(warnings.join('\n')).toMatch(/refresh token .* was refused \(invalid_grant\); logging in again/);
});
