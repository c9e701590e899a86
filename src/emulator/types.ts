// The emulator's public contract: what a seed may say, which scenario switches exist, and the handle a test
// gets back from startEmulator(). Tests, the demo app and the benchmarks rely on these names.

/** Okta's user lifecycle states; only ACTIVE (and PASSWORD_EXPIRED, to change it) users can sign in. */
export type UserStatus = 'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'SUSPENDED' | 'DEPROVISIONED';

export interface SeedUser {
  /** Okta user id (`00u…`); generated from the login when omitted, stable across restarts. */
  id?: string;
  login: string;
  password: string;
  firstName: string;
  lastName: string;
  /** Defaults to the login. */
  email?: string;
  status?: UserStatus;
  /** Group names; a group named here exists even if `groups` does not list it. */
  groups?: string[];
  /** Base32 secret of an enrolled `token:software:totp` factor; the user then gets MFA_REQUIRED. */
  totpSecret?: string;
  /** Client ids the user is assigned to; `'*'` (the default) means every client. */
  assignedClients?: string[] | '*';
  /** The sign-on policy requires a factor this user has not enrolled: authn answers MFA_ENROLL. */
  mfaEnrollRequired?: boolean;
  /** Identity Engine authenticators besides the password that a headless client cannot answer (Okta Verify
   * push, email), for a user without `totpSecret` (one with it has both anyway): IDX then offers only these. */
  headlessUnanswerable?: Array<'okta_verify' | 'okta_email'>;
}

/** An Okta group (`OKTA_GROUP`); the Management API lists and changes it. */
export interface SeedGroup {
  /** `00g…`; generated from the name when omitted, stable across restarts. */
  id?: string;
  name: string;
  description?: string;
  /** Client ids (apps) the group is assigned to: its members may sign in to them. */
  assignedClients?: string[];
}

export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

export interface SeedClient {
  clientId: string;
  /** Confidential clients authenticate with this secret, by `client_secret_basic` or `client_secret_post`. */
  clientSecret?: string;
  /** Public keys for `private_key_jwt` clients. */
  jwks?: { keys: Record<string, unknown>[] };
  /** Defaults: `none` for clients without secret or keys, `client_secret_basic` with a secret, `private_key_jwt` with keys. */
  tokenEndpointAuthMethod?: ClientAuthMethod;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** Defaults to `['authorization_code', 'refresh_token', 'implicit']`. */
  grantTypes?: string[];
  /** Scopes the client may ask for with client credentials (custom scopes). */
  scopes?: string[];
}

export interface SeedAuthorizationServer {
  /** `default` → issuer `{org}/oauth2/default`. The org server always exists and is not listed. */
  id: string;
  audience: string;
  /** Custom scopes it knows besides the OIDC ones (`openid profile email address phone offline_access groups`). */
  scopes?: string[];
}

/** At most `limit` requests per window of `windowSeconds`; the window opens with its first request. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface Lifetimes {
  accessTokenSeconds: number;
  idTokenSeconds: number;
  refreshTokenSeconds: number;
  /** sessionToken from /api/v1/authn (Okta: 5 minutes). */
  sessionTokenSeconds: number;
  /** authorization code (Okta: 5 minutes). */
  codeSeconds: number;
  /** the `sid` session (Okta default: 2 hours). */
  sessionSeconds: number;
  /** Identity Engine's interaction_code (Okta: at most 60 seconds). Read when the code is redeemed, so a test
   * can shorten it after the code was issued instead of waiting. */
  interactionCodeSeconds: number;
  /** An IDX transaction (interaction handle and stateHandle) and Direct Authentication's mfa_token. */
  idxTransactionSeconds: number;
}

/** An app authentication policy (Identity Engine): what a sign-in to the client must prove. */
export type AppPolicy = 'password' | 'password+any' | 'password+totp';

export interface Seed {
  users: SeedUser[];
  /** Groups with ids and app assignments; a group a user names but this omits is made with defaults. */
  groups: SeedGroup[];
  clients: SeedClient[];
  authorizationServers: SeedAuthorizationServer[];
  /** SSWS API tokens accepted by the Management API (`/api/v1/users`, `/api/v1/groups`, …), with every scope. */
  apiTokens: string[];
  /** Origins allowed by CORS and by sessionCookieRedirect; the origins of every redirect URI are added. */
  trustedOrigins: string[];
  lifetimes: Lifetimes;
  /** The org's engine at start (the scenario's `engine` overrides it). Default `classic`. */
  engine?: Scenario['engine'];
  /** App authentication policies by client id (the scenario's `appPolicies` adds to them). */
  appPolicies?: Record<string, AppPolicy>;
}

/** A seed file adds to the default seed: entries with the same login / clientId / id replace the default's. */
export type SeedInput = Partial<Omit<Seed, 'lifetimes'>> & { lifetimes?: Partial<Lifetimes> };

/** Tampering switches: the next tokens (or authorize redirects) are wrong in exactly this way. */
export type Tamper =
  | 'state' // authorize redirects back with another state
  | 'issuer' // tokens carry another `iss`
  | 'audience' // tokens carry another `aud`
  | 'signature' // signatures do not verify
  | 'alg-none' // unsigned tokens, `alg: none`
  | 'expired' // tokens already expired
  | 'nonce' // ID token carries another nonce
  | 'subject' // tokens are for another user than the one who logged in
  | 'unknown-kid'; // signed with a key whose `kid` the JWKS never lists

