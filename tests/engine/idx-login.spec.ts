// The IDX (Interaction Code) login against the emulator's Identity Engine: alice (password) and
// mfa@example.com (password + Google Authenticator) get valid tokens and Okta's session cookies (`idx`,
// `sid`); eight processes on a cold cache make one IDX login; every failure has its code, is remembered
// when retrying would only repeat it, and no stateHandle, interaction code or password reaches an error or
// stderr. Requests per cold login are counted from the emulator's audit.
import { test, expect } from '@playwright/test';
import { jwtVerify, createRemoteJWKSet } from 'jose';
import { acquireTokens, loadConfig, type OktaErrorCode } from '../../src/engine/index.js';
import { expectCode, expectNoSecrets, identityEngine, idxRequests } from './idx-support.js';
import { delta, engineEnv, PASSWORD, runCli, TOTP_SECRET, useEngineBed } from './support.js';

const bed = useEngineBed();
const MFA = { OKTA_USERNAME: 'mfa@example.com', OKTA_TOTP_SECRET: TOTP_SECRET };
const idxEnv = (extra: Record<string, string> = {}) => engineEnv(bed.emulator, bed.dir, { OKTA_LOGIN_FLOW: 'idx', ...extra });

/** Discovery and JWKS on disk first (bob signs in), so the counts below are one login's own. */
async function warm(): Promise<void> {
  await acquireTokens(loadConfig(idxEnv({ OKTA_USERNAME: 'bob@example.com' })), 'default');
}

async function verified(accessToken: string): Promise<Record<string, unknown>> {
  const jwks = createRemoteJWKSet(new URL(`${bed.emulator.issuer}/v1/keys`));
  return (await jwtVerify(accessToken, jwks, { issuer: bed.emulator.issuer, audience: 'api://default' })).payload;
}

test('alice through IDX (identifier first): valid tokens, the idx and sid cookies, five requests and no authn', async () => {
  identityEngine(bed.emulator, 'password');
  await warm();
  const before = bed.emulator.stats();
  const since = bed.emulator.audit().idx.length;
  const { source, tokens } = await acquireTokens(loadConfig(idxEnv()), 'default');
  expect(source).toBe('login');
  expect((await verified(tokens.accessToken)).sub).toBe('alice@example.com');
  expect(tokens.idTokenClaims?.sub).toBe(tokens.userId);
  expect(tokens.oktaSession?.cookies.map((c) => c.name).sort()).toEqual(['idx', 'sid']);
  expect(idxRequests(bed.emulator, since)).toEqual([
    'POST /oauth2/default/v1/interact',
    'POST /idp/idx/introspect',
    'POST /idp/idx/identify',
    'POST /idp/idx/challenge/answer',
    'POST /oauth2/default/v1/token (interaction_code)',
  ]);
  expect(delta(bed.emulator.stats(), before)['POST /api/v1/authn']).toBeUndefined();
  // The cached record serves the next acquisition.
  expect((await acquireTokens(loadConfig(idxEnv()), 'default')).source).toBe('cache');
});

test('password on the identify form ("password first" policy): one step less', async () => {
  identityEngine(bed.emulator, 'password');
  bed.emulator.setScenario({ idxPasswordOnIdentify: true });
  await warm();
  const since = bed.emulator.audit().idx.length;
  const { tokens } = await acquireTokens(loadConfig(idxEnv()), 'default');
  expect(tokens.accessTokenClaims.sub).toBe('alice@example.com');
  expect(idxRequests(bed.emulator, since)).toEqual([
    'POST /oauth2/default/v1/interact',
    'POST /idp/idx/introspect',
    'POST /idp/idx/identify',
    'POST /oauth2/default/v1/token (interaction_code)',
  ]);
});

