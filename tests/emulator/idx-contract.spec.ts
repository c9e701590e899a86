// The emulator's Identity Engine answers held against Okta's: the IDX, interact, token and Direct
// Authentication samples in tests/emulator/okta-wire/idx (each names its source in IDX.md, Appendix A).
// Compared: the body's shape (keys and JSON types, every allowance listed with its reason), form names,
// messages and i18n keys verbatim, and statuses only where the sources agree (IDX.md §2 and §7: SDK tests
// disagree on a wrong password's 400/403 and a wrong code's 401/403, so those are only checked to be 4xx).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { EmulatorHandle } from '../../src/emulator/types.js';
import { shapeDiff, wireDir, type ShapeRules } from './wire-fixtures.js';
import { expectHeaders } from './wire-expect.js';
import { wrongTotpCode } from './wire-http.js';
import {
  DEMO_DIRECT,
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
  expectWellFormed,
  type Doc,
} from './idx.helpers.js';

/** A sample from okta-wire/idx: the bare body, as the SDK fixture or doc has it. */
function sample(name: string): Doc {
  return JSON.parse(readFileSync(path.join(wireDir, 'idx', name), 'utf8')) as Doc;
}

function expectShapeLike(actual: unknown, sampleName: string, rules: ShapeRules = {}): void {
  expect(shapeDiff(sample(sampleName), actual, rules), `shape differs from ${sampleName}`).toEqual([]);
}

/** The messages of a sample, verbatim. */
function sampleMessages(name: string): unknown[] {
  return sample(name).messages.value;
}

/** The passcode field's messages (field-level errors, IDX.md §2). */
function passcodeMessages(doc: Doc): unknown[] {
  const challenge = remediation(doc, 'challenge-authenticator');
  const credentials = challenge.value.find((field: Doc) => field.name === 'credentials');
  return credentials.form.value.find((field: Doc) => field.name === 'passcode').messages?.value ?? [];
}

// Allowances, each with its reason.
const USER_IDENTIFIER: ShapeRules['extra'] = { '$.user.value.identifier': 'the Sign-In Widget samples carry the login beside the id' };
const ENROLLMENT_EXTRAS: ShapeRules['extra'] = {
  '$.currentAuthenticatorEnrollment.value.authenticatorId': 'SIW enrollments name their authenticator (select-authenticator sample)',
  '$.authenticatorEnrollments.value[].authenticatorId': 'same',
  ...USER_IDENTIFIER,
};

let emu: EmulatorHandle;
test.beforeEach(async () => {
  emu = await startIdentityEngine();
});
test.afterEach(async () => {
  await emu.close();
});

async function introspected(): Promise<{ doc: Doc; stateHandle: string; verifier: string }> {
  const started = await interact(emu.issuer);
  const res = await idx(emu.orgUrl, 'introspect', { interactionHandle: started.handle });
  expect(res.status).toBe(200);
  const doc = idxBody(res, 'introspect');
  return { doc, stateHandle: doc.stateHandle, verifier: started.verifier };
}

test.describe('interact', () => {
  test('answers an interaction_handle only, like the sample', async () => {
    const { res } = await interact(emu.issuer);
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json', noStore: true }, 'interact');
    expectShapeLike(jsonObject(res), 'idx_interact_response.json');
  });

  test('on a Classic org: feature not enabled, verbatim', async () => {
    emu.setScenario({ engine: 'classic' });
    const { res } = await interact(emu.issuer);
    expect(res.status, 'DOCS oauth2-error-codes: 400').toBe(400);
    expect(jsonObject(res)).toEqual(sample('oauth_interact_error-feature-not-enabled.json'));
    const introspect = await idx(emu.orgUrl, 'introspect', { interactionHandle: 'x' });
    expect(jsonObject(introspect)).toEqual(sample('oauth_interact_error-feature-not-enabled.json'));
  });

  test('a public client without PKCE: invalid_request, verbatim', async () => {
    const { res } = await interact(emu.issuer, { params: { code_challenge: '', code_challenge_method: '' } });
    expect(res.status).toBe(400);
    expect(jsonObject(res)).toEqual(sample('oauth_interact_error-pkce-required.json'));
  });
});

