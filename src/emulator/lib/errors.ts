// The two error shapes Okta answers with, built in one place so every route says the same thing.
// API errors (`/api/v1/*`, some `/oauth2` edge cases): {errorCode, errorSummary, errorLink, errorId, errorCauses}.
// OAuth errors (token, userinfo, revoke, introspect, redirects): {error, error_description}.
// Texts come from okta-wire/api-error-codes.catalog.json and oauth2-error-codes.catalog.json.
import { randomId } from './ids.js';

export type ApiErrorCode =
  | 'E0000001'
  | 'E0000003'
  | 'E0000004'
  | 'E0000005'
  | 'E0000007'
  | 'E0000008'
  | 'E0000009'
  | 'E0000011'
  | 'E0000022'
  | 'E0000047'
  | 'E0000068'
  | 'E0000079';

const API_ERRORS: Record<ApiErrorCode, { status: number; summary: string }> = {
  E0000001: { status: 400, summary: 'Api validation failed: {0}' },
  E0000003: { status: 400, summary: 'The request body was not well-formed.' },
  E0000004: { status: 401, summary: 'Authentication failed' },
  E0000005: { status: 403, summary: 'Invalid session' },
  E0000007: { status: 404, summary: 'Not found: {0}' },
  E0000008: { status: 404, summary: 'The requested path was not found' },
  E0000009: { status: 500, summary: 'Internal Server Error' },
  E0000011: { status: 401, summary: 'Invalid token provided' },
  E0000022: { status: 405, summary: 'The endpoint does not support the provided HTTP method' },
  E0000047: { status: 429, summary: 'API call exceeded rate limit due to too many requests.' },
  E0000068: { status: 403, summary: 'Invalid Passcode/Answer' },
  E0000079: { status: 403, summary: 'This operation is not allowed in the current authentication state.' },
};

export interface ApiErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: { errorSummary: string }[];
}

export interface ApiError {
  status: number;
  body: ApiErrorBody;
}

/** `apiError('E0000007', { detail: 'Resource not found: me (Session)' })` fills the catalog's `{0}`. */
export function apiError(
  code: ApiErrorCode,
  options: { detail?: string; causes?: string[]; status?: number } = {},
): ApiError {
  const known = API_ERRORS[code];
  return {
    status: options.status ?? known.status,
    body: {
      errorCode: code,
      errorSummary: known.summary.replace('{0}', options.detail ?? ''),
      errorLink: code,
      errorId: randomId('oae', 22),
      errorCauses: (options.causes ?? []).map((errorSummary) => ({ errorSummary })),
    },
  };
}

export interface OAuthError {
  status: number;
  error: string;
  description: string;
}

/** `oauthError('invalid_grant', 'PKCE verification failed.')`; status defaults by error (RFC 6749 §5.2). */
export function oauthError(error: string, description: string, status?: number): OAuthError {
  const defaults: Record<string, number> = { invalid_client: 401, invalid_token: 401, insufficient_scope: 403 };
  return { status: status ?? defaults[error] ?? 400, error, description };
}

/** Texts Okta uses, in one table so routes and tests agree. */
export const OAUTH_TEXT = {
  invalidCode: 'The authorization code is invalid or has expired.',
  invalidRefresh: 'The refresh token is invalid or expired.',
  pkceFailed: 'PKCE verification failed.',
  pkceChallengeRequired: 'PKCE code challenge is required by the application.',
  pkceVerifierRequired: 'PKCE code verifier is required by the application.',
  pkceChallengeMissingForVerifier:
    'PKCE code challenge should be specified in the authorize request for code verification.',
  pkceMethod: 'PKCE code challenge method is not supported. Valid values: [S256]',
  pkceIllegal: 'PKCE code challenge contains illegal characters.',
  mismatchedClient:
    "The grant was issued to another client. Please make sure the 'client_id' matches the one used at the authorize request.",
  mismatchedRedirect: "The 'redirect_uri' does not match the redirection URI used in the authorization request.",
  mismatchedServer: 'The grant was issued for another authorization server.',
  noClientCredentials: 'No client credentials found.',
  clientAuthFailed: 'Client authentication failed. Either the client or the client credentials are invalid.',
  invalidClientId: "Invalid value for 'client_id' parameter.",
  invalidSecret: 'The client secret supplied for a confidential client is invalid.',
  multipleCredentials:
    'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
  unsupportedGrant: "The grant type in the request isn't supported.",
  invalidScope: 'One or more scopes are not configured for the authorization server resource.',
  noScopes: "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
  openidClientCredentials: "Cannot request 'openid' scopes using client credentials.",
  openidRequired: "Requests for ID tokens or access tokens with OpenID scopes require the 'openid' scope.",
  notAssigned: 'User is not assigned to the client application.',
  loginRequired: 'The client specified not to prompt, but the user is not logged in.',
  invalidState: "The authentication request has an invalid 'state' parameter.",
  nonceRequired: "The 'nonce' parameter is required for authorize requests with either the 'id_token' or 'token' response types.",
  illegalRedirect: "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.",
  illegalPostLogoutRedirect:
    "The 'post_logout_redirect_uri' parameter must be a Logout redirect URI in the client app settings.",
  tokenRequired: "The 'token' parameter is required.",
  accessTokenInvalid: 'The access token is invalid.',
  insufficientScope: 'The access token provided does not contain the required scopes.',
} as const;
