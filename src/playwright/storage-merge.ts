// A project's own `use.storageState` (a cookie-consent cookie, feature flags in localStorage, …) kept beside
// ours when `oktaStorage` is set: its cookies and origins are merged with the Okta ones, and where both name
// the same cookie (name, domain and path) or the same localStorage key of an origin, ours win, since the
// test asked to start signed in. The merged state is a file in the cache directory (0600), never in the
// test's output directory: it holds the tokens.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../engine/index.js';
import type { StorageState } from './storage-state.js';

/** What Playwright accepts as `storageState`: a file path or the state itself. */
export type UserStorageState = string | { cookies?: unknown[]; origins?: unknown[] };

type Cookie = StorageState['cookies'][number];
type Origin = StorageState['origins'][number];

export function mergeStorageStates(theirs: Partial<StorageState>, ours: StorageState): StorageState {
  const cookieKey = (cookie: Cookie) => `${cookie.name}\u0000${cookie.domain}\u0000${cookie.path}`;
  const ourCookies = new Set(ours.cookies.map(cookieKey));
  const cookies = [...(theirs.cookies ?? []).filter((cookie) => !ourCookies.has(cookieKey(cookie))), ...ours.cookies];

  const origins = new Map<string, Origin>();
  for (const origin of theirs.origins ?? []) origins.set(origin.origin, { ...origin, localStorage: [...origin.localStorage] });
  for (const origin of ours.origins) {
    const theirsHere = origins.get(origin.origin);
    if (!theirsHere) {
      origins.set(origin.origin, origin);
      continue;
    }
    const ourKeys = new Set(origin.localStorage.map((item) => item.name));
    theirsHere.localStorage = [...theirsHere.localStorage.filter((item) => !ourKeys.has(item.name)), ...origin.localStorage];
  }
  return { ...theirs, cookies, origins: [...origins.values()] };
}

/** The file of `theirs` merged with the state in `ourFile`, written beside it (rewritten only when it changes). */
export async function mergedStorageStateFile(theirs: UserStorageState, ourFile: string): Promise<string> {
  const their = typeof theirs === 'string' ? await readUserState(theirs) : (theirs as Partial<StorageState>);
  const ours = (await readJsonFile(ourFile)) as StorageState;
  const merged = mergeStorageStates(their, ours);
  const tag = createHash('sha256').update(JSON.stringify(their)).digest('hex').slice(0, 12);
  const file = ourFile.replace(/\.json$/, `.with-${tag}.json`);
  if (JSON.stringify(await readJsonFile(file).catch(() => undefined)) !== JSON.stringify(merged)) await writeJsonAtomic(file, merged);
  return file;
}

// Relative to the working directory, as Playwright reads it. Parse errors are not quoted: V8 quotes the text.
async function readUserState(file: string): Promise<Partial<StorageState>> {
  let text: string;
  try {
    text = await readFile(path.resolve(file), 'utf8');
  } catch (error) {
    throw userStateError(file, `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text) as Partial<StorageState>;
  } catch {
    throw userStateError(file, 'is not JSON');
  }
}

function userStateError(file: string, what: string): Error {
  return new Error(
    `The project's own storageState ${file} ${what}, so it cannot be merged with oktaStorage's. ` +
      'Recommended fix: fix the path (relative to the working directory) or the file, or remove `storageState` from `use`.',
  );
}