test.describe('introspect: the first form', () => {
  test('identifier first: identify with identifier and rememberMe', async () => {
    const { doc } = await introspected();
    expectShapeLike(doc, 'idx_introspect_identify-username-only.json');
    expectWellFormed(doc, emu.orgUrl, 'introspect');
    expect(remediationNames(doc)).toEqual(['identify']);
    expect(remediation(doc, 'identify').value.map((field: Doc) => field.name)).toEqual(['identifier', 'rememberMe', 'stateHandle']);
    expect(doc.intent).toBe('LOGIN');
    expect(Date.parse(doc.expiresAt)).toBeGreaterThan(Date.now());
  });

  test('password on the identify form: credentials.passcode and the current password authenticator', async () => {
    emu.setScenario({ idxPasswordOnIdentify: true });
    const { doc } = await introspected();
    expectShapeLike(doc, 'idx_introspect_identify-with-password.json');
    expectWellFormed(doc, emu.orgUrl, 'introspect');
    expect(remediation(doc, 'identify').value.map((field: Doc) => field.name)).toEqual(['identifier', 'credentials', 'rememberMe', 'stateHandle']);
    expect(doc.currentAuthenticator.value.key).toBe('okta_password');
  });

  test('an unknown interaction handle: session expired, the SDK fixtures verbatim, 401', async () => {
    const res = await idx(emu.orgUrl, 'introspect', { interactionHandle: 'no-such-handle' });
    expect(res.status, 'GO, JAVA and SIW agree on 401').toBe(401);
    expect(idxBody(res, 'introspect')).toEqual(sample('idx_introspect_session-expired-minimal.json'));
    expect(sample('idx_introspect_401-session-expired_golang.json')).toEqual(sample('idx_introspect_session-expired-minimal.json'));
  });

  test('no stateHandle: api.error.field_required, verbatim, 400', async () => {
    const res = await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com' });
    expect(res.status, 'GO serves it with 400').toBe(400);
    expect(idxBody(res, 'identify')).toEqual(sample('idx_any_400-stateHandle-required.json'));
  });
});

