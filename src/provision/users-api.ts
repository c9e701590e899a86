// The Users API calls provisioning makes, each one request (okta/okta-sdk-nodejs names in brackets):
// create-and-activate with a password and groups [createUser], the removal [deleteUser, twice]
// and a search with Okta's Link paging [listUsers].
import type { ManagementClient } from './management-client.js';

export interface OktaUser {
  id: string;
  status: string;
  created: string;
  profile: { login: string };
}

/** `POST /api/v1/users?activate=true`: one call creates, activates and joins the groups (no activation email). */
export async function createUser(client: ManagementClient, login: string, password: string, groupIds: string[], names: { firstName: string; lastName: string }): Promise<OktaUser> {
  const { json } = await client.call({
    method: 'POST',
    path: '/api/v1/users?activate=true',
    body: {
      profile: { ...names, email: login, login },
      credentials: { password: { value: password } },
      ...(groupIds.length ? { groupIds } : {}),
    },
    what: `create the user ${login}`,
    scope: 'okta.users.manage',
    secrets: [password],
  });
  return json as OktaUser;
}

/**
 * Deactivates, then deletes, as two DELETEs (Okta's spec: a DELETE of a user not yet deactivated
 * deactivates it, a second deletes it). That pair is idempotent whatever an interrupted earlier removal left:
 * a user already deactivated is deleted by the first, and one already gone answers 404. False when there was
 * nothing to remove.
 */
export async function removeUser(client: ManagementClient, id: string, login: string): Promise<boolean> {
  const remove = () => client.call({
    method: 'DELETE',
    path: `/api/v1/users/${encodeURIComponent(id)}?sendEmail=false`,
    what: `remove the user ${login}`,
    scope: 'okta.users.manage',
    accept: [404],
  });
  if ((await remove()).status === 404) return false;
  await remove();
  return true;
}

/** Every user matching an Okta `search` expression, following the `Link: <…>; rel="next"` pages. */
export async function searchUsers(client: ManagementClient, search: string): Promise<OktaUser[]> {
  const users: OktaUser[] = [];
  let path: string | undefined = `/api/v1/users?${new URLSearchParams({ search, limit: '200' })}`;
  while (path) {
    const response = await client.call({ method: 'GET', path, what: 'list the test users', scope: 'okta.users.manage' });
    users.push(...((response.json as OktaUser[] | undefined) ?? []));
    path = nextPage(response.headers.get('link'), client.orgUrl);
  }
  return users;
}

function nextPage(link: string | null, orgUrl: string): string | undefined {
  const next = link?.split(',').find((part) => /rel="?next"?/.test(part))?.match(/<([^>]+)>/)?.[1];
  if (!next) return undefined;
  const url = new URL(next, orgUrl);
  return `${url.pathname}${url.search}`;
}
