// Test users on demand (OKTA_<ROLE>_PROVISION=true): the run's users created by global setup and removed by
// global teardown through Okta's Management API, and the sweep of what killed runs left. Used by
// src/playwright and src/cli; reaches the engine only through its index.
import { failureReason, loadConfig, PROVISIONED_FILE_VARIABLE, readEnv, readProvisionedFile } from '../engine/index.js';
import { readManagementCredential } from './credential.js';
import { forgetUserFiles } from './forget-files.js';
import { ManagementClient } from './management-client.js';
import { createRunUsers, removeRunUsers } from './run-users.js';
import { provisionPrefix, provisionSettings } from './settings.js';
import { sweepTestUsers, type SweepResult } from './sweep.js';

export { ManagementClient, rateLimitWait, type ManagementClientOptions } from './management-client.js';
export { readManagementCredential, type ManagementCredential } from './credential.js';
export { DEFAULT_PREFIX } from './settings.js';

export interface ProvisionOptions {
  /** Where `.env` and a relative OKTA_CACHE_DIR resolve from (the Playwright config's directory). */
  baseDir: string;
  /** Playwright's shard (1-based; 1 when not sharded). */
  shard: number;
  log: (line: string) => void;
  warn?: (message: string) => void;
}

/**
 * Creates the users of every role with OKTA_<ROLE>_PROVISION=true and names their file in
 * OKTA_PROVISIONED_FILE for this process and the workers it starts; nothing when no role provisions.
 */
export async function provisionTestUsers(options: ProvisionOptions): Promise<void> {
  const env = readEnv(options.baseDir);
  const config = loadConfig(env, { baseDir: options.baseDir, beforeProvisioning: true });
  const settings = provisionSettings(config, env);
  if (!settings) return;
  const client = new ManagementClient(config.orgUrl, readManagementCredential(env), options.warn ? { warn: options.warn } : {});
  const started = Date.now();
  const { file, content } = await createRunUsers(config, settings, client, options.shard);
  process.env[PROVISIONED_FILE_VARIABLE] = file;
  const roles = settings.roles.map((role) => `${role.role} ×${role.count}${role.mfa ? ' with TOTP' : ''}`).join(', ');
  options.log(`okta: created ${content.users.length} test users (${roles}) for run ${settings.run}, shard ${options.shard} in ${Date.now() - started} ms`);
}

/**
 * Removes the users global setup created (OKTA_PROVISIONED_FILE) and says what the run cost in one line;
 * nothing when there is no such file (no provisioning, or removed already). A failed removal is reported,
 * never thrown: the run's result stands, and the sweep removes what is left.
 */
export async function removeTestUsers(options: Pick<ProvisionOptions, 'baseDir' | 'log' | 'warn'>): Promise<void> {
  const file = process.env[PROVISIONED_FILE_VARIABLE];
  if (!file) return;
  try {
    const env = readEnv(options.baseDir);
    // With the file named, as the workers read it: the users' cache files are found from it.
    const config = loadConfig({ ...env, [PROVISIONED_FILE_VARIABLE]: file }, { baseDir: options.baseDir });
    const client = new ManagementClient(config.orgUrl, readManagementCredential(env), options.warn ? { warn: options.warn } : {});
    const users = readProvisionedFile(file).users;
    const result = await removeRunUsers(file, client);
    await forgetUserFiles(config, users);
    const calls = result.setupCalls + client.calls;
    options.log(`okta: test users: ${result.users} created, ${result.removed} removed; ${calls} Management API calls (${result.setupCalls} to create, ${client.calls} to remove)`);
    for (const failure of result.failures) options.log(`okta: a test user could not be removed: ${failureReason(failure)} (\`npx okta-token users sweep\` removes it later)`);
    if (result.failures.length === 0) delete process.env[PROVISIONED_FILE_VARIABLE];
  } catch (error) {
    options.log(`okta: the run's test users could not be removed: ${failureReason(error)} (\`npx okta-token users sweep\` removes them later)`);
  }
}

export interface SweepOptions {
  env: Record<string, string | undefined>;
  olderThanMs: number;
  warn?: (message: string) => void;
}

/** The sweep for the CLI: the org from OKTA_ISSUER, the prefix from OKTA_PROVISION_PREFIX. */
export async function sweep(options: SweepOptions): Promise<SweepResult & { prefix: string; calls: number }> {
  const config = loadConfig(options.env as NodeJS.ProcessEnv, { beforeProvisioning: true });
  const prefix = provisionPrefix(options.env);
  const client = new ManagementClient(config.orgUrl, readManagementCredential(options.env), options.warn ? { warn: options.warn } : {});
  const result = await sweepTestUsers(client, prefix, options.olderThanMs);
  return { ...result, prefix, calls: client.calls };
}
