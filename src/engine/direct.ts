// Okta Direct Authentication (Identity Engine orgs that enabled it): the fewest requests a login can make.
// `grant_type=password` at the token endpoint; when the app's policy wants a second factor Okta answers
// `mfa_required` (403 in Okta's docs, 400 in a Swift SDK mock) with an mfa_token, answered by the mfa-otp
// grant with a TOTP code. Okta's error descriptions are quoted; the mfa_token never leaves this file.
import type * as client from 'openid-client';
import type { TotpMemory } from './authn.js';
import { OktaError } from './errors.js';
import { grantRequest, refusalError, type GenericGrant, type Refusal } from './idx/grant.js';
import { freshTotpCode } from './totp.js';
import type { Account } from './types.js';

export const MFA_OTP = 'http://auth0.com/oauth/grant-type/mfa-otp';

export interface DirectContext {
  clientId: string;
  scopes: string[];
  envPrefix: string;
}

export async function directSignIn(oidc: client.Configuration, ctx: DirectContext, account: Account, totp: TotpMemory): Promise<client.TokenEndpointResponse> {
  const scope = ctx.scopes.join(' ');
  const first = await grantRequest(oidc, 'password', { username: account.username, password: account.password, scope });
  if ('tokens' in first) return first.tokens;
  const mfaToken = first.refused.error === 'mfa_required' ? first.refused.body.mfa_token : undefined;
  if (typeof mfaToken !== 'string' || !mfaToken) throw directError(first.refused, 'password', ctx, account);
  if (!account.totpSecret) {
    throw new OktaError('ERR_MFA_REQUIRED', `${account.username} must answer MFA (Okta said "${first.refused.description}"). Set ${ctx.envPrefix}_TOTP_SECRET to the secret key of its TOTP factor (Google Authenticator), or exempt test users from MFA in the app's authentication policy.`, { status: first.refused.status, oauthError: 'mfa_required' });
  }
  const otp = await freshTotpCode(account.totpSecret, totp);
  const second = await grantRequest(oidc, MFA_OTP, { mfa_token: mfaToken, otp, scope });
  if ('tokens' in second) return second.tokens;
  throw directError(second.refused, MFA_OTP, ctx, account);
}

function directError(r: Refusal, grant: GenericGrant, ctx: DirectContext, account: Account): OktaError {
  const said = `${r.status} ${r.error}${r.description ? `: "${r.description}"` : ''}`;
  const okta = { status: r.status, oauthError: r.error };
  const d = r.description;
  if (/not assigned/i.test(d)) {
    return new OktaError('ERR_USER_NOT_ASSIGNED', `${account.username} is not assigned to the app ${ctx.clientId} (${said}). Assign the user (or a group of theirs) to the app in the Admin Console → Applications → Assignments.`, okta);
  }
  if (/locked/i.test(d)) {
    return new OktaError('ERR_LOCKED_OUT', `${account.username} is locked out in Okta (${said}). Unlock the user (Admin Console → Directory → People) or configure another account in ${ctx.envPrefix}_USERNAME.`, okta);
  }
  if (/disabled for the client/i.test(d)) {
    return refusalError(r, grant, `${ctx.clientId} lacks a grant its policy needs: enable Resource Owner Password and MFA OTP on the app and, on a custom authorization server, in the access policy rule; or set OKTA_LOGIN_FLOW=idx.`);
  }
  if (/password has expired/i.test(d)) {
    return new OktaError('ERR_PASSWORD_EXPIRED', `The password of ${account.username} has expired (${said}). Sign in once in a browser to change it, then update ${ctx.envPrefix}_PASSWORD (or exempt test users from the password policy's expiry).`, okta);
  }
  if (r.error === 'access_denied' && /enrolled/i.test(d)) {
    return new OktaError('ERR_MFA_ENROLL_REQUIRED', `${account.username} must enrol an authenticator the app's policy requires (${said}). Enrol a TOTP factor (Google Authenticator) for the test user in a browser, keep its secret key, and set ${ctx.envPrefix}_TOTP_SECRET.`, okta);
  }
  if (grant === MFA_OTP && r.error === 'invalid_grant') {
    return new OktaError('ERR_MFA_REJECTED', `Okta rejected the TOTP code for ${account.username} (${said}). Check ${ctx.envPrefix}_TOTP_SECRET is the secret of the enrolled factor and that this machine's clock is right.`, okta);
  }
  if (r.error === 'invalid_grant' && /credentials|password/i.test(d) && !/MFA/i.test(d)) {
    return new OktaError('ERR_AUTHN_FAILED', `Okta rejected the credentials of ${account.username} (${said}). Check ${ctx.envPrefix}_USERNAME and ${ctx.envPrefix}_PASSWORD. Not retried: repeated failures lock accounts.`, okta);
  }
  if (r.error === 'access_denied' && /policy/i.test(d)) {
    return new OktaError('ERR_MFA_UNSATISFIABLE', `The app's authentication policy for ${ctx.clientId} cannot be met by Direct Authentication for ${account.username} (${said}). A headless login answers a password and a TOTP code only: enrol a TOTP factor (Google Authenticator) for test users and set ${ctx.envPrefix}_TOTP_SECRET, or give test users a rule a password (plus TOTP) satisfies.`, okta);
  }
  if (/MFA enabled/i.test(d)) {
    return refusalError(r, grant, 'This looks like a Classic org, where the password grant refuses users with MFA: Direct Authentication needs Identity Engine. Set OKTA_LOGIN_FLOW=auto or authn.');
  }
  return refusalError(r, grant, "Direct Authentication needs the Resource Owner Password and MFA OTP grants on the app and, on a custom authorization server, the same grants in the access policy rule; or set OKTA_LOGIN_FLOW=idx or authn.");
}
