// The next step of an IDX sign-in: which remediation form to post, with what. Only what a headless login
// can answer is chosen: the identifier (with the password when the identify form asks for it), the
// password authenticator and Google Authenticator (TOTP). Okta may list push or email first; they are
// passed over by their authenticator `key`, never by position. Anything else ends the login with the
// code that says what the user or the Okta admin must change.
import type { TotpMemory } from '../authn.js';
import { OktaError } from '../errors.js';
import type { Account } from '../types.js';
import { field, findForm, fixedValues, forms, relatedAuthenticator, type IdxDocument, type IdxForm, type IdxOption } from './document.js';
import { mfaUnsatisfiable, type IdxErrorContext } from './errors.js';
import { freshTotpCode } from '../totp.js';

export interface Progress {
  identified: boolean;
  /** Authenticator keys already answered (`okta_password`, `google_otp`): never answered twice. */
  answered: Set<string>;
}

export interface Action {
  form: IdxForm;
  values: Record<string, unknown>;
  fixed: Record<string, unknown>;
}

const PASSWORD = 'okta_password';
const TOTP = 'google_otp';
const ENROLL_FORMS = ['select-authenticator-enroll', 'enroll-authenticator', 'authenticator-enrollment-data', 'enroll-profile'];

export async function nextAction(doc: IdxDocument, account: Account, progress: Progress, totp: TotpMemory, ctx: IdxErrorContext): Promise<Action> {
  const identify = findForm(doc, 'identify');
  if (identify && !progress.identified) {
    progress.identified = true;
    const values: Record<string, unknown> = { identifier: account.username };
    // The password goes on the identify form only when the policy puts it there.
    if (field(identify, 'credentials')) {
      values.credentials = { passcode: account.password };
      progress.answered.add(PASSWORD);
    }
    return action(doc, identify, values);
  }

  const challenge = findForm(doc, 'challenge-authenticator');
  if (challenge) {
    const key = relatedAuthenticator(doc, challenge.relatesTo)?.key;
    if (key === PASSWORD && !progress.answered.has(PASSWORD)) {
      progress.answered.add(PASSWORD);
      return action(doc, challenge, { credentials: { passcode: account.password } });
    }
    if (key === TOTP && !progress.answered.has(TOTP)) {
      progress.answered.add(TOTP);
      return action(doc, challenge, { credentials: { passcode: await freshTotpCode(needSecret(account, ctx, ['Google Authenticator']), totp) } });
    }
    // A challenge we cannot answer (or already did) is not the end while another authenticator can be selected.
    if (!findForm(doc, 'select-authenticator-authenticate')) throw mfaUnsatisfiable(ctx, `Okta asks for ${key ?? 'an unknown authenticator'}`);
  }

  const select = findForm(doc, 'select-authenticator-authenticate');
  if (select) return selectAuthenticator(doc, select, account, progress, ctx);

  const names = forms(doc).map((f) => f.name);
  const skip = findForm(doc, 'skip');
  if (names.some((n) => ENROLL_FORMS.includes(n))) {
    // An optional enrolment prompt (Okta offers `skip`) is skipped; a required one cannot be done here.
    if (skip) return action(doc, skip, {});
    throw new OktaError('ERR_MFA_ENROLL_REQUIRED', `${account.username} must enrol an authenticator before signing in to ${ctx.clientId}. Enrol a TOTP factor (Google Authenticator) for the test user in a browser, keep its secret key, and set ${ctx.envPrefix}_TOTP_SECRET.`, {});
  }
  if (names.includes('reenroll-authenticator')) {
    throw new OktaError('ERR_PASSWORD_EXPIRED', `The password of ${account.username} has expired. Sign in once in a browser to change it, then update ${ctx.envPrefix}_PASSWORD (or exempt test users from the password policy's expiry).`);
  }
  throw new OktaError('ERR_AUTHORIZE', `Okta's Identity Engine offered no step a headless login can take after ${ctx.step} (remediations: ${names.join(', ') || 'none'}). Check the user's state and the app's authentication policy in the Admin Console.`);
}

function selectAuthenticator(doc: IdxDocument, select: IdxForm, account: Account, progress: Progress, ctx: IdxErrorContext): Action {
  const options = (field(select, 'authenticator')?.options ?? []).map((option) => ({ option, key: optionKey(doc, option) }));
  const pick = (key: string) => options.find((o) => o.key === key && !progress.answered.has(key) && optionId(o.option));
  const chosen = pick(PASSWORD) ?? pick(TOTP);
  const offered = options.map((o) => o.key ?? o.option.label ?? '?').join(', ');
  if (!chosen) throw mfaUnsatisfiable(ctx, `offered: ${offered || 'nothing'}`);
  if (chosen.key === TOTP) needSecret(account, ctx, options.map((o) => o.key ?? '?'));
  return action(doc, select, { authenticator: { id: optionId(chosen.option) } });
}

function optionKey(doc: IdxDocument, option: IdxOption): string | undefined {
  const key = relatedAuthenticator(doc, option.relatesTo)?.key;
  if (key) return key;
  // Older captures have no `key`; the label is the only other way to tell Google Authenticator.
  return /google authenticator/i.test(option.label ?? '') ? TOTP : /password/i.test(option.label ?? '') ? PASSWORD : undefined;
}

function optionId(option: IdxOption): unknown {
  const form = (option.value as { form?: { value?: [] } } | undefined)?.form;
  return field(form, 'id')?.value;
}

function needSecret(account: Account, ctx: IdxErrorContext, offered: string[]): string {
  if (account.totpSecret) return account.totpSecret;
  throw new OktaError('ERR_MFA_REQUIRED', `${account.username} must answer MFA (offered: ${[...new Set(offered)].join(', ')}). Set ${ctx.envPrefix}_TOTP_SECRET to the secret key of its Google Authenticator factor, or exempt test users from MFA in the app's authentication policy.`);
}

function action(doc: IdxDocument, form: IdxForm, values: Record<string, unknown>): Action {
  // stateHandle is a fixed field of every form, and at the top level (okta-auth-js sends the latter too).
  const fixed = fixedValues(form.value);
  if (fixed.stateHandle === undefined && typeof doc.stateHandle === 'string') fixed.stateHandle = doc.stateHandle;
  return { form, values, fixed };
}
