// Real tokens for the demo app's tests, straight from the emulator with plain fetch: Okta's browserless
// flow (authn → authorize with a sessionToken and PKCE, redirect not followed → token). Deliberately not
// the project's engine, so the demo app's tests do not depend on the code they will later check.
import { createHash, randomBytes } from 'node:crypto';

export const DEMO_PASSWORD = 'Passw0rd!';

export interface TokenRequest {
  orgUrl: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password?: string;
  scope?: string;
}

export interface TokenResult {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  tokenType: string;
  expiresIn: number;
  /** The `scope` the token endpoint granted, split. */
  scopes: string[];
  /** The Okta user id from the authn answer (`_embedded.user.id`). */
  userId: string;
  /** Epoch seconds when the token endpoint answered, as okta-auth-js computes `expiresAt` from it. */
  obtainedAt: number;
}

export async function getTokens(request: TokenRequest): Promise<TokenResult> {
  const scope = request.scope ?? 'openid profile email';

  const authn = await fetch(`${request.orgUrl}/api/v1/authn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username: request.username, password: request.password ?? DEMO_PASSWORD }),
  });
  const authnBody = (await authn.json()) as { status?: string; sessionToken?: string; _embedded?: { user?: { id?: string } } };
  if (authn.status !== 200 || authnBody.status !== 'SUCCESS' || !authnBody.sessionToken) {
    throw new Error(`authn for ${request.username}: HTTP ${authn.status}, status ${authnBody.status ?? '(none)'}`);
  }

  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorizeUrl = new URL(`${request.issuer}/v1/authorize`);
  authorizeUrl.search = new URLSearchParams({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    response_mode: 'query',
    scope,
    state,
    nonce: base64url(randomBytes(16)),
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    sessionToken: authnBody.sessionToken,
  }).toString();
  const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = authorize.headers.get('location');
  if (authorize.status !== 302 || !location) throw new Error(`authorize: expected a 302, got HTTP ${authorize.status}`);
  const back = new URL(location, authorizeUrl);
  if (!back.href.startsWith(request.redirectUri)) throw new Error(`authorize redirected to ${back.origin}${back.pathname}, not the redirect URI`);
  const code = back.searchParams.get('code');
  if (back.searchParams.get('state') !== state || !code) {
    throw new Error(`authorize: no code for our state (error=${back.searchParams.get('error') ?? 'none'})`);
  }

  const token = await fetch(`${request.issuer}/v1/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: request.clientId,
      redirect_uri: request.redirectUri,
      code,
      code_verifier: verifier,
    }),
  });
  const obtainedAt = Math.floor(Date.now() / 1000);
  const tokenBody = (await token.json()) as Record<string, unknown>;
  if (token.status !== 200) throw new Error(`token: HTTP ${token.status}, error ${String(tokenBody.error)}`);
  return {
    accessToken: String(tokenBody.access_token),
    idToken: String(tokenBody.id_token),
    refreshToken: typeof tokenBody.refresh_token === 'string' ? tokenBody.refresh_token : undefined,
    tokenType: String(tokenBody.token_type),
    expiresIn: Number(tokenBody.expires_in),
    scopes: String(tokenBody.scope ?? scope).split(' '),
    userId: String(authnBody._embedded?.user?.id),
    obtainedAt,
  };
}

/** A JWT's payload, unverified: for tests that look at what the emulator issued. */
export function jwtPayload(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
