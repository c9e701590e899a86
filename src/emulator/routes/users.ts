// GET /api/v1/users/me with the session cookie; every other /api/v1/users route is the Management API
// (src/emulator/management/users.ts), which needs an SSWS token or an Okta-scoped access token.
import type { Ctx } from '../http/context.js';
import { readCookie } from '../http/cookies.js';
import { sendApiError, sendJson } from '../http/respond.js';
import { liveSession } from '../authn/transactions.js';
import { userBody } from '../management/bodies.js';
import { getUser as getManagedUser } from '../management/users.js';

export function getUserMe(ctx: Ctx): void {
  const session = liveSession(ctx.state, readCookie(ctx, 'sid'));
  const user = session && ctx.state.userById(session.userId);
  if (!user) return sendApiError(ctx, 'E0000005');
  sendJson(ctx, 200, userBody(ctx.state, user));
}

/** `/api/v1/users/me` is the session's user; any other id or login is a Management API read. */
export async function getUser(ctx: Ctx): Promise<void> {
  if (ctx.params.id === 'me') return getUserMe(ctx);
  await getManagedUser(ctx);
}
