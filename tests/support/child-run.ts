// Runs a real child `playwright test` (the way Playwright tests its own fixtures): inline spec files in a
// temporary project that imports our fixtures, or the repository's own config, with the environment given.
// The tests and the benchmarks both use it.
import { spawn } from 'node:child_process';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { scratchDir } from './scratch.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');
/** Our global setup and teardown as a child run's config names them: the built package's (JSON strings). */
export const GLOBAL_SETUP = JSON.stringify(path.join(repoRoot, 'dist', 'playwright', 'global-setup.js'));
export const GLOBAL_TEARDOWN = JSON.stringify(path.join(repoRoot, 'dist', 'playwright', 'global-teardown.js'));
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export interface ChildRun {
  code: number | null;
  output: string;
  /** The JSON reporter's counts, when the run was asked for them (`json: true`). */
  stats?: { expected: number; unexpected: number; skipped: number; flaky: number };
  /** Spawn to exit: what a person running the suite waits. */
  wallMs: number;
}

/**
 * A project of `files` (in `dir`, or a new temporary one). `'FIXTURES'` in a file becomes our fixtures'
 * path; a `node_modules` link lets its specs import `@playwright/test`, the same copy our fixtures use.
 */
export async function writeProject(files: Record<string, string>, dir?: string): Promise<string> {
  const project = dir ?? (await scratchDir('okta-fixtures-'));
  const fixtures = JSON.stringify(path.join(repoRoot, 'dist', 'playwright', 'index.js'));
  await writeFile(path.join(project, 'package.json'), '{ "type": "module" }\n');
  await symlink(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(project, name), content.replaceAll("'FIXTURES'", fixtures));
  }
  return project;
}

export async function runPlaywright(
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number; json?: boolean },
): Promise<ChildRun> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const scratch = await scratchDir('okta-child-run-');
  const extra: string[] = [];
  // A run of this repository's own config gets its own output directory: in the outer run's
  // test-results/ its artifacts would mix with (and be deleted by) the outer run's, e.g. with --trace on.
  if (path.resolve(options.cwd) === repoRoot && !args.some((arg) => arg.startsWith('--output'))) extra.push(`--output=${path.join(scratch, 'test-results')}`);
  const jsonFile = path.join(scratch, 'report.json');
  // A run that names its reporters (e.g. the HTML report too) keeps them; it must include json for the counts.
  if (options.json && !args.some((arg) => arg.startsWith('--reporter'))) extra.push('--reporter=list,json');
  const run = await new Promise<ChildRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [playwrightCli, 'test', ...args, ...extra], {
      cwd: options.cwd,
      env: childRunEnv({ ...(options.json ? { PLAYWRIGHT_JSON_OUTPUT_FILE: jsonFile } : {}), ...options.env }),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a run over its time limit is stopped with its workers and servers.
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\nchild run: took longer than ${timeoutMs} ms and was stopped\n`;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, wallMs: performance.now() - started });
    });
  });
  if (options.json) {
    const report = JSON.parse(await readFile(jsonFile, 'utf8').catch(() => '{}')) as { stats?: ChildRun['stats'] };
    if (report.stats) {
      const { expected, unexpected, skipped, flaky } = report.stats;
      run.stats = { expected, unexpected, skipped, flaky };
    }
  }
  await rm(scratch, { recursive: true, force: true });
  return run;
}

/** A child process's environment: ours without what would confuse or configure it, not CI, no colour, plus `env`. */
export function childRunEnv(env: Record<string, string>): Record<string, string> {
  return { ...parentEnvWithoutPlaywright(), CI: '', FORCE_COLOR: '0', ...env };
}

/** The parent run's worker variables would confuse the child runner; Okta and app variables would configure it. */
function parentEnvWithoutPlaywright(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(TEST_|PW_|PLAYWRIGHT_|OKTA_|APP_)/.test(name)) continue;
    env[name] = value;
  }
  return env;
}
