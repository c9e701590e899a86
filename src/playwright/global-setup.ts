// Warms the token cache before any worker starts: every configured identity (the pool accounts its workers take)
// logs in once, in parallel with a small bound, and the storageState files the projects ask for are
// written. One line per identity, never a secret. A failing identity is reported and the run goes on:
// the tests that use it fail with the same coded error, the others run.
import type { FullConfig } from '@playwright/test';
import { loadConfig, warmIdentities } from '../engine/index.js';
import { ensureStorageStateFile } from './storage-files.js';
import type { OktaStorageKind } from './storage-state.js';
import { IdentityTokens, identityName } from './identity-tokens.js';
import { recordTokenUse, startRunStats } from './run-stats.js';
import { configDir } from './config-dir.js';
import { shardAccounts } from './pool-account.js';

const PARALLEL_LOGINS = 4;

export default async function globalSetup(config: FullConfig): Promise<void> {
  const okta = loadConfig(undefined, { baseDir: configDir(config) });
  startRunStats(okta.cacheDir);
  const storage = storageRequests(config);
  await warmIdentities(okta, {
    parallel: PARALLEL_LOGINS,
    // The pool accounts this shard's workers take, no more: logins per shard = identities it uses.
    accountsOf: (size) => shardAccounts(config, size),
    log: (line) => console.log(line),
    then: async ({ role, account }, acquisition) => {
      recordTokenUse(identityName(acquisition.tokens), acquisition.source);
      for (const { kind, appBaseUrl, loginPath } of storage.filter((request) => request.role === role || request.role === undefined && role === okta.defaultRole)) {
        const relogin = () => new IdentityTokens(okta, account).relogin(role);
        await ensureStorageStateFile(acquisition.tokens, kind, { appBaseUrl, loginPath }, okta.cacheDir, relogin);
      }
    },
  });
}

/** The (role, storage kind) pairs that projects set with `use: { oktaRole, oktaStorage }`. */
function storageRequests(config: FullConfig) {
  return config.projects.flatMap((project) => {
    const use = project.use as { oktaRole?: string; oktaStorage?: OktaStorageKind; oktaAppLoginPath?: string; baseURL?: string };
    if (!use.oktaStorage || use.oktaStorage === 'none' || !use.baseURL) return [];
    return [{ role: use.oktaRole, kind: use.oktaStorage, appBaseUrl: use.baseURL, loginPath: use.oktaAppLoginPath ?? '/login' }];
  });
}