test.describe('identify and challenge', () => {
  test('identify (identifier first): challenge-authenticator for the password enrollment', async () => {
    const { stateHandle } = await introspected();
    const doc = idxBody(await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com', stateHandle }), 'identify');
    expectShapeLike(doc, 'idx_identify_challenge-authenticator-password.json', { extra: ENROLLMENT_EXTRAS });
    expectWellFormed(doc, emu.orgUrl, 'identify');
    const challenge = remediation(doc, 'challenge-authenticator');
    expect(challenge.relatesTo).toEqual(['$.currentAuthenticatorEnrollment']);
    expect(challenge.href).toBe(`${emu.orgUrl}/idp/idx/challenge/answer`);
    expect(doc.currentAuthenticatorEnrollment.value.key).toBe('okta_password');
    expect(doc.stateHandle, 'the stateHandle stays the same through the transaction').toBe(stateHandle);
  });

  test('password answered: successWithInteractionCode, no remediation, no client_secret for a public client', async () => {
    const login = await idxLogin(emu, 'alice@example.com');
    const doc = login.docs.at(-1)!;
    expectShapeLike(doc, 'idx_challenge-answer_password_success-with-interaction-code.json', { extra: USER_IDENTIFIER });
    expectShapeLike(doc, 'idx_success-with-interaction-code_widget.json', { extra: {} });
    expectWellFormed(doc, emu.orgUrl, 'success');
    expect('remediation' in doc).toBe(false);
    const issue = doc.successWithInteractionCode;
    expect(issue.name).toBe('issue');
    expect(issue.href).toBe(`${emu.issuer}/v1/token`);
    expect(issue.accepts).toBe('application/x-www-form-urlencoded');
    expect(issue.value.map((field: Doc) => field.name)).toEqual(['grant_type', 'interaction_code', 'client_id', 'code_verifier']);
    expect(issue.value[0]).toEqual({ name: 'grant_type', required: true, value: 'interaction_code' });
  });

  test('a confidential client: the issue form asks for client_secret too, as the .NET sample', async () => {
    const login = await idxLogin(emu, 'alice@example.com', {
      clientId: 'demo-web',
      redirectUri: 'http://localhost:3000/authorization-code/callback',
      secret: 'demo-web-secret',
    });
    const issue = login.docs.at(-1)!.successWithInteractionCode;
    const sampleIssue = sample('idx_identify-with-password_success-with-interaction-code.json').successWithInteractionCode;
    expect(issue.value.map((field: Doc) => field.name)).toEqual(sampleIssue.value.map((field: Doc) => field.name));
  });

  test('password on identify, answered there: successWithInteractionCode in one step', async () => {
    emu.setScenario({ idxPasswordOnIdentify: true });
    const { stateHandle } = await introspected();
    const doc = idxBody(await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com', credentials: { passcode: PASSWORD }, stateHandle }), 'identify');
    expectShapeLike(doc, 'idx_identify-with-password_success-with-interaction-code.json', { extra: USER_IDENTIFIER });
  });

  test('a second factor: select-authenticator-authenticate, push and email listed before Google Authenticator', async () => {
    const { stateHandle } = await introspected();
    await idx(emu.orgUrl, 'identify', { identifier: 'mfa@example.com', stateHandle });
    const doc = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }), 'answer');
    expectShapeLike(doc, 'idx_identify-with-password_select-authenticator-authenticate-email.json', {
      extra: ENROLLMENT_EXTRAS,
      optional: { '$.authenticatorEnrollments.value[].profile': 'only email enrollments carry a (masked) profile' },
    });
    expectWellFormed(doc, emu.orgUrl, 'select');
    const options = remediation(doc, 'select-authenticator-authenticate').value[0].options as Doc[];
    expect(options.map((option) => option.label)).toEqual(['Okta Verify', 'Email', 'Google Authenticator']);
    const keys = doc.authenticatorEnrollments.value.map((enrollment: Doc) => enrollment.key);
    expect(keys).toEqual(['okta_verify', 'okta_email', 'google_otp']);
    // The option posts the authenticator's id (aut…), as in the SIW and .NET samples, which its enrollment names.
    for (const [index, option] of options.entries()) {
      const id = option.value.form.value.find((field: Doc) => field.name === 'id');
      expect(id).toEqual({ name: 'id', required: true, value: doc.authenticators.value[index].id, mutable: false });
      expect(doc.authenticatorEnrollments.value[index].authenticatorId).toBe(id.value);
      expect(id.value).toMatch(/^aut/);
    }
  });

  test('Google Authenticator chosen: challenge-authenticator "Enter code", like the samples', async () => {
    const { stateHandle } = await introspected();
    await idx(emu.orgUrl, 'identify', { identifier: 'mfa@example.com', stateHandle });
    const select = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }), 'answer');
    const doc = idxBody(await idx(emu.orgUrl, 'challenge', { authenticator: { id: optionId(select, 'google_otp') }, stateHandle }), 'challenge');
    expectShapeLike(doc, 'idx_challenge_email_challenge-authenticator.json', {
      extra: ENROLLMENT_EXTRAS,
      optional: {
        '$.currentAuthenticatorEnrollment.value.profile': 'email only',
        '$.currentAuthenticatorEnrollment.value.resend': 'email only',
        '$.currentAuthenticatorEnrollment.value.poll': 'email only',
        '$.authenticatorEnrollments.value[].profile': 'email only',
      },
    });
    expectWellFormed(doc, emu.orgUrl, 'challenge');
    expect(doc.currentAuthenticatorEnrollment.value).toMatchObject({ key: 'google_otp', type: 'app', displayName: 'Google Authenticator', methods: [{ type: 'otp' }] });
    const google = sample('idx_challenge_google-authenticator.json');
    const passcodeLabel = (d: Doc) => remediation(d, 'challenge-authenticator').value[0].form.value[0].label;
    expect(passcodeLabel(doc)).toBe(passcodeLabel(google));
  });

  test('Email chosen: the .NET email challenge, resend and poll links included', async () => {
    const { stateHandle } = await introspected();
    await idx(emu.orgUrl, 'identify', { identifier: 'mfa@example.com', stateHandle });
    const select = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }), 'answer');
    const doc = idxBody(await idx(emu.orgUrl, 'challenge', { authenticator: { id: optionId(select, 'okta_email') }, stateHandle }), 'challenge');
    expectShapeLike(doc, 'idx_challenge_email_challenge-authenticator.json', { extra: ENROLLMENT_EXTRAS });
    expectWellFormed(doc, emu.orgUrl, 'email');
    const wrong = await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: '123456' }, stateHandle });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const refused = idxBody(wrong, 'email answer');
    expectShapeLike(refused, 'idx_challenge-answer_email_invalid-code.json', { extra: ENROLLMENT_EXTRAS });
    expect(passcodeMessages(refused)).toEqual(passcodeMessages(sample('idx_challenge-answer_email_invalid-code.json')));
  });
});

