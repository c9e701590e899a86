// GET /oauth2/{server}/v1/authorize and /oauth2/v1/authorize: validate, find the user's session (an existing
// `sid` wins over a sessionToken, as on Classic orgs), then answer with a code and/or tokens, an error
// redirect, or the sign-in page when there is no credential.
import type { Ctx } from '../http/context.js';
import { readCookie } from '../http/cookies.js';
import { redirect, sendHtml } from '../http/respond.js';
import { OAUTH_TEXT } from '../lib/errors.js';
import { opaqueToken } from '../lib/ids.js';
import { errorPage } from '../pages/html.js';
import { signInPage } from '../pages/sign-in.js';
import { stepUpPage } from '../pages/step-up.js';
import { sessionFromIdxCookie, setSessionCookies } from '../idx/cookies.js';
import { appPolicy, satisfiesPolicy } from '../idx/policy.js';
import { consumeSessionToken, createSession, liveSession } from '../authn/transactions.js';
import { checkAuthorizeRequest, type AuthorizeRequest } from '../oauth/authorize-request.js';
import { deliverToClient } from '../oauth/deliver.js';
import { resolveServer } from '../oauth/servers.js';
import { mintAccessToken, mintIdToken, type UserGrant } from '../oauth/tokens.js';
import { serverKey, type AuthServer } from '../state/emulator-state.js';
import type { SessionRecord } from '../state/store.js';

export async function getAuthorize(ctx: Ctx): Promise<void> {
  const server = resolveServer(ctx);
  if (!server) return;
  const check = checkAuthorizeRequest(ctx.state, server, ctx.query);
  if (!check.ok) {
    if ('page' in check) return sendHtml(ctx, 400, errorPage(check.page.error, check.page.description));
    const { redirectUri, responseMode, state, error, description } = check.redirect;
    return deliverToClient(ctx, redirectUri, responseMode, { error, error_description: description, state });
  }
  const request = check.request;

  const session = findOrCreateSession(ctx, request);
  const user = session && ctx.state.userById(session.userId);
  if (!session || !user) {
    if (request.prompt === 'none') {
      return deliverToClient(ctx, request.redirectUri, request.responseMode, {
        error: 'login_required',
        error_description: OAUTH_TEXT.loginRequired,
        state: request.state,
      });
    }
    return answerWithSignIn(ctx);
  }
  if (!ctx.state.isAssigned(user, request.client.clientId)) {
    return deliverToClient(ctx, request.redirectUri, request.responseMode, {
      error: 'access_denied',
      error_description: OAUTH_TEXT.notAssigned,
      state: request.state,
    });
  }
  // Identity Engine enforces the app's authentication policy here: a session that proved less gets the
  // hosted step-up page, not a code (with prompt=none, Okta's app-sign-on-required login_required).
  if (identityEngine(ctx) && !satisfiesPolicy(appPolicy(ctx.state, request.client.clientId), user, session.amr)) {
    if (request.prompt === 'none') {
      return deliverToClient(ctx, request.redirectUri, request.responseMode, {
        error: 'login_required',
        error_description: APP_SIGN_ON_REQUIRED,
        state: request.state,
      });
    }
    return sendHtml(ctx, 200, stepUpPage({ appLabel: request.client.clientId, username: user.login }));
  }
  const grant: UserGrant = { server, client: request.client, user, auth: session, scopes: request.scopes, nonce: request.nonce };
  deliverToClient(ctx, request.redirectUri, request.responseMode, await authorizationResponse(ctx, server, request, grant, session));
}

/** Okta's text when the session exists but the app's policy wants more (oauth2-error-codes catalogue). */
const APP_SIGN_ON_REQUIRED = 'The client specified not to prompt, but the client app requires re-authentication or MFA.';

function identityEngine(ctx: Ctx): boolean {
  return ctx.state.scenario.engine === 'identity-engine';
}

/** A live `sid` (or, on Identity Engine, `idx`) session, else one made from a sessionToken (spent here),
 * else nothing. Identity Engine names a new session by both cookies. */
function findOrCreateSession(ctx: Ctx, request: AuthorizeRequest): SessionRecord | undefined {
  if (request.prompt !== 'login') {
    const existing = liveSession(ctx.state, readCookie(ctx, 'sid')) ?? (identityEngine(ctx) ? sessionFromIdxCookie(ctx) : undefined);
    if (existing) return existing; // the sessionToken, if any, is ignored and stays unspent
  }
  const token = consumeSessionToken(ctx.state, request.sessionToken);
  if (!token) return undefined;
  const session = createSession(ctx.state, token);
  setSessionCookies(ctx, session);
  return session;
}

/** Classic redirects to the hosted sign-in page; Identity Engine renders it in place. */
function answerWithSignIn(ctx: Ctx): void {
  const query = new URLSearchParams(ctx.query);
  query.delete('sessionToken');
  // After signing in, the pending request must accept the new session: with prompt=login kept, it would
  // send the browser back to the sign-in page forever.
  if (query.get('prompt') === 'login') query.delete('prompt');
  const search = query.toString();
  const fromURI = `${ctx.path}${search ? `?${search}` : ''}`;
  if (ctx.state.scenario.engine === 'identity-engine') return sendHtml(ctx, 200, signInPage({ fromURI }));
  redirect(ctx, `${ctx.state.orgUrl}/login/login.htm?fromURI=${encodeURIComponent(fromURI)}`);
}

async function authorizationResponse(
  ctx: Ctx,
  server: AuthServer,
  request: AuthorizeRequest,
  grant: UserGrant,
  session: SessionRecord,
): Promise<Record<string, string | undefined>> {
  const params: Record<string, string | undefined> = {};
  if (request.responseTypes.has('code')) {
    const code = opaqueToken(32);
    ctx.state.store.codes.set(code, {
      code,
      serverId: serverKey(server),
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      userId: session.userId,
      authTime: session.authTime,
      amr: session.amr,
      expiresAt: Date.now() + ctx.state.lifetimes().codeSeconds * 1000,
    });
    ctx.state.store.audit.record('codes', code);
    params.code = code;
  }
  let accessToken: string | undefined;
  if (request.responseTypes.has('token')) {
    const minted = await mintAccessToken(ctx.state, grant);
    accessToken = minted.token;
    Object.assign(params, { access_token: minted.token, token_type: 'Bearer', expires_in: String(minted.expiresIn), scope: request.scopes.join(' ') });
  }
  if (request.responseTypes.has('id_token')) params.id_token = await mintIdToken(ctx.state, grant, accessToken);
  params.state = request.state;
  return params;
}
