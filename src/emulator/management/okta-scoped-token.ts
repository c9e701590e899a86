// Client credentials at the org authorization server (/oauth2/v1/token): Okta-scoped access tokens for
// the Management API, issued only to service apps that authenticate with private_key_jwt (Okta: "the only
// supported method for OAuth service apps that want to get access tokens with Okta scopes") and only for
// the Okta scopes the app was granted. The token's `iss` and `aud` are the org URL.
import type { Ctx } from '../http/context.js';
import { OAUTH_TEXT, oauthError, type OAuthError } from '../lib/errors.js';
import { parseScopes } from '../oauth/scopes.js';
import { mintClientCredentialsToken } from '../oauth/tokens.js';
import type { AuthServer } from '../state/emulator-state.js';
import type { Client } from '../state/seed.js';
import { OKTA_SCOPES, type OktaScope } from './credentials.js';

type Outcome = { body: Record<string, string | number> } | { error: OAuthError };

export async function oktaScopedToken(ctx: Ctx, server: AuthServer, client: Client, form: URLSearchParams, method: string): Promise<Outcome> {
  if (method !== 'private_key_jwt') {
    return { error: oauthError('invalid_client', 'Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.') };
  }
  const scopes = parseScopes(form.get('scope'));
  if (scopes.length === 0) return { error: oauthError('invalid_scope', OAUTH_TEXT.noScopes) };
  if (scopes.some((scope) => !OKTA_SCOPES.includes(scope as OktaScope))) return { error: oauthError('invalid_scope', OAUTH_TEXT.invalidScope) };
  const notGranted = scopes.filter((scope) => !(client.scopes ?? []).includes(scope));
  if (notGranted.length > 0) {
    return { error: oauthError('invalid_scope', `The following scopes are not allowed for this request: [${notGranted.join(', ')}].`) };
  }
  const minted = await mintClientCredentialsToken(ctx.state, server, client, scopes);
  return { body: { token_type: 'Bearer', expires_in: minted.expiresIn, access_token: minted.token, scope: scopes.join(' ') } };
}
