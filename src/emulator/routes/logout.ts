// GET {issuer}/v1/logout?id_token_hint&post_logout_redirect_uri&state: ends the `sid` session and returns
// to a registered post-logout URI. An unregistered URI gets the 400 HTML page (it cannot be redirected to).
import type { Ctx } from '../http/context.js';
import { clearSidCookie, readCookie } from '../http/cookies.js';
import { redirect, sendHtml } from '../http/respond.js';
import { OAUTH_TEXT } from '../lib/errors.js';
import { errorPage } from '../pages/html.js';
import { allServers, resolveServer } from '../oauth/servers.js';
import { verifyIdTokenHint } from '../oauth/verify.js';

export async function getLogout(ctx: Ctx): Promise<void> {
  const server = resolveServer(ctx);
  if (!server) return;
  const hint = ctx.query.get('id_token_hint');
  const postLogout = ctx.query.get('post_logout_redirect_uri');
  let clientId = ctx.query.get('client_id');
  if (hint) {
    const claims = await verifyIdTokenHint(ctx.state, allServers(ctx), hint);
    if (!claims) return sendHtml(ctx, 400, errorPage('invalid_request', "The 'id_token_hint' parameter is invalid."));
    clientId = typeof claims.aud === 'string' ? claims.aud : null;
  }
  const client = ctx.state.client(clientId);
  if (postLogout) {
    if (!client) return sendHtml(ctx, 400, errorPage('invalid_request', "The 'id_token_hint' or 'client_id' parameter is required with 'post_logout_redirect_uri'."));
    if (!client.postLogoutRedirectUris.includes(postLogout)) {
      return sendHtml(ctx, 400, errorPage('invalid_request', OAUTH_TEXT.illegalPostLogoutRedirect));
    }
  }

  const sid = readCookie(ctx, 'sid');
  if (sid) ctx.state.store.sessions.delete(sid);
  clearSidCookie(ctx);
  if (!postLogout) return redirect(ctx, `${ctx.state.orgUrl}/login/login.htm`);
  const target = new URL(postLogout);
  const state = ctx.query.get('state');
  if (state !== null) target.searchParams.set('state', state);
  redirect(ctx, target.toString());
}
