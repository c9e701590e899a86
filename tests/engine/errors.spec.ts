// Every error code reached through a real emulator scenario, each with a message that says what to do
// and contains no secret. Nothing is cached after a failure.
import { readdir } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { type Tamper } from '../../src/emulator/index.js';
import { acquireTokens, isOktaError, loadConfig, type OktaError, type OktaErrorCode } from '../../src/engine/index.js';
import { withFileLock } from '../../src/engine/lock.js';
import { delta, engineEnv, errorText, secretsIn, useEngineBed } from './support.js';

const bed = useEngineBed();
/** Every message names an action for the reader: a fix, a setting, a step to take. */
const WHAT_TO_DO = /\b(fix|set|check|add|ask|wait|use|enrol|give|remove|start|configure|change|try|retry|point|unlock|reset|assign|copy|register|enable|run|sign in|update|report)\b/i;

/** Acquires with `extra` env and expects `code`; checks the message for secrets and that nothing was cached. */
async function expectFailure(code: OktaErrorCode, extra: Record<string, string> = {}, role = 'default'): Promise<OktaError> {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir, extra));
  let caught: unknown;
  try {
    await acquireTokens(config, role, { warn: () => {} });
  } catch (error) {
    caught = error;
  }
  expect(isOktaError(caught), errorText(caught)).toBe(true);
  const error = caught as OktaError;
  expect(error.code, error.message).toBe(code);
  // It says what to do: an instruction, not only what went wrong.
  expect(error.message).toMatch(WHAT_TO_DO);
  expect(secretsIn(errorText(error))).toEqual([]);
  const tokenFiles = (await readdir(bed.dir).catch(() => [])).filter((f) => /^okta-.*\.json$/.test(f));
  expect(tokenFiles).toEqual([]);
  return error;
}

test('ERR_AUTHN_FAILED: a bad password, asked once, then remembered without calling Okta', async () => {
  const before = bed.emulator.stats();
  const error = await expectFailure('ERR_AUTHN_FAILED', { OKTA_PASSWORD: 'wrong-password' });
  expect(error).toMatchObject({ status: 401, oktaErrorCode: 'E0000004' });
  expect(error.message).toContain('OKTA_PASSWORD');
  expect(error.message).not.toContain('wrong-password');
  const cost = delta(bed.emulator.stats(), before);
  expect(cost['POST /api/v1/authn']).toBe(1);
  expect(cost['GET /oauth2/default/v1/authorize']).toBeUndefined();

  const again = bed.emulator.stats();
  const remembered = await expectFailure('ERR_AUTHN_FAILED', { OKTA_PASSWORD: 'wrong-password' });
  expect(remembered.message).toContain('Remembered');
  expect(delta(bed.emulator.stats(), again)).toEqual({});

  // A changed password is a changed configuration: the marker no longer applies.
  const config = loadConfig(engineEnv(bed.emulator, bed.dir));
  expect((await acquireTokens(config, 'default')).source).toBe('login');
});

test('ERR_AUTHN_FAILED: a locked user when the org hides lockouts (Okta default)', async () => {
  await expectFailure('ERR_AUTHN_FAILED', { OKTA_USERNAME: 'locked@example.com' });
});

test('ERR_LOCKED_OUT: a locked user when the org shows lockouts', async () => {
  bed.emulator.setScenario({ showLockedOut: true });
  const error = await expectFailure('ERR_LOCKED_OUT', { OKTA_USERNAME: 'locked@example.com' });
  expect(error.message).toContain('locked@example.com');
});

test('ERR_PASSWORD_EXPIRED', async () => {
  const error = await expectFailure('ERR_PASSWORD_EXPIRED', { OKTA_USERNAME: 'expired@example.com' });
  expect(error.message).toContain('OKTA_PASSWORD');
});

test('ERR_MFA_REQUIRED: MFA without a TOTP secret', async () => {
  const error = await expectFailure('ERR_MFA_REQUIRED', { OKTA_USERNAME: 'mfa@example.com' });
  expect(error.message).toContain('OKTA_TOTP_SECRET');
  expect(error.message).toContain('token:software:totp');
});

test('ERR_MFA_REJECTED: a TOTP secret that is not the enrolled one', async () => {
  const error = await expectFailure('ERR_MFA_REJECTED', { OKTA_USERNAME: 'mfa@example.com', OKTA_TOTP_SECRET: 'GEZDGNBVGY3TQOJQ' });
  expect(error.status).toBe(403);
  expect(error.message).not.toContain('GEZDGNBVGY3TQOJQ');
});

test('ERR_MFA_ENROLL_REQUIRED: a user who must enrol a factor', async () => {
  const error = await expectFailure('ERR_MFA_ENROLL_REQUIRED', { OKTA_USERNAME: 'enroll@example.com' });
  expect(error.status).toBe(200);
  expect(error.message).toMatch(/enrol/i);
});

test('ERR_USER_NOT_ASSIGNED', async () => {
  const error = await expectFailure('ERR_USER_NOT_ASSIGNED', { OKTA_USERNAME: 'unassigned@example.com' });
  expect(error.oauthError).toBe('access_denied');
});

test('ERR_REDIRECT_URI names the URI sent', async () => {
  const error = await expectFailure('ERR_REDIRECT_URI', { OKTA_REDIRECT_URI: 'http://localhost:3000/not-registered' });
  expect(error.status).toBe(400);
  expect(error.message).toContain('http://localhost:3000/not-registered');
});