test('mfa@example.com through IDX with a password + Google Authenticator policy: push and email passed over, TOTP answered', async () => {
  identityEngine(bed.emulator, 'password');
  await warm();
  identityEngine(bed.emulator, 'password+totp');
  const since = bed.emulator.audit().idx.length;
  const { tokens } = await acquireTokens(loadConfig(idxEnv(MFA)), 'default');
  expect((await verified(tokens.accessToken)).sub).toBe('mfa@example.com');
  expect(tokens.oktaSession?.cookies.map((c) => c.name)).toContain('idx');
  expect(idxRequests(bed.emulator, since)).toEqual([
    'POST /oauth2/default/v1/interact',
    'POST /idp/idx/introspect',
    'POST /idp/idx/identify',
    'POST /idp/idx/challenge/answer',
    'POST /idp/idx/challenge',
    'POST /idp/idx/challenge/answer',
    'POST /oauth2/default/v1/token (interaction_code)',
  ]);
});

test('two logins of the TOTP user back to back: the second waits for a new code rather than reuse one', async () => {
  test.setTimeout(90_000);
  identityEngine(bed.emulator, 'password+totp');
  const config = loadConfig(idxEnv(MFA));
  await acquireTokens(config, 'default');
  // Okta (and the emulator) accept each code once; a reused one would fail with ERR_MFA_REJECTED.
  const second = await acquireTokens(config, 'default', { fresh: true });
  expect(second.source).toBe('login');
});

test('eight processes on a cold cache: one IDX login, one token for all, nothing on stderr', async () => {
  test.setTimeout(120_000);
  identityEngine(bed.emulator, 'password+totp');
  const env = idxEnv(MFA);
  const before = bed.emulator.stats();
  const runs = await Promise.all(Array.from({ length: 8 }, () => runCli([], env, bed.dir)));
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  expect(new Set(runs.map((run) => run.stdout.trim())).size).toBe(1);
  for (const run of runs) expect(run.stderr).toBe('');
  const cost = delta(bed.emulator.stats(), before);
  expect(cost['POST /oauth2/default/v1/interact']).toBe(1);
  expect(cost['POST /idp/idx/identify']).toBe(1);
  expect(cost['POST /oauth2/default/v1/token']).toBe(1);
  expect(cost['POST /api/v1/authn']).toBeUndefined();
});

interface Failure {
  name: string;
  code: OktaErrorCode;
  env: Record<string, string>;
  policy?: 'password' | 'password+any' | 'password+totp';
  /** What the message must say (beyond the code). */
  says: RegExp[];
  /** A sticky failure: the next acquisition throws it again without a request. */
  remembered: boolean;
}

const FAILURES: Failure[] = [
  { name: 'a wrong password', code: 'ERR_AUTHN_FAILED', env: { OKTA_PASSWORD: 'wrong-password' }, says: [/errors\.E0000004|incorrectPassword/, /OKTA_PASSWORD/, /Not retried/], remembered: true },
  { name: 'a locked user (Okta answers "Authentication failed")', code: 'ERR_AUTHN_FAILED', env: { OKTA_USERNAME: 'locked@example.com' }, says: [/locked-out/], remembered: true },
  { name: 'a user not assigned to the app', code: 'ERR_USER_NOT_ASSIGNED', env: { OKTA_USERNAME: 'unassigned@example.com' }, says: [/idx\.error\.user\.not\.assigned\.to\.app/, /Assignments/], remembered: false },
  { name: 'a policy the user cannot satisfy (password + another factor, password only enrolled)', code: 'ERR_MFA_UNSATISFIABLE', env: {}, policy: 'password+any', says: [/oie\.assurance\.unsatisfiable/, /enrol a TOTP factor \(Google Authenticator\)/, /OKTA_TOTP_SECRET/], remembered: true },
  { name: 'MFA asked but no TOTP secret configured', code: 'ERR_MFA_REQUIRED', env: { OKTA_USERNAME: 'mfa@example.com' }, policy: 'password+totp', says: [/google_otp/, /OKTA_TOTP_SECRET/], remembered: true },
  { name: 'a wrong TOTP secret', code: 'ERR_MFA_REJECTED', env: { ...MFA, OKTA_TOTP_SECRET: 'GEZDGNBVGY3TQOJQ' }, policy: 'password+totp', says: [/soft_token\.invalid_passcode/, /OKTA_TOTP_SECRET/], remembered: false },
  { name: 'a user who must enrol a factor first', code: 'ERR_MFA_ENROLL_REQUIRED', env: { OKTA_USERNAME: 'enroll@example.com' }, says: [/Google Authenticator/, /OKTA_TOTP_SECRET/], remembered: true },
  { name: 'an expired password', code: 'ERR_PASSWORD_EXPIRED', env: { OKTA_USERNAME: 'expired@example.com' }, says: [/OKTA_PASSWORD/], remembered: true },
];

