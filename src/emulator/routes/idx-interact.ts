// POST {issuer}/v1/interact (custom and org servers): opens an Interaction Code transaction for a client
// that has the grant, with PKCE required, and answers its interaction_handle (IDX.md §1.1). Errors are
// OAuth's, texts from the samples and Okta's error catalogue.
import type { Ctx } from '../http/context.js';
import { isFormContentType, readForm } from '../http/body.js';
import { sendNoStoreJson, sendOAuthError } from '../http/respond.js';
import { OAUTH_TEXT, oauthError } from '../lib/errors.js';
import { authenticateClient } from '../oauth/client-auth.js';
import { isWellFormedPkceValue } from '../oauth/pkce.js';
import { parseScopes, unknownScopes } from '../oauth/scopes.js';
import { resolveServer } from '../oauth/servers.js';
import { serverKey } from '../state/emulator-state.js';
import { openTransaction } from '../idx/transactions.js';
import { attributeRequest, recordIdxRequest } from '../idx/http.js';
import { refusedOnClassic } from './idx.js';

export const INTERACT_TEXT = {
  notEnabledForClient:
    "The requested feature (Interaction Code flow) isn't enabled in this environment. Ensure that you have Okta Identity Engine enabled and the Interaction Code flow enabled for this application and authorization server.",
  pkcePublic: "PKCE code challenge is required when the token endpoint authentication method is 'NONE'.",
  pkceConfidential: 'PKCE code challenge is required to use the interaction code flow.',
} as const;

export async function postInteract(ctx: Ctx): Promise<void> {
  const server = resolveServer(ctx);
  if (!server) return;
  const entry = recordIdxRequest(ctx);
  if (refusedOnClassic(ctx)) return;
  if (!isFormContentType(ctx)) {
    return sendOAuthError(ctx, oauthError('invalid_request', "The request must use the 'application/x-www-form-urlencoded' content type."));
  }
  const form = await readForm(ctx);
  const auth = await authenticateClient(ctx, form, `${server.endpointBase}/interact`);
  if ('error' in auth) return sendOAuthError(ctx, auth.error);
  const client = auth.client;
  if (!client.grantTypes.includes('interaction_code')) return sendOAuthError(ctx, oauthError('access_denied', INTERACT_TEXT.notEnabledForClient));

  const redirectUri = form.get('redirect_uri');
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) return sendOAuthError(ctx, oauthError('invalid_request', OAUTH_TEXT.illegalRedirect));
  const scopes = parseScopes(form.get('scope'));
  if (scopes.length === 0) return sendOAuthError(ctx, oauthError('invalid_scope', OAUTH_TEXT.noScopes));
  if (unknownScopes(server, scopes).length > 0) return sendOAuthError(ctx, oauthError('invalid_scope', OAUTH_TEXT.invalidScope));

  const codeChallenge = form.get('code_challenge');
  if (!codeChallenge) {
    const text = client.tokenEndpointAuthMethod === 'none' ? INTERACT_TEXT.pkcePublic : INTERACT_TEXT.pkceConfidential;
    return sendOAuthError(ctx, oauthError('invalid_request', text));
  }
  if (form.get('code_challenge_method') !== 'S256') return sendOAuthError(ctx, oauthError('invalid_request', OAUTH_TEXT.pkceMethod));
  if (!isWellFormedPkceValue(codeChallenge)) return sendOAuthError(ctx, oauthError('invalid_request', OAUTH_TEXT.pkceIllegal));

  const tx = openTransaction(ctx.state, {
    serverId: serverKey(server),
    clientId: client.clientId,
    redirectUri,
    scopes,
    state: form.get('state') ?? undefined,
    nonce: form.get('nonce') ?? undefined,
    codeChallenge,
  });
  attributeRequest(tx, entry, undefined);
  sendNoStoreJson(ctx, 200, { interaction_handle: tx.interactionHandle });
}
