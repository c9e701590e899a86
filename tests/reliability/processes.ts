// Launches acquire-child.ts (one acquireTokens in a process of its own) and reads what it says: for tests
// that need real processes, each with its own in-memory caches and its own lock.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../engine/support.js';

export interface AcquireResult {
  exit: number | null;
  /** `{ source, token }` on success (token: a hash), `{ code, message }` on failure. */
  result: { source?: string; token?: string; code?: string; message?: string };
  /** The engine's warnings, one per line. */
  warnings: string[];
  stderr: string;
}

export interface AcquireChild {
  child: ChildProcess;
  done: Promise<AcquireResult>;
}

/** Starts one acquisition of `role` in a child process with exactly `env` (plus tsx); `--fresh` when asked. */
export function startAcquire(env: NodeJS.ProcessEnv, role = 'default', flags: string[] = []): AcquireChild {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/reliability/acquire-child.ts'), role, ...flags], {
    cwd: ROOT,
    // Colour variables from the caller would make Node print a warning on stderr (NO_COLOR with FORCE_COLOR).
    env: Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'NO_COLOR' && name !== 'FORCE_COLOR')),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<AcquireResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exit) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      let result: AcquireResult['result'];
      try {
        result = JSON.parse(line) as AcquireResult['result'];
      } catch {
        result = { code: 'NO_RESULT', message: `stdout: ${stdout} stderr: ${stderr}` };
      }
      resolve({ exit, result, warnings: stderr.split('\n').filter((l) => l.startsWith('okta:')), stderr });
    });
  });
  return { child, done };
}

export function runAcquire(env: NodeJS.ProcessEnv, role = 'default', flags: string[] = []): Promise<AcquireResult> {
  return startAcquire(env, role, flags).done;
}
