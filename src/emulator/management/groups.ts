// The Groups API: list (q, search), get, create, delete, and members (list, add, remove).
import type { Ctx } from '../http/context.js';
import { readJsonObject } from '../http/body.js';
import { sendEmpty, sendJson } from '../http/respond.js';
import { randomId } from '../lib/ids.js';
import type { DirectoryGroup } from '../state/directory.js';
import { groupBody, userBody } from './bodies.js';
import { sendManagementError, sendNotFound, sendValidationError } from './errors.js';
import { parseExpression, SEARCH_OPERATORS, type ExpressionRules, type Predicate } from './expression.js';
import { admitted } from './guard.js';
import { page } from './paging.js';

const GROUP_DATES = ['created', 'lastUpdated', 'lastMembershipUpdated'];
const GROUP_SEARCH: ExpressionRules = { attributes: ['id', 'type', ...GROUP_DATES], anyProfile: true, operators: SEARCH_OPERATORS, dates: GROUP_DATES };
/** Okta's page sizes: groups 10000 by default and at most; a group's users 1000 by default (at most 10000). */
const GROUP_PAGES = { defaultLimit: 10_000, maxLimit: 10_000 };
const MEMBER_PAGES = { defaultLimit: 1000, maxLimit: 10_000 };

function pathGroup(ctx: Ctx): DirectoryGroup | undefined {
  const group = ctx.state.store.directory.groupById(ctx.params.groupId!);
  if (!group) sendNotFound(ctx, ctx.params.groupId!, 'UserGroup');
  return group;
}

export async function listGroups(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'groups', 'okta.groups.read'))) return;
  let predicate: Predicate | undefined;
  const expression = ctx.query.get('search') ?? ctx.query.get('filter');
  try {
    if (expression !== null) predicate = parseExpression(expression, GROUP_SEARCH);
  } catch {
    return sendManagementError(ctx, 'E0000031');
  }
  const q = ctx.query.get('q')?.toLowerCase();
  let groups = ctx.state.store.directory.allGroups();
  // `q` matches the start of a group's name.
  if (q) groups = groups.filter((group) => group.name.toLowerCase().startsWith(q));
  if (predicate) {
    groups = groups.filter((group) => {
      const body = groupBody(ctx.state, group);
      return predicate((name) => (name.startsWith('profile.') ? (body.profile as Record<string, string>)[name.slice(8)] : (body as unknown as Record<string, string>)[name]));
    });
  }
  const result = page(ctx, groups, GROUP_PAGES);
  if (!result) return sendValidationError(ctx, 'limit', 'must be a positive integer');
  ctx.res.setHeader('Link', result.links);
  sendJson(ctx, 200, result.items.map((group) => groupBody(ctx.state, group)));
}

export async function getGroup(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'groups', 'okta.groups.read'))) return;
  const group = pathGroup(ctx);
  if (group) sendJson(ctx, 200, groupBody(ctx.state, group));
}

export async function createGroup(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'groups', 'okta.groups.manage'))) return;
  const body = await readJsonObject(ctx);
  if (!body) return sendManagementError(ctx, 'E0000003');
  const profile = (body.profile ?? {}) as Record<string, unknown>;
  const name = typeof profile.name === 'string' ? profile.name.trim() : '';
  if (!name) return sendValidationError(ctx, 'name', 'The field cannot be left blank');
  const directory = ctx.state.store.directory;
  if (directory.groupByName(name)) return sendValidationError(ctx, 'name', 'An object with this field already exists in the current organization');
  const now = new Date().toISOString();
  const group: DirectoryGroup = {
    id: randomId('00g', 17),
    name,
    description: typeof profile.description === 'string' ? profile.description : '',
    assignedClients: [],
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
    origin: 'api',
  };
  directory.putGroup(group);
  sendJson(ctx, 200, groupBody(ctx.state, group));
}

export async function deleteGroup(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'groups', 'okta.groups.manage'))) return;
  const group = pathGroup(ctx);
  if (!group) return;
  ctx.state.store.directory.deleteGroup(group.id);
  sendEmpty(ctx, 204);
}

export async function listGroupUsers(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'groups', 'okta.groups.read'))) return;
  const group = pathGroup(ctx);
  if (!group) return;
  const result = page(ctx, ctx.state.store.directory.members(group), MEMBER_PAGES);
  if (!result) return sendValidationError(ctx, 'limit', 'must be a positive integer');
  ctx.res.setHeader('Link', result.links);
  sendJson(ctx, 200, result.items.map((user) => userBody(ctx.state, user)));
}

/** PUT adds, DELETE removes; both answer 204 and are idempotent, as Okta's are. */
export async function assignUserToGroup(ctx: Ctx): Promise<void> {
  await changeMembership(ctx, true);
}

export async function unassignUserFromGroup(ctx: Ctx): Promise<void> {
  await changeMembership(ctx, false);
}

async function changeMembership(ctx: Ctx, member: boolean): Promise<void> {
  if (!(await admitted(ctx, 'groups', 'okta.groups.manage'))) return;
  const group = pathGroup(ctx);
  if (!group) return;
  const user = ctx.state.userById(ctx.params.userId!);
  if (!user) return sendNotFound(ctx, ctx.params.userId!, 'User');
  const has = user.groups.includes(group.name);
  if (member && !has) user.groups = [...user.groups, group.name];
  if (!member && has) user.groups = user.groups.filter((name) => name !== group.name);
  if (member !== has) group.lastMembershipUpdated = new Date().toISOString();
  sendEmpty(ctx, 204);
}
