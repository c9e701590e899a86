// The bench's child runs: the tests' child `playwright test` runner (tests/support/child-run.ts), with the
// generated projects in the bench's temp dirs and Playwright's JSON report read back for per-test timings.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  runPlaywright as runChild,
  writeProject as writeChildProject,
  type ChildRun,
} from '../tests/support/child-run.js';
import { tempDir } from './env.js';

export { repoRoot } from '../tests/support/child-run.js';
const REPORT_FILE = 'report.json';

export interface BenchRun extends ChildRun {
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

/** A new temporary project of `files`, removed with the bench's other temp dirs at the end. */
export async function writeProject(name: string, files: Record<string, string>): Promise<string> {
  return writeChildProject(files, await tempDir(name));
}

/** The reporter line for generated configs: JSON into the project dir, nothing on the console. */
export const JSON_REPORTER = `[['json', { outputFile: ${JSON.stringify(REPORT_FILE)} }]]`;

/** A child run of a project in `cwd`, with Playwright's JSON report read back. */
export async function runPlaywright(
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<BenchRun> {
  const run = await runChild(args, options);
  return { ...run, report: await readReport(options.cwd) };
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
export function assertPassed(run: BenchRun, what: string, expectedTests: number): void {
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
