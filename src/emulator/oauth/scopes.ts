// Scopes: the OIDC ones every Okta server knows, plus each custom server's own.
import type { AuthServer } from '../state/emulator-state.js';

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'groups'];

export function parseScopes(value: string | null | undefined): string[] {
  return [...new Set((value ?? '').split(/\s+/).filter(Boolean))];
}

export function serverScopes(server: AuthServer): string[] {
  return [...OIDC_SCOPES, ...server.customScopes];
}

/** Scopes the server does not know. */
export function unknownScopes(server: AuthServer, scopes: string[]): string[] {
  const known = new Set(serverScopes(server));
  return scopes.filter((scope) => !known.has(scope));
}
