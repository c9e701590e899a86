// Child processes of the package spec: npm, npx and the packaged emulator, each in its own process group
// so that stopping one stops what it started (npx → node). Output is kept for failure messages, scrubbed
// of tokens and the demo password first.
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { EmulatorAudit } from '../../src/emulator/types.js';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const RUN_TIMEOUT_MS = 4 * 60_000;

/** The parent's environment without what would configure the children: Playwright's own worker variables, Okta and app settings, npm's lifecycle. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(TEST_|PW_|PLAYWRIGHT_|OKTA_|APP_|npm_(?!config_cache$))/i.test(name)) continue;
    env[name] = value;
  }
  return { ...env, CI: '', FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

export function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // A guard against a hung child, not a wait: a healthy run ends long before.
    const timer = setTimeout(() => {
      stderr += `\n${command} ${args.join(' ')}: still running after ${RUN_TIMEOUT_MS} ms; stopped\n`;
      killGroup(child, 'SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Like `run`, but a non-zero exit is an error quoting the (scrubbed) output. */
export async function runOk(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Ran> {
  const ran = await run(command, args, options);
  if (ran.code !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${options.cwd} exited ${ran.code}:\n${scrub(ran.stdout)}\n${scrub(ran.stderr)}`);
  }
  return ran;
}

/** Tokens (JWTs, bearer values) and the demo seed's password out of anything the spec prints. */
export function scrub(text: string): string {
  return text
    .replace(/Bearer [\w.~+/=-]+/g, 'Bearer [redacted]')
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[jwt]')
    .replaceAll('Passw0rd!', '[password]');
}

export interface EmulatorProcess {
  issuer: string;
  orgUrl: string;
  /** What it printed first: `okta emulator: issuer … (org …)`. */
  line: string;
  authnCount(): Promise<number>;
  /** Who signed in and what it issued (the emulator's audit control). */
  audit(): Promise<EmulatorAudit>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// Whatever happens to the worker, no emulator outlives it.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/**
 * `npx okta-emulator --port N [flags]` in a project that installed the package (`--user LOGIN:PASSWORD`,
 * `--client …`, as a CI job starts it with `npx okta-emulator … &`); resolves once it prints its issuer.
 */
export function startEmulatorProcess(cwd: string, port: number, flags: string[] = []): Promise<EmulatorProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['okta-emulator', '--port', String(port), ...flags], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    const exited = new Promise<void>((done) => child.once('close', () => {
      running.delete(child);
      done();
    }));
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk;
      const match = /^okta emulator: issuer (\S+) \(org (\S+)\)$/m.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      const [line, issuer, orgUrl] = match as unknown as [string, string, string];
      const control = async <T>(name: string): Promise<T> => (await (await fetch(`${orgUrl}/__emulator/${name}`)).json()) as T;
      resolve({
        issuer,
        orgUrl,
        line,
        async authnCount() {
          const stats = await control<{ requests: Record<string, number> }>('stats');
          return stats.requests['POST /api/v1/authn'] ?? 0;
        },
        audit: () => control<EmulatorAudit>('audit'),
        async stop() {
          if (child.exitCode === null && child.signalCode === null) killGroup(child, 'SIGTERM');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('close', (code) => reject(new Error(`okta-emulator exited ${code} before printing its issuer:\n${scrub(output)}`)));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
