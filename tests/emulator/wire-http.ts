// Plain HTTP against a running emulator, the way Okta's documented browserless flow goes: authn, authorize
// with the sessionToken (redirects not followed), token. No engine code (the emulator is checked on its own).
import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { expect } from '@playwright/test';

export const PASSWORD = 'Passw0rd!';
export const MFA_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

export const DEMO_SPA = { clientId: 'demo-spa', redirectUri: 'http://localhost:3000/login/callback' } as const;
export const DEMO_WEB = {
  clientId: 'demo-web',
  clientSecret: 'demo-web-secret',
  redirectUri: 'http://localhost:3000/authorization-code/callback',
} as const;
export const DEMO_SERVICE = { clientId: 'demo-service', clientSecret: 'demo-service-secret' } as const;

export interface WireResponse {
  status: number;
  headers: Headers;
  setCookies: string[];
  location: string | null;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface SendOptions {
  method?: string;
  json?: unknown;
  form?: Record<string, string>;
  basic?: { id: string; secret: string };
  bearer?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

/** One request, redirects not followed, a 10 s timeout. */
export async function send(url: string | URL, opts: SendOptions = {}): Promise<WireResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  }
  if (opts.basic) {
    const id = encodeURIComponent(opts.basic.id);
    const secret = encodeURIComponent(opts.basic.secret);
    headers.authorization = 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64');
  }
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await fetch(url, {
    method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    headers: res.headers,
    setCookies: res.headers.getSetCookie(),
    location: res.headers.get('location'),
    text,
    json,
  };
}

/** The body as a JSON object; fails the test (naming the status, not the body) when it is not one. */
export function jsonObject(res: WireResponse): Record<string, unknown> {
  expect(res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json), `JSON object body (HTTP ${res.status})`).toBe(true);
  return res.json as Record<string, unknown>;
}

export function authn(orgUrl: string, username: string, password = PASSWORD): Promise<WireResponse> {
  return send(`${orgUrl}/api/v1/authn`, {
    json: { username, password, options: { multiOptionalFactorEnroll: false, warnBeforePasswordExpired: false } },
  });
}

export function totpCode(secret = MFA_TOTP_SECRET, timestamp = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp,
  });
}

