// The Users API: create (with or without activation, a password and groupIds), get by id or login, list
// (q, search, filter, paging), lifecycle activate/deactivate, delete, and a user's groups.
import type { Ctx } from '../http/context.js';
import { readJsonObject } from '../http/body.js';
import { sendJson, sendEmpty } from '../http/respond.js';
import { opaqueToken, randomId } from '../lib/ids.js';
import type { DirectoryUser } from '../state/directory.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { groupBody, userBody } from './bodies.js';
import { sendManagementError, sendNotFound, sendValidationError } from './errors.js';
import { FILTER_OPERATORS, parseExpression, SEARCH_OPERATORS, type Attributes, type ExpressionRules, type Predicate } from './expression.js';
import { admitted } from './guard.js';
import { page } from './paging.js';
import { brokenPasswordRule, PASSWORD_REQUIREMENTS } from './password-policy.js';

const USER_DATES = ['created', 'activated', 'statusChanged', 'lastUpdated', 'lastLogin', 'passwordChanged'];
const SEARCH_RULES: ExpressionRules = {
  attributes: ['id', 'status', 'type.id', ...USER_DATES],
  anyProfile: true,
  operators: SEARCH_OPERATORS,
  dates: USER_DATES,
};
/** `filter` knows fewer attributes and operators than `search` (management spec, listUsers). */
const FILTER_RULES: ExpressionRules = {
  attributes: ['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName'],
  operators: FILTER_OPERATORS,
  dates: ['lastUpdated'],
};
/** Okta's page size for users: 200 by default and at most, 10 with `q`. */
const USER_PAGES = { defaultLimit: 200, maxLimit: 200 };
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function userAttributes(state: EmulatorState, user: DirectoryUser): Attributes {
  const body = userBody(state, user);
  return (name) => {
    if (name === 'type.id') return body.type.id;
    if (name.startsWith('profile.')) return (body.profile as Record<string, string | null>)[name.slice('profile.'.length)];
    return (body as unknown as Record<string, string | null>)[name];
  };
}

export async function createUser(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.manage'))) return;
  const body = await readJsonObject(ctx);
  if (!body) return sendManagementError(ctx, 'E0000003');
  const profile = (typeof body.profile === 'object' && body.profile !== null ? body.profile : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof profile[name] === 'string' ? (profile[name] as string).trim() : '');
  for (const field of ['login', 'firstName', 'lastName', 'email']) {
    if (!text(field)) return sendValidationError(ctx, field, 'The field cannot be left blank');
  }
  const login = text('login');
  if (!EMAIL.test(login)) return sendValidationError(ctx, 'login', 'Username must be in the form of an email address');
  if (!EMAIL.test(text('email'))) return sendValidationError(ctx, 'email', 'Does not match required pattern');
  if (ctx.state.userByLogin(login)) {
    return sendValidationError(ctx, 'login', 'An object with this field already exists in the current organization');
  }
  const credentials = body.credentials as { password?: { value?: unknown } } | undefined;
  const password = credentials?.password?.value;
  if (password !== undefined && typeof password !== 'string') return sendManagementError(ctx, 'E0000003');
  if (password !== undefined && brokenPasswordRule(password, login)) return sendValidationError(ctx, 'password', PASSWORD_REQUIREMENTS);

  const groupIds = body.groupIds ?? [];
  if (!Array.isArray(groupIds) || groupIds.some((id) => typeof id !== 'string')) return sendManagementError(ctx, 'E0000003');
  const groups = (groupIds as string[]).map((id) => ({ id, group: ctx.state.store.directory.groupById(id) }));
  const missing = groups.find((entry) => !entry.group);
  // Inference: Okta's spec documents no example for an unknown group id; it is a validation failure of groupIds.
  if (missing) return sendValidationError(ctx, 'groupIds', `Invalid group id: ${missing.id}`);

  const activate = ctx.query.get('activate') !== 'false';
  const expire = ctx.query.get('nextLogin') === 'changePassword';
  const now = new Date().toISOString();
  const status = !activate ? 'STAGED' : password === undefined ? 'PROVISIONED' : expire ? 'PASSWORD_EXPIRED' : 'ACTIVE';
  const user: DirectoryUser = {
    id: randomId('00u', 17),
    login,
    password: password ?? '',
    firstName: text('firstName'),
    lastName: text('lastName'),
    email: text('email'),
    mobilePhone: text('mobilePhone') || null,
    status,
    groups: [...new Set(groups.map((entry) => entry.group!.name))],
    // Assigned to apps only through its groups, like a user made in the Admin Console.
    assignedClients: [],
    created: now,
    activated: activate && password !== undefined ? now : null,
    statusChanged: activate ? now : null,
    lastUpdated: now,
    passwordChanged: password === undefined ? null : now,
    origin: 'api',
  };
  ctx.state.store.directory.putUser(user);
  for (const entry of groups) entry.group!.lastMembershipUpdated = now;
  sendJson(ctx, 200, userBody(ctx.state, user));
}

