// When a token response's access token really expires, by this machine's clock. Okta's iat and exp are
// whole seconds (a token issued at 10.9 s with expires_in 4 expires at 14 s), and a resource server such
// as @okta/jwt-verifier allows no clock tolerance, so expires_in is counted from when the grant was asked
// for (the token was issued later), less the second that the rounding can take. Counted from the answer's
// arrival, a 4 s token was taken for up to 1.x s longer than it lived.
import type * as client from 'openid-client';

const askedAt = new WeakMap<object, number>();

/** Runs a token-endpoint grant, noting when it was asked for. */
export async function timedGrant<T extends client.TokenEndpointResponse>(grant: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const tokens = await grant();
  askedAt.set(tokens, started);
  return tokens;
}

/** Epoch ms; `receivedAt` stands in for a response not run through timedGrant, `exp` for a missing expires_in. */
export function expiresAtOf(tokens: client.TokenEndpointResponse, exp: unknown, receivedAt: number): number {
  if (tokens.expires_in !== undefined) return (askedAt.get(tokens) ?? receivedAt) + (tokens.expires_in - 1) * 1000;
  return typeof exp === 'number' ? exp * 1000 : receivedAt + 3600_000;
}
