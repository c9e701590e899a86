// storageState files under the cache directory, one per identity and kind, rebuilt only when the tokens
// they were made from have changed (and, for the app's own session, once per run: the app may have been
// restarted since). Global setup writes them first; workers reuse them, or build them when it did not run.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TokenRecord } from '../engine/index.js';
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
  const base = path.join(cacheDir, 'storage', `${fileSafe(tokens.role)}-${fileSafe(tokens.username || tokens.clientId)}-${kind}`);
  const file = `${base}.json`;
  const stamp = JSON.stringify({
    obtainedAt: tokens.obtainedAt,
    app: options.appBaseUrl,
    run: kind === 'server-session' ? currentRunId() : undefined,
  });
  if (readOrNull(`${base}.stamp`) === stamp) return file;

  const state = await buildStorageState(tokens, kind, options);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeAtomically(file, JSON.stringify(state, null, 2));
  writeAtomically(`${base}.stamp`, stamp);
  return file;
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

function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, file);
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}
