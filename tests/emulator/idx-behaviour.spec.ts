// How the emulator behaves as an Identity Engine org: IDX sign-ins end to end, one-time codes and passcodes,
// PKCE, code and transaction lifetimes (shortened through the scenario, never waited for), app policies at
// /authorize (step-up page, prompt=none), the `idx` cookie, Direct Authentication, the request audit, and
// no secret echoed in an error.
import { test, expect } from '@playwright/test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { EmulatorHandle } from '../../src/emulator/types.js';
import { DEFAULT_SEED, DEMO, startEmulator } from '../../src/emulator/index.js';
import {
  DEMO_DIRECT,
  DEMO_SPA,
  MFA_OTP,
  PASSWORD,
  idx,
  idxBody,
  idxLogin,
  interact,
  jsonObject,
  nextTotp,
  optionId,
  redeem,
  remediation,
  remediationNames,
  send,
  startIdentityEngine,
  totpCode,
  type Doc,
} from './idx.helpers.js';
import { pkcePair, sessionTokenFor, wrongTotpCode } from './wire-http.js';

let emu: EmulatorHandle;
test.beforeEach(async () => {
  emu = await startIdentityEngine();
});
test.afterEach(async () => {
  await emu.close();
});

async function tokensFrom(res: Awaited<ReturnType<typeof redeem>>, issuer: string): Promise<Record<string, any>> {
  expect(res.status, 'token').toBe(200);
  const body = jsonObject(res);
  const jwks = createRemoteJWKSet(new URL(`${issuer}/v1/keys`));
  const id = await jwtVerify(String(body.id_token), jwks, { issuer, audience: DEMO_SPA.clientId });
  return { ...body, idClaims: id.payload };
}

/** Waits until the clock has moved 2 ms past `since`: a 1 ms lifetime is then over, however fast the machine. */
async function clockPast(since: number): Promise<void> {
  await expect.poll(() => Date.now(), { intervals: [1] }).toBeGreaterThan(since + 2);
}

async function toChallenge(username: string, authenticator: string): Promise<{ stateHandle: string; doc: Doc }> {
  const started = await interact(emu.issuer);
  const stateHandle = idxBody(await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle }), 'introspect').stateHandle;
  await idx(emu.orgUrl, 'identify', { identifier: username, stateHandle });
  const select = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }), 'answer');
  const doc = idxBody(await idx(emu.orgUrl, 'challenge', { authenticator: { id: optionId(select, authenticator) }, stateHandle }), 'challenge');
  return { stateHandle, doc };
}

