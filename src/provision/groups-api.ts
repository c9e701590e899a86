// OKTA_<ROLE>_GROUPS lists group ids (`00g…`) or names; each is resolved once per run, before any user is
// created, so an unknown group fails the run without leaving users behind (ERR_PROVISION_GROUP). A name
// is matched exactly among Okta's `q` (name prefix) results: `q=Test` also finds "Test Users".
import { OktaError } from '../engine/index.js';
import type { ManagementClient } from './management-client.js';

const GROUP_ID = /^00g[A-Za-z0-9]{17}$/;

interface OktaGroup {
  id: string;
  profile?: { name?: string };
}

/** Each of `groups` (ids or names) as its id, in the same order; `known` keeps what earlier roles resolved. */
export async function resolveGroups(client: ManagementClient, groups: string[], variable: string, known = new Map<string, Promise<string>>()): Promise<string[]> {
  return Promise.all(groups.map((group) => {
    let id = known.get(group);
    if (!id) {
      id = GROUP_ID.test(group) ? checkId(client, group, variable) : idOfName(client, group, variable);
      known.set(group, id);
    }
    return id;
  }));
}

async function checkId(client: ManagementClient, id: string, variable: string): Promise<string> {
  const { status } = await client.call({ method: 'GET', path: `/api/v1/groups/${id}`, what: `read the group ${id}`, scope: 'okta.groups.read', accept: [404] });
  if (status === 404) throw unknown(id, variable);
  return id;
}

async function idOfName(client: ManagementClient, name: string, variable: string): Promise<string> {
  const { json } = await client.call({
    method: 'GET',
    path: `/api/v1/groups?${new URLSearchParams({ q: name, limit: '200' })}`,
    what: `find the group "${name}"`,
    scope: 'okta.groups.read',
  });
  const matches = ((json as OktaGroup[] | undefined) ?? []).filter((group) => group.profile?.name === name);
  if (matches.length === 0) throw unknown(name, variable);
  if (matches.length > 1) {
    throw new OktaError('ERR_PROVISION_GROUP', `${variable} names the group "${name}", but ${matches.length} groups have that name: give its id (00g…) instead.`);
  }
  return matches[0]!.id;
}

function unknown(group: string, variable: string): OktaError {
  return new OktaError('ERR_PROVISION_GROUP', `${variable} names the group "${group}", which does not exist in this org (or the management credential may not read it). Give an existing group's id (00g…) or exact name; a group assigned to the app gives its members access.`, { status: 404 });
}
