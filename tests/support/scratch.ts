// Temporary directories for tests: token caches, state files, throwaway projects. They hold what the
// emulator issued (tokens, sessions, keys), so none outlives the process that made it: each is removed when
// the process exits, after its own test's cleanup (if any) ran or was skipped by a failure.
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made = new Set<string>();
let hooked = false;

/** A new directory under the system's temporary directory, removed when this process exits. */
export async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.add(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', removeAll);
  }
  return dir;
}

function removeAll(): void {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch (error) {
      // Said, not thrown: an exit handler's throw would hide the run's own result.
      process.stderr.write(`scratch: could not remove ${dir}: ${(error as Error).message}\n`);
    }
  }
}