test('ERR_INVALID_CLIENT: an unknown client at /authorize', async () => {
  const error = await expectFailure('ERR_INVALID_CLIENT', { OKTA_CLIENT_ID: 'no-such-client' });
  expect(error.message).toContain('OKTA_CLIENT_ID');
});

test('ERR_INVALID_CLIENT: a wrong client secret at /token', async () => {
  const error = await expectFailure('ERR_INVALID_CLIENT', {
    OKTA_CLIENT_ID: 'demo-web',
    OKTA_CLIENT_SECRET: 'not-the-secret',
    OKTA_REDIRECT_URI: 'http://localhost:3000/authorization-code/callback',
  });
  expect(error.status).toBe(401);
  expect(error.message).not.toContain('not-the-secret');
});

test('ERR_AUTHORIZE: any other redirected error, with Okta\'s error and description', async () => {
  const error = await expectFailure('ERR_AUTHORIZE', { OKTA_SCOPES: 'openid no.such.scope' });
  expect(error.oauthError).toBe('invalid_scope');
  expect(error.message).toContain('invalid_scope');
  expect(error.message).toContain('One or more scopes are not configured for the authorization server resource.');
});

for (const engine of ['classic', 'identity-engine'] as const) {
  test(`ERR_SESSION_TOKEN_REJECTED: an expired sessionToken (${engine} sign-in answer)`, async () => {
    // The sessionToken lives 1 s and /authorize answers 1.5 s later: expired, as after 5 minutes on Okta.
    bed.emulator.setScenario({ engine, lifetimes: { sessionTokenSeconds: 1 } });
    bed.emulator.addFault({ route: 'GET /oauth2/default/v1/authorize', delayMs: 1500 });
    // authn's sessionToken: OKTA_LOGIN_FLOW=auto would sign in through IDX on Identity Engine.
    const error = await expectFailure('ERR_SESSION_TOKEN_REJECTED', { OKTA_LOGIN_FLOW: 'authn' });
    expect(error.message).toMatch(/single-use/);
    expect(error.message).toMatch(/5 minutes/);
    expect(error.message).toMatch(/sign-on policy/);
  });
}

test('ERR_STATE_MISMATCH', async () => {
  bed.emulator.setScenario({ tamper: 'state' });
  await expectFailure('ERR_STATE_MISMATCH');
});

test('ERR_TOKEN: the token endpoint refuses the code', async () => {
  bed.emulator.setScenario({ lifetimes: { codeSeconds: 1 } });
  bed.emulator.addFault({ route: 'POST /oauth2/default/v1/token', delayMs: 1500 });
  const error = await expectFailure('ERR_TOKEN');
  expect(error.oauthError).toBe('invalid_grant');
});

const tampers: Tamper[] = ['issuer', 'audience', 'signature', 'alg-none', 'expired', 'nonce', 'subject', 'unknown-kid'];
for (const tamper of tampers) {
  test(`ERR_TOKEN_INVALID: tampered tokens (${tamper})`, async () => {
    bed.emulator.setScenario({ tamper });
    await expectFailure('ERR_TOKEN_INVALID');
  });
}

test('ERR_TOKEN_INVALID: the access token is for another audience than OKTA_AUDIENCE', async () => {
  const error = await expectFailure('ERR_TOKEN_INVALID', { OKTA_AUDIENCE: 'api://someone-else' });
  expect(error.message).toContain('OKTA_AUDIENCE');
});

test('ERR_TOKEN_INVALID: a tampered service token (subject)', async () => {
  bed.emulator.setScenario({ tamper: 'subject' });
  await expectFailure('ERR_TOKEN_INVALID', {
    OKTA_ROLES: 'svc',
    OKTA_SVC_GRANT: 'client_credentials',
    OKTA_SVC_CLIENT_ID: 'demo-service',
    OKTA_SVC_CLIENT_SECRET: 'demo-service-secret',
    OKTA_SVC_SCOPES: 'demo.read',
  }, 'svc');
});

test('ERR_CONFIG: an unknown role, and an issuer that is not an authorization server', async () => {
  const error = await expectFailure('ERR_CONFIG', {}, 'nobody');
  expect(error.message).toContain('OKTA_ROLES');
  const issuer = await expectFailure('ERR_CONFIG', { OKTA_ISSUER: `${bed.emulator.orgUrl}/not-an-issuer` });
  expect(issuer.message).toContain('OKTA_ISSUER');
});

test('ERR_LOCK_TIMEOUT names the process holding the lock', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_LOCK_TIMEOUT_MS: '600' }));
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const files = await readdir(bed.dir).catch(() => []);
  expect(files).toEqual([]);
  // Learn the cache file name from a first login, then hold its lock while a second acquirer waits.
  await acquireTokens(config, 'default');
  const tokenFile = (await readdir(bed.dir)).find((f) => f.startsWith('okta-default-'))!;
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const holder = withFileLock(`${bed.dir}/${tokenFile}`, async () => {
    entered();
    await held;
  });
  await inside;
  const error = await acquireTokens(config, 'default', { fresh: true }).catch((e: unknown) => e);
  release();
  await holder;
  expect(isOktaError(error, 'ERR_LOCK_TIMEOUT'), errorText(error)).toBe(true);
  expect((error as OktaError).message).toContain(`process ${process.pid}`);
});
