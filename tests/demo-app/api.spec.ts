// The bearer API over real HTTP, with real access tokens from the emulator, checked by @okta/jwt-verifier.
import { expect, test, type APIResponse } from '@playwright/test';
import type { Tamper } from '../../src/emulator/types.js';
import { jwtPayload } from './get-token.js';
import { SPA_CLIENT_ID, spaTokens, startDemoStack, type DemoStack } from './stack.js';

let stack: DemoStack;

test.beforeAll(async () => {
  stack = await startDemoStack();
});
test.afterAll(async () => {
  await stack?.close();
});

/** Tokens minted while the emulator is tampering in exactly one way. */
async function tamperedAccessToken(tamper: Tamper): Promise<string> {
  stack.emulator.setScenario({ tamper });
  try {
    return (await spaTokens(stack, 'alice@example.com')).accessToken;
  } finally {
    stack.emulator.setScenario({ tamper: null });
  }
}

async function expectInvalidToken(response: APIResponse, token: string, reason: RegExp): Promise<void> {
  expect(response.status()).toBe(401);
  expect(response.headers()['www-authenticate']).toMatch(/^Bearer realm="api", error="invalid_token", error_description="[^"]+"$/);
  const text = await response.text();
  expect(text).not.toContain(token);
  expect(response.headers()['www-authenticate']).not.toContain(token);
  const body = JSON.parse(text) as { error: string; error_description: string };
  expect(body.error).toBe('invalid_token');
  expect(body.error_description).toMatch(reason);
}

test('without a token: 401 with a Bearer challenge (no error code, RFC 6750 §3.1) and a JSON error', async ({ request }) => {
  for (const authorization of [undefined, 'Basic YWxpY2U6cHc=', 'Bearer ']) {
    const response = await request.get(`${stack.appUrl}/api/me`, { headers: authorization ? { Authorization: authorization } : {} });
    expect(response.status(), `Authorization: ${authorization ?? '(none)'}`).toBe(401);
    expect(response.headers()['www-authenticate']).toBe('Bearer realm="api"');
    expect(response.headers()['content-type']).toContain('application/json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: 'unauthorized', error_description: expect.stringContaining('Authorization: Bearer') });
  }
});

test('a garbage token: 401 invalid_token, and the token is not echoed', async ({ request }) => {
  const garbage = 'not-a-jwt-' + 'x'.repeat(40);
  const response = await request.get(`${stack.appUrl}/api/me`, { headers: { Authorization: `Bearer ${garbage}` } });
  await expectInvalidToken(response, garbage, /rejected/);
});

test("/api/me with alice's access token returns her subject, user id, scopes, groups and client", async ({ request }) => {
  const tokens = await spaTokens(stack, 'alice@example.com');
  const response = await request.get(`${stack.appUrl}/api/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).not.toContain(tokens.accessToken);
  const me = JSON.parse(text) as { subject: string; userId: string; scopes: string[]; groups: string[]; clientId: string };
  expect(me.subject).toBe('alice@example.com');
  expect(me.userId).toBe(tokens.userId);
  expect(me.userId).toMatch(/^00u/);
  expect(me.scopes).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
  expect(me.groups).toContain('Admins');
  expect(me.clientId).toBe(SPA_CLIENT_ID);
});

test('the admin report: 200 for alice (Admins), 403 JSON for bob', async ({ request }) => {
  const alice = await spaTokens(stack, 'alice@example.com');
  const forAlice = await request.get(`${stack.appUrl}/api/admin/report`, { headers: { Authorization: `Bearer ${alice.accessToken}` } });
  expect(forAlice.status()).toBe(200);
  expect(await forAlice.json()).toMatchObject({ generatedFor: 'alice@example.com' });

  const bob = await spaTokens(stack, 'bob@example.com');
  expect(jwtPayload(bob.accessToken).groups ?? []).not.toContain('Admins');
  const forBob = await request.get(`${stack.appUrl}/api/admin/report`, { headers: { Authorization: `Bearer ${bob.accessToken}` } });
  expect(forBob.status()).toBe(403);
  expect(await forBob.json()).toEqual({ error: 'forbidden', error_description: expect.stringContaining('Admins') });

  // bob is still a signed-in user: the 403 is about the group, not the token.
  const bobMe = await request.get(`${stack.appUrl}/api/me`, { headers: { Authorization: `Bearer ${bob.accessToken}` } });
  expect(bobMe.status()).toBe(200);
  expect(await bobMe.json()).toMatchObject({ subject: 'bob@example.com' });
});

test('an ID token is not an access token: 401', async ({ request }) => {
  const tokens = await spaTokens(stack, 'alice@example.com');
  const response = await request.get(`${stack.appUrl}/api/me`, { headers: { Authorization: `Bearer ${tokens.idToken}` } });
  await expectInvalidToken(response, tokens.idToken, /audience/);
});

const tampered: { tamper: Tamper; reason: RegExp }[] = [
  { tamper: 'audience', reason: /audience/ },
  { tamper: 'expired', reason: /expired/i },
  { tamper: 'issuer', reason: /issuer/ },
  { tamper: 'signature', reason: /signature/i },
  { tamper: 'unknown-kid', reason: /.+/ },
  { tamper: 'alg-none', reason: /.+/ },
];
for (const { tamper, reason } of tampered) {
  test(`a token with tamper "${tamper}" from the emulator: 401 invalid_token`, async ({ request }) => {
    const token = await tamperedAccessToken(tamper);
    const response = await request.get(`${stack.appUrl}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    await expectInvalidToken(response, token, reason);
  });
}

test('unknown API routes answer JSON 404 after authentication', async ({ request }) => {
  const tokens = await spaTokens(stack, 'bob@example.com');
  const response = await request.get(`${stack.appUrl}/api/nope`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
  expect(response.status()).toBe(404);
  expect(await response.json()).toMatchObject({ error: 'not_found' });
});