for (const f of FAILURES) {
  test(`${f.code}: ${f.name}`, async () => {
    // A second login that answers TOTP waits for a fresh code (up to 30 s).
    test.setTimeout(90_000);
    identityEngine(bed.emulator, f.policy ?? 'password');
    const config = loadConfig(idxEnv(f.env));
    const caught = await acquireTokens(config, 'default', { warn: () => {} }).catch((e: unknown) => e);
    const error = expectCode(bed.emulator, caught, f.code, ['wrong-password', 'GEZDGNBVGY3TQOJQ']);
    for (const pattern of f.says) expect(error.message).toMatch(pattern);
    expect(error.message).not.toMatch(/stateHandle|interaction_code=/);

    const before = bed.emulator.stats();
    const again = await acquireTokens(config, 'default', { warn: () => {} }).catch((e: unknown) => e);
    expectCode(bed.emulator, again, f.code, ['wrong-password', 'GEZDGNBVGY3TQOJQ']);
    if (f.remembered) {
      expect((again as Error).message).toContain('Remembered');
      expect(delta(bed.emulator.stats(), before)).toEqual({});
    } else {
      expect(delta(bed.emulator.stats(), before)['POST /oauth2/default/v1/interact']).toBe(1);
    }
  });
}

test('the CLI on a failed IDX login: one ERR_ line on stderr, no password, stateHandle or handle anywhere', async () => {
  identityEngine(bed.emulator, 'password');
  const run = await runCli([], idxEnv({ OKTA_PASSWORD: 'wrong-password' }), bed.dir);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')[0]).toMatch(/^okta-token: ERR_AUTHN_FAILED: Okta rejected the credentials of alice@example\.com/);
  expect(bed.emulator.audit().issued.stateHandles.length).toBeGreaterThan(0);
  expectNoSecrets(bed.emulator, run.stdout + run.stderr, ['wrong-password', PASSWORD]);
});

test('an IDX transaction that expires mid-login restarts the login, which then succeeds', async () => {
  identityEngine(bed.emulator, 'password');
  await warm();
  bed.emulator.addFault({ route: 'POST /idp/idx/challenge/answer', status: 401, headers: { 'content-type': 'application/ion+json; okta-version=1.0.0' }, body: JSON.stringify({ version: '1.0.0', messages: { type: 'array', value: [{ message: 'The session has expired.', i18n: { key: 'idx.session.expired' }, class: 'ERROR' }] } }) });
  const since = bed.emulator.audit().idx.length;
  const { source } = await acquireTokens(loadConfig(idxEnv()), 'default');
  expect(source).toBe('login');
  expect(idxRequests(bed.emulator, since).filter((r) => r === 'POST /oauth2/default/v1/interact')).toHaveLength(2);
});

test('OKTA_LOGIN_FLOW=idx on a Classic org: ERR_IDX_NOT_ENABLED says what to enable, or to use authn', async () => {
  const caught = await acquireTokens(loadConfig(idxEnv()), 'default', { warn: () => {} }).catch((e: unknown) => e);
  const error = expectCode(bed.emulator, caught, 'ERR_IDX_NOT_ENABLED');
  expect(error).toMatchObject({ status: 400, oauthError: 'access_denied' });
  expect(error.message).toContain('Interaction Code');
  expect(error.message).toContain('OKTA_LOGIN_FLOW=authn');
});
