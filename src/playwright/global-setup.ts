// Warms the token cache before any worker starts: every configured identity (the pool accounts its workers take)
// logs in once, in parallel with a small bound, and the storageState files the selected projects ask for are
// written. One line per identity, never a secret. A failing identity is reported and the run goes on:
// the tests that use it fail with the same coded error, the others run.
import type { FullConfig } from '@playwright/test';
import { failureReason, loadConfig, warmIdentities, type TokenRecord } from '../engine/index.js';
import { provisionTestUsers } from '../provision/index.js';
import { ensureStorageStateFile } from './storage-files.js';
import { IdentityTokens, identityName } from './identity-tokens.js';
import { recordTokenUse, startRunStats } from './run-stats.js';
import { configDir } from './config-dir.js';
import { shardAccounts } from './pool-account.js';
import { storageRequests } from './selected-projects.js';

const PARALLEL_LOGINS = 4;

export default async function globalSetup(config: FullConfig): Promise<void> {
  // Test users on demand (OKTA_<ROLE>_PROVISION=true) exist before the configuration that logs them in is read.
  await provisionTestUsers({ baseDir: configDir(config), shard: config.shard?.current ?? 1, log: (line) => console.log(line) });
  const okta = loadConfig(undefined, { baseDir: configDir(config) });
  startRunStats(okta.cacheDir);
  const storage = storageRequests(config, process.argv);
  await warmIdentities(okta, {
    parallel: PARALLEL_LOGINS,
    // The pool accounts this shard's workers take, no more: logins per shard = identities it uses.
    accountsOf: (size) => shardAccounts(config, size),
    log: (line) => console.log(line),
    then: async ({ role, account, who }, acquisition) => {
      recordTokenUse(identityName(acquisition.tokens), acquisition.source);
      // The identity's latest tokens: once one project's build finds the Okta session ended and logs in
      // again, the identity's next projects build from that login instead of logging in once more.
      let tokens: TokenRecord = acquisition.tokens;
      const relogin = async () => {
        const started = Date.now();
        tokens = await new IdentityTokens(okta, account).relogin(role, tokens);
        console.log(`okta: ${role} (${who}) had no Okta session left; logged in again in ${Date.now() - started} ms`);
        return tokens;
      };
      for (const { kind, appBaseUrl, loginPath } of storage.filter((request) => (request.role ?? okta.defaultRole) === role)) {
        try {
          await ensureStorageStateFile(tokens, kind, { appBaseUrl, loginPath }, okta.cacheDir, relogin);
        } catch (error) {
          // The login itself went well (its line says so); the tests of this storage kind fail with this error.
          console.log(`okta: ${role} (${who}) is signed in, but its ${kind} storageState for ${appBaseUrl} could not be made: ${failureReason(error)}`);
        }
      }
    },
  });
}
