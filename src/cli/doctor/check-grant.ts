// The user is assigned to the app and gets the requested scopes: /authorize with the sessionToken (fresh
// cookie jar, PKCE) must come back with a code, which is exchanged for tokens with the client's own
// authentication. The same request and process functions as a real login; nothing is cached.
import { decodeJwt } from 'jose';
import type * as oidc from 'openid-client';
import type { AuthnSuccess } from '../../engine/diagnostics.js';
import { isOktaError, type Identity } from '../../engine/index.js';
import { authorizeWithSessionToken, clientSettings } from '../../engine/diagnostics.js';
import { clientConfiguration, exchangeCode } from '../../engine/diagnostics.js';
import { describeError, type DoctorContext } from './context.js';

export interface Granted {
  tokens: oidc.TokenEndpointResponse;
  nonce: string;
}

export async function checkAssignment(ctx: DoctorContext, identity: Identity, auth: AuthnSuccess, label: string): Promise<Granted | undefined> {
  const { config, report, server } = ctx;
  const { clientId } = identity;
  let authorized: Awaited<ReturnType<typeof authorizeWithSessionToken>>;
  try {
    authorized = await authorizeWithSessionToken(config, identity, server!, auth.sessionToken);
  } catch (error) {
    assignmentFailure(ctx, identity, label, error);
    return undefined;
  }
  const { callbackUrl, codeVerifier, state, nonce } = authorized;
  report.secret(callbackUrl.searchParams.get('code') ?? undefined);
  report.ok(`${label} assignment`, `assigned to ${clientId}: /authorize with the sessionToken returned a code.`);

  try {
    const client = await clientConfiguration(server!, clientSettings(config, identity), config.timeoutMs);
    const tokens = await exchangeCode(client, callbackUrl, { codeVerifier, state, nonce });
    report.secret(tokens.access_token, tokens.id_token, tokens.refresh_token);
    return { tokens, nonce };
  } catch (error) {
    report.fail(`${label} ${isOktaError(error, 'ERR_TOKEN_INVALID') ? 'tokens' : 'code exchange'}`, describeError(error));
    return undefined;
  }
}

function assignmentFailure(ctx: DoctorContext, identity: Identity, label: string, error: unknown): void {
  const { report } = ctx;
  if (isOktaError(error, 'ERR_USER_NOT_ASSIGNED')) {
    report.fail(`${label} assignment`, `not assigned to ${identity.clientId} (/authorize answered access_denied: "User is not assigned to the client application."). Fix: assign the user, or a group of theirs, to the app in Admin Console → Applications → the app → Assignments.`);
  } else if (isOktaError(error, 'ERR_SESSION_TOKEN_REJECTED')) {
    const engine = ctx.org?.pipeline === 'identity-engine'
      ? " This org runs Identity Engine: the app's authentication policy asks for more than authn proved (e.g. password + another factor), which the sessionToken path cannot answer. Sign in through IDX instead: enable the Interaction Code grant on the app (Applications → the app → General → Grant type) and in the authorization server's access policy rule, then set OKTA_LOGIN_FLOW=idx (auto picks it on Identity Engine); or add a policy rule for test users that a password satisfies."
      : '';
    report.fail(`${label} assignment`, `/authorize answered with the sign-in page instead of a code: Okta did not accept the sessionToken (the "login page instead of tokens" trap). Fix: let the app's sign-on policy accept what authn did (password, plus TOTP where configured), for this user and network.${engine}`);
  } else if (isOktaError(error, 'ERR_AUTHORIZE') && (error.oauthError === 'invalid_scope' || error.oauthError === 'access_denied' || error.oauthError === 'consent_required')) {
    report.fail(`${label} scopes`, `/authorize refused the scopes ${identity.scopes.join(' ')}: ${describeError(error)} Fix: allow these scopes for ${identity.clientId} in the authorization server's access policy rule (and grant consent if the app requires it), or trim OKTA_SCOPES.`);
  } else {
    report.fail(`${label} assignment`, describeError(error));
  }
}

/** The scopes granted against those asked for; a missing one does not block a login, so it is a warning. */
export function checkScopes(ctx: DoctorContext, identity: Identity, granted: string[], label: string): void {
  const missing = identity.scopes.filter((scope) => !granted.includes(scope));
  if (missing.length === 0) {
    ctx.report.ok(`${label} scopes`, `granted every requested scope (${identity.scopes.join(' ')}).`);
    return;
  }
  const refresh = missing.includes('offline_access') ? ' Without offline_access there is no refresh token: runs longer than the token\'s life log in again.' : '';
  ctx.report.warn(`${label} scopes`, `asked for ${identity.scopes.join(' ')} but was granted ${granted.join(' ') || 'nothing'}; missing ${missing.join(' ')}.${refresh} Fix: allow them in the authorization server's access policy rule for ${identity.clientId} (and, for offline_access, the Refresh Token grant on the app).`);
}

export function grantedScopes(tokens: oidc.TokenEndpointResponse): string[] {
  if (typeof tokens.scope === 'string') return tokens.scope.split(' ').filter(Boolean);
  try {
    const scp = decodeJwt(tokens.access_token).scp;
    return Array.isArray(scp) ? scp.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}
