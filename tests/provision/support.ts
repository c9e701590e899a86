// Shared by the provisioning specs: an emulator per file, the environment of a run that provisions (either
// credential kind), the in-process path global setup takes, and the check that counts what is left in the
// org, made through the emulator's own Users API with the demo SSWS token, as an admin would look.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../../src/engine/index.js';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { DEMO } from '../../src/emulator/index.js';
import { DEMO_MANAGEMENT_CLIENT_ID, DEMO_MANAGEMENT_PRIVATE_JWK } from '../../src/emulator/state/demo-management-key.js';
import { ManagementClient, readManagementCredential } from '../../src/provision/index.js';
import { createRunUsers, type CreatedRun } from '../../src/provision/run-users.js';
import { provisionSettings } from '../../src/provision/settings.js';
import { scratchDir } from '../support/scratch.js';

export const SSWS_TOKEN = DEMO.apiToken;
export const PRIVATE_JWK = JSON.stringify(DEMO_MANAGEMENT_PRIVATE_JWK);
/** Secrets a run's output must never show, besides the generated passwords and TOTP secrets. */
export const CREDENTIAL_SECRETS = [SSWS_TOKEN, DEMO_MANAGEMENT_PRIVATE_JWK.d, DEMO_MANAGEMENT_PRIVATE_JWK.p, DEMO_MANAGEMENT_PRIVATE_JWK.q];

export type CredentialKind = 'private_key_jwt' | 'ssws';

export function credentialEnv(kind: CredentialKind): Record<string, string> {
  return kind === 'ssws'
    ? { OKTA_API_TOKEN: SSWS_TOKEN }
    : { OKTA_MANAGEMENT_CLIENT_ID: DEMO_MANAGEMENT_CLIENT_ID, OKTA_MANAGEMENT_PRIVATE_KEY: PRIVATE_JWK };
}

/** A prefix no other test (or run) shares, so that counting users by prefix counts only this test's. */
export function uniquePrefix(): string {
  return `pwt${randomBytes(3).toString('hex')}`;
}

/** A run with one provisioned role, `tester`, in the demo's Test Users group (assigned to the demo clients). */
export async function provisionEnv(emulator: EmulatorHandle, kind: CredentialKind, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    OKTA_ISSUER: emulator.issuer,
    OKTA_CLIENT_ID: DEMO.spaClientId,
    OKTA_REDIRECT_URI: `${DEMO.appOrigin}${DEMO.spaRedirectPath}`,
    OKTA_ROLES: 'tester',
    OKTA_TESTER_PROVISION: 'true',
    OKTA_TESTER_GROUPS: DEMO.testUsersGroup,
    OKTA_PROVISION_PREFIX: uniquePrefix(),
    OKTA_CACHE_DIR: await scratchDir('okta-provision-'),
    ...credentialEnv(kind),
    ...extra,
  };
}

/** What global setup does, in this process, with an explicit environment (never this process's). */
export async function provisionInProcess(env: Record<string, string>, warn: (message: string) => void = () => {}): Promise<CreatedRun & { client: ManagementClient }> {
  const config = loadConfig(env, { beforeProvisioning: true });
  const settings = provisionSettings(config, env);
  if (!settings) throw new Error('the environment provisions no role');
  const client = new ManagementClient(config.orgUrl, readManagementCredential(env), { warn });
  return { ...(await createRunUsers(config, settings, client, 1)), client };
}

export function managementClient(emulator: EmulatorHandle, kind: CredentialKind = 'ssws'): ManagementClient {
  return new ManagementClient(emulator.orgUrl, readManagementCredential(credentialEnv(kind)));
}

export interface OrgUser {
  id: string;
  status: string;
  created: string;
  profile: { login: string };
}

/** The org's users whose login starts with `<prefix>-`, through the emulator's Users API and SSWS. */
export async function usersWithPrefix(emulator: EmulatorHandle, prefix: string): Promise<OrgUser[]> {
  const search = `profile.login sw "${prefix}-"`;
  const response = await fetch(`${emulator.orgUrl}/api/v1/users?${new URLSearchParams({ search, limit: '200' })}`, {
    headers: { authorization: `SSWS ${SSWS_TOKEN}`, accept: 'application/json' },
  });
  if (response.status !== 200) throw new Error(`listing users answered ${response.status}`);
  return (await response.json()) as OrgUser[];
}

/** The primary authentications the emulator saw for logins starting with `<prefix>-`: login → count. */
export function loginsByUser(emulator: EmulatorHandle, prefix: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const attempt of emulator.audit().authn) {
    if (attempt.login.startsWith(`${prefix}-`)) counts[attempt.login] = (counts[attempt.login] ?? 0) + 1;
  }
  return counts;
}
