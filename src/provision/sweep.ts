// What killed runs left: test users whose login starts with the prefix, created longer ago than a bound
// (so a run still going is not touched), found with Okta's search and removed like a teardown removes.
import { removeUser, searchUsers } from './users-api.js';
import type { ManagementClient } from './management-client.js';

export interface SweepResult {
  /** The logins removed, oldest first. */
  removed: string[];
  /** Users with the prefix still too young to remove. */
  kept: number;
}

export async function sweepTestUsers(client: ManagementClient, prefix: string, olderThanMs: number, now = Date.now()): Promise<SweepResult> {
  const found = await searchUsers(client, `profile.login sw "${prefix}-"`);
  const old = found
    .filter((user) => user.profile.login.toLowerCase().startsWith(`${prefix}-`) && Date.parse(user.created) <= now - olderThanMs)
    .sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
  // A few at a time (the client's bound); a user another sweep removed meanwhile is not reported.
  const gone = await Promise.all(old.map((user) => removeUser(client, user.id, user.profile.login)));
  return { removed: old.filter((_, i) => gone[i]).map((user) => user.profile.login), kept: found.length - old.length };
}
