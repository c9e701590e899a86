// Direct Authentication (OKTA_LOGIN_FLOW=direct) against the emulator's Identity Engine with demo-direct,
// the client that has its grants: one token request for a password-only policy, two (password → 403
// mfa_required → mfa-otp) for the TOTP user; each refusal has its code, and no mfa_token, password or
// TOTP secret reaches an error.
import { test, expect } from '@playwright/test';
import { acquireTokens, loadConfig, type OktaErrorCode } from '../../src/engine/index.js';
import { expectCode, identityEngine } from './idx-support.js';
import { delta, engineEnv, TOTP_SECRET, useEngineBed } from './support.js';

const bed = useEngineBed();
const CLIENT = 'demo-direct';
const TOKEN = 'POST /oauth2/default/v1/token';
const MFA = { OKTA_USERNAME: 'mfa@example.com', OKTA_TOTP_SECRET: TOTP_SECRET };
const directEnv = (extra: Record<string, string> = {}) => engineEnv(bed.emulator, bed.dir, { OKTA_LOGIN_FLOW: 'direct', OKTA_CLIENT_ID: CLIENT, ...extra });

async function warm(): Promise<void> {
  await acquireTokens(loadConfig(directEnv({ OKTA_USERNAME: 'bob@example.com' })), 'default');
}

test('alice: one password grant, validated tokens, nothing else asked of Okta', async () => {
  identityEngine(bed.emulator, 'password', CLIENT);
  await warm();
  const before = bed.emulator.stats();
  const since = bed.emulator.audit().direct.length;
  const { source, tokens } = await acquireTokens(loadConfig(directEnv()), 'default');
  expect(source).toBe('login');
  expect(tokens.accessTokenClaims.sub).toBe('alice@example.com');
  expect(tokens.idTokenClaims?.aud).toBe(CLIENT);
  expect(delta(bed.emulator.stats(), before)).toEqual({ [TOKEN]: 1 });
  expect(bed.emulator.audit().direct.slice(since).map((r) => r.request)).toEqual([`${TOKEN} (password)`]);
});

test('the TOTP user: password → 403 mfa_required → mfa-otp with a TOTP code, two requests', async () => {
  identityEngine(bed.emulator, 'password', CLIENT);
  await warm();
  identityEngine(bed.emulator, 'password+totp', CLIENT);
  const before = bed.emulator.stats();
  const { tokens } = await acquireTokens(loadConfig(directEnv(MFA)), 'default');
  expect(tokens.accessTokenClaims.sub).toBe('mfa@example.com');
  expect(delta(bed.emulator.stats(), before)).toEqual({ [TOKEN]: 2 });
  expect(bed.emulator.audit().direct.slice(-2).map((r) => r.request)).toEqual([`${TOKEN} (password)`, expect.stringMatching(/mfa-otp/)]);
});

const FAILURES: Array<{ name: string; code: OktaErrorCode; env: Record<string, string>; policy?: 'password' | 'password+any' | 'password+totp'; says: RegExp }> = [
  { name: 'a wrong password', code: 'ERR_AUTHN_FAILED', env: { OKTA_PASSWORD: 'wrong-password' }, says: /The credentials provided were invalid/ },
  { name: 'a user not assigned to the app', code: 'ERR_USER_NOT_ASSIGNED', env: { OKTA_USERNAME: 'unassigned@example.com' }, says: /Assignments/ },
  { name: 'an expired password', code: 'ERR_PASSWORD_EXPIRED', env: { OKTA_USERNAME: 'expired@example.com' }, says: /OKTA_PASSWORD/ },
  { name: 'MFA asked, no TOTP secret configured', code: 'ERR_MFA_REQUIRED', env: { OKTA_USERNAME: 'mfa@example.com' }, policy: 'password+totp', says: /OKTA_TOTP_SECRET/ },
  { name: 'a wrong TOTP secret', code: 'ERR_MFA_REJECTED', env: { ...MFA, OKTA_TOTP_SECRET: 'GEZDGNBVGY3TQOJQ' }, policy: 'password+totp', says: /otp/ },
  { name: 'a policy a password-only user cannot satisfy', code: 'ERR_MFA_UNSATISFIABLE', env: {}, policy: 'password+any', says: /Google Authenticator/ },
];

for (const f of FAILURES) {
  test(`${f.code}: ${f.name}`, async () => {
    identityEngine(bed.emulator, f.policy ?? 'password', CLIENT);
    const caught = await acquireTokens(loadConfig(directEnv(f.env)), 'default', { warn: () => {} }).catch((e: unknown) => e);
    const error = expectCode(bed.emulator, caught, f.code, ['wrong-password', 'GEZDGNBVGY3TQOJQ']);
    expect(error.message).toMatch(f.says);
    expect(error.message).not.toMatch(/mfa_token/);
  });
}

test('a client without the Direct Authentication grants: the error names the grants to enable', async () => {
  identityEngine(bed.emulator, 'password');
  const caught = await acquireTokens(loadConfig(directEnv({ OKTA_CLIENT_ID: 'demo-spa' })), 'default', { warn: () => {} }).catch((e: unknown) => e);
  const error = expectCode(bed.emulator, caught, 'ERR_TOKEN');
  expect(error.message).toContain('Resource Owner Password');
});
