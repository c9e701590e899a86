// The Users API, as far as tests need it: GET /api/v1/users/me with the session cookie, and the admin
// reads GET /api/v1/users[?q=&limit=] and GET /api/v1/users/{id|login}, which need `Authorization: SSWS`.
import type { Ctx } from '../http/context.js';
import { readCookie } from '../http/cookies.js';
import { sendApiError, sendJson } from '../http/respond.js';
import { liveSession } from '../authn/transactions.js';
import type { User } from '../state/seed.js';

/** Seeded users were created when the emulator module loaded. */
const CREATED = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000).toISOString();

function userBody(ctx: Ctx, user: User) {
  const self = `${ctx.state.orgUrl}/api/v1/users/${user.id}`;
  const lastLogin = ctx.state.store.lastLogins.get(user.id);
  return {
    id: user.id,
    status: user.status === 'PASSWORD_EXPIRED' ? 'PASSWORD_EXPIRED' : user.status === 'LOCKED_OUT' ? 'LOCKED_OUT' : 'ACTIVE',
    created: CREATED,
    activated: CREATED,
    statusChanged: CREATED,
    lastLogin: lastLogin === undefined ? null : new Date(lastLogin).toISOString(),
    lastUpdated: CREATED,
    passwordChanged: CREATED,
    type: { id: 'oty_default' },
    profile: {
      firstName: user.firstName,
      lastName: user.lastName,
      mobilePhone: null,
      secondEmail: null,
      login: user.login,
      email: user.email,
    },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: self } },
  };
}

export function getUserMe(ctx: Ctx): void {
  const session = liveSession(ctx.state, readCookie(ctx, 'sid'));
  const user = session && ctx.state.userById(session.userId);
  if (!user) return sendApiError(ctx, 'E0000005');
  sendJson(ctx, 200, userBody(ctx, user));
}

/** False (after answering 401 E0000011) unless the request carries a seeded SSWS token. */
function hasApiToken(ctx: Ctx): boolean {
  const match = /^SSWS\s+(\S+)$/i.exec(ctx.req.headers.authorization?.trim() ?? '');
  if (match && ctx.state.seed.apiTokens.includes(match[1]!)) return true;
  sendApiError(ctx, 'E0000011');
  return false;
}

export function listUsers(ctx: Ctx): void {
  if (!hasApiToken(ctx)) return;
  const q = ctx.query.get('q')?.toLowerCase();
  const limit = Number(ctx.query.get('limit') ?? '200');
  let users = ctx.state.seed.users;
  if (q) {
    users = users.filter((user) =>
      [user.login, user.email, user.firstName, user.lastName].some((field) => field.toLowerCase().startsWith(q)),
    );
  }
  if (Number.isInteger(limit) && limit > 0) users = users.slice(0, limit);
  sendJson(ctx, 200, users.map((user) => userBody(ctx, user)));
}

export function getUser(ctx: Ctx): void {
  if (ctx.params.id === 'me') return getUserMe(ctx);
  if (!hasApiToken(ctx)) return;
  const user = ctx.state.userById(ctx.params.id!) ?? ctx.state.userByLogin(ctx.params.id!);
  if (!user) return sendApiError(ctx, 'E0000007', { detail: `Resource not found: ${ctx.params.id} (User)` });
  sendJson(ctx, 200, userBody(ctx, user));
}
