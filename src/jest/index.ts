// Tokens for Jest (or any other runner, or a script) from the same engine, cache and lock as the
// Playwright fixtures. Framework-agnostic: nothing here imports a test framework.
//   globalSetup:  export default () => warmTokens();              // one login per identity, before any test
//   in a test:    fetch(url, { headers: await bearerFor('admin') }) // from the cache, refreshed when needed
// Jest's workers share the on-disk cache and its file lock, so a run costs Okta one login per identity.
import { acquireTokens, isOktaError, loadConfig, type Acquisition, type OktaConfig, type TokenRecord } from '../engine/index.js';

export interface TokenOptions {
  /** Reuse cached tokens only with at least this much life left (default 60 s; give a long test's timeout). */
  minTtlSeconds?: number;
  /** Account of a pool (OKTA_<ROLE>_USERNAME=a,b,c); default: the Jest worker's index (JEST_WORKER_ID - 1). */
  account?: number;
  config?: OktaConfig;
}

let loaded: OktaConfig | undefined;

/** The configuration from the environment and `.env`, read once per process (module registry). */
export function oktaConfig(): OktaConfig {
  return (loaded ??= loadConfig());
}

/** The role's tokens (`accessToken`, `idToken`, claims, `expiresAt`, …); `role` defaults to the configured default role. */
export async function tokensFor(role?: string, options: TokenOptions = {}): Promise<TokenRecord> {
  const config = options.config ?? oktaConfig();
  const { tokens } = await acquireTokens(config, role ?? config.defaultRole, {
    account: options.account ?? workerIndex(),
    ...(options.minTtlSeconds === undefined ? {} : { minTtlSeconds: options.minTtlSeconds }),
  });
  return tokens;
}

/** `{ Authorization: 'Bearer …' }` for the role: spread it into fetch, supertest, axios or got headers. */
export async function bearerFor(role?: string, options: TokenOptions = {}): Promise<{ Authorization: string }> {
  const tokens = await tokensFor(role, options);
  return { Authorization: `${tokens.tokenType} ${tokens.accessToken}` };
}

/**
 * Logs every configured identity in (every account of a pool), at most 4 at a time, and prints one line
 * each. For a globalSetup. Throws after trying them all when any failed, naming each failure's code.
 */
export async function warmTokens(options: { config?: OktaConfig; log?: (line: string) => void } = {}): Promise<Acquisition[]> {
  const config = options.config ?? oktaConfig();
  const log = options.log ?? ((line: string) => console.log(line));
  const jobs = Object.values(config.identities).flatMap((identity) =>
    identity.kind === 'service'
      ? [{ role: identity.role, account: 0, who: `client ${identity.clientId}` }]
      : identity.accounts.map((a, account) => ({ role: identity.role, account, who: a.username })),
  );
  const done: Acquisition[] = [];
  const failures: string[] = [];
  const queue = [...jobs];
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      try {
        const acquisition = await acquireTokens(config, job.role, { account: job.account });
        done.push(acquisition);
        log(`okta: ${job.role} (${job.who}) ${describe(acquisition)}`);
      } catch (error) {
        const reason = isOktaError(error) ? `${error.code}: ${error.message}` : (error as Error)?.message;
        failures.push(`${job.role} (${job.who}): ${reason}`);
        log(`okta: ${job.role} (${job.who}) failed: ${reason}`);
      }
    }
  }));
  if (failures.length) throw new Error(`okta: ${failures.length} of ${jobs.length} identities could not log in:\n${failures.join('\n')}`);
  return done;
}

function describe({ source, ms, tokens }: Acquisition): string {
  if (source === 'cache') return `from cache, expires in ${Math.max(0, Math.round((tokens.expiresAt - Date.now()) / 60_000))} min`;
  return `${source === 'login' ? 'logged in' : 'refreshed'} in ${Math.round(ms)} ms`;
}

function workerIndex(): number {
  const id = Number(process.env.JEST_WORKER_ID);
  return Number.isInteger(id) && id > 0 ? id - 1 : 0;
}
