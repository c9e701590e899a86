// POST /oauth2/{server}/v1/token and /oauth2/v1/token: authorization_code (+PKCE), refresh_token (rotation
// per scenario) and client_credentials, after client authentication; on Identity Engine orgs also
// interaction_code (IDX) and Direct Authentication's password and mfa-otp.
import type { Ctx } from '../http/context.js';
import { isFormContentType, readForm } from '../http/body.js';
import { sendNoStoreJson, sendOAuthError } from '../http/respond.js';
import { OAUTH_TEXT, oauthError, type OAuthError } from '../lib/errors.js';
import { opaqueToken } from '../lib/ids.js';
import { withinUserRateLimit } from '../middleware/rate-limit.js';
import { authenticateClient } from '../oauth/client-auth.js';
import { isWellFormedPkceValue, s256 } from '../oauth/pkce.js';
import { OIDC_SCOPES, parseScopes, unknownScopes } from '../oauth/scopes.js';
import { resolveServer } from '../oauth/servers.js';
import { mintAccessToken, mintClientCredentialsToken, mintIdToken, type UserGrant } from '../oauth/tokens.js';
import { serverKey, type AuthServer } from '../state/emulator-state.js';
import type { Client } from '../state/seed.js';
import { Store, type Authentication } from '../state/store.js';
import { oktaScopedToken } from '../management/okta-scoped-token.js';
import { MFA_OTP_GRANT, PASSWORD_GRANT } from '../state/seed.js';
import { interactionCodeGrant } from '../oauth/interaction-code-grant.js';
import type { GrantOutcome } from '../oauth/grant-outcome.js';
import { passwordGrant } from '../direct/password-grant.js';
import { mfaOtpGrant } from '../direct/mfa-otp-grant.js';

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'];
/** Grants only an Identity Engine org answers here (Direct Authentication is Identity Engine only). */
const IDENTITY_ENGINE_GRANTS = ['interaction_code', PASSWORD_GRANT, MFA_OTP_GRANT];

type TokenResponse = Record<string, string | number>;
type Outcome = { body: TokenResponse } | { error: OAuthError } | { answered: true };

export async function postToken(ctx: Ctx): Promise<void> {
  const server = resolveServer(ctx);
  if (!server) return;
  const form = await tokenParameters(ctx);
  if (!form) {
    return sendOAuthError(ctx, oauthError('invalid_request', "The request must use the 'application/x-www-form-urlencoded' content type."));
  }
  const duplicated = [...new Set([...form.keys()].filter((name) => form.getAll(name).length > 1))];
  if (duplicated.length > 0) {
    return sendOAuthError(ctx, oauthError('invalid_request', `Duplicate parameter provided in request. Duplicated parameters: [${duplicated.join(', ')}].`));
  }
  const grantType = form.get('grant_type');
  if (!grantType) {
    return sendOAuthError(ctx, oauthError('invalid_request', `The token request must specify a 'grant_type'. Valid values: [${GRANT_TYPES.join(', ')}]`));
  }
  const supported = [...GRANT_TYPES, ...(ctx.state.scenario.engine === 'identity-engine' ? IDENTITY_ENGINE_GRANTS : [])];
  if (!supported.includes(grantType)) return sendOAuthError(ctx, oauthError('unsupported_grant_type', OAUTH_TEXT.unsupportedGrant));

  const auth = await authenticateClient(ctx, form, `${server.endpointBase}/token`);
  if ('error' in auth) return sendOAuthError(ctx, auth.error);
  const client = auth.client;
  if (!client.grantTypes.includes(grantType)) {
    return sendOAuthError(ctx, oauthError('unauthorized_client', `The client is not authorized to use the provided grant type. Configured grant types: [${client.grantTypes.join(', ')}].`));
  }

  let outcome: Outcome;
  if (grantType === 'authorization_code') outcome = await codeGrant(ctx, server, client, form);
  else if (grantType === 'refresh_token') outcome = await refreshGrant(ctx, server, client, form);
  else if (grantType === 'client_credentials') outcome = await clientCredentialsGrant(ctx, server, client, form, auth.method);
  else outcome = await mintFor(ctx, await userGrant(grantType, ctx, server, client, form));

  if ('answered' in outcome) return;
  if ('error' in outcome) return sendOAuthError(ctx, outcome.error);
  sendNoStoreJson(ctx, 200, outcome.body);
}

