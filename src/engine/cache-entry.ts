// Where an identity's cached tokens live and whether a record found there may be trusted: the read side
// of the token cache (cache.ts adds the writes, the failure marker and the TOTP step). Only Node built-ins
// and CommonJS-safe modules here, no ESM-only library: the CommonJS build of playwright-okta/jest
// (dist/cjs) reads the cache in Jest's workers through this same module.
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { envPrefix } from './config.js';
import { OktaError } from './errors.js';
import { readJsonFile, removeFile } from './files.js';
import type { Account, Identity, OktaConfig, TokenRecord } from './types.js';

/** The identity of `role` and its account `index` of a pool (taken modulo the pool's size); ERR_CONFIG for an unknown role. */
export function resolveIdentity(config: OktaConfig, role: string, index = 0): { identity: Identity; account: Account | undefined; entry: CacheEntry } {
  const identity = config.identities[role];
  if (!identity) {
    throw new OktaError('ERR_CONFIG', `No identity for role '${role}' (configured: ${config.roles.join(', ') || 'none'}). Add it to OKTA_ROLES and set ${envPrefix(role)}_USERNAME / _PASSWORD.`);
  }
  const pool = identity.accounts.length;
  const account = pool ? identity.accounts[((index % pool) + pool) % pool] : undefined;
  return { identity, account, entry: cacheEntry(config, identity, account) };
}

export interface CacheEntry {
  key: string;
  file: string;
}

export function cacheEntry(config: OktaConfig, identity: Identity, account: Account | undefined): CacheEntry {
  const material = JSON.stringify([
    config.issuer,
    identity.clientId,
    identity.role,
    account?.username.toLowerCase() ?? '',
    [...identity.scopes].sort(),
    identity.kind === 'user' ? config.redirectUri : '',
  ]);
  const key = createHash('sha256').update(material).digest('hex').slice(0, 24);
  const who = identity.kind === 'service' ? 'service' : 'user';
  return { key, file: path.join(config.cacheDir, `okta-${slug(identity.role)}-${who}-${key}.json`) };
}

/** Who a record must belong to: the identity and account being acquired. */
export interface RecordOwner {
  config: Pick<OktaConfig, 'issuer'>;
  identity: Pick<Identity, 'role' | 'kind' | 'clientId'>;
  account: Pick<Account, 'username'> | undefined;
}

/**
 * A well-formed record of this identity, or undefined. A corrupt, foreign or exposed file is a warning,
 * never a crash; with `discard` (only under the lock, so a fresh file is never deleted by mistake) it is
 * also removed, and the login that follows replaces it atomically.
 */
export async function readRecord(entry: CacheEntry, warn: (message: string) => void, options: { discard: boolean; identity?: RecordOwner }): Promise<TokenRecord | undefined> {
  let value: unknown;
  let problem: string | undefined;
  try {
    problem = await fileProblem(entry.file);
    if (!problem) {
      value = await readJsonFile(entry.file);
      if (value !== undefined && (!isRecord(value) || value.key !== entry.key)) problem = 'malformed';
      else if (value !== undefined && options.identity) problem = ownerProblem(value as TokenRecord, options.identity);
    }
  } catch (error) {
    problem = `unreadable: ${(error as Error).name}`;
  }
  if (!problem) return value as TokenRecord | undefined;
  warn(`okta: discarding the token cache file ${entry.file} (${problem}); logging in again.`);
  if (options.discard) await removeFile(entry.file).catch(() => {});
  return undefined;
}

// A token file must be a regular file of ours that nobody else could read or have written: a symlink or
// another user's file could hand us someone else's tokens, and an exposed file's tokens may have leaked.
export async function fileProblem(file: string): Promise<string | undefined> {
  let stats;
  try {
    stats = await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!stats.isFile()) return 'not a regular file';
  if (process.platform === 'win32') return undefined;
  if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) return 'owned by another user';
  if (stats.mode & 0o077) return `permissions too open (${(stats.mode & 0o777).toString(8).padStart(4, '0')}, expected 0600)`;
  return undefined;
}

/**
 * Whether every one of `files` may be trusted (a missing one may: nothing to trust); otherwise one warning
 * naming the first that may not, and why. For files the engine's callers keep in the cache directory (the
 * storageState files a browser starts signed in from), which are rebuilt when refused.
 */
export async function trustedFiles(files: string[], what: string, warn: (message: string) => void): Promise<boolean> {
  for (const file of files) {
    const problem = await fileProblem(file).catch((error: NodeJS.ErrnoException) => `unreadable: ${error.code ?? error.name}`);
    if (problem) {
      warn(`okta: not trusting the ${what} ${file} (${problem}); building it again.`);
      return false;
    }
  }
  return true;
}

// The file name is a hash of the identity, but its content is what would be sent as a bearer token: a
// record copied or written over from another identity must never be served as this one. The access
// token's own claims are read too, not only the record's copy of them.
function ownerProblem(record: TokenRecord, owner: RecordOwner): string | undefined {
  const username = owner.account?.username.toLowerCase() ?? '';
  if (record.issuer !== owner.config.issuer || record.clientId !== owner.identity.clientId || record.role !== owner.identity.role) return 'written for another identity';
  if (record.username.toLowerCase() !== username) return 'written for another user';
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwtPayload(record.accessToken);
  } catch {
    return 'its access token is not a JWT';
  }
  if (typeof claims.sub === 'string' && !sameSubject(claims.sub, owner.identity.kind === 'service' ? owner.identity.clientId : username)) {
    return 'its access token is for another subject';
  }
  if (claims.cid !== undefined && claims.cid !== owner.identity.clientId) return 'its access token is for another client';
  if (claims.iss !== undefined && claims.iss !== owner.config.issuer) return 'its access token is from another issuer';
  return undefined;
}

// Okta lets a user sign in with the short name of a login ("alice" for alice@example.com); the token's
// `sub` is the full login then.
function sameSubject(sub: string, expected: string): boolean {
  const s = sub.toLowerCase();
  const e = expected.toLowerCase();
  return s === e || (!e.includes('@') && s.startsWith(`${e}@`));
}

// The payload of a compact JWS, unverified, as jose's decodeJwt gives it: enough for the owner check above
// (signatures were verified when the tokens were obtained).
function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new TypeError('not a compact JWS');
  const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new TypeError('the JWT payload is not an object');
  return payload as Record<string, unknown>;
}

/** How long the record's access token was issued for, in seconds. */
export function lifetimeSeconds(record: TokenRecord): number {
  return Math.max(0, (record.expiresAt - record.obtainedAt) / 1000);
}

export function hasLife(record: TokenRecord, minTtlSeconds: number, now = Date.now()): boolean {
  return record.expiresAt - now > minTtlSeconds * 1000;
}

function isRecord(value: unknown): value is TokenRecord {
  const r = value as Partial<TokenRecord> | null;
  return !!r && typeof r === 'object' && r.version === 1 && typeof r.accessToken === 'string' && typeof r.expiresAt === 'number'
    && typeof r.key === 'string' && Array.isArray(r.scopes) && typeof r.accessTokenClaims === 'object';
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').slice(0, 40);
}
