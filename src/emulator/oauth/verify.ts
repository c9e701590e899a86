// Checking the emulator's own access tokens (userinfo, introspection) and ID tokens (logout hints).
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { AuthServer, EmulatorState } from '../state/emulator-state.js';

/** The payload of a live, unrevoked access token this server issued; undefined otherwise. */
export async function verifyAccessToken(state: EmulatorState, server: AuthServer, token: string): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [server.key.publicJwk] }), {
      issuer: server.issuer,
      algorithms: ['RS256'],
      currentDate: new Date(Date.now() + state.scenario.clockSkewSeconds * 1000),
    });
    if (typeof payload.jti !== 'string' || !payload.jti.startsWith('AT.')) return undefined;
    if (state.store.revokedJtis.has(payload.jti)) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

/** An ID token any of this emulator's servers signed, expired or not (Okta accepts expired hints). */
export async function verifyIdTokenHint(state: EmulatorState, servers: AuthServer[], token: string): Promise<JWTPayload | undefined> {
  for (const server of servers) {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [server.key.publicJwk] }), {
        issuer: server.issuer,
        algorithms: ['RS256'],
        currentDate: new Date(0),
      });
      if (typeof payload.jti === 'string' && payload.jti.startsWith('ID.')) return payload;
    } catch {
      // try the next server
    }
  }
  return undefined;
}
