// POST {issuer}/v1/revoke and /v1/introspect (RFC 7009, RFC 7662), both after client authentication.
import type { Ctx } from '../http/context.js';
import { isFormContentType, readForm } from '../http/body.js';
import { sendEmpty, sendNoStoreJson, sendOAuthError } from '../http/respond.js';
import { OAUTH_TEXT, oauthError } from '../lib/errors.js';
import { authenticateClient } from '../oauth/client-auth.js';
import { resolveServer } from '../oauth/servers.js';
import { verifyAccessToken } from '../oauth/verify.js';
import { serverKey, type AuthServer } from '../state/emulator-state.js';
import type { Client } from '../state/seed.js';
import { Store } from '../state/store.js';

async function authenticated(ctx: Ctx, endpoint: 'revoke' | 'introspect'): Promise<{ server: AuthServer; client: Client; token: string; form: URLSearchParams } | undefined> {
  const server = resolveServer(ctx);
  if (!server) return undefined;
  if (!isFormContentType(ctx)) {
    sendOAuthError(ctx, oauthError('invalid_request', "The request must use the 'application/x-www-form-urlencoded' content type."));
    return undefined;
  }
  const form = await readForm(ctx);
  const auth = await authenticateClient(ctx, form, `${server.endpointBase}/${endpoint}`);
  if ('error' in auth) {
    sendOAuthError(ctx, auth.error);
    return undefined;
  }
  const token = form.get('token');
  if (!token) {
    sendOAuthError(ctx, oauthError('invalid_request', OAUTH_TEXT.tokenRequired));
    return undefined;
  }
  return { server, client: auth.client, token, form };
}

export async function postRevoke(ctx: Ctx): Promise<void> {
  const request = await authenticated(ctx, 'revoke');
  if (!request) return;
  const { server, client, token } = request;
  const refresh = ctx.state.store.refreshTokens.get(token);
  if (refresh && refresh.clientId === client.clientId) ctx.state.store.refreshTokens.delete(token);
  const access = await verifyAccessToken(ctx.state, server, token);
  if (access?.cid === client.clientId && typeof access.jti === 'string') ctx.state.store.revokedJtis.add(access.jti);
  // RFC 7009: 200 whether or not the token was known.
  sendEmpty(ctx, 200, { 'Cache-Control': 'no-cache, no-store' });
}

export async function postIntrospect(ctx: Ctx): Promise<void> {
  const request = await authenticated(ctx, 'introspect');
  if (!request) return;
  const { server, token } = request;

  const refresh = Store.live(ctx.state.store.refreshTokens, token);
  if (refresh && refresh.serverId === serverKey(server)) {
    const user = ctx.state.userById(refresh.userId);
    return sendNoStoreJson(ctx, 200, {
      active: true,
      token_type: 'refresh_token',
      scope: refresh.scopes.join(' '),
      client_id: refresh.clientId,
      username: user?.login,
      exp: Math.floor(refresh.expiresAt / 1000),
      sub: user?.login,
      aud: server.audience,
      iss: server.issuer,
      uid: refresh.userId,
    });
  }
  const access = await verifyAccessToken(ctx.state, server, token);
  if (!access) return sendNoStoreJson(ctx, 200, { active: false });
  const scopes = Array.isArray(access.scp) ? (access.scp as string[]) : [];
  const body: Record<string, unknown> = {
    active: true,
    scope: scopes.join(' '),
    username: access.sub,
    exp: access.exp,
    iat: access.iat,
    sub: access.sub,
    aud: access.aud,
    iss: access.iss,
    jti: access.jti,
    token_type: 'Bearer',
    client_id: access.cid,
  };
  if (access.uid !== undefined) body.uid = access.uid;
  sendNoStoreJson(ctx, 200, body);
}