export interface Scenario {
  /** Okta-like per-username rate limit on /api/v1/authn and /token; null = off (the default). */
  rateLimit: RateLimitRule | null;
  /** The org's Management API budget, one per family (/api/v1/users*, /api/v1/groups*, /api/v1/apps*):
   * over it, 429 E0000047 with X-Rate-Limit-*; null = off (the default). */
  managementRateLimit: RateLimitRule | null;
  /** Rotate refresh tokens on every use (Okta's "rotate token after every use"). Default true. */
  refreshTokenRotation: boolean;
  /** Seconds added to the emulator's clock when it writes `iat`/`exp`/`auth_time` (default 0). */
  clockSkewSeconds: number;
  /** Locked users: `false` (Okta's default) answers 401 E0000004, `true` answers 200 LOCKED_OUT. */
  showLockedOut: boolean;
  /** How /authorize answers when the sessionToken is missing, used or expired: Classic redirects to
   * /login/login.htm, Identity Engine answers 200 with the sign-in page. Default 'classic'. */
  engine: 'classic' | 'identity-engine';
  /** Identity Engine app authentication policies by client id; a client not listed asks for the password only
   * (a user with a TOTP factor is still asked for it: the global session policy, as authn does). */
  appPolicies: Record<string, AppPolicy>;
  /** IDX's first form: identifier first (default), or the password on the identify form ("password first"). */
  idxPasswordOnIdentify: boolean;
  tamper: Tamper | null;
  /** Overrides of the seed's lifetimes, e.g. `{ accessTokenSeconds: 5 }` for expiry tests. */
  lifetimes: Partial<Lifetimes>;
}

/** One injected fault, for the next `times` requests matching `route` ("METHOD /path", no query). */
export interface Fault {
  route: string;
  status?: number;
  delayMs?: number;
  drop?: boolean;
  /** With `status`: answer exactly this body instead of Okta's error body (fuzzing a client's parsers). */
  body?: string;
  /** With `status`: these response headers too (e.g. a `Location`, a `Content-Type`). */
  headers?: Record<string, string>;
  /** Default 1. */
  times?: number;
}

/** Kinds of credentials the emulator records for `audit()`. */
export type IssuedKind =
  | 'sessionTokens'
  | 'stateTokens'
  | 'codes'
  | 'codeVerifiers'
  | 'accessTokens'
  | 'idTokens'
  | 'refreshTokens'
  | 'interactionHandles'
  | 'stateHandles'
  | 'interactionCodes'
  | 'mfaTokens';

/** One Identity Engine request (IDX or Direct Authentication), for counting requests per login. */
export interface FlowRequest {
  /** Epoch ms. */
  at: number;
  /** "POST /idp/idx/identify", "POST /oauth2/default/v1/token (password)", … */
  request: string;
  /** The user it was for, once known (lower case). */
  login?: string;
  rateLimited: boolean;
}

/** What a test may ask the emulator about a run: every primary authentication attempt and every credential issued. */
export interface EmulatorAudit {
  /** `POST /api/v1/authn` with a username, in order; `at` in epoch ms; `rateLimited` when answered 429. */
  authn: Array<{ at: number; login: string; rateLimited: boolean }>;
  /** Interact, IDX and interaction_code token requests, in order. */
  idx: FlowRequest[];
  /** Direct Authentication token requests (`password`, `mfa-otp`), in order. */
  direct: FlowRequest[];
  /** Values issued since the start or the last reset (`codeVerifiers`: received at /token). */
  issued: Record<IssuedKind, string[]>;
}

export interface StartEmulatorOptions {
  /** 0 (the default) lets the OS choose; the handle tells which. Always bound to 127.0.0.1. */
  port?: number;
  /** A seed object or the path of a JSON seed file; either adds to the default seed. */
  seed?: SeedInput | string;
  scenario?: Partial<Scenario>;
  /** Keep signing keys, sessions and refresh tokens in this file across restarts, like a long-lived org
   * (the embedded default uses it, so tokens cached by an earlier run stay valid). Default: nothing kept. */
  stateFile?: string;
  /** Serve HTTPS (issuer `https://127.0.0.1:{port}/…`) with a certificate for 127.0.0.1 and localhost,
   * signed by a local CA that is made once and kept in `caDir`. Trust it with NODE_EXTRA_CA_CERTS=`caFile`. */
  https?: boolean;
  /** Where the local CA is kept (ca.pem, ca-key.pem 0600). Default `~/.cache/playwright-okta/emulator-ca`
   * (`$XDG_CACHE_HOME` when set). */
  caDir?: string;
}

export interface EmulatorHandle extends AsyncDisposable {
  port: number;
  /** `http://127.0.0.1:{port}` (`https://` with `https`): the org URL and the org authorization server's issuer. */
  orgUrl: string;
  /** `http://127.0.0.1:{port}/oauth2/default` (`https://` with `https`). */
  issuer: string;
  /** With `https`: the local CA's certificate file, for NODE_EXTRA_CA_CERTS. */
  caFile?: string;
  /** Requests served so far, by "METHOD /path" (no query; /__emulator/ controls not counted). */
  stats(): Record<string, number>;
  /** Authn attempts and issued credentials since the start or the last reset (tests only: it holds secrets). */
  audit(): EmulatorAudit;
  setScenario(change: Partial<Scenario>): void;
  addFault(fault: Fault): void;
  clearFaults(): void;
  /** Forgets sessions, codes, tokens, stats, faults and rate-limit counters; restores the start scenario. */
  reset(): void;
  close(): Promise<void>;
}
