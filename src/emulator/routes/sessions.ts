// The Sessions API: POST /api/v1/sessions {sessionToken} (no cookie: an API call, as Okta documents),
// GET/DELETE /api/v1/sessions/me and POST /api/v1/sessions/me/lifecycle/refresh with the `sid` cookie,
// and GET /login/sessionCookieRedirect?token&redirectUrl (sets `sid`, then back to a trusted origin).
import type { Ctx } from '../http/context.js';
import { readJsonObject, stringField } from '../http/body.js';
import { clearSidCookie, readCookie } from '../http/cookies.js';
import { setSessionCookies } from '../idx/cookies.js';
import { redirect, sendApiError, sendEmpty, sendHtml, sendJson } from '../http/respond.js';
import { consumeSessionToken, createSession, liveSession } from '../authn/transactions.js';
import { errorPage } from '../pages/html.js';
import type { SessionRecord } from '../state/store.js';

function sessionBody(ctx: Ctx, session: SessionRecord, self: string) {
  const user = ctx.state.userById(session.userId)!;
  const org = ctx.state.orgUrl;
  const verified = new Date(session.authTime * 1000).toISOString();
  return {
    id: session.id,
    login: user.login,
    userId: user.id,
    status: 'ACTIVE',
    createdAt: new Date(session.createdAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
    lastPasswordVerification: verified,
    lastFactorVerification: session.amr.includes('mfa') ? verified : null,
    amr: session.amr,
    idp: { id: ctx.state.orgId, type: 'OKTA' },
    mfaActive: !!user.totpSecret,
    _links: {
      self: { href: `${org}/api/v1/sessions/${self}`, hints: { allow: ['GET', 'DELETE'] } },
      refresh: { href: `${org}/api/v1/sessions/${self}/lifecycle/refresh`, hints: { allow: ['POST'] } },
      user: { name: `${user.firstName} ${user.lastName}`, href: `${org}/api/v1/users/${self === 'me' ? 'me' : user.id}`, hints: { allow: ['GET'] } },
    },
  };
}

export async function postSession(ctx: Ctx): Promise<void> {
  const body = await readJsonObject(ctx);
  if (!body) return sendApiError(ctx, 'E0000003');
  const token = stringField(body, 'sessionToken');
  if (!token) return sendApiError(ctx, 'E0000003');
  const record = consumeSessionToken(ctx.state, token);
  if (!record) return sendApiError(ctx, 'E0000004');
  const session = createSession(ctx.state, record);
  sendJson(ctx, 200, sessionBody(ctx, session, session.id));
}

function currentSession(ctx: Ctx): SessionRecord | undefined {
  const session = liveSession(ctx.state, readCookie(ctx, 'sid'));
  if (!session) sendApiError(ctx, 'E0000007', { detail: 'Resource not found: me (Session)' });
  return session;
}

export function getSessionMe(ctx: Ctx): void {
  const session = currentSession(ctx);
  if (session) sendJson(ctx, 200, sessionBody(ctx, session, 'me'));
}

export function deleteSessionMe(ctx: Ctx): void {
  const session = currentSession(ctx);
  if (!session) return;
  ctx.state.store.sessions.delete(session.id);
  clearSidCookie(ctx);
  sendEmpty(ctx, 204);
}

export function refreshSessionMe(ctx: Ctx): void {
  const session = currentSession(ctx);
  if (!session) return;
  session.expiresAt = Date.now() + ctx.state.lifetimes().sessionSeconds * 1000;
  sendJson(ctx, 200, sessionBody(ctx, session, 'me'));
}

export function getSessionCookieRedirect(ctx: Ctx): void {
  const redirectUrl = ctx.query.get('redirectUrl');
  let target: URL | undefined;
  try {
    target = redirectUrl ? new URL(redirectUrl, ctx.state.orgUrl) : undefined;
  } catch {
    target = undefined;
  }
  if (!target || !ctx.state.trustedOrigins().has(target.origin)) {
    return sendHtml(ctx, 400, errorPage('invalid_request', "The 'redirectUrl' parameter must be a trusted origin."));
  }
  const record = consumeSessionToken(ctx.state, ctx.query.get('token'));
  if (!record) {
    // Okta sends a browser with a spent or unknown token to the sign-in page.
    return redirect(ctx, `${ctx.state.orgUrl}/login/login.htm?fromURI=${encodeURIComponent(target.origin === ctx.state.orgUrl ? target.pathname + target.search : '/')}`);
  }
  const session = createSession(ctx.state, record);
  setSessionCookies(ctx, session);
  redirect(ctx, target.toString());
}
