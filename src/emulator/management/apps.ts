// App assignment (an app is a seeded client; Okta's OIDC app id is its client id): the groups assigned to
// an app, and users assigned to it directly (`POST /api/v1/apps/{appId}/users` with `{id}`), which is how
// a user outside the app's groups is let in. Seeded users assigned to every client stay assigned.
import type { Ctx } from '../http/context.js';
import { readJsonObject, stringField } from '../http/body.js';
import { sendEmpty, sendJson } from '../http/respond.js';
import type { DirectoryUser } from '../state/directory.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { groupAssignmentBody } from './bodies.js';
import { sendManagementError, sendNotFound, sendValidationError } from './errors.js';
import { admitted } from './guard.js';
import { page } from './paging.js';

function pathApp(ctx: Ctx): string | undefined {
  const appId = ctx.params.appId!;
  if (ctx.state.client(appId)) return appId;
  sendNotFound(ctx, appId, 'AppInstance');
  return undefined;
}

export async function listApplicationGroups(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'apps', 'okta.apps.read'))) return;
  const appId = pathApp(ctx);
  if (!appId) return;
  const assigned = ctx.state.store.directory.allGroups().filter((group) => group.assignedClients.includes(appId));
  const result = page(ctx, assigned, { defaultLimit: 20, maxLimit: 200 });
  if (!result) return sendValidationError(ctx, 'limit', 'must be a positive integer');
  ctx.res.setHeader('Link', result.links);
  sendJson(ctx, 200, result.items.map((group) => groupAssignmentBody(ctx.state, appId, group)));
}

/** An app user, as the spec's `AppUserSSOResponse` shows it (the OIDC profile Okta maps from the user). */
function appUserBody(state: EmulatorState, appId: string, user: DirectoryUser) {
  return {
    id: user.id,
    externalId: null,
    created: user.created,
    lastUpdated: user.lastUpdated,
    scope: 'USER',
    status: 'ACTIVE',
    statusChanged: user.statusChanged,
    passwordChanged: null,
    syncState: 'DISABLED',
    credentials: { userName: user.login },
    profile: { given_name: user.firstName, family_name: user.lastName, name: `${user.firstName} ${user.lastName}`, email: user.email },
    _links: { app: { href: `${state.orgUrl}/api/v1/apps/${appId}` }, user: { href: `${state.orgUrl}/api/v1/users/${user.id}` } },
  };
}

export async function assignUserToApplication(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'apps', 'okta.apps.manage'))) return;
  const appId = pathApp(ctx);
  if (!appId) return;
  const body = await readJsonObject(ctx);
  if (!body) return sendManagementError(ctx, 'E0000003');
  const userId = stringField(body, 'id');
  if (!userId) return sendValidationError(ctx, 'id', 'The field cannot be left blank');
  const user = ctx.state.userById(userId);
  if (!user) return sendNotFound(ctx, userId, 'User');
  if (user.assignedClients !== '*' && !user.assignedClients.includes(appId)) user.assignedClients = [...user.assignedClients, appId];
  sendJson(ctx, 200, appUserBody(ctx.state, appId, user));
}

export async function unassignUserFromApplication(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'apps', 'okta.apps.manage'))) return;
  const appId = pathApp(ctx);
  if (!appId) return;
  const user = ctx.state.userById(ctx.params.userId!);
  if (!user) return sendNotFound(ctx, ctx.params.userId!, 'User');
  if (user.assignedClients !== '*') user.assignedClients = user.assignedClients.filter((id) => id !== appId);
  sendEmpty(ctx, 204);
}
