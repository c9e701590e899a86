// The engine's configuration for the bench's demo stack: the SPA client, two identities (admin = alice,
// user = bob), and a cache directory the caller chooses (a fresh one means a cold cache).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DemoStack } from '../tests/demo-app/stack.js';

export const PASSWORD = 'Passw0rd!';
export const IDENTITIES = [
  { role: 'admin', username: 'alice@example.com', name: 'Alice Admin' },
  { role: 'user', username: 'bob@example.com', name: 'Bob User' },
] as const;

export const AUTHN = 'POST /api/v1/authn';

export function oktaEnv(stack: DemoStack, cacheDir: string): Record<string, string> {
  const env: Record<string, string> = {
    OKTA_ISSUER: stack.emulator.issuer,
    OKTA_CLIENT_ID: 'demo-spa',
    OKTA_REDIRECT_URI: stack.spaRedirectUri,
    OKTA_ROLES: IDENTITIES.map((identity) => identity.role).join(','),
    OKTA_CACHE_DIR: cacheDir,
    APP_BASE_URL: stack.appUrl,
  };
  for (const identity of IDENTITIES) {
    env[`OKTA_${identity.role.toUpperCase()}_USERNAME`] = identity.username;
    env[`OKTA_${identity.role.toUpperCase()}_PASSWORD`] = PASSWORD;
  }
  return env;
}

const made: string[] = [];

/** A new empty directory under the system's temp dir; `removeTempDirs()` deletes them all at the end. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `okta-bench-${prefix}-`));
  made.push(dir);
  return dir;
}

export function tempDirs(): string[] {
  return made.splice(0);
}

/** Authn requests the emulator has answered so far. */
export function authnCount(stack: DemoStack): number {
  return stack.emulator.stats()[AUTHN] ?? 0;
}
