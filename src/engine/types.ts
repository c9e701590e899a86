// Shapes shared across the engine: configuration, identities and what the cache holds.

export type ResponseMode = 'query' | 'form_post' | 'fragment';

/** OKTA_LOGIN_FLOW: how a user signs in. `auto` asks the org (Identity Engine → idx, else authn). */
export type LoginFlow = 'auto' | 'authn' | 'idx' | 'direct';

export interface Account {
  username: string;
  password: string;
  totpSecret?: string;
}

export interface Identity {
  role: string;
  /** `user`: authn + authorize + code exchange; `service`: client credentials (no accounts). */
  kind: 'user' | 'service';
  /** A pool of accounts sharing one role (one per parallel worker); empty for a service identity. */
  accounts: Account[];
  clientId: string;
  clientSecret?: string;
  scopes: string[];
  /** OKTA_<ROLE>_PROVISION=true: the accounts are test users the run creates (src/provision) and removes. */
  provisioned?: boolean;
}

export interface OktaConfig {
  issuer: string;
  /** The Okta org's origin: where /api/v1/authn lives. */
  orgUrl: string;
  clientId: string;
  clientSecret?: string;
  /** PEM or JWK text of the private_key_jwt key (already read when OKTA_PRIVATE_KEY named a file). */
  privateKey?: string;
  redirectUri: string;
  scopes: string[];
  audience?: string;
  /** Absolute. */
  cacheDir: string;
  appBaseUrl?: string;
  /** Every configured role, `default` first when OKTA_USERNAME is set. */
  roles: string[];
  defaultRole: string;
  identities: Record<string, Identity>;
  /** How /authorize returns the code (OKTA_RESPONSE_MODE); default `query`. */
  responseMode: ResponseMode;
  /** OKTA_LOGIN_FLOW; default `auto`. */
  loginFlow: LoginFlow;
  /** OKTA_CLIENT_AUTH_METHOD for the app (OKTA_CLIENT_ID); otherwise basic with a secret, private_key_jwt with a key. */
  clientAuthMethod?: 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /** OKTA_HTTP_TIMEOUT_MS: per-request timeout; default 15000. */
  timeoutMs?: number;
  /** OKTA_LOCK_TIMEOUT_MS: longest wait for another process's login of the same identity; default 120000. */
  lockTimeoutMs?: number;
}

export interface SessionCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** Seconds since the epoch, or -1 for a session cookie. */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Lax' | 'None' | 'Strict';
}

export interface TokenRecord {
  version: 1;
  key: string;
  issuer: string;
  clientId: string;
  role: string;
  /** '' for a service identity. */
  username: string;
  /** Okta user id (`00u…`) from authn. */
  userId?: string;
  subject: string;
  tokenType: 'Bearer';
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  scopes: string[];
  /** ms since the epoch, from expires_in and the local clock. */
  expiresAt: number;
  obtainedAt: number;
  accessTokenClaims: Record<string, unknown>;
  idTokenClaims?: Record<string, unknown>;
  authorizeUrl: string;
  userinfoUrl: string;
  /** The cookies /authorize set (Okta's `sid`): a signed-in Okta browser session. */
  oktaSession?: { orgUrl: string; cookies: SessionCookie[] };
}

export interface Acquisition {
  tokens: TokenRecord;
  source: 'login' | 'cache' | 'refresh';
  ms: number;
}

export interface AcquireOptions {
  /** Pool index (e.g. the worker's parallelIndex); taken modulo the pool size. */
  account?: number;
  /** Reuse cached tokens only with at least this much life left. Default 60. */
  minTtlSeconds?: number;
  /** Ignore the cache and log in again. */
  fresh?: boolean;
  /** Non-fatal notices (a corrupt cache file discarded, a rate limit waited out). */
  warn?: (message: string) => void;
}
