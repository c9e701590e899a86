// Warms the token cache before any worker starts: every configured identity (every account of a pool)
// logs in once, in parallel with a small bound, and the storageState files the projects ask for are
// written. One line per identity, never a secret. A failing identity is reported and the run goes on:
// the tests that use it fail with the same coded error, the others run.
import type { FullConfig } from '@playwright/test';
import { acquireTokens, isOktaError, loadConfig, type Acquisition, type OktaConfig } from '../engine/index.js';
import { ensureStorageStateFile } from './storage-files.js';
import type { OktaStorageKind } from './storage-state.js';
import { IdentityTokens, identityName } from './identity-tokens.js';
import { recordTokenUse, startRunStats } from './run-stats.js';
import { configDir } from './config-dir.js';

const PARALLEL_LOGINS = 4;

export default async function globalSetup(config: FullConfig): Promise<void> {
  const okta = loadConfig(undefined, { baseDir: configDir(config) });
  startRunStats(okta.cacheDir);
  const jobs = identityJobs(okta);
  const storage = storageRequests(config);
  await runBounded(jobs, PARALLEL_LOGINS, async ({ role, account }) => {
    const username = okta.identities[role].accounts[account]?.username ?? okta.identities[role].clientId;
    try {
      const acquisition = await acquireTokens(okta, role, { account });
      recordTokenUse(identityName(acquisition.tokens), acquisition.source);
      console.log(`okta: ${role} (${username}) ${describe(acquisition)}`);
      for (const { kind, appBaseUrl, loginPath } of storage.filter((request) => request.role === role || request.role === undefined && role === okta.defaultRole)) {
        const relogin = () => new IdentityTokens(okta, account).relogin(role);
        await ensureStorageStateFile(acquisition.tokens, kind, { appBaseUrl, loginPath }, okta.cacheDir, relogin);
      }
    } catch (error) {
      const reason = isOktaError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
      console.log(`okta: ${role} (${username}) failed: ${reason}`);
    }
  });
}

function identityJobs(okta: OktaConfig): Array<{ role: string; account: number }> {
  return Object.values(okta.identities).flatMap((identity) =>
    identity.kind === 'service'
      ? [{ role: identity.role, account: 0 }]
      : identity.accounts.map((_, account) => ({ role: identity.role, account })),
  );
}

/** The (role, storage kind) pairs that projects set with `use: { oktaRole, oktaStorage }`. */
function storageRequests(config: FullConfig) {
  return config.projects.flatMap((project) => {
    const use = project.use as { oktaRole?: string; oktaStorage?: OktaStorageKind; oktaAppLoginPath?: string; baseURL?: string };
    if (!use.oktaStorage || use.oktaStorage === 'none' || !use.baseURL) return [];
    return [{ role: use.oktaRole, kind: use.oktaStorage, appBaseUrl: use.baseURL, loginPath: use.oktaAppLoginPath ?? '/login' }];
  });
}

function describe({ source, ms, tokens }: Acquisition): string {
  const minutes = Math.max(0, Math.round((tokens.expiresAt - Date.now()) / 60_000));
  if (source === 'cache') return `from cache, expires in ${minutes} min`;
  return `${source === 'login' ? 'logged in' : 'refreshed'} in ${Math.round(ms)} ms`;
}

async function runBounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}
