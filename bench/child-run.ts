// A real child `playwright test` on a generated project, timed from spawn to exit, with a time limit.
// The project lives in a temp dir with a `node_modules` link to ours, so its specs can import
// `@playwright/test` (the same copy our fixtures use) and `FIXTURES` stands for our fixtures' path.
import { spawn } from 'node:child_process';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { tempDir } from './env.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');
const REPORT_FILE = 'report.json';

export interface ChildRun {
  code: number | null;
  output: string;
  /** Spawn to exit: what a person running the suite waits. */
  wallMs: number;
  /** Playwright's JSON report (reporter `json`, written to `report.json`). */
  report: JsonReport | undefined;
}

export interface JsonReport {
  stats: { duration: number; expected: number; unexpected: number; flaky: number; skipped: number };
  suites: JsonSuite[];
  errors?: Array<{ message?: string }>;
}
interface JsonSuite {
  title: string;
  specs?: Array<{ title: string; tests: Array<{ results: Array<{ duration: number; status: string; workerIndex: number }> }> }>;
  suites?: JsonSuite[];
}

/** Writes `files` into a new project dir; `'FIXTURES'` in a file is replaced by our fixtures' path. */
export async function writeProject(name: string, files: Record<string, string>): Promise<string> {
  const dir = await tempDir(name);
  const fixtures = JSON.stringify(path.join(repoRoot, 'fixtures', 'index.ts'));
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [file, content] of Object.entries(files)) {
    await writeFile(path.join(dir, file), content.replaceAll("'FIXTURES'", fixtures));
  }
  return dir;
}

/** The reporter line for generated configs: JSON into the project dir, nothing on the console. */
export const JSON_REPORTER = `[['json', { outputFile: ${JSON.stringify(REPORT_FILE)} }]]`;

export function runPlaywright(
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [playwrightCli, 'test', ...args], {
      cwd: options.cwd,
      env: { ...parentEnv(), CI: '', FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a run over its time limit can be stopped with its workers.
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\nbench: the run took longer than ${options.timeoutMs} ms and was stopped\n`;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      readReport(options.cwd).then((report) => resolve({ code, output, wallMs, report }), reject);
    });
  });
}

export interface TestResult {
  title: string;
  duration: number;
  status: string;
  workerIndex: number;
}

/** Every test result in the report: the test's title, its duration in ms, its status and its worker. */
export function testResults(report: JsonReport): TestResult[] {
  const results: TestResult[] = [];
  const visit = (suite: JsonSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        for (const result of test.results) results.push({ title: spec.title, duration: result.duration, status: result.status, workerIndex: result.workerIndex });
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
  return results;
}

/** Throws with the child's output tail when a run did not pass every test. */
export function assertPassed(run: ChildRun, what: string, expectedTests: number): void {
  const stats = run.report?.stats;
  if (run.code === 0 && stats && stats.expected === expectedTests && stats.unexpected === 0) return;
  const counts = stats ? `${stats.expected} passed, ${stats.unexpected} failed, ${stats.flaky} flaky` : 'no JSON report';
  const firstError = run.report?.errors?.[0]?.message ?? '';
  throw new Error(`${what}: exit code ${run.code}, ${counts} (expected ${expectedTests} passed).\n${firstError}\n${run.output.slice(-3000)}`);
}

async function readReport(dir: string): Promise<JsonReport | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, REPORT_FILE), 'utf8')) as JsonReport;
  } catch {
    return undefined;
  }
}

/** Our own Playwright, Okta and app variables would confuse or configure the child: it gets only ours. */
function parentEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(TEST_|PW_|PLAYWRIGHT_|OKTA_|APP_)/.test(name)) continue;
    env[name] = value;
  }
  return env;
}
