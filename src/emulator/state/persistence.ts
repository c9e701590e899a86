// A long-lived emulator, like a real org: given a state file, it keeps its signing keys, sessions and
// refresh tokens across restarts, so the tokens and Okta sessions that an earlier test run cached stay
// valid. Without a state file (every test's own emulator) nothing is written and nothing survives.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { lazySigningKey, type SigningKey } from './keys.js';
import type { RefreshRecord, SessionRecord, Store } from './store.js';
import type { PersistedDirectory } from './directory.js';

export interface PersistedState {
  version: 1;
  /** Private JWKs by server id, plus `stray` for the unknown-kid tamper. */
  keys: Record<string, JWK>;
  sessions: SessionRecord[];
  refreshTokens: RefreshRecord[];
  lastLogins: Array<[string, number]>;
  /** Users, groups and TOTP enrolments made through the Management API (absent in older files). */
  directory?: PersistedDirectory;
}

export interface LoadedKeys {
  keys: Map<string, SigningKey>;
  stray: SigningKey;
}

const STRAY = '__stray__';

/** Keys from the saved state where it has them, new ones for the rest (each made on first use). */
export function loadOrCreateKeys(serverIds: string[], saved?: PersistedState): LoadedKeys {
  const savedKeys = saved?.keys ?? {};
  const keyFor = (id: string) => lazySigningKey(savedKeys[id]);
  return { keys: new Map(serverIds.map((id) => [id, keyFor(id)])), stray: keyFor(STRAY) };
}

export function restoreStore(store: Store, saved: PersistedState): void {
  const now = Date.now();
  for (const session of saved.sessions) if (session.expiresAt > now) store.sessions.set(session.id, session);
  for (const refresh of saved.refreshTokens) if (refresh.expiresAt > now) store.refreshTokens.set(refresh.token, refresh);
  for (const [userId, at] of saved.lastLogins) store.lastLogins.set(userId, at);
  if (saved.directory) store.directory.restore(saved.directory);
}

/** Writes the state soon after a request changed it, and at once on flush(); the file is 0600. */
export function createStateSaver(stateFile: string, loaded: LoadedKeys, store: Store) {
  let keys: Record<string, JWK> | undefined;
  let written = '';
  let timer: NodeJS.Timeout | undefined;

  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    keys ??= exportKeys(loaded);
    const content = JSON.stringify({
      version: 1,
      keys,
      sessions: [...store.sessions.values()],
      refreshTokens: [...store.refreshTokens.values()],
      lastLogins: [...store.lastLogins],
      directory: store.directory.persisted(),
    } satisfies PersistedState);
    if (content === written) return;
    mkdirSync(path.dirname(stateFile), { recursive: true, mode: 0o700 });
    const temporary = `${stateFile}.${process.pid}.tmp`;
    writeFileSync(temporary, content, { mode: 0o600 });
    renameSync(temporary, stateFile);
    written = content;
  };

  return {
    flush,
    /** Debounced: a burst of requests makes one write. */
    schedule(): void {
      timer ??= setTimeout(() => void flush().catch(() => undefined), 50).unref();
    },
  };
}

/** Every key, made now if unused so far: the first write fixes the keys that later runs will trust. */
function exportKeys(loaded: LoadedKeys): Record<string, JWK> {
  return Object.fromEntries([...loaded.keys, [STRAY, loaded.stray] as const].map(([id, key]) => [id, key.exportPrivate()]));
}

/** The saved state, or undefined when the file is absent or damaged. */
export function readState(stateFile: string): PersistedState | undefined {
  try {
    const parsed = JSON.parse(readFileSync(stateFile, 'utf8')) as PersistedState;
    return parsed?.version === 1 && typeof parsed.keys === 'object' ? parsed : undefined;
  } catch {
    return undefined; // absent or damaged: start afresh, as a new org would
  }
}
