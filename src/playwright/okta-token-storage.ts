// The value okta-auth-js keeps under localStorage `okta-token-storage`, built from our cached tokens so an
// SPA starts signed in without a single change to the app. Field names and units follow okta-auth-js 8's
// token manager (expiresAt in seconds; no access-token claims unless the app sets decodeAccessTokens;
// isAuthenticated() wants both tokens, so an ID token is required). The refresh token is left out on purpose: a rotating refresh token
// in browser contexts that run in parallel would be spent by the first one and invalidate the others.
import type { TokenRecord } from '../engine/index.js';

export const OKTA_TOKEN_STORAGE_KEY = 'okta-token-storage';

export interface OktaTokenStorage {
  accessToken: {
    accessToken: string;
    expiresAt: number;
    tokenType: string;
    scopes: string[];
    authorizeUrl: string;
    userinfoUrl: string;
  };
  idToken: {
    idToken: string;
    claims: Record<string, unknown>;
    expiresAt: number;
    scopes: string[];
    authorizeUrl: string;
    issuer: string;
    clientId: string;
  };
}

export function oktaTokenStorage(tokens: TokenRecord): OktaTokenStorage {
  if (!tokens.idToken || !tokens.idTokenClaims) {
    throw new Error(
      `Role "${tokens.role}" has no ID token, and okta-auth-js counts an SPA as signed in only with one. ` +
        'Recommended fix: include `openid` in OKTA_SCOPES and use a user identity for the spa storage kind.',
    );
  }
  return {
    accessToken: {
      accessToken: tokens.accessToken,
      expiresAt: Math.floor(tokens.expiresAt / 1000),
      tokenType: tokens.tokenType,
      scopes: tokens.scopes,
      authorizeUrl: tokens.authorizeUrl,
      userinfoUrl: tokens.userinfoUrl,
    },
    idToken: {
      idToken: tokens.idToken,
      claims: tokens.idTokenClaims,
      expiresAt: Number(tokens.idTokenClaims.exp),
      scopes: tokens.scopes,
      authorizeUrl: tokens.authorizeUrl,
      issuer: tokens.issuer,
      clientId: tokens.clientId,
    },
  };
}