test.describe('messages and i18n keys', () => {
  test('wrong password at challenge/answer: "Password is incorrect" (incorrectPassword), the challenge kept', async () => {
    const { stateHandle } = await introspected();
    await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com', stateHandle });
    const res = await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: 'wrong-password' }, stateHandle });
    expect(res.status, 'JAVA 400, SIW 403: only 4xx is certain').toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const doc = idxBody(res, 'answer');
    expectWellFormed(doc, emu.orgUrl, 'wrong password');
    expect(doc.messages.value).toEqual(sampleMessages('idx_challenge-answer_password_incorrect.json'));
    expect(remediationNames(doc)).toContain('challenge-authenticator');
    expect(res.text, 'the refused password is not echoed').not.toContain('wrong-password');
  });

  for (const [who, identifier] of [
    ['an unknown user', 'nobody@example.com'],
    ['a locked user', 'locked@example.com'],
  ] as const) {
    test(`identify for ${who}: "Authentication failed" (errors.E0000004), the identify form back`, async () => {
      const { stateHandle } = await introspected();
      const res = await idx(emu.orgUrl, 'identify', { identifier, stateHandle });
      expect(res.status).toBeGreaterThanOrEqual(400);
      const doc = idxBody(res, 'identify');
      expectWellFormed(doc, emu.orgUrl, who);
      expect(doc.messages.value).toEqual(sampleMessages('idx_identify-with-password_authentication-failed.json'));
      expect(doc.messages.value).toEqual(sampleMessages('idx_identify-with-password_locked-user.json'));
      expect(remediationNames(doc)).toEqual(['identify']);
    });
  }

  test('password on identify, wrong: "Authentication failed" with the identify form (locked-user sample shape)', async () => {
    emu.setScenario({ idxPasswordOnIdentify: true });
    const { stateHandle } = await introspected();
    const res = await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com', credentials: { passcode: 'nope-nope' }, stateHandle });
    const doc = idxBody(res, 'identify');
    expectShapeLike(doc, 'idx_identify-with-password_locked-user.json', {
      optional: { '$.remediation.value[]': 'select-enroll-profile: self-service registration is not emulated' },
    });
    expect(doc.messages.value).toEqual(sampleMessages('idx_identify-with-password_locked-user.json'));
  });

  test('not assigned: idx.error.user.not.assigned.to.app, 400, the identify form back', async () => {
    const { stateHandle } = await introspected();
    const res = await idx(emu.orgUrl, 'identify', { identifier: 'unassigned@example.com', stateHandle });
    expect(res.status, 'DOTNET, JAVA and SIW serve not-assigned with 400').toBe(400);
    const doc = idxBody(res, 'identify');
    expect(doc.messages.value).toEqual(sampleMessages('idx_identify_user-not-assigned.json'));
    expect(remediationNames(doc)).toEqual(['identify']);
  });

  test('a policy the user cannot satisfy: oie.assurance.unsatisfiable naming the app', async () => {
    emu.setScenario({ appPolicies: { 'demo-spa': 'password+any' } });
    const { stateHandle } = await introspected();
    const res = await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com', stateHandle });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const doc = idxBody(res, 'identify');
    expectShapeLike(doc, 'idx_identify_assurance-unsatisfiable.json', {
      optional: {
        '$.remediation.value[]': 'select-enroll-profile: self-service registration is not emulated',
        '$.app.value.termsOfService': 'app links the demo clients do not have',
        '$.app.value.privacyPolicy': 'same',
        '$.app.value.logo': 'same',
      },
    });
    const [want] = sampleMessages('idx_identify_assurance-unsatisfiable.json') as Doc[];
    expect(doc.messages.value).toEqual([
      { ...want, message: want!.message.replace('"myApp"', '"demo-spa"'), i18n: { key: want!.i18n.key, params: ['demo-spa'] } },
    ]);
  });

  test('wrong and reused TOTP codes: field-level messages on the passcode, verbatim, none on top', async () => {
    const spentCode = totpCode();
    const first = await idxLogin(emu, 'mfa@example.com', { totp: spentCode });
    expect(first.docs.at(-1)!.successWithInteractionCode).toBeTruthy();
    // A second sign-in, up to the Google Authenticator challenge.
    const { stateHandle } = await introspected();
    await idx(emu.orgUrl, 'identify', { identifier: 'mfa@example.com', stateHandle });
    const select = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle }), 'answer');
    await idx(emu.orgUrl, 'challenge', { authenticator: { id: optionId(select, 'google_otp') }, stateHandle });

    const wrong = await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: wrongTotpCode() }, stateHandle });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const wrongDoc = idxBody(wrong, 'wrong code');
    expectWellFormed(wrongDoc, emu.orgUrl, 'wrong code');
    expect(passcodeMessages(wrongDoc)).toEqual(passcodeMessages(sample('idx_challenge-answer_google-otp_invalid-passcode.json')));
    expect(wrongDoc.messages, 'no top-level message').toBeUndefined();

    const reusedRes = await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: spentCode }, stateHandle });
    const reused = idxBody(reusedRes, 'reused code');
    expect(passcodeMessages(reused)).toEqual(passcodeMessages(sample('idx_challenge-answer_google-otp_used-passcode.json')));
    expect(reused.messages).toBeUndefined();
    expect(reusedRes.text, 'the refused code is not echoed').not.toContain(spentCode);
    // A fresh code still works on the same challenge.
    const ok = idxBody(await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: nextTotp() }, stateHandle }), 'fresh code');
    expect(ok.successWithInteractionCode).toBeTruthy();
  });

  test('rate limited: 429 tooManyRequests with the transaction, like the sample', async () => {
    const { stateHandle } = await introspected();
    emu.setScenario({ rateLimit: { limit: 1, windowSeconds: 60 } });
    await idx(emu.orgUrl, 'identify', { identifier: 'alice@example.com', stateHandle });
    const res = await idx(emu.orgUrl, 'challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle });
    expect(res.status).toBe(429);
    expectHeaders(res, { rateLimit: true }, '429');
    const doc = idxBody(res, '429');
    expectShapeLike(doc, 'idx_any_429-too-many-requests-with-state.json');
    expect(doc.messages).toEqual(sample('idx_any_429-too-many-requests.json').messages);
    expect(doc.stateHandle).toBe(stateHandle);
  });
});

