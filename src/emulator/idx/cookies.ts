// Identity Engine names the Okta session twice: `sid` (what Classic clients and /api/v1/sessions read) and
// `idx` (what the Identity Engine sign-in reads). Both are set together, on IDX success and when /authorize
// turns a sessionToken into a session, and either finds the session again.
import type { Ctx } from '../http/context.js';
import { readCookie, setSidCookie } from '../http/cookies.js';
import { appendCookie } from '../http/respond.js';
import { opaqueToken } from '../lib/ids.js';
import { liveSession } from '../authn/transactions.js';
import type { SessionRecord } from '../state/store.js';

export function setIdentityEngineCookies(ctx: Ctx, session: SessionRecord): void {
  setSidCookie(ctx, session.id);
  const value = opaqueToken(32);
  ctx.state.store.identityEngine.idxCookies.set(value, session.id);
  appendCookie(ctx, `idx=${value}; Path=/; HttpOnly`);
}

/** The cookies of a new session, as the org's engine names it: `sid` on Classic, `sid` and `idx` on Identity Engine. */
export function setSessionCookies(ctx: Ctx, session: SessionRecord): void {
  if (ctx.state.scenario.engine === 'identity-engine') setIdentityEngineCookies(ctx, session);
  else setSidCookie(ctx, session.id);
}

/** The live session the request's `idx` cookie names, if any. */
export function sessionFromIdxCookie(ctx: Ctx): SessionRecord | undefined {
  const value = readCookie(ctx, 'idx');
  const sessionId = value === undefined ? undefined : ctx.state.store.identityEngine.idxCookies.get(value);
  return liveSession(ctx.state, sessionId);
}
