// A run's test users: created before the run (global setup) and removed after it (global teardown).
// Creation resolves the groups first, then creates every user with one call each (a few at a time), then
// enrols TOTP where asked; whatever fails, the users already created are removed before the error is
// thrown, since a global setup that fails gets no teardown. The users' logins, passwords and TOTP secrets
// go only to one 0600 file in the cache directory, which loadConfig reads in every worker.
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { readProvisionedFile, writeJsonAtomic, type OktaConfig, type ProvisionedFile, type ProvisionedUser } from '../engine/index.js';
import { resolveGroups } from './groups-api.js';
import type { ManagementClient } from './management-client.js';
import { generatePassword } from './password.js';
import { testLogin, type ProvisionSettings } from './settings.js';
import { afterTotpStep, enrolTotp } from './totp-enrolment.js';
import { createUser, removeUser } from './users-api.js';

export interface CreatedRun {
  file: string;
  content: ProvisionedFile;
}

export async function createRunUsers(config: OktaConfig, settings: ProvisionSettings, client: ManagementClient, shard: number): Promise<CreatedRun> {
  const groupIds = new Map<string, string[]>();
  const known = new Map<string, Promise<string>>(); // a group two roles join is looked up once
  for (const role of settings.roles) groupIds.set(role.role, await resolveGroups(client, role.groups, role.groupsVariable, known));

  const created: ProvisionedUser[] = [];
  const wanted = settings.roles.flatMap((role) => Array.from({ length: role.count }, (_, index) => ({ role, index })));
  let lastStep: number | undefined;
  const results = await Promise.allSettled(wanted.map(async ({ role, index }) => {
    const username = testLogin(settings, shard, role.role, index + 1);
    const password = generatePassword(username);
    const user = await createUser(client, username, password, groupIds.get(role.role)!, { firstName: 'Test', lastName: `${role.role} ${index + 1}` });
    const record: ProvisionedUser = { role: role.role, index, id: user.id, username, password };
    created.push(record);
    if (role.mfa === 'totp') {
      const { secret, step } = await enrolTotp(client, user.id, username);
      record.totpSecret = secret;
      lastStep = Math.max(lastStep ?? step, step);
    }
  }));
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await Promise.allSettled(created.map((user) => removeUser(client, user.id, user.username)));
    throw failure.reason;
  }

  const content: ProvisionedFile = {
    version: 1,
    orgUrl: client.orgUrl,
    run: settings.run,
    shard,
    createdAt: new Date().toISOString(),
    users: created.sort((a, b) => a.role.localeCompare(b.role) || a.index - b.index),
    calls: client.calls,
  };
  const file = path.join(config.cacheDir, `provisioned-${settings.run}-${shard}.json`);
  await writeJsonAtomic(file, content);
  // The first login must not reuse the activation's code (Okta: PASSCODE_REPLAYED).
  if (lastStep !== undefined) await afterTotpStep(lastStep);
  return { file, content };
}

export interface RemovedRun {
  users: number;
  removed: number;
  setupCalls: number;
  failures: unknown[];
}

/** Removes the users `file` lists, then the file; a user already gone counts as removed (safe to run twice). */
export async function removeRunUsers(file: string, client: ManagementClient): Promise<RemovedRun> {
  const content = readProvisionedFile(file);
  const results = await Promise.allSettled(content.users.map((user) => removeUser(client, user.id, user.username)));
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  // Kept when a removal failed, so that running the teardown (or the sweep) again can finish the job.
  if (failures.length === 0) await rm(file, { force: true });
  return { users: content.users.length, removed: content.users.length - failures.length, setupCalls: content.calls, failures };
}
