// A removed test user's files in the cache directory: its token file (with the failure marker and TOTP
// step beside it) and its storageState files. They would only pile up: every run has new users, and a
// deleted user's tokens are worth nothing.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { cacheEntry, type OktaConfig, type ProvisionedUser } from '../engine/index.js';

export async function forgetUserFiles(config: OktaConfig, users: ProvisionedUser[]): Promise<void> {
  const storageDir = path.join(config.cacheDir, 'storage');
  const storage = await readdir(storageDir).catch(() => [] as string[]);
  await Promise.all(users.flatMap((user) => {
    const identity = config.identities[user.role];
    if (!identity) return [];
    const { file } = cacheEntry(config, identity, user);
    // storageState files are named `<role>-<login>-<kind>…` with these characters made safe (storage-files.ts).
    const stem = `${fileSafe(user.role)}-${fileSafe(user.username)}-`;
    const own = storage.filter((name) => name.startsWith(stem)).map((name) => path.join(storageDir, name));
    return [file, `${file}.failed`, `${file}.totp`, ...own].map((target) => rm(target, { force: true }));
  }));
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}