/** A 6-digit code that is valid in no window from 5 periods back to 5 ahead. */
export function wrongTotpCode(secret = MFA_TOTP_SECRET): string {
  const valid = new Set<string>();
  for (let k = -5; k <= 5; k++) valid.add(totpCode(secret, Date.now() + k * 30_000));
  for (let n = 0; ; n++) {
    const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

/** The TOTP factor of an MFA_REQUIRED answer, chosen by type (never by position); Okta's providers are OKTA or GOOGLE. */
export function totpFactor(body: Record<string, unknown>): { id: string; provider: string; verifyHref: string } {
  const embedded = body._embedded as { factors?: { id: string; factorType: string; provider: string; _links: { verify: { href: string } } }[] };
  const factor = embedded?.factors?.find((f) => f.factorType === 'token:software:totp');
  expect(factor, 'a token:software:totp factor in _embedded.factors').toBeTruthy();
  return { id: factor!.id, provider: factor!.provider, verifyHref: factor!._links.verify.href };
}

/** authn (and a TOTP answer when MFA is required) → a fresh sessionToken and the user's id. */
export async function sessionTokenFor(orgUrl: string, username: string, password = PASSWORD): Promise<{ sessionToken: string; userId: string }> {
  const res = await authn(orgUrl, username, password);
  expect(res.status, `authn for ${username}`).toBe(200);
  let body = jsonObject(res);
  if (body.status === 'MFA_REQUIRED') {
    const factor = totpFactor(body);
    const verify = await send(factor.verifyHref, { json: { stateToken: body.stateToken, passCode: totpCode() } });
    expect(verify.status, `TOTP verify for ${username}`).toBe(200);
    body = jsonObject(verify);
  }
  expect(body.status, `authn status for ${username}`).toBe('SUCCESS');
  const user = (body._embedded as { user: { id: string } }).user;
  return { sessionToken: body.sessionToken as string, userId: user.id };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function randomValue(): string {
  return randomBytes(12).toString('base64url');
}

export interface AuthorizeRequest {
  /** The authorization server's issuer: `{org}/oauth2/default` or the org URL itself. */
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope?: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  sessionToken?: string;
  responseType?: string;
  extra?: Record<string, string>;
}

/** `/v1/authorize` under a custom server's issuer, `/oauth2/v1/authorize` under the org server's. */
export function endpoint(issuer: string, name: string): string {
  return new URL(issuer).pathname.startsWith('/oauth2/') ? `${issuer}/v1/${name}` : `${issuer}/oauth2/v1/${name}`;
}

export function authorizeUrl(req: AuthorizeRequest): URL {
  const url = new URL(endpoint(req.issuer, 'authorize'));
  const params: Record<string, string | undefined> = {
    client_id: req.clientId,
    redirect_uri: req.redirectUri,
    response_type: req.responseType ?? 'code',
    response_mode: 'query',
    scope: req.scope ?? 'openid profile email',
    state: req.state,
    nonce: req.nonce,
    code_challenge: req.codeChallenge,
    code_challenge_method: req.codeChallenge ? 'S256' : undefined,
    sessionToken: req.sessionToken,
    ...req.extra,
  };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

/** The `sid` cookie from Set-Cookie lines, as a `Cookie` header value, or undefined. */
export function sidCookie(setCookies: string[]): string | undefined {
  for (const line of setCookies) {
    const m = /^sid=([^;]*)/.exec(line);
    if (m && m[1] && m[1] !== '""') return `sid=${m[1]}`;
  }
  return undefined;
}

export interface CodeFlowResult {
  code: string;
  state: string;
  nonce: string;
  verifier: string;
  userId: string;
  sid: string | undefined;
  authorize: WireResponse;
}

/** authn → authorize (PKCE S256, state, nonce) → the code from the Location header. */
export async function codeFlow(opts: {
  orgUrl: string;
  issuer: string;
  client: { clientId: string; redirectUri: string };
  username?: string;
  scope?: string;
}): Promise<CodeFlowResult> {
  const { sessionToken, userId } = await sessionTokenFor(opts.orgUrl, opts.username ?? 'bob@example.com');
  const { verifier, challenge } = pkcePair();
  const state = randomValue();
  const nonce = randomValue();
  const res = await send(
    authorizeUrl({
      issuer: opts.issuer,
      clientId: opts.client.clientId,
      redirectUri: opts.client.redirectUri,
      scope: opts.scope,
      state,
      nonce,
      codeChallenge: challenge,
      sessionToken,
    }),
    { headers: { accept: 'text/html' } },
  );
  expect(res.status, 'authorize with a fresh sessionToken redirects').toBe(302);
  expect(res.location, 'authorize sends a Location').toBeTruthy();
  const location = new URL(res.location!);
  expect(location.searchParams.get('error'), 'authorize redirect carries no error').toBeNull();
  const code = location.searchParams.get('code');
  expect(code, 'authorize redirect carries a code').toBeTruthy();
  return { code: code!, state, nonce, verifier, userId, sid: sidCookie(res.setCookies), authorize: res };
}

/** POST /token for an authorization code; confidential clients authenticate with client_secret_basic. */
export function exchangeCode(
  issuer: string,
  client: { clientId: string; redirectUri: string; clientSecret?: string },
  code: string,
  verifier: string,
): Promise<WireResponse> {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
    code_verifier: verifier,
  };
  if (client.clientSecret) return send(endpoint(issuer, 'token'), { form, basic: { id: client.clientId, secret: client.clientSecret } });
  return send(endpoint(issuer, 'token'), { form: { ...form, client_id: client.clientId } });
}

export interface Tokens {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  scope: string;
  nonce: string;
  userId: string;
  sid: string | undefined;
}

/** A full code flow for a user: the tokens, the nonce sent and the user's id. */
export async function tokensFor(opts: {
  orgUrl: string;
  issuer: string;
  client: { clientId: string; redirectUri: string; clientSecret?: string };
  username?: string;
  scope?: string;
}): Promise<Tokens> {
  const flow = await codeFlow(opts);
  const res = await exchangeCode(opts.issuer, opts.client, flow.code, flow.verifier);
  expect(res.status, 'token exchange for a fresh code').toBe(200);
  const body = jsonObject(res) as unknown as Tokens;
  return { ...body, nonce: flow.nonce, userId: flow.userId, sid: flow.sid };
}

/** client_credentials for demo-service on a custom server. */
export function clientCredentials(issuer: string, scope = 'demo.read demo.write'): Promise<WireResponse> {
  return send(endpoint(issuer, 'token'), {
    form: { grant_type: 'client_credentials', scope },
    basic: { id: DEMO_SERVICE.clientId, secret: DEMO_SERVICE.clientSecret },
  });
}
