// The IDX client read against Okta's own bodies (the samples in okta-wire/idx, from Okta's SDK test
// fixtures and docs), not only against our emulator: each first form gets the answer Okta expects, the
// authenticator is chosen by key wherever Okta lists it, and each error body maps to its code. No HTTP
// here: the samples are what Okta sends, and these are the functions that read it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { OktaErrorCode } from '../../src/engine/index.js';
import { interactionCode, type IdxDocument } from '../../src/engine/idx/document.js';
import { idxFailure } from '../../src/engine/idx/errors.js';
import { nextAction, type Progress } from '../../src/engine/idx/remediate.js';
import { ROOT, TOTP_SECRET } from './support.js';

const sample = (name: string): IdxDocument => JSON.parse(readFileSync(path.join(ROOT, 'tests/emulator/okta-wire/idx', `${name}.json`), 'utf8')) as IdxDocument;
const ctx = { username: 'mary@example.com', envPrefix: 'OKTA', clientId: '0oa1', step: 'identify' };
const account = { username: 'mary@example.com', password: 'sample-password' };
const fresh = (): Progress => ({ identified: false, answered: new Set() });

test('identify: the password goes on the form only when the form asks for it; stateHandle comes back as sent', async () => {
  const withPassword = sample('idx_introspect_identify-with-password');
  const one = await nextAction(withPassword, account, fresh(), {}, ctx);
  expect(one.form.name).toBe('identify');
  expect(one.values).toEqual({ identifier: 'mary@example.com', credentials: { passcode: 'sample-password' } });
  expect(one.fixed).toEqual({ stateHandle: withPassword.stateHandle });

  for (const name of ['idx_introspect_identify-username-only', 'idx_introspect_identifier-first_java']) {
    const two = await nextAction(sample(name), account, fresh(), {}, ctx);
    expect(two.values, name).toEqual({ identifier: 'mary@example.com' });
    expect(two.fixed.stateHandle, name).toBeTruthy();
  }
});

test('challenge-authenticator: the password for okta_password (also the 2020 captures without a key), a TOTP code for google_otp', async () => {
  for (const name of ['idx_identify_challenge-authenticator-password', 'idx_identify_challenge-authenticator-password_java']) {
    const progress = { identified: true, answered: new Set<string>() };
    const action = await nextAction(sample(name), account, progress, {}, ctx);
    expect(action.form.href, name).toMatch(/\/idp\/idx\/challenge\/answer$/);
    expect(action.values, name).toEqual({ credentials: { passcode: 'sample-password' } });
  }
  const totp = { lastStep: undefined as number | undefined };
  const google = await nextAction(sample('idx_challenge_google-authenticator'), { ...account, totpSecret: TOTP_SECRET }, { identified: true, answered: new Set(['okta_password']) }, totp, ctx);
  expect((google.values.credentials as { passcode: string }).passcode).toMatch(/^\d{6}$/);
  expect(totp.lastStep).toBeGreaterThan(0);
});

test('select-authenticator-authenticate among 18 authenticators: password first, then Google Authenticator by key, else what to enrol', async () => {
  const many = sample('idx_select-authenticator-authenticate_many-authenticators');
  const first = await nextAction(many, account, { identified: true, answered: new Set() }, {}, ctx);
  expect(first.values).toEqual({ authenticator: { id: 'aidwboITrg4b4yAYd0g3' } });

  const noSecret = await nextAction(many, account, { identified: true, answered: new Set(['okta_password']) }, {}, ctx).catch((e: unknown) => e);
  expect(noSecret).toMatchObject({ code: 'ERR_MFA_REQUIRED' });
  const google = await nextAction(many, { ...account, totpSecret: TOTP_SECRET }, { identified: true, answered: new Set(['okta_password']) }, {}, ctx);
  const googleOption = many.remediation!.value![0]!.value![0]!.options!.find((o) => o.relatesTo === '$.authenticatorEnrollments.value[8]')!;
  expect(google.values).toEqual({ authenticator: { id: (googleOption.value as { form: { value: Array<{ name: string; value: unknown }> } }).form.value.find((f) => f.name === 'id')!.value } });

  // The same list without Google Authenticator: push, email, SMS, WebAuthn… nothing a headless login answers.
  const withoutTotp = structuredClone(many);
  const field = withoutTotp.remediation!.value![0]!.value![0]!;
  field.options = field.options!.filter((o) => o.relatesTo !== '$.authenticatorEnrollments.value[8]');
  const error = await nextAction(withoutTotp, { ...account, totpSecret: TOTP_SECRET }, { identified: true, answered: new Set(['okta_password']) }, {}, ctx).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'ERR_MFA_UNSATISFIABLE' });
  expect((error as Error).message).toContain('offered: okta_password, webauthn, webauthn, okta_email, phone_number');
  expect((error as Error).message).toContain('enrol a TOTP factor (Google Authenticator) for test users');
});