test.describe('sign-ins', () => {
  test('alice: identify, password, code, tokens that verify, amr pwd', async () => {
    const login = await idxLogin(emu, 'alice@example.com');
    const tokens = await tokensFrom(await redeem(emu.issuer, login.code, login.verifier), emu.issuer);
    expect(tokens.idClaims.amr).toEqual(['pwd']);
    expect(tokens.idClaims.preferred_username).toBe('alice@example.com');
  });

  test('mfa@example.com: password then Google Authenticator, amr with otp', async () => {
    const login = await idxLogin(emu, 'mfa@example.com');
    const tokens = await tokensFrom(await redeem(emu.issuer, login.code, login.verifier), emu.issuer);
    expect(tokens.idClaims.amr).toEqual(['pwd', 'mfa', 'otp']);
  });

  test('the org authorization server: /oauth2/v1/interact, its token endpoint in the issue form', async () => {
    const login = await idxLogin(emu, 'alice@example.com', { base: `${emu.orgUrl}/oauth2` });
    expect(login.docs.at(-1)!.successWithInteractionCode.href).toBe(`${emu.orgUrl}/oauth2/v1/token`);
    const elsewhere = await redeem(emu.issuer, login.code, login.verifier);
    expect(jsonObject(elsewhere).error, 'not at another server').toBe('invalid_grant');
    expect((await redeem(`${emu.orgUrl}/oauth2`, login.code, login.verifier)).status, 'the code was left unspent').toBe(200);
  });

  test('each SDK’s headers are accepted: okta-auth-js, Java (ion+json), Go (Accepts)', async () => {
    const sdkHeaders: Record<string, Record<string, string>> = {
      'okta-auth-js': { 'content-type': 'application/json', accept: 'application/json; okta-version=1.0.0' },
      java: { 'content-type': 'application/ion+json; okta-version=1.0.0', accept: 'application/ion+json; okta-version=1.0.0' },
      go: { 'content-type': 'application/json; okta-version=1.0.0', accepts: 'application/json; okta-version=1.0.0' },
    };
    for (const [sdk, headers] of Object.entries(sdkHeaders)) {
      const started = await interact(emu.issuer);
      const introspect = await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle }, headers);
      expect(introspect.status, sdk).toBe(200);
      const stateHandle = idxBody(introspect, sdk).stateHandle;
      expect((await idx(emu.orgUrl, 'identify', { identifier: 'bob@example.com', stateHandle }, headers)).status, sdk).toBe(200);
      const done = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }, headers), sdk);
      expect(done.successWithInteractionCode, sdk).toBeTruthy();
    }
  });

  test('Go redeems with everything in the query string and an empty body', async () => {
    const login = await idxLogin(emu, 'alice@example.com');
    const query = new URLSearchParams({ grant_type: 'interaction_code', interaction_code: login.code, client_id: DEMO_SPA.clientId, code_verifier: login.verifier });
    const res = await send(`${emu.issuer}/v1/token?${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await tokensFrom(res, emu.issuer);
  });

  test('password expired: reenroll-authenticator after the password, never a code', async () => {
    const started = await interact(emu.issuer);
    const stateHandle = idxBody(await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle }), 'i').stateHandle;
    await idx(emu.orgUrl, 'identify', { identifier: 'expired@example.com', stateHandle });
    const doc = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }), 'answer');
    expect(remediationNames(doc)).toEqual(['reenroll-authenticator']);
    expect(doc.successWithInteractionCode).toBeUndefined();
  });

  test('a user who must enrol a factor gets select-authenticator-enroll, never a code', async () => {
    const started = await interact(emu.issuer);
    const stateHandle = idxBody(await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle }), 'i').stateHandle;
    await idx(emu.orgUrl, 'identify', { identifier: 'enroll@example.com', stateHandle });
    const doc = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }), 'answer');
    expect(remediationNames(doc)).toEqual(['select-authenticator-enroll']);
  });

  test('Okta Verify push is never approved: challenge-poll, and polling changes nothing', async () => {
    const { stateHandle, doc } = await toChallenge('mfa@example.com', 'okta_verify');
    expect(remediationNames(doc)).toEqual(['challenge-poll']);
    const poll = remediation(doc, 'challenge-poll');
    const again = idxBody(await idx(emu.orgUrl, poll.href.replace(emu.orgUrl, ''), { stateHandle }), 'poll');
    expect(remediationNames(again)).toEqual(['challenge-poll']);
    expect(again.successWithInteractionCode).toBeUndefined();
  });

  test('the select step does not let a client skip the password', async () => {
    const earlier = await toChallenge('mfa@example.com', 'google_otp');
    const googleId = earlier.doc.authenticators.value[0].id as string;
    const started = await interact(emu.issuer);
    const stateHandle = idxBody(await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle }), 'i').stateHandle;
    await idx(emu.orgUrl, 'identify', { identifier: 'mfa@example.com', stateHandle });
    const res = await idx(emu.orgUrl, 'challenge', { authenticator: { id: googleId }, stateHandle });
    expect(res.status, 'Google Authenticator before the password').toBe(400);
    expect(remediationNames(idxBody(res, 'skip')), 'still at the password').toEqual(['challenge-authenticator']);
    const answerTotp = await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: totpCode() }, stateHandle });
    expect(idxBody(answerTotp, 'totp as password').successWithInteractionCode, 'a TOTP code is no password').toBeUndefined();
  });
});

test.describe('one-time codes, PKCE and lifetimes', () => {
  test('an interaction code is redeemed once', async () => {
    const login = await idxLogin(emu, 'alice@example.com');
    expect((await redeem(emu.issuer, login.code, login.verifier)).status).toBe(200);
    const again = await redeem(emu.issuer, login.code, login.verifier);
    expect(again.status).toBe(400);
    expect(jsonObject(again)).toEqual({ error: 'invalid_grant', error_description: 'The interaction code is invalid or has expired.' });
  });

  test('PKCE: a missing verifier, a wrong one and another client are refused; the right one then works', async () => {
    const login = await idxLogin(emu, 'alice@example.com');
    const missing = await send(`${emu.issuer}/v1/token`, {
      form: { grant_type: 'interaction_code', client_id: DEMO_SPA.clientId, interaction_code: login.code },
    });
    expect(jsonObject(missing).error).toBe('invalid_request');
    expect(jsonObject(await redeem(emu.issuer, login.code, pkcePair().verifier)).error).toBe('invalid_grant');
    const otherClient = await redeem(emu.issuer, login.code, login.verifier, { client_id: DEMO_DIRECT.clientId });
    expect(jsonObject(otherClient).error).toBe('invalid_grant');
    expect((await redeem(emu.issuer, login.code, login.verifier)).status).toBe(200);
  });

  test('interact requires PKCE S256 and a registered redirect URI', async () => {
    for (const [label, params] of [
      ['no challenge', { code_challenge: '', code_challenge_method: '' }],
      ['plain', { code_challenge_method: 'plain' }],
      ['unregistered redirect', { redirect_uri: 'https://evil.example.com/cb' }],
      ['unknown scope', { scope: 'openid nope' }],
    ] as const) {
      const { res } = await interact(emu.issuer, { params });
      expect(res.status, label).toBe(400);
    }
    const service = await interact(emu.issuer, { clientId: DEMO.serviceClientId, secret: DEMO.serviceClientSecret });
    expect(jsonObject(service.res).error, 'a client without the Interaction Code grant').toBe('access_denied');
  });

  test('codes live 60 s by default; the lifetime is read at redemption, so a shortened one expires a code', async () => {
    expect(DEFAULT_SEED.lifetimes.interactionCodeSeconds).toBe(60);
    const kept = await idxLogin(emu, 'alice@example.com');
    const expired = await idxLogin(emu, 'bob@example.com');
    const issued = Date.now();
    emu.setScenario({ lifetimes: { interactionCodeSeconds: 60 } });
    expect((await redeem(emu.issuer, kept.code, kept.verifier)).status, 'well within 60 s').toBe(200);
    emu.setScenario({ lifetimes: { interactionCodeSeconds: 0.001 } });
    await clockPast(issued);
    const late = await redeem(emu.issuer, expired.code, expired.verifier);
    expect(jsonObject(late).error_description).toBe('The interaction code is invalid or has expired.');
  });

  test('an expired transaction: 401 idx.session.expired at the next step', async () => {
    const started = await interact(emu.issuer);
    const stateHandle = idxBody(await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle }), 'i').stateHandle;
    const opened = Date.now();
    emu.setScenario({ lifetimes: { idxTransactionSeconds: 0.001 } });
    await clockPast(opened);
    const res = await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com', stateHandle });
    expect(res.status).toBe(401);
    expect(idxBody(res, 'expired').messages.value[0].i18n.key).toBe('idx.session.expired');
  });

  test('a TOTP code is accepted once, across IDX and /api/v1/authn', async () => {
    const code = totpCode();
    await idxLogin(emu, 'mfa@example.com', { totp: code });
    const { stateHandle } = await toChallenge('mfa@example.com', 'google_otp');
    const reused = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: code }, stateHandle }), 'reused');
    expect(reused.successWithInteractionCode).toBeUndefined();
    const authn = jsonObject(await send(`${emu.orgUrl}/api/v1/authn`, { json: { username: 'mfa@example.com', password: PASSWORD } }));
    const factor = (authn._embedded as Doc).factors.find((f: Doc) => f.factorType === 'token:software:totp');
    const verify = await send(factor._links.verify.href, { json: { stateToken: authn.stateToken, passCode: code } });
    expect(verify.status, 'authn refuses the code IDX spent').toBe(403);
  });

  test('cancel: a new stateHandle at the identify form; the old one is gone', async () => {
    const started = await interact(emu.issuer);
    const first = idxBody(await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle }), 'i');
    await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com', stateHandle: first.stateHandle });
    const cancelled = idxBody(await idx(emu.orgUrl, 'cancel', { stateHandle: first.stateHandle }), 'cancel');
    expect(remediationNames(cancelled)).toEqual(['identify']);
    expect(cancelled.stateHandle).not.toBe(first.stateHandle);
    expect((await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com', stateHandle: first.stateHandle })).status).toBe(401);
    const again = idxBody(await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle }), 'introspect after cancel');
    expect(again.stateHandle, 'the interaction goes on with the new transaction').toBe(cancelled.stateHandle);
  });

  test('a Classic org has no IDX: every route refuses with feature-not-enabled', async () => {
    emu.setScenario({ engine: 'classic' });
    for (const path of ['introspect', 'identify', 'challenge', 'challenge/answer', 'cancel']) {
      const res = await idx(emu.orgUrl, path, { stateHandle: 'x' });
      expect(res.status, path).toBe(400);
      expect(jsonObject(res).error, path).toBe('access_denied');
    }
    const login = await send(`${emu.issuer}/v1/token`, { form: { grant_type: 'interaction_code', client_id: DEMO_SPA.clientId, interaction_code: 'x' } });
    expect(jsonObject(login).error).toBe('unsupported_grant_type');
  });
});

test.describe('app policies', () => {
  test('password+totp: only Google Authenticator is offered; bob (no TOTP) cannot satisfy it', async () => {
    emu.setScenario({ appPolicies: { [DEMO_SPA.clientId]: 'password+totp' } });
    const started = await interact(emu.issuer);
    const stateHandle = idxBody(await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle }), 'i').stateHandle;
    await idx(emu.orgUrl, 'identify', { identifier: 'mfa@example.com', stateHandle });
    const select = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }), 'answer');
    expect(select.authenticatorEnrollments.value.map((e: Doc) => e.key)).toEqual(['google_otp']);
    const bob = await idxLogin(emu, 'alice@example.com', { clientId: DEMO_DIRECT.clientId });
    expect(bob.code, 'other clients keep their own policy').toBeTruthy();
    const refused = await interact(emu.issuer);
    const handle = idxBody(await idx(emu.orgUrl, 'introspect', { interactionHandle: refused.handle }), 'i').stateHandle;
    const res = await idx(emu.orgUrl, 'identify', { identifier: 'bob@example.com', stateHandle: handle });
    expect(idxBody(res, 'bob').messages.value[0].i18n.key).toBe('oie.assurance.unsatisfiable');
  });

  test('a user with only push and email: password+any offers just those, password+totp cannot be met', async () => {
    const seeded = await startEmulator({
      seed: { users: [{ login: 'push@example.com', password: PASSWORD, firstName: 'Pia', lastName: 'Push', headlessUnanswerable: ['okta_verify', 'okta_email'] }] },
      scenario: { engine: 'identity-engine', appPolicies: { [DEMO_SPA.clientId]: 'password+any' } },
    });
    try {
      const started = await interact(seeded.issuer);
      const stateHandle = idxBody(await idx(seeded.orgUrl, 'introspect', { interactionHandle: started.handle }), 'i').stateHandle;
      await idx(seeded.orgUrl, 'identify', { identifier: 'push@example.com', stateHandle });
      const select = idxBody(await idx(seeded.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }), 'answer');
      expect(select.authenticatorEnrollments.value.map((e: Doc) => e.key)).toEqual(['okta_verify', 'okta_email']);
      seeded.setScenario({ appPolicies: { [DEMO_SPA.clientId]: 'password+totp' } });
      const again = await interact(seeded.issuer);
      const handle = idxBody(await idx(seeded.orgUrl, 'introspect', { interactionHandle: again.handle }), 'i').stateHandle;
      const refused = idxBody(await idx(seeded.orgUrl, 'identify', { identifier: 'push@example.com', stateHandle: handle }), 'identify');
      expect(refused.messages.value[0].i18n.key).toBe('oie.assurance.unsatisfiable');
    } finally {
      await seeded.close();
    }
  });

  test('a seed chooses Identity Engine and policies; the scenario overrides the engine', async () => {
    const seeded = await startEmulator({ seed: { engine: 'identity-engine', appPolicies: { [DEMO_SPA.clientId]: 'password+any' } } });
    try {
      const org = jsonObject(await send(`${seeded.orgUrl}/.well-known/okta-organization`));
      expect(org.pipeline).toBe('idx');
      const scenario = jsonObject(await send(`${seeded.orgUrl}/__emulator/scenario`));
      expect(scenario.appPolicies).toEqual({ [DEMO_SPA.clientId]: 'password+any' });
      seeded.setScenario({ engine: 'classic' });
      expect(jsonObject(await send(`${seeded.orgUrl}/.well-known/okta-organization`)).pipeline).toBe('v1');
      seeded.reset();
      expect(jsonObject(await send(`${seeded.orgUrl}/.well-known/okta-organization`)).pipeline, 'reset restores the seed').toBe('idx');
    } finally {
      await seeded.close();
    }
    expect(() => emu.setScenario({ appPolicies: { x: 'password+sms' as never } })).toThrow(/appPolicies\.x/);
  });
});

test.describe('/authorize with a sessionToken on Identity Engine', () => {
  /** An authorize URL for demo-spa; without a sessionToken when it is ''. */
  function authorize(sessionToken: string, extra: Record<string, string> = {}): string {
    const { challenge } = pkcePair();
    const query = new URLSearchParams({
      client_id: DEMO_SPA.clientId,
      redirect_uri: DEMO_SPA.redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: 'st',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...(sessionToken ? { sessionToken } : {}),
      ...extra,
    });
    return `${emu.issuer}/v1/authorize?${query}`;
  }

  test('a policy the session does not satisfy: the step-up page (200 HTML, no redirect)', async () => {
    emu.setScenario({ appPolicies: { [DEMO_SPA.clientId]: 'password+totp' } });
    const { sessionToken } = await sessionTokenFor(emu.orgUrl, 'alice@example.com');
    const res = await send(authorize(sessionToken));
    expect(res.status).toBe(200);
    expect(res.location).toBeNull();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('Verify it’s you with a security method');
    expect(res.text).not.toContain(sessionToken);
  });

  test('with prompt=none: the redirected login_required, Okta’s app-sign-on text', async () => {
    emu.setScenario({ appPolicies: { [DEMO_SPA.clientId]: 'password+any' } });
    const { sessionToken } = await sessionTokenFor(emu.orgUrl, 'alice@example.com');
    const res = await send(authorize(sessionToken, { prompt: 'none' }));
    expect(res.status).toBe(302);
    const params = new URL(res.location!).searchParams;
    expect(params.get('error')).toBe('login_required');
    expect(params.get('error_description')).toBe('The client specified not to prompt, but the client app requires re-authentication or MFA.');
    expect(params.get('state')).toBe('st');
  });

  test('a session that proved TOTP satisfies it: a code, with idx beside sid; the idx cookie alone is a session', async () => {
    emu.setScenario({ appPolicies: { [DEMO_SPA.clientId]: 'password+totp' } });
    const { sessionToken } = await sessionTokenFor(emu.orgUrl, 'mfa@example.com');
    const res = await send(authorize(sessionToken));
    expect(res.status).toBe(302);
    expect(new URL(res.location!).searchParams.get('code')).toBeTruthy();
    const names = res.setCookies.map((line) => line.split('=')[0]);
    expect(names).toEqual(expect.arrayContaining(['sid', 'idx']));
    const idxCookie = res.setCookies.find((line) => line.startsWith('idx='))!.split(';')[0]!;
    const silent = await send(authorize('', { prompt: 'none' }), { cookie: idxCookie });
    expect(new URL(silent.location!).searchParams.get('code'), 'prompt=none with the idx cookie only').toBeTruthy();
  });

  test('Classic does not enforce app policies at /authorize, and sets no idx cookie', async () => {
    emu.setScenario({ engine: 'classic', appPolicies: { [DEMO_SPA.clientId]: 'password+totp' } });
    const { sessionToken } = await sessionTokenFor(emu.orgUrl, 'alice@example.com');
    const res = await send(authorize(sessionToken));
    expect(res.status).toBe(302);
    expect(res.setCookies.some((line) => line.startsWith('idx='))).toBe(false);
  });

  test('an IDX sign-in opens the Okta session: sid and idx cookies that /authorize accepts', async () => {
    const login = await idxLogin(emu, 'alice@example.com');
    const cookies = login.final.setCookies.map((line) => line.split(';')[0]!);
    expect(cookies.map((c) => c.split('=')[0])).toEqual(['sid', 'idx']);
    const res = await send(authorize('', { prompt: 'none' }), { cookie: cookies.join('; ') });
    expect(new URL(res.location!).searchParams.get('code')).toBeTruthy();
  });
});

test.describe('Direct Authentication', () => {
  const token = (form: Record<string, string>) => send(`${emu.issuer}/v1/token`, { form: { client_id: DEMO_DIRECT.clientId, scope: 'openid profile', ...form } });

  test('a password-only user gets tokens at once; an MFA user after mfa-otp, the mfa_token then spent', async () => {
    const alice = await token({ grant_type: 'password', username: 'alice@example.com', password: PASSWORD });
    expect(alice.status).toBe(200);
    expect(jsonObject(alice).access_token).toEqual(expect.any(String));

    const first = jsonObject(await token({ grant_type: 'password', username: 'mfa@example.com', password: PASSWORD }));
    const mfaToken = String(first.mfa_token);
    const wrong = await token({ grant_type: MFA_OTP, mfa_token: mfaToken, otp: wrongTotpCode() });
    expect(jsonObject(wrong)).toEqual({ error: 'invalid_grant', error_description: "The 'otp' provided is either empty or incorrect. Use the correct OTP and try again." });
    expect(wrong.text).not.toContain(mfaToken);
    const ok = await token({ grant_type: MFA_OTP, mfa_token: mfaToken, otp: totpCode() });
    expect(ok.status).toBe(200);
    const again = await token({ grant_type: MFA_OTP, mfa_token: mfaToken, otp: nextTotp() });
    expect(jsonObject(again).error, 'the mfa_token is single use').toBe('invalid_grant');
  });

  test('errors: wrong password, a client without the grant, an unsatisfiable policy, a Classic org', async () => {
    const wrong = await token({ grant_type: 'password', username: 'alice@example.com', password: 'not-it-at-all' });
    expect(jsonObject(wrong)).toEqual({ error: 'invalid_grant', error_description: 'The credentials provided were invalid.' });
    expect(wrong.text).not.toContain('not-it-at-all');
    const spa = await send(`${emu.issuer}/v1/token`, { form: { client_id: DEMO_SPA.clientId, grant_type: 'password', username: 'alice@example.com', password: PASSWORD, scope: 'openid' } });
    expect(jsonObject(spa).error).toBe('unauthorized_client');
    emu.setScenario({ appPolicies: { [DEMO_DIRECT.clientId]: 'password+any' } });
    const denied = await token({ grant_type: 'password', username: 'alice@example.com', password: PASSWORD });
    expect(denied.status).toBe(403);
    expect(jsonObject(denied).error).toBe('access_denied');
    emu.setScenario({ engine: 'classic' });
    const classic = await token({ grant_type: 'password', username: 'mfa@example.com', password: PASSWORD });
    expect(jsonObject(classic).error, 'Direct Authentication is Identity Engine only').toBe('unsupported_grant_type');
    expect((await token({ grant_type: MFA_OTP, mfa_token: 'x', otp: '123456' })).status).toBe(400);
  });
});

test.describe('audit', () => {
  test('every IDX and Direct Authentication request, with the user it was for', async () => {
    await idxLogin(emu, 'alice@example.com').then((login) => redeem(emu.issuer, login.code, login.verifier));
    await send(`${emu.issuer}/v1/token`, {
      form: { client_id: DEMO_DIRECT.clientId, scope: 'openid', grant_type: 'password', username: 'bob@example.com', password: PASSWORD },
    });
    const audit = emu.audit();
    expect(audit.idx.map((entry) => [entry.request, entry.login])).toEqual([
      ['POST /oauth2/default/v1/interact', 'alice@example.com'],
      ['POST /idp/idx/introspect', 'alice@example.com'],
      ['POST /idp/idx/identify', 'alice@example.com'],
      ['POST /idp/idx/challenge/answer', 'alice@example.com'],
      ['POST /oauth2/default/v1/token (interaction_code)', 'alice@example.com'],
    ]);
    expect(audit.direct.map((entry) => [entry.request, entry.login])).toEqual([['POST /oauth2/default/v1/token (password)', 'bob@example.com']]);
    expect(audit.issued.interactionCodes).toHaveLength(1);
    expect(audit.issued.stateHandles).toHaveLength(1);
    emu.reset();
    expect(emu.audit().idx).toEqual([]);
  });
});