/** The grants that end in a user's tokens, decided elsewhere (IDX, Direct Authentication). */
function userGrant(grantType: string, ctx: Ctx, server: AuthServer, client: Client, form: URLSearchParams): Promise<GrantOutcome> {
  if (grantType === 'interaction_code') return interactionCodeGrant(ctx, server, client, form);
  if (grantType === PASSWORD_GRANT) return passwordGrant(ctx, server, client, form);
  return mfaOtpGrant(ctx, server, client, form);
}

async function mintFor(ctx: Ctx, outcome: GrantOutcome): Promise<Outcome> {
  return 'grant' in outcome ? { body: await userTokens(ctx, outcome.grant) } : outcome;
}

/**
 * The form body; or, when the body is empty, the query string of an interaction_code request (Okta's Go
 * SDK redeems that way, IDX.md §1.5). Undefined: not a form.
 */
async function tokenParameters(ctx: Ctx): Promise<URLSearchParams | undefined> {
  const isForm = isFormContentType(ctx);
  const body = await readForm(ctx);
  if ([...body.keys()].length === 0 && ctx.query.get('grant_type') === 'interaction_code') return ctx.query;
  return isForm ? body : undefined;
}

async function codeGrant(ctx: Ctx, server: AuthServer, client: Client, form: URLSearchParams): Promise<Outcome> {
  const code = form.get('code');
  if (!code) return { error: oauthError('invalid_request', "The required parameter 'code' is missing.") };
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) return { error: oauthError('invalid_request', "The required parameter 'redirect_uri' is missing.") };
  const record = Store.live(ctx.state.store.codes, code);
  if (!record || record.serverId !== serverKey(server)) return { error: oauthError('invalid_grant', OAUTH_TEXT.invalidCode) };
  const user = ctx.state.userById(record.userId);
  if (!user) return { error: oauthError('invalid_grant', OAUTH_TEXT.invalidCode) };
  if (!withinUserRateLimit(ctx, 'token', user.login)) return { answered: true };
  if (record.clientId !== client.clientId) return { error: oauthError('invalid_grant', OAUTH_TEXT.mismatchedClient) };
  if (record.redirectUri !== redirectUri) return { error: oauthError('invalid_grant', OAUTH_TEXT.mismatchedRedirect) };

  const verifier = form.get('code_verifier');
  if (verifier) ctx.state.store.audit.record('codeVerifiers', verifier);
  if (record.codeChallenge !== undefined) {
    if (!verifier) return { error: oauthError('invalid_request', OAUTH_TEXT.pkceVerifierRequired) };
    if (!isWellFormedPkceValue(verifier) || s256(verifier) !== record.codeChallenge) {
      return { error: oauthError('invalid_grant', OAUTH_TEXT.pkceFailed) };
    }
  } else if (verifier) {
    return { error: oauthError('invalid_request', OAUTH_TEXT.pkceChallengeMissingForVerifier) };
  }
  // Single use: spent on the first successful exchange.
  ctx.state.store.codes.delete(code);
  const grant: UserGrant = { server, client, user, auth: record, scopes: record.scopes, nonce: record.nonce };
  return { body: await userTokens(ctx, grant) };
}

