// Runs `okta-token` (dist/cli/bin/okta-token.js, the ESM engine) in a child process. Jest's module system
// cannot load the engine's ESM-only dependencies (jose, openid-client) without flags users should not
// need, so logins and refreshes happen in a plain Node process that shares the disk cache and its lock.
// The child prints no token: `okta-token warm` prints one line per identity, and tokens stay in the
// cache's 0600 files, where the caller reads them. Its failure line `okta-token: ERR_…: …` becomes an
// OktaError with that code.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { OktaError, type OktaErrorCode } from '../engine/errors.js';

// dist/cjs/jest/ → dist/cli/bin/okta-token.js: the same package's ESM build.
const CLI = path.join(__dirname, '..', '..', 'cli', 'bin', 'okta-token.js');
const FAILURE = /^okta-token: (ERR_[A-Z_]+): (.*)$/;

export interface ChildOptions {
  /** Where `.env` and a relative OKTA_CACHE_DIR resolve from. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Each stdout line (`okta: …`), as it comes. */
  line?: (line: string) => void;
  /** Each stderr line that is not the failure line (the engine's warnings), as it comes. */
  warn?: (line: string) => void;
}

/** Resolves when the CLI exits 0; rejects with an OktaError carrying the code of its failure line otherwise. */
export function runOktaToken(args: string[], options: ChildOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let failure: OktaError | undefined;
    const stderrTail: string[] = [];
    eachLine(child.stdout, (line) => options.line?.(line));
    eachLine(child.stderr, (line) => {
      const match = FAILURE.exec(line);
      if (match && !failure) failure = new OktaError(match[1] as OktaErrorCode, match[2]!);
      else if (!failure) {
        stderrTail.push(line);
        options.warn?.(line);
      }
    });
    child.on('error', (error) => reject(new OktaError('ERR_CONFIG', `Could not start okta-token (${CLI}): ${error.message}. Is playwright-okta built and installed?`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      // The CLI's messages are built to be printed; a crash without its failure line shows the last stderr
      // line (a Node error), which holds no secret either: nothing secret is in argv or on the child's stderr.
      reject(failure ?? new OktaError('ERR_CONFIG', `okta-token ${args[0] ?? ''} exited with ${signal ?? `code ${code}`}${stderrTail.length ? `: ${stderrTail.at(-1)}` : ''}`));
    });
  });
}

function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      onLine(pending.slice(0, end));
      pending = pending.slice(end + 1);
    }
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}
