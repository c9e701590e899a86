// The floor: the three requests of Okta's browserless login and nothing else. Bare undici, endpoints known
// in advance (no discovery), no retries, no validation, no cache, no lock. No engine can be faster than
// this against the same IdP; the engine's cold login is compared with it.
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';

export interface FloorTarget {
  orgUrl: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
}

/** Returns the access token's length only: the bench never keeps or prints a token. */
export async function floorLogin(target: FloorTarget): Promise<number> {
  const authn = await request(`${target.orgUrl}/api/v1/authn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username: target.username, password: target.password }),
  });
  const { sessionToken } = (await authn.body.json()) as { sessionToken?: string };
  if (authn.statusCode !== 200 || !sessionToken) throw new Error(`floor: authn answered HTTP ${authn.statusCode}`);

  const verifier = randomBytes(32).toString('base64url');
  const authorizeUrl = new URL(`${target.issuer}/v1/authorize`);
  authorizeUrl.search = new URLSearchParams({
    client_id: target.clientId,
    redirect_uri: target.redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    sessionToken,
  }).toString();
  const authorize = await request(authorizeUrl);
  await authorize.body.dump();
  const location = authorize.headers.location;
  const code = typeof location === 'string' ? new URL(location, authorizeUrl).searchParams.get('code') : null;
  if (authorize.statusCode !== 302 || !code) throw new Error(`floor: authorize answered HTTP ${authorize.statusCode} without a code`);

  const token = await request(`${target.issuer}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: target.clientId,
      redirect_uri: target.redirectUri,
      code,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await token.body.json()) as { access_token?: string };
  if (token.statusCode !== 200 || !body.access_token) throw new Error(`floor: token answered HTTP ${token.statusCode}`);
  return body.access_token.length;
}
