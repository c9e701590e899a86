// A state file makes the emulator a long-lived org: after a restart on the same port, tokens it issued
// still verify against its JWKS, its Okta sessions still sign users in, and its refresh tokens still work.
// Without one, a restart is a new org: new keys, no sessions.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { freePort } from '../support/free-port.js';
import { SPA, authorizeUrl, get, loginForCode, pkce, postForm } from './behaviour.helpers.js';
import { scratchDir } from '../support/scratch.js';

async function jwksOf(emulator: EmulatorHandle) {
  return createLocalJWKSet(await (await fetch(`${emulator.issuer}/v1/keys`)).json());
}

async function loginWithRefresh(emulator: EmulatorHandle) {
  const login = await loginForCode(emulator, { scope: 'openid profile offline_access' });
  const response = await postForm(`${emulator.issuer}/v1/token`, {
    grant_type: 'authorization_code',
    code: login.code,
    redirect_uri: SPA.redirectUri,
    code_verifier: login.verifier,
    client_id: SPA.clientId,
  });
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { access_token: string; refresh_token: string };
  return { sid: login.sid!, accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
}

/** authorize with prompt=none and only the sid cookie: a code means the Okta session is alive. */
async function sessionSignsIn(emulator: EmulatorHandle, sid: string): Promise<boolean> {
  const { challenge } = pkce();
  const response = await get(
    authorizeUrl(emulator.issuer, {
      client_id: SPA.clientId,
      redirect_uri: SPA.redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: 'persist',
      prompt: 'none',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }),
    { Cookie: `sid=${sid}` },
  );
  return new URL(response.headers.get('location') ?? 'http://x/').searchParams.has('code');
}

test('with a state file, keys, sessions and refresh tokens survive a restart', async () => {
  const port = await freePort();
  const stateFile = path.join(await scratchDir('emulator-state-'), 'state.json');
  const first = await startEmulator({ port, stateFile });
  const login = await loginWithRefresh(first);
  await first.close();
  expect((await stat(stateFile)).mode & 0o777).toBe(0o600);

  const second = await startEmulator({ port, stateFile });
  try {
    const { payload } = await jwtVerify(login.accessToken, await jwksOf(second), { issuer: second.issuer });
    expect(payload.sub).toBe('alice@example.com');
    expect(await sessionSignsIn(second, login.sid)).toBe(true);
    const refreshed = await postForm(`${second.issuer}/v1/token`, {
      grant_type: 'refresh_token',
      refresh_token: login.refreshToken,
      client_id: SPA.clientId,
      scope: 'openid profile offline_access',
    });
    expect(refreshed.status).toBe(200);
  } finally {
    await second.close();
  }
});

test('without a state file, a restart is a new org: old tokens fail, old sessions are gone', async () => {
  const port = await freePort();
  const first = await startEmulator({ port });
  const login = await loginWithRefresh(first);
  await first.close();

  const second = await startEmulator({ port });
  try {
    await expect(jwtVerify(login.accessToken, await jwksOf(second))).rejects.toThrow(/no applicable key|matching key/i);
    expect(await sessionSignsIn(second, login.sid)).toBe(false);
  } finally {
    await second.close();
  }
});

test('a damaged state file is ignored: the emulator starts as a new org and rewrites it', async () => {
  const stateFile = path.join(await scratchDir('emulator-state-'), 'state.json');
  await writeFile(stateFile, '{ not json');
  const emulator = await startEmulator({ port: 0, stateFile });
  try {
    expect((await fetch(`${emulator.issuer}/v1/keys`)).status).toBe(200);
  } finally {
    await emulator.close();
  }
  expect(JSON.parse(await readFile(stateFile, 'utf8')).version).toBe(1);
});