test('reenroll-authenticator (an expired password) is ERR_PASSWORD_EXPIRED', async () => {
  const error = await nextAction(sample('idx_identify-with-password_password-expired'), account, { identified: true, answered: new Set(['okta_password']) }, {}, ctx).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'ERR_PASSWORD_EXPIRED' });
});

const ERRORS: Array<[string, OktaErrorCode]> = [
  ['idx_identify-with-password_authentication-failed', 'ERR_AUTHN_FAILED'],
  ['idx_identify-with-password_locked-user', 'ERR_AUTHN_FAILED'],
  ['idx_identify-with-password_suspended-user', 'ERR_AUTHN_FAILED'],
  ['idx_identify-with-password_deactivated-user', 'ERR_AUTHN_FAILED'],
  ['idx_challenge-answer_password_incorrect', 'ERR_AUTHN_FAILED'],
  ['idx_challenge-answer_password_incorrect-restart_java', 'ERR_AUTHN_FAILED'],
  ['idx_identify_unknown-user-info', 'ERR_AUTHN_FAILED'],
  ['idx_any_access-denied-terminal', 'ERR_AUTHN_FAILED'],
  ['idx_challenge-answer_password_too-many-attempts', 'ERR_LOCKED_OUT'],
  ['idx_challenge-answer_password_locked-suspended-factor_java', 'ERR_LOCKED_OUT'],
  ['idx_identify_user-not-assigned', 'ERR_USER_NOT_ASSIGNED'],
  ['idx_identify-with-password_user-not-assigned-no-i18n', 'ERR_USER_NOT_ASSIGNED'],
  ['idx_challenge-answer_password_user-not-assigned_java', 'ERR_USER_NOT_ASSIGNED'],
  ['idx_any_user-not-assigned-failure-redirect', 'ERR_USER_NOT_ASSIGNED'],
  ['idx_identify_assurance-unsatisfiable', 'ERR_MFA_UNSATISFIABLE'],
  ['idx_challenge-answer_google-otp_invalid-passcode', 'ERR_MFA_REJECTED'],
  ['idx_challenge-answer_google-otp_used-passcode', 'ERR_MFA_REJECTED'],
  ['idx_challenge-answer_email_invalid-code', 'ERR_MFA_REJECTED'],
  ['idx_any_429-too-many-requests', 'ERR_RATE_LIMITED'],
];

test(`Okta's ${ERRORS.length} error bodies map to their codes, quoting Okta's words and never a stateHandle`, () => {
  for (const [name, code] of ERRORS) {
    const doc = sample(name);
    const error = idxFailure(doc, 400, ctx);
    expect(error?.code, name).toBe(code);
    if (doc.stateHandle) expect(error!.message, name).not.toContain(doc.stateHandle);
  }
  // Session expiry restarts the login (transient); a success body is no failure and carries the code.
  for (const name of ['idx_introspect_session-expired', 'idx_introspect_session-expired-minimal', 'idx_introspect_401-session-expired_golang']) {
    expect(idxFailure(sample(name), 401, ctx)?.transient, name).toBe(true);
  }
  for (const name of ['idx_identify-with-password_success-with-interaction-code', 'idx_challenge-answer_password_success-with-interaction-code', 'idx_success-with-interaction-code_widget']) {
    const doc = sample(name);
    expect(idxFailure(doc, 200, ctx), name).toBeUndefined();
    expect(interactionCode(doc), name).toMatch(/^\S{20,}$/);
  }
});
