// The run's test users (OKTA_<ROLE>_PROVISION=true): global setup creates them through Okta's Management
// API (src/provision) and writes their logins, passwords and TOTP secrets to one 0600 file in the cache
// directory, named by OKTA_PROVISIONED_FILE, which the workers inherit. loadConfig reads it synchronously
// (configuration is synchronous), checked like a token file before it is trusted.
import { lstatSync, readFileSync } from 'node:fs';
import type { Account } from './types.js';

/** The variable global setup sets to the file's path; workers and teardown inherit it. */
export const PROVISIONED_FILE_VARIABLE = 'OKTA_PROVISIONED_FILE';

export interface ProvisionedUser extends Account {
  role: string;
  /** Place in the role's pool, from 0. */
  index: number;
  /** Okta's user id (`00u…`): what teardown deactivates and deletes. */
  id: string;
}

export interface ProvisionedFile {
  version: 1;
  /** The org the users live in. */
  orgUrl: string;
  run: string;
  shard: number;
  createdAt: string;
  users: ProvisionedUser[];
  /** Management API calls global setup made (teardown adds its own to report the run's cost). */
  calls: number;
}

/** The file's content; throws a plain Error saying what is wrong (the caller names the variable). */
export function readProvisionedFile(file: string): ProvisionedFile {
  const problem = fileProblemSync(file);
  if (problem) throw new Error(`${file} is ${problem}`);
  let value: Partial<ProvisionedFile> | undefined;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as Partial<ProvisionedFile>;
  } catch {
    // Not the parser's message: Node quotes the text around the fault, and this text holds passwords.
    throw new Error(`${file} is not JSON`);
  }
  if (value?.version !== 1 || !Array.isArray(value.users)) throw new Error(`${file} is not a provisioned-users file`);
  return value as ProvisionedFile;
}

/** The role's accounts, in pool order. */
export function provisionedAccounts(content: ProvisionedFile, role: string): Account[] {
  return content.users
    .filter((user) => user.role === role)
    .sort((a, b) => a.index - b.index)
    .map(({ username, password, totpSecret }) => (totpSecret ? { username, password, totpSecret } : { username, password }));
}

// The synchronous twin of cache-entry's fileProblem: a regular file of ours that nobody else can read.
function fileProblemSync(file: string): string | undefined {
  let stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `unreadable (${(error as NodeJS.ErrnoException).code})`;
  }
  if (!stats.isFile()) return 'not a regular file';
  if (process.platform === 'win32') return undefined;
  if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) return 'owned by another user';
  if (stats.mode & 0o077) return `readable by others (${(stats.mode & 0o777).toString(8).padStart(4, '0')}, expected 0600)`;
  return undefined;
}
