// Validating an /authorize request in Okta's order. Problems with client_id or redirect_uri cannot be sent
// back to the client, so they become the 400 HTML page; everything after that is a redirected error.
import type { AuthServer, EmulatorState } from '../state/emulator-state.js';
import type { Client } from '../state/seed.js';
import { OAUTH_TEXT } from '../lib/errors.js';
import { isWellFormedPkceValue } from './pkce.js';
import { parseScopes, unknownScopes } from './scopes.js';

export type ResponseMode = 'query' | 'fragment' | 'form_post' | 'okta_post_message';

export interface AuthorizeRequest {
  client: Client;
  redirectUri: string;
  responseTypes: Set<string>;
  responseMode: ResponseMode;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  prompt?: string;
  sessionToken?: string;
}

export type AuthorizeCheck =
  | { ok: true; request: AuthorizeRequest }
  | { ok: false; page: { error: string; description: string } }
  | { ok: false; redirect: { client: Client; redirectUri: string; responseMode: ResponseMode; state?: string; error: string; description: string } };

const RESPONSE_TYPES = ['code', 'token', 'id_token'];
const RESPONSE_MODES: ResponseMode[] = ['query', 'fragment', 'form_post', 'okta_post_message'];
const PROMPTS = ['none', 'login', 'consent', 'login consent', 'consent login'];

export function checkAuthorizeRequest(state: EmulatorState, server: AuthServer, query: URLSearchParams): AuthorizeCheck {
  const one = (name: string) => query.get(name) ?? undefined;
  const client = state.client(one('client_id'));
  if (!client) return { ok: false, page: { error: 'invalid_client', description: OAUTH_TEXT.invalidClientId } };
  const redirectUri = one('redirect_uri');
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
    return { ok: false, page: { error: 'invalid_request', description: OAUTH_TEXT.illegalRedirect } };
  }

  const responseTypes = new Set((one('response_type') ?? '').split(/\s+/).filter(Boolean));
  const stateParam = one('state');
  const implicit = responseTypes.has('token') || responseTypes.has('id_token');
  const requestedMode = one('response_mode');
  const responseMode: ResponseMode = RESPONSE_MODES.includes(requestedMode as ResponseMode)
    ? (requestedMode as ResponseMode)
    : implicit
      ? 'fragment'
      : 'query';
  const fail = (error: string, description: string): AuthorizeCheck => ({
    ok: false,
    redirect: { client, redirectUri, responseMode, state: stateParam, error, description },
  });

  const configured = allowedResponseTypes(client);
  if (responseTypes.size === 0 || [...responseTypes].some((type) => !RESPONSE_TYPES.includes(type))) {
    return fail('unsupported_response_type', `The response type is not supported by the authorization server. Configured response types: [${configured.join(', ')}].`);
  }
  if ([...responseTypes].some((type) => !configured.includes(type))) {
    return fail('unsupported_response_type', `The response type is not supported by the authorization server. Configured response types: [${configured.join(', ')}].`);
  }
  if (requestedMode !== undefined && !RESPONSE_MODES.includes(requestedMode as ResponseMode)) {
    return fail('invalid_request', `The 'response_mode' parameter is invalid. Supported values: [${RESPONSE_MODES.join(', ')}].`);
  }
  if (requestedMode === 'query' && implicit) {
    return fail('invalid_request', "The 'response_mode' parameter 'query' cannot be used with the 'token' or 'id_token' response types.");
  }

  const scopes = parseScopes(one('scope'));
  if (scopes.length === 0) return fail('invalid_scope', OAUTH_TEXT.noScopes);
  const unknown = unknownScopes(server, scopes);
  if (unknown.length > 0) return fail('invalid_scope', OAUTH_TEXT.invalidScope);
  if (responseTypes.has('id_token') && !scopes.includes('openid')) return fail('invalid_scope', OAUTH_TEXT.openidRequired);

  if (!stateParam) return fail('invalid_request', OAUTH_TEXT.invalidState);
  const nonce = one('nonce');
  if (implicit && !nonce) return fail('invalid_request', OAUTH_TEXT.nonceRequired);

  const prompt = one('prompt');
  if (prompt !== undefined && !PROMPTS.includes(prompt)) {
    return fail('invalid_request', "Invalid value for 'prompt' parameter. Supported values: [none, login, consent]");
  }

  const codeChallenge = one('code_challenge');
  const method = one('code_challenge_method');
  if (responseTypes.has('code')) {
    if (codeChallenge === undefined) {
      if (method !== undefined) return fail('invalid_request', OAUTH_TEXT.pkceChallengeRequired);
      if (client.tokenEndpointAuthMethod === 'none') return fail('invalid_request', OAUTH_TEXT.pkceChallengeRequired);
    } else {
      if (method !== 'S256') return fail('invalid_request', OAUTH_TEXT.pkceMethod);
      if (!isWellFormedPkceValue(codeChallenge)) return fail('invalid_request', OAUTH_TEXT.pkceIllegal);
    }
  }

  return {
    ok: true,
    request: {
      client,
      redirectUri,
      responseTypes,
      responseMode,
      scopes,
      state: stateParam,
      nonce,
      codeChallenge: responseTypes.has('code') ? codeChallenge : undefined,
      prompt,
      sessionToken: one('sessionToken'),
    },
  };
}

/** What the client may ask /authorize for, from its grant types. */
function allowedResponseTypes(client: Client): string[] {
  const types: string[] = [];
  if (client.grantTypes.includes('authorization_code')) types.push('code');
  if (client.grantTypes.includes('implicit')) types.push('token', 'id_token');
  return types;
}
