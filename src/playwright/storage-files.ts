// storageState files under the cache directory, one per identity, kind and app, rebuilt only when the tokens
// they were made from have changed (and, for the app's own session, once per run: the app may have been
// restarted since). Global setup writes them first; workers reuse them, or build them when it did not run.
// Written atomically (the engine's writeJsonAtomic, 0600): a worker reading one never sees half a file.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readJsonFile, trustedFiles, writeJsonAtomic, type TokenRecord } from '../engine/index.js';
import { currentRunId } from './run-stats.js';
import {
  OktaSessionEnded,
  oktaSessionStorageState,
  serverSessionStorageState,
  spaStorageState,
  type OktaStorageKind,
  type StorageState,
} from './storage-state.js';

export interface StorageOptions {
  appBaseUrl: string;
  /** The app path that starts its Okta login (server-session kind). */
  loginPath: string;
}

/**
 * The storageState file for these tokens. When the Okta session of the login has ended (Okta's sessions
 * are shorter-lived than cached tokens can be, and they end on sign-out), `relogin` gets a new one.
 */
export async function ensureStorageStateFile(
  tokens: TokenRecord,
  kind: Exclude<OktaStorageKind, 'none'>,
  options: StorageOptions,
  cacheDir: string,
  relogin: () => Promise<TokenRecord>,
): Promise<string> {
  try {
    return await writeStorageStateFile(tokens, kind, options, cacheDir);
  } catch (error) {
    if (!(error instanceof OktaSessionEnded)) throw error;
    return writeStorageStateFile(await relogin(), kind, options, cacheDir);
  }
}

async function writeStorageStateFile(
  tokens: TokenRecord,
  kind: Exclude<OktaStorageKind, 'none'>,
  options: StorageOptions,
  cacheDir: string,
): Promise<string> {
  const base = storageStateBase(tokens, kind, options, cacheDir);
  const file = `${base}.json`;
  const stamp = {
    obtainedAt: tokens.obtainedAt,
    run: kind === 'server-session' ? currentRunId() : undefined,
  };
  // Checked like a token file before it is reused: a browser starts signed in from it.
  const trusted = await trustedFiles([file, `${base}.stamp`], 'storageState file', (message) => console.warn(message));
  const written = trusted ? await readJsonFile(`${base}.stamp`).catch(() => undefined) : undefined;
  if (JSON.stringify(written) === JSON.stringify(stamp)) return file;

  const state = await buildStorageState(tokens, kind, options);
  // The state first, then its stamp: a reader that sees the new stamp sees the new state.
  await writeJsonAtomic(file, state);
  await writeJsonAtomic(`${base}.stamp`, stamp);
  return file;
}

/**
 * One file per identity, kind and app: two projects with the same role and kind but another app (origin,
 * or login path for the app's own session) must not share, and overwrite, one file. Readable, and exact
 * through a short hash of what it stands for.
 */
export function storageStateBase(tokens: TokenRecord, kind: Exclude<OktaStorageKind, 'none'>, options: StorageOptions, cacheDir: string): string {
  const app = kind === 'okta-session' ? [] : kind === 'spa' ? [new URL(options.appBaseUrl).origin] : [new URL(options.appBaseUrl).origin, options.loginPath];
  const who = tokens.username || tokens.clientId;
  const hash = createHash('sha256').update(JSON.stringify([tokens.role, who, kind, ...app])).digest('hex').slice(0, 10);
  const host = app.length ? `-${fileSafe(new URL(app[0]!).host)}` : '';
  return path.join(cacheDir, 'storage', `${fileSafe(tokens.role)}-${fileSafe(who)}-${kind}${host}-${hash}`);
}

export function buildStorageState(
  tokens: TokenRecord,
  kind: Exclude<OktaStorageKind, 'none'>,
  options: StorageOptions,
): Promise<StorageState> | StorageState {
  switch (kind) {
    case 'spa':
      return spaStorageState(tokens, options.appBaseUrl);
    case 'okta-session':
      return oktaSessionStorageState(tokens);
    case 'server-session':
      return serverSessionStorageState(tokens, options);
  }
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}
