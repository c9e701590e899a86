// Tokens for Jest (or any other runner, or a script) from the same cache and lock as the Playwright
// fixtures. Framework-agnostic: nothing here imports a test framework.
//   globalSetup:  module.exports = require('playwright-okta/jest').warmTokens;  // one login per identity
//   in a test:    fetch(url, { headers: await bearerFor('admin') })            // from the cache
// Built as CommonJS (dist/cjs, tsconfig.cjs.json) so that a plain `npm i -D jest` project loads it, from
// CommonJS or ESM tests, with no transform and no flag. Its import graph holds no ESM-only library: it
// reads the cache itself (a cache hit costs a file read), and when no record has enough life left it runs
// `okta-token warm` in a child process, which logs in or refreshes under the cache's file lock: Jest's
// workers and Playwright's share the cache, so Okta sees one login per identity.
import path from 'node:path';
import { hasLife, lifetimeSeconds, readRecord, resolveIdentity } from '../engine/cache-entry.js';
import { loadConfig, readEnv } from '../engine/config.js';
import { OktaError } from '../engine/errors.js';
import type { OktaConfig, TokenRecord } from '../engine/types.js';
import { runOktaToken } from './okta-token-child.js';

export { OktaError, isOktaError, type OktaErrorCode } from '../engine/errors.js';
export type { OktaConfig, TokenRecord } from '../engine/types.js';

/**
 * Where `.env` and a relative OKTA_CACHE_DIR resolve from in Jest's workers: warmTokens() sets it to Jest's
 * rootDir (workers inherit globalSetup's environment); without it, the working directory.
 */
export const ROOT_DIR_VARIABLE = 'OKTA_JEST_ROOT_DIR';

export interface SourceOptions {
  /** The directory holding `.env` (default: Jest's rootDir as warmTokens saw it, else the working directory). */
  rootDir?: string;
  /** Variables to use instead of process.env; they win over `.env`, as process.env does. */
  env?: NodeJS.ProcessEnv;
}

export interface TokenOptions extends SourceOptions {
  /** Reuse cached tokens only with at least this much life left (default 60 s; give a long test's timeout). */
  minTtlSeconds?: number;
  /** Account of a pool (OKTA_<ROLE>_USERNAME=a,b,c); default: the Jest worker's index (JEST_WORKER_ID - 1). */
  account?: number;
}

export interface WarmOptions extends SourceOptions {
  /** Each identity's line (`okta: admin (alice@example.com) logged in in 41 ms`); default console.log. */
  log?: (line: string) => void;
}

interface Source {
  rootDir: string;
  env: NodeJS.ProcessEnv;
  config: OktaConfig;
}

let loaded: Source | undefined;

function source(options: SourceOptions): Source {
  const rootDir = path.resolve(options.rootDir ?? process.env[ROOT_DIR_VARIABLE] ?? process.cwd());
  if (!options.rootDir && !options.env && loaded?.rootDir === rootDir) return loaded;
  const env = options.env ?? process.env;
  // The child reads `<rootDir>/.env` under `env` the same way (okta-token's cwd is rootDir), so both agree.
  const fresh = { rootDir, env, config: loadConfig(readEnv(rootDir, env), { baseDir: rootDir }) };
  if (!options.rootDir && !options.env) loaded = fresh;
  return fresh;
}

/** The configuration from the environment and `.env`, validated (ERR_CONFIG names what is missing). */
export function oktaConfig(options: SourceOptions = {}): OktaConfig {
  return source(options).config;
}

/** The role's tokens (`accessToken`, `idToken`, claims, `expiresAt`, …); `role` defaults to the configured default role. */
export async function tokensFor(role?: string, options: TokenOptions = {}): Promise<TokenRecord> {
  const { rootDir, env, config } = source(options);
  const name = role ?? config.defaultRole;
  const index = options.account ?? workerIndex();
  const minTtl = options.minTtlSeconds ?? 60;
  const { identity, account, entry } = resolveIdentity(config, name, index);
  const owner = { config, identity, account };
  const read = () => readRecord(entry, () => {}, { discard: false, identity: owner });

  const cached = await read();
  if (cached && hasLife(cached, minTtl)) return cached;

  await runOktaToken(['warm', '--role', name, '--account', String(index), '--min-ttl', String(minTtl)], {
    cwd: rootDir,
    env,
    warn: (line) => console.warn(line),
  });
  // The child wrote the record under the lock. Tokens that live shorter than minTtl (a short access-token
  // policy) can never satisfy it; the child then took the newest it could, and so does this.
  const record = await read();
  if (record && hasLife(record, Math.min(minTtl, lifetimeSeconds(record) / 2))) return record;
  throw new OktaError('ERR_TOKEN', `okta-token warm logged role '${name}' in, but ${entry.file} holds no tokens with life left afterwards. Is OKTA_CACHE_DIR (${config.cacheDir}) shared and writable?`);
}

/** `{ Authorization: 'Bearer …' }` for the role: spread it into fetch, supertest, axios or got headers. */
export async function bearerFor(role?: string, options: TokenOptions = {}): Promise<{ Authorization: string }> {
  const tokens = await tokensFor(role, options);
  return { Authorization: `${tokens.tokenType} ${tokens.accessToken}` };
}

/**
 * Logs every configured identity in (every account of a pool), at most 4 at a time, printing one line
 * each; for a Jest globalSetup. Jest passes its config first, so `module.exports = warmTokens` works and
 * `.env` resolves from Jest's rootDir, which the workers then use too. Rejects after trying them all when
 * any failed, with an OktaError of the (first) failure's code.
 */
export async function warmTokens(options: WarmOptions = {}): Promise<void> {
  // Only what this function knows from an object Jest made: its rootDir.
  const { rootDir, env } = source({
    ...(typeof options.rootDir === 'string' ? { rootDir: options.rootDir } : {}),
    ...(options.env && typeof options.env === 'object' ? { env: options.env } : {}),
  });
  const log = typeof options.log === 'function' ? options.log : (line: string) => console.log(line);
  process.env[ROOT_DIR_VARIABLE] = rootDir;
  await runOktaToken(['warm'], { cwd: rootDir, env, line: log, warn: (line) => console.warn(line) });
}

function workerIndex(): number {
  const id = Number(process.env.JEST_WORKER_ID);
  return Number.isInteger(id) && id > 0 ? id - 1 : 0;
}
