// GET/POST {issuer}/v1/userinfo with `Authorization: Bearer <access token>`: the user's claims by scope,
// `sub` = user id (equal to the ID token's). A bad token: 401 with a WWW-Authenticate challenge.
import type { Ctx } from '../http/context.js';
import { sendEmpty, sendJson } from '../http/respond.js';
import { OAUTH_TEXT } from '../lib/errors.js';
import { profileClaims, PROFILE_UPDATED_AT } from '../oauth/claims.js';
import { resolveServer } from '../oauth/servers.js';
import { verifyAccessToken } from '../oauth/verify.js';
import type { AuthServer } from '../state/emulator-state.js';

export function bearerToken(ctx: Ctx): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization?.trim() ?? '');
  return match?.[1];
}

export async function userinfo(ctx: Ctx): Promise<void> {
  const server = resolveServer(ctx);
  if (!server) return;
  const token = bearerToken(ctx);
  const payload = token ? await verifyAccessToken(ctx.state, server, token) : undefined;
  const user = typeof payload?.uid === 'string' ? ctx.state.userById(payload.uid) : undefined;
  if (!payload || !user) return challenge(ctx, server, 401, 'invalid_token', OAUTH_TEXT.accessTokenInvalid);
  const scopes = Array.isArray(payload.scp) ? (payload.scp as string[]) : [];
  if (!scopes.includes('openid')) return challenge(ctx, server, 403, 'insufficient_scope', OAUTH_TEXT.insufficientScope);
  const claims: Record<string, unknown> = { sub: user.id, ...profileClaims(user, scopes) };
  if (scopes.includes('profile')) claims.updated_at = PROFILE_UPDATED_AT;
  sendJson(ctx, 200, claims, { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache' });
}

function challenge(ctx: Ctx, server: AuthServer, status: number, error: string, description: string): void {
  const authorize = `${server.endpointBase}/authorize`;
  const header = `Bearer authorization_uri="${authorize}", realm="${ctx.state.orgUrl}", scope="openid", error="${error}", error_description="${description}", resource="${ctx.path}"`;
  // Okta reports the problem in the challenge only; the body is empty.
  sendEmpty(ctx, status, { 'WWW-Authenticate': header, 'Cache-Control': 'no-cache, no-store' });
}
