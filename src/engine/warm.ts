// Warming the token cache: every configured identity (every account of a pool) acquired once, a few at a
// time, one line each. Playwright's global setup, `okta-token warm` and Jest's warmTokens() all run this.
// A failing identity is reported and the others go on; the caller decides what a failure means.
import { acquireTokens } from './acquire.js';
import { resolveIdentity } from './cache-entry.js';
import { isOktaError } from './errors.js';
import { shareKnownKids } from './key-check.js';
import type { Acquisition, OktaConfig } from './types.js';

/** One identity to warm: a role and an account of its pool. */
export interface WarmJob {
  role: string;
  account: number;
  /** The account's username, or the client id of a service identity: what the line names. */
  who: string;
}

export type WarmResult = WarmJob & ({ acquisition: Acquisition; error?: undefined } | { acquisition?: undefined; error: unknown });

export interface WarmOptions {
  /** Only these roles (default: every configured one). An unknown role fails with ERR_CONFIG. */
  roles?: string[];
  /** Only this account of each pool (taken modulo the pool's size); default: every account. */
  account?: number;
  /** Or only the accounts this returns for a pool of `size` (e.g. those of one CI shard's workers). */
  accountsOf?: (size: number) => number[];
  /** Passed to acquireTokens. */
  minTtlSeconds?: number;
  /** Logins at a time; default 4 (Okta's per-user rate limits are per user, the org's are not). */
  parallel?: number;
  /** One line per identity (never a secret); default: none. */
  log?: (line: string) => void;
  warn?: (message: string) => void;
  /** Runs after a successful acquisition, in the same slot; a throw counts as the identity's failure. */
  then?: (job: WarmJob, acquisition: Acquisition) => Promise<void>;
}

export async function warmIdentities(config: OktaConfig, options: WarmOptions = {}): Promise<WarmResult[]> {
  const log = options.log ?? (() => {});
  const jobs = warmJobs(config, options);
  const queue = [...jobs];
  // In the jobs' order whatever the order they finish in.
  const results: WarmResult[] = [];
  await Promise.all(Array.from({ length: Math.min(options.parallel ?? 4, queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const at = jobs.indexOf(job);
      try {
        const acquisition = await acquireTokens(config, job.role, {
          account: job.account,
          ...(options.minTtlSeconds === undefined ? {} : { minTtlSeconds: options.minTtlSeconds }),
          ...(options.warn ? { warn: options.warn } : {}),
        });
        log(warmLine({ ...job, acquisition }));
        await options.then?.(job, acquisition);
        results[at] = { ...job, acquisition };
      } catch (error) {
        log(warmLine({ ...job, error }));
        results[at] = { ...job, error };
      }
    }
  }));
  shareKnownKids(config, results.flatMap((result) => (result.acquisition ? [result.acquisition.tokens] : [])));
  return results;
}

/** `okta: admin (alice@example.com) logged in in 41 ms`, `… from cache, expires in 53 min`, `… failed: ERR_…: …`. */
export function warmLine(result: WarmResult): string {
  return `okta: ${result.role} (${result.who}) ${result.acquisition ? describe(result.acquisition) : `failed: ${failureReason(result.error)}`}`;
}

/** `ERR_…: message` for an OktaError; the message alone for anything else. */
export function failureReason(error: unknown): string {
  return isOktaError(error) ? `${error.code}: ${error.message}` : String((error as Error)?.message ?? error);
}

function warmJobs(config: OktaConfig, options: WarmOptions): WarmJob[] {
  const roles = options.roles ?? config.roles;
  return roles.flatMap((role) => {
    const identity = config.identities[role];
    // An unknown role becomes a job, so that acquireTokens reports it with its usual ERR_CONFIG message.
    if (!identity) return [{ role, account: 0, who: 'not configured' }];
    if (identity.kind === 'service') return [{ role, account: 0, who: identity.clientId }];
    const accounts = options.account !== undefined
      ? [options.account]
      : options.accountsOf?.(identity.accounts.length) ?? identity.accounts.map((_, i) => i);
    return accounts.map((index) => ({ role, account: index, who: resolveIdentity(config, role, index).account?.username ?? '' }));
  });
}

function describe({ source, ms, tokens }: Acquisition): string {
  if (source === 'cache') return `from cache, expires in ${Math.max(0, Math.round((tokens.expiresAt - Date.now()) / 60_000))} min`;
  return `${source === 'login' ? 'logged in' : 'refreshed'} in ${Math.round(ms)} ms`;
}