/** The user named by the path's id, or by login as Okta also allows; answers 404 when there is none. */
function pathUser(ctx: Ctx, param = 'id'): DirectoryUser | undefined {
  const key = ctx.params[param]!;
  const user = ctx.state.userById(key) ?? ctx.state.userByLogin(key);
  if (!user) sendNotFound(ctx, key, 'User');
  return user;
}

export async function getUser(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.read'))) return;
  const user = pathUser(ctx);
  if (user) sendJson(ctx, 200, userBody(ctx.state, user));
}

export async function listUsers(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.read'))) return;
  const search = ctx.query.get('search');
  const filter = ctx.query.get('filter');
  const q = ctx.query.get('q')?.toLowerCase();
  let predicate: Predicate | undefined;
  try {
    if (search !== null) predicate = parseExpression(search, SEARCH_RULES);
    else if (filter !== null) predicate = parseExpression(filter, FILTER_RULES);
  } catch {
    return sendManagementError(ctx, 'E0000031');
  }
  let users = ctx.state.store.directory.allUsers();
  // Without search or filter, Okta leaves deactivated users out.
  if (!predicate) users = users.filter((user) => user.status !== 'DEPROVISIONED');
  if (predicate) users = users.filter((user) => predicate(userAttributes(ctx.state, user)));
  if (q) {
    users = users.filter((user) => [user.firstName, user.lastName, user.email, user.login].some((field) => field.toLowerCase().startsWith(q)));
  }
  const result = page(ctx, users, q && search === null && filter === null ? { ...USER_PAGES, defaultLimit: 10 } : USER_PAGES);
  if (!result) return sendValidationError(ctx, 'limit', 'must be a positive integer');
  ctx.res.setHeader('Link', result.links);
  sendJson(ctx, 200, result.items.map((user) => userBody(ctx.state, user)));
}

export async function activateUser(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.manage'))) return;
  const user = pathUser(ctx);
  if (!user) return;
  // Okta activates STAGED and DEPROVISIONED users only.
  if (user.status !== 'STAGED' && user.status !== 'DEPROVISIONED') return sendManagementError(ctx, 'E0000016');
  const now = new Date().toISOString();
  user.status = user.password ? 'ACTIVE' : 'PROVISIONED';
  user.activated = user.password ? now : user.activated;
  user.statusChanged = now;
  user.lastUpdated = now;
  // A user with a password needs no activation token (management spec, createUser); others get one to finish.
  if (user.password || ctx.query.get('sendEmail') !== 'false') return sendJson(ctx, 200, {});
  const token = opaqueToken(15);
  sendJson(ctx, 200, { activationUrl: `${ctx.state.orgUrl}/welcome/${token}`, activationToken: token });
}

export async function deactivateUser(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.manage'))) return;
  const user = pathUser(ctx);
  if (!user) return;
  if (user.status === 'DEPROVISIONED') return sendManagementError(ctx, 'E0000038');
  deprovision(ctx.state, user);
  sendJson(ctx, 200, {});
}

/** DELETE deletes a deactivated user; on any other it deactivates, and a second DELETE deletes (204 both). */
export async function deleteUser(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.manage'))) return;
  const user = pathUser(ctx);
  if (!user) return;
  if (user.status === 'DEPROVISIONED') ctx.state.store.directory.deleteUser(user.id);
  else deprovision(ctx.state, user);
  sendEmpty(ctx, 204);
}

export async function listUserGroups(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.read'))) return;
  const user = pathUser(ctx);
  if (!user) return;
  sendJson(ctx, 200, ctx.state.store.directory.groupsOf(user).map((group) => groupBody(ctx.state, group)));
}

/** Deactivation signs the user out everywhere: sessions, refresh tokens and open transactions end. */
function deprovision(state: EmulatorState, user: DirectoryUser): void {
  const now = new Date().toISOString();
  user.status = 'DEPROVISIONED';
  user.statusChanged = now;
  user.lastUpdated = now;
  const { store } = state;
  for (const map of [store.sessions, store.sessionTokens, store.stateTokens, store.refreshTokens, store.codes] as Map<string, { userId: string }>[]) {
    for (const [key, record] of map) if (record.userId === user.id) map.delete(key);
  }
}