test.describe('tokens', () => {
  test('interaction_code: the token answer of the sample (refresh token with offline_access)', async () => {
    const login = await idxLogin(emu, 'alice@example.com', { scope: 'openid profile offline_access' });
    const res = await redeem(emu.issuer, login.code, login.verifier);
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json', noStore: true }, 'token');
    expectShapeLike(jsonObject(res), 'oauth_token_interaction-code_success.json');
  });

  test('a wrong code_verifier: PKCE verification failed, verbatim', async () => {
    const login = await idxLogin(emu, 'alice@example.com');
    const res = await redeem(emu.issuer, login.code, 'x'.repeat(43));
    expect(res.status).toBe(400);
    expect(jsonObject(res)).toEqual(sample('oauth_token_error-pkce-verification-failed.json'));
  });

  test('Direct Authentication: 403 mfa_required with an mfa_token, then mfa-otp tokens, like the guide', async () => {
    const first = await send(`${emu.issuer}/v1/token`, {
      form: { client_id: DEMO_DIRECT.clientId, scope: 'openid profile', grant_type: 'password', username: 'mfa@example.com', password: PASSWORD },
    });
    expect(first.status, 'the guide and the error catalogue: 403 (a Swift mock uses 400)').toBe(403);
    const body = jsonObject(first);
    expectShapeLike(body, 'directauth_token_password_mfa-required_403.json');
    expect(body.error).toBe('mfa_required');
    expect(body.error_description).toBe(sample('directauth_token_password_mfa-required_403.json').error_description);
    const second = await send(`${emu.issuer}/v1/token`, {
      form: { client_id: DEMO_DIRECT.clientId, scope: 'openid profile', grant_type: MFA_OTP, otp: totpCode(), mfa_token: String(body.mfa_token) },
    });
    expect(second.status).toBe(200);
    expectShapeLike(jsonObject(second), 'directauth_token_mfa-otp_success.json');
  });

  test('okta-organization on Identity Engine: pipeline idx, the spec example shape', async () => {
    const res = await send(`${emu.orgUrl}/.well-known/okta-organization`);
    const body = jsonObject(res);
    expectShapeLike(body, 'wellknown_okta-organization_idx.json', { optional: { '$._links.alternate': 'only orgs with a custom domain' } });
    expect(body.pipeline).toBe('idx');
  });
});
