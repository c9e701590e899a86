// Minting Okta-shaped JWTs (RS256, `kid`) for one authorization server, and applying the scenario's tamper
// switch so tests can prove a client rejects each kind of bad token.
import { createHash } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { AuthServer, EmulatorState } from '../state/emulator-state.js';
import type { Client, User } from '../state/seed.js';
import type { Authentication } from '../state/store.js';
import { randomId } from '../lib/ids.js';
import { idTokenProfileClaims } from './claims.js';

export interface UserGrant {
  server: AuthServer;
  client: Client;
  user: User;
  auth: Authentication;
  scopes: string[];
  nonce?: string;
}

interface Times {
  iat: number;
  exp: number;
  authTime?: number;
}

function times(state: EmulatorState, lifetimeSeconds: number, authTime?: number): Times {
  const skew = state.scenario.clockSkewSeconds;
  const now = Math.floor(Date.now() / 1000) + skew;
  if (state.scenario.tamper === 'expired') {
    // Expired five minutes ago: beyond any client's clock tolerance.
    const exp = now - 300;
    return { iat: exp - lifetimeSeconds, exp, authTime: authTime === undefined ? undefined : Math.min(authTime + skew, exp - lifetimeSeconds) };
  }
  return { iat: now, exp: now + lifetimeSeconds, authTime: authTime === undefined ? undefined : authTime + skew };
}

function issuerClaim(state: EmulatorState, server: AuthServer): string {
  return state.scenario.tamper === 'issuer' ? `https://tampered.example.com${server.id ? `/oauth2/${server.id}` : ''}` : server.issuer;
}

/** The user the token speaks for: another one under the 'subject' tamper. */
function subjectUser(state: EmulatorState, user: User): User {
  if (state.scenario.tamper !== 'subject') return user;
  return state.seed.users.find((other) => other.id !== user.id && other.status === 'ACTIVE') ?? user;
}

export async function mintAccessToken(state: EmulatorState, grant: UserGrant): Promise<{ token: string; expiresIn: number }> {
  const lifetime = state.lifetimes().accessTokenSeconds;
  const t = times(state, lifetime, grant.auth.authTime);
  const user = subjectUser(state, grant.user);
  const payload: Record<string, unknown> = {
    ver: 1,
    jti: randomId('AT.', 43),
    iss: issuerClaim(state, grant.server),
    aud: state.scenario.tamper === 'audience' ? 'api://tampered' : grant.server.audience,
    iat: t.iat,
    exp: t.exp,
    cid: grant.client.clientId,
    uid: user.id,
    scp: grant.scopes,
    auth_time: t.authTime,
    sub: user.login,
  };
  // Custom servers carry the groups claim (the demo's authorization rules read it); the org server does not.
  if (grant.server.id !== null) payload.groups = user.groups;
  return { token: await sign(state, grant.server, payload), expiresIn: lifetime };
}

export async function mintClientCredentialsToken(
  state: EmulatorState,
  server: AuthServer,
  client: Client,
  scopes: string[],
): Promise<{ token: string; expiresIn: number }> {
  const lifetime = state.lifetimes().accessTokenSeconds;
  const t = times(state, lifetime);
  const payload = {
    ver: 1,
    jti: randomId('AT.', 43),
    iss: issuerClaim(state, server),
    aud: state.scenario.tamper === 'audience' ? 'api://tampered' : server.audience,
    iat: t.iat,
    exp: t.exp,
    cid: client.clientId,
    scp: scopes,
    sub: state.scenario.tamper === 'subject' ? `${client.clientId}-tampered` : client.clientId,
  };
  return { token: await sign(state, server, payload), expiresIn: lifetime };
}

export async function mintIdToken(state: EmulatorState, grant: UserGrant, accessToken?: string): Promise<string> {
  const t = times(state, state.lifetimes().idTokenSeconds, grant.auth.authTime);
  const user = subjectUser(state, grant.user);
  const payload: Record<string, unknown> = {
    ver: 1,
    jti: randomId('ID.', 20),
    sub: user.id,
    iss: issuerClaim(state, grant.server),
    aud: state.scenario.tamper === 'audience' ? 'tampered-client' : grant.client.clientId,
    iat: t.iat,
    exp: t.exp,
    auth_time: t.authTime,
    amr: grant.auth.amr,
    idp: state.orgId,
  };
  if (state.scenario.tamper === 'nonce') payload.nonce = `tampered-${grant.nonce ?? 'nonce'}`;
  else if (grant.nonce !== undefined) payload.nonce = grant.nonce;
  if (accessToken) payload.at_hash = atHash(accessToken);
  Object.assign(payload, idTokenProfileClaims(user, grant.scopes, accessToken !== undefined));
  return sign(state, grant.server, payload);
}

/** OIDC Core 3.1.3.6: base64url of the left half of SHA-256 of the access token. */
export function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

async function sign(state: EmulatorState, server: AuthServer, payload: Record<string, unknown>): Promise<string> {
  const jwt = await signTampered(state, server, payload);
  state.store.audit.record(String(payload.jti).startsWith('ID.') ? 'idTokens' : 'accessTokens', jwt);
  return jwt;
}

async function signTampered(state: EmulatorState, server: AuthServer, payload: Record<string, unknown>): Promise<string> {
  const tamper = state.scenario.tamper;
  if (tamper === 'alg-none') return new UnsecuredJWT(payload).encode();
  const key = tamper === 'unknown-kid' ? state.strayKey : server.key;
  const jwt = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
  if (tamper !== 'signature') return jwt;
  // Flip one character in the middle of the signature: still well-formed, no longer valid.
  const [header, body, signature] = jwt.split('.') as [string, string, string];
  const middle = Math.floor(signature.length / 2);
  const flipped = signature[middle] === 'A' ? 'B' : 'A';
  return `${header}.${body}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
}
