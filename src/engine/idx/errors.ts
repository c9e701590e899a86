// What an IDX answer that is not progress means, as the engine's error codes. Okta's messages and i18n
// keys are the signal (the samples' statuses disagree between SDKs, so statuses are not relied on); the
// messages are Okta's own words and carry no secrets, so they are quoted. Sticky failures (bad password,
// locked) are the same codes the authn path uses, so acquire.ts remembers them the same way.
import { OktaError } from '../errors.js';
import { messages, type IdxDocument, type IdxMessage } from './document.js';

export interface IdxErrorContext {
  username: string;
  /** `OKTA_ADMIN` etc., to name the variables to fix. */
  envPrefix: string;
  clientId: string;
  /** The step that got the answer (`identify`, `challenge/answer`, …). */
  step: string;
}

/** The first ERROR message (or the INFO that means "no such user"), as an OktaError; undefined when none. */
export function idxFailure(doc: IdxDocument, status: number, ctx: IdxErrorContext): OktaError | undefined {
  const all = messages(doc);
  const error = all.find((m) => m.class === 'ERROR') ?? all.find((m) => m.i18n?.key === 'idx.unknown.user');
  if (!error) return undefined;
  return classify(error, status, ctx);
}

function classify(m: IdxMessage, status: number, ctx: IdxErrorContext): OktaError {
  const key = m.i18n?.key ?? '';
  const text = typeof m.message === 'string' ? m.message : '';
  const said = `"${text}"${key ? ` (${key})` : ''}`;
  const okta = { status, ...(key ? { oktaErrorCode: key } : {}) };
  const { username, envPrefix: prefix } = ctx;
  if (key === 'idx.session.expired') {
    // A stateHandle that expired mid-login: the whole flow may start again.
    return new OktaError('ERR_AUTHORIZE', `Okta's Identity Engine ended the sign-in transaction at ${ctx.step} (${said}); the login starts again.`, { ...okta, transient: true });
  }
  if (key === 'tooManyRequests') {
    return new OktaError('ERR_RATE_LIMITED', `Okta rate-limited the IDX ${ctx.step} step (${said}). Run fewer parallel logins of the same user, or use an account pool (OKTA_<ROLE>_USERNAME=a,b,c).`, { status: 429 });
  }
  if (/not[._ ]assigned/i.test(key) || /not assigned|not allowed to access this app/i.test(text)) {
    return new OktaError('ERR_USER_NOT_ASSIGNED', `${username} is not assigned to the app ${ctx.clientId} (Okta said ${said}). Assign the user (or a group of theirs) to the app in the Admin Console → Applications → Assignments.`, okta);
  }
  if (key === 'authfactor.challenge.suspended_factor' || /locked|suspended/i.test(key)) {
    return new OktaError('ERR_LOCKED_OUT', `${username} is locked out in Okta (${said}). Unlock the user (Admin Console → Directory → People) or configure another account in ${prefix}_USERNAME.`, okta);
  }
  if (key.startsWith('authfactor.challenge.soft_token') || key === 'api.authn.error.PASSCODE_INVALID') {
    return new OktaError('ERR_MFA_REJECTED', `Okta rejected the TOTP code for ${username} (${said}). Check ${prefix}_TOTP_SECRET is the secret of the user's Google Authenticator enrolment and that this machine's clock is right (TOTP codes depend on it).`, okta);
  }
  if (key === 'oie.assurance.unsatisfiable') return mfaUnsatisfiable(ctx, `Okta said ${said}`, status);
  if (key === 'errors.E0000004' || key === 'incorrectPassword' || key === 'idx.unknown.user' || key === 'security.access_denied' || /authentication failed|password is incorrect/i.test(text)) {
    return new OktaError('ERR_AUTHN_FAILED', `Okta rejected the credentials of ${username} (${said}). Check ${prefix}_USERNAME and ${prefix}_PASSWORD; a locked-out or deactivated user gets the same answer. Not retried: repeated failures lock accounts.`, okta);
  }
  return new OktaError('ERR_AUTHORIZE', `Okta's Identity Engine answered the ${ctx.step} step with ${said} (HTTP ${status}), which a headless login cannot get past. Check the user's state and the app's authentication policy in the Admin Console.`, okta);
}

/** The app's policy wants a factor the configuration cannot answer (push, email, SMS, WebAuthn, …). */
export function mfaUnsatisfiable(ctx: IdxErrorContext, why: string, status?: number): OktaError {
  return new OktaError(
    'ERR_MFA_UNSATISFIABLE',
    `The app's authentication policy for ${ctx.clientId} wants a factor this login cannot answer for ${ctx.username} (${why}). A headless login answers a password and a TOTP code only: enrol a TOTP factor (Google Authenticator) for test users and set ${ctx.envPrefix}_TOTP_SECRET to its secret key, or give test users a policy rule that a password (plus TOTP) satisfies.`,
    status === undefined ? {} : { status },
  );
}
