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

/** The engine's configuration for the stack: admin = alice, user = bob (the IDENTITIES above). */
export { stackOktaEnv as oktaEnv } from '../tests/demo-app/stack.js';

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
