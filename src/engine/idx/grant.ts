// Grants openid-client has no named function for, through its generic grant request: the interaction
// code (IDX) and Direct Authentication's password and mfa-otp grants. Client authentication, the token
// endpoint and the ID token's claims are openid-client's; the failures become the engine's codes. A
// refusal's body is handed to the caller (Direct Authentication reads its mfa_token) but never put on an
// error: an mfa_token is a credential.
import * as client from 'openid-client';
import { OktaError, findOktaError } from '../errors.js';
import { timedGrant } from '../token-expiry.js';

export type GenericGrant = 'interaction_code' | 'password' | 'http://auth0.com/oauth/grant-type/mfa-otp';

export interface Refusal {
  status: number;
  error: string;
  description: string;
  body: Record<string, unknown>;
}

export type GrantOutcome = { tokens: client.TokenEndpointResponse } | { refused: Refusal };

/** Tokens, or the OAuth refusal as data; anything else (network, validation) is thrown as an OktaError. */
export async function grantRequest(oidc: client.Configuration, grant: GenericGrant, parameters: Record<string, string>): Promise<GrantOutcome> {
  try {
    return { tokens: await timedGrant(() => client.genericGrantRequest(oidc, grant, parameters)) };
  } catch (error) {
    const e = error instanceof client.ResponseBodyError ? error : (error as { cause?: unknown })?.cause;
    if (e instanceof client.ResponseBodyError) {
      return { refused: { status: e.status, error: e.error, description: e.error_description ?? '', body: (e.cause ?? {}) as Record<string, unknown> } };
    }
    throw otherError(error, grant);
  }
}

export async function genericGrant(oidc: client.Configuration, grant: GenericGrant, parameters: Record<string, string>): Promise<client.TokenEndpointResponse> {
  const outcome = await grantRequest(oidc, grant, parameters);
  if ('refused' in outcome) throw refusalError(outcome.refused, grant);
  return outcome.tokens;
}

/** A refused grant as ERR_INVALID_CLIENT or ERR_TOKEN; Okta's error and description are quoted (never a body). */
export function refusalError(r: Refusal, grant: GenericGrant, hint?: string): OktaError {
  const said = `${r.status} ${r.error}${r.description ? `: "${r.description}"` : ''}`;
  const okta = { status: r.status, oauthError: r.error };
  if (r.error === 'invalid_client' || r.status === 401) {
    return new OktaError('ERR_INVALID_CLIENT', `The token endpoint refused the client's authentication (${said}) during ${grant}. Check OKTA_CLIENT_ID, OKTA_CLIENT_SECRET / OKTA_PRIVATE_KEY, and the app's client authentication method (OKTA_CLIENT_AUTH_METHOD).`, okta);
  }
  const why = hint ?? (grant === 'interaction_code'
    ? 'Interaction codes are single-use and live 60 seconds; check the app allows the Interaction Code grant.'
    : "Check the app's grant types (Resource Owner Password and MFA OTP for Direct Authentication).");
  return new OktaError('ERR_TOKEN', `The token endpoint refused the ${grant} grant (${said}). ${why}`, okta);
}

const CHECKS = new Set(['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED', 'OAUTH_INVALID_RESPONSE', 'OAUTH_PARSE_ERROR']);

function otherError(error: unknown, grant: GenericGrant): OktaError {
  const ours = findOktaError(error);
  if (ours) return ours;
  const code = (error as { code?: string }).code;
  if (code && CHECKS.has(code)) {
    return new OktaError('ERR_TOKEN_INVALID', `The token response failed validation (${(error as Error).message}); nothing was cached. Check OKTA_ISSUER matches the issuer in the tokens and this machine's clock.`, { cause: error });
  }
  return new OktaError('ERR_TOKEN', `The ${grant} grant failed (${(error as Error)?.message ?? String(error)}). Check OKTA_ISSUER and the app's allowed grant types.`, { cause: error });
}
