// Okta's own SDK as the judge of the emulator's Identity Engine: @okta/okta-auth-js (v8, in Node) signs in
// end to end through IDX, and the tokens it gets pass @okta/jwt-verifier.
//
// okta-auth-js 8 has two ways to drive IDX (its docs/idx.md; IDX.md §3):
// - step mode, the default since 8.x: every `idx.proceed` names its `step` (or `actions`), and one call
//   makes one POST; `idx.authenticate({ username, password })` without a step throws "No `step` or
//   `action` provided".
// - legacy mode (`idx: { enableLegacyMode: true }`), what Okta's own tests and Express sample use: the SDK
//   remediates on its own with the values given, one POST per step it can answer, and stops (PENDING)
//   at the first it cannot: `authenticate({ username, password })` goes identify → password challenge →
//   (Google Authenticator chosen when `authenticators: ['google_otp']` is given) and `proceed({
//   verificationCode })` answers the code, then redeems the interaction code at /token.
// Both are exercised; the status and tokens come from the SDK's own parsing of the emulator's answers.
import { test, expect } from '@playwright/test';
import { OktaAuth, type IdxTransaction } from '@okta/okta-auth-js';
import OktaJwtVerifier from '@okta/jwt-verifier';
import type { EmulatorHandle } from '../../src/emulator/types.js';
import { DEMO_SPA, PASSWORD, nextTotp, startIdentityEngine, totpCode } from './idx.helpers.js';
import { wrongTotpCode } from './wire-http.js';

let emu: EmulatorHandle;
test.beforeEach(async () => {
  emu = await startIdentityEngine();
});
test.afterEach(async () => {
  await emu.close();
});

/** One SDK instance per sign-in, with storage of its own (the default memory storage is shared). */
function authClient(mode: 'legacy' | 'step'): OktaAuth {
  const store = new Map<string, string>();
  const storageProvider = {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => void store.set(key, value),
    removeItem: (key: string) => void store.delete(key),
  };
  const storage = { storageProvider };
  return new OktaAuth({
    issuer: emu.issuer,
    clientId: DEMO_SPA.clientId,
    redirectUri: DEMO_SPA.redirectUri,
    scopes: ['openid', 'profile', 'email'],
    storageManager: { token: storage, transaction: storage, 'shared-transaction': storage, 'original-uri': storage, cache: storage },
    ...(mode === 'legacy' ? { idx: { enableLegacyMode: true } } : {}),
  } as ConstructorParameters<typeof OktaAuth>[0]);
}

/** The SDK's tokens, checked by Okta's verifier against the emulator's JWKS. */
async function expectVerifiedTokens(transaction: IdxTransaction, login: string): Promise<void> {
  expect(transaction.status, JSON.stringify(transaction.messages ?? [])).toBe('SUCCESS');
  const tokens = transaction.tokens!;
  const verifier = new OktaJwtVerifier({ issuer: emu.issuer, clientId: DEMO_SPA.clientId, testing: { disableHttpsCheck: true } });
  const access = await verifier.verifyAccessToken(tokens.accessToken!.accessToken, 'api://default');
  expect(access.claims.sub).toBe(login);
  expect(access.claims.cid).toBe(DEMO_SPA.clientId);
  const id = await verifier.verifyIdToken(tokens.idToken!.idToken, DEMO_SPA.clientId, tokens.idToken!.claims.nonce);
  expect(id.claims.preferred_username).toBe(login);
}

test('legacy mode: idx.authenticate({ username, password }) signs alice in', async () => {
  const transaction = await authClient('legacy').idx.authenticate({ username: 'alice@example.com', password: PASSWORD });
  await expectVerifiedTokens(transaction, 'alice@example.com');
  expect(emu.stats()['POST /idp/idx/identify']).toBe(1);
  expect(emu.stats()['POST /idp/idx/challenge/answer']).toBe(1);
});

test('legacy mode: mfa@example.com stops at the Google Authenticator code, then idx.proceed({ verificationCode })', async () => {
  const auth = authClient('legacy');
  const pending = await auth.idx.authenticate({ username: 'mfa@example.com', password: PASSWORD, authenticators: ['google_otp'] });
  expect(pending.status).toBe('PENDING');
  expect(pending.nextStep?.name).toBe('challenge-authenticator');
  expect(pending.nextStep?.inputs?.map((input) => input.name)).toEqual(['verificationCode']);
  const done = await auth.idx.proceed({ verificationCode: totpCode() });
  await expectVerifiedTokens(done, 'mfa@example.com');
  expect(done.tokens!.idToken!.claims.amr).toEqual(['pwd', 'mfa', 'otp']);
});

test('legacy mode: without an authenticator the SDK stops at select-authenticator-authenticate, Google Authenticator among the options', async () => {
  const pending = await authClient('legacy').idx.authenticate({ username: 'mfa@example.com', password: PASSWORD });
  expect(pending.status).toBe('PENDING');
  expect(pending.nextStep?.name).toBe('select-authenticator-authenticate');
  const options = (pending.nextStep?.inputs?.[0]?.options ?? []) as { value: string }[];
  expect(options.map((option) => option.value)).toEqual(['okta_verify', 'okta_email', 'google_otp']);
});

test('step mode: start, identify, password, select Google Authenticator, answer: one POST per step', async () => {
  const auth = authClient('step');
  await auth.idx.start();
  const password = await auth.idx.proceed({ step: 'identify', username: 'mfa@example.com' });
  expect(password.nextStep?.name).toBe('challenge-authenticator');
  const select = await auth.idx.proceed({ step: 'challenge-authenticator', password: PASSWORD });
  expect(select.nextStep?.name).toBe('select-authenticator-authenticate');
  const challenge = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'google_otp' });
  expect(challenge.nextStep?.name).toBe('challenge-authenticator');
  const done = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: nextTotp() });
  await expectVerifiedTokens(done, 'mfa@example.com');
  expect(emu.stats()['POST /idp/idx/challenge']).toBe(1);
});

test('the SDK reads the emulator’s errors: a wrong password and a wrong code come back as messages, PENDING', async () => {
  const wrong = await authClient('legacy').idx.authenticate({ username: 'alice@example.com', password: 'not-the-password' });
  expect(wrong.status).toBe('PENDING');
  expect(wrong.messages?.map((message) => message.i18n?.key)).toEqual(['incorrectPassword']);

  const auth = authClient('legacy');
  await auth.idx.authenticate({ username: 'mfa@example.com', password: PASSWORD, authenticators: ['google_otp'] });
  const badCode = await auth.idx.proceed({ verificationCode: wrongTotpCode() });
  expect(badCode.status).toBe('PENDING');
  expect(badCode.messages?.map((message) => message.i18n?.key)).toEqual(['authfactor.challenge.soft_token.invalid_passcode']);
});

test('an unsatisfiable app policy: the SDK surfaces oie.assurance.unsatisfiable and gets no tokens', async () => {
  emu.setScenario({ appPolicies: { [DEMO_SPA.clientId]: 'password+totp' } });
  const transaction = await authClient('legacy').idx.authenticate({ username: 'bob@example.com', password: PASSWORD });
  expect(transaction.status).not.toBe('SUCCESS');
  expect(transaction.tokens).toBeUndefined();
  expect(transaction.messages?.map((message) => message.i18n?.key)).toEqual(['oie.assurance.unsatisfiable']);
});