async function refreshGrant(ctx: Ctx, server: AuthServer, client: Client, form: URLSearchParams): Promise<Outcome> {
  const token = form.get('refresh_token');
  if (!token) return { error: oauthError('invalid_request', "The required parameter 'refresh_token' is missing.") };
  const record = Store.live(ctx.state.store.refreshTokens, token);
  if (!record || record.serverId !== serverKey(server) || record.clientId !== client.clientId) {
    return { error: oauthError('invalid_grant', OAUTH_TEXT.invalidRefresh) };
  }
  const user = ctx.state.userById(record.userId);
  if (!user) return { error: oauthError('invalid_grant', OAUTH_TEXT.invalidRefresh) };
  if (!withinUserRateLimit(ctx, 'token', user.login)) return { answered: true };

  let scopes = record.scopes;
  const requested = form.get('scope');
  if (requested !== null) {
    const narrowed = parseScopes(requested);
    const denied = narrowed.filter((scope) => !record.scopes.includes(scope));
    if (narrowed.length === 0 || denied.length > 0) {
      return {
        error: oauthError('access_denied', `Some of the scopes requested for the refresh request were not granted in the original authorize request. Denied scopes: [${denied.join(', ')}].`),
      };
    }
    scopes = narrowed;
  }
  const rotate = ctx.state.scenario.refreshTokenRotation;
  if (rotate) ctx.state.store.refreshTokens.delete(token);
  const grant: UserGrant = { server, client, user, auth: record, scopes };
  return { body: await userTokens(ctx, grant, rotate ? undefined : token) };
}

async function clientCredentialsGrant(ctx: Ctx, server: AuthServer, client: Client, form: URLSearchParams, method: string): Promise<Outcome> {
  if (!withinUserRateLimit(ctx, 'token', client.clientId)) return { answered: true };
  // The org server issues only Okta-scoped tokens (the Management API's), to private_key_jwt service apps.
  if (server.id === null) return oktaScopedToken(ctx, server, client, form, method);
  const scopes = parseScopes(form.get('scope'));
  if (scopes.length === 0) return { error: oauthError('invalid_scope', OAUTH_TEXT.noScopes) };
  if (scopes.some((scope) => OIDC_SCOPES.includes(scope))) return { error: oauthError('invalid_scope', OAUTH_TEXT.openidClientCredentials) };
  if (unknownScopes(server, scopes).length > 0) return { error: oauthError('invalid_scope', OAUTH_TEXT.invalidScope) };
  const notGranted = client.scopes ? scopes.filter((scope) => !client.scopes!.includes(scope)) : [];
  if (notGranted.length > 0) {
    return { error: oauthError('invalid_scope', `The following scopes are not allowed for this request: [${notGranted.join(', ')}].`) };
  }
  const minted = await mintClientCredentialsToken(ctx.state, server, client, scopes);
  return { body: { token_type: 'Bearer', expires_in: minted.expiresIn, access_token: minted.token, scope: scopes.join(' ') } };
}

/** Access token always; ID token with `openid`; refresh token with `offline_access` (kept or new). */
async function userTokens(ctx: Ctx, grant: UserGrant, keptRefreshToken?: string): Promise<TokenResponse> {
  const access = await mintAccessToken(ctx.state, grant);
  const body: TokenResponse = {
    token_type: 'Bearer',
    expires_in: access.expiresIn,
    access_token: access.token,
    scope: grant.scopes.join(' '),
  };
  if (grant.scopes.includes('offline_access') && grant.client.grantTypes.includes('refresh_token')) {
    body.refresh_token = keptRefreshToken ?? issueRefreshToken(ctx, grant);
  }
  if (grant.scopes.includes('openid')) body.id_token = await mintIdToken(ctx.state, grant, access.token);
  return body;
}

function issueRefreshToken(ctx: Ctx, grant: UserGrant): string {
  const auth: Authentication = { userId: grant.user.id, authTime: grant.auth.authTime, amr: grant.auth.amr };
  const token = opaqueToken(32);
  ctx.state.store.refreshTokens.set(token, {
    ...auth,
    token,
    serverId: serverKey(grant.server),
    clientId: grant.client.clientId,
    scopes: grant.scopes,
    expiresAt: Date.now() + ctx.state.lifetimes().refreshTokenSeconds * 1000,
  });
  ctx.state.store.audit.record('refreshTokens', token);
  return token;
}
